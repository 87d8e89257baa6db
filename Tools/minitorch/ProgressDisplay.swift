import Foundation
import Module1
import Pictures

/// Shows training progress in one of three ways:
///
/// - on a terminal tall enough for the decision map, the map and a progress line below it,
///   redrawn in place: the line up to 20 times a second, the map about 40 times over the run
///   (less often when drawing it would cost more than a quarter of the run's time), so a
///   lecture can watch the boundary form;
/// - on a smaller terminal, the progress line alone, redrawn in place, and the map at the end;
/// - anywhere else (a log file, a pipe, CI), a plain line at epoch 1, every tenth of the run
///   and the last epoch, and the map at the end.
struct ProgressDisplay {
  /// How the progress is shown.
  enum Mode: Equatable {
    /// Map and line, redrawn in place.
    case liveMap
    /// One redrawn line; the map at the end.
    case liveLine
    /// Plain lines; the map at the end.
    case log
  }

  /// How this display shows progress.
  let mode: Mode
  private let epochs: Int
  private let map: DecisionMap
  private let drawMap: () -> String
  private let clock = ContinuousClock()
  private var lastLine: ContinuousClock.Instant
  private var lastMap: ContinuousClock.Instant
  private var mapCost: Duration = .zero
  private var drawnMap = false

  /// A display for a run of `epochs` epochs whose decision map is `map`, drawn by `drawMap`
  /// (which asks the network being trained, so each call shows its current state).
  init(epochs: Int, map: DecisionMap, drawMap: @escaping () -> String) {
    self.epochs = epochs
    self.map = map
    self.drawMap = drawMap
    if let rows = Terminal.rows {
      mode = rows > map.lineCount + 1 ? .liveMap : .liveLine
    } else {
      mode = Terminal.isInteractive ? .liveLine : .log
    }
    lastLine = clock.now
    lastMap = clock.now
  }

  /// Shows one epoch's report.
  mutating func show(_ report: EpochReport) {
    let line = Self.line(report, epochs: epochs)
    let isLast = report.epoch == epochs
    switch mode {
    case .log:
      if report.epoch == 1 || report.epoch % Swift.max(1, epochs / 10) == 0 || isLast {
        print(line)
      }
    case .liveLine:
      guard isLast || clock.now - lastLine > .milliseconds(50) else { return }
      lastLine = clock.now
      print("\r\(bar(report.epoch)) \(line)\(Terminal.clearToEndOfLine)", terminator: "")
      fflush(nil)  // flush every stream, so the line shows now
    case .liveMap:
      let now = clock.now
      let mapDue =
        isLast
        || (report.epoch % Swift.max(1, epochs / 40) == 0 && now - lastMap > mapCost * 3)
      guard mapDue || now - lastLine > .milliseconds(50) else { return }
      redraw("\(bar(report.epoch)) \(line)", withMap: mapDue)
    }
  }

  /// On a terminal with room for it, draws the map of the untrained network before the first
  /// epoch.
  mutating func start() {
    if mode == .liveMap {
      redraw("\(bar(0)) epoch 0/\(epochs)  (the untrained network)", withMap: true)
    }
  }

  /// Rewrites the progress line, and the map above it first when `withMap` is true.
  private mutating func redraw(_ line: String, withMap: Bool) {
    let start = clock.now
    lastLine = start
    var text = "\r"
    if withMap {
      let picture = drawMap()
      lastMap = clock.now
      mapCost = lastMap - start
      // Back to the top of the previous picture (the cursor is on the progress line below it).
      if drawnMap {
        text = Terminal.up(map.lineCount)
      }
      for pictureLine in picture.split(separator: "\n", omittingEmptySubsequences: false) {
        text += pictureLine + Terminal.clearToEndOfLine + "\n"
      }
      drawnMap = true
    }
    print(text + line + Terminal.clearToEndOfLine, terminator: "")
    fflush(nil)  // flush every stream, so the picture shows now
  }

  /// Ends the display after the last epoch: prints the final map where it was not already
  /// redrawn in place.
  func finish() {
    switch mode {
    case .liveMap:
      print()
    case .liveLine:
      print()
      print(drawMap())
    case .log:
      print(drawMap())
    }
  }

  /// Ends the display when training stopped early: moves past the redrawn line, and flushes
  /// what was printed so that an error message on standard error comes after it.
  func abandon() {
    if mode != .log {
      print()
    }
    fflush(nil)
  }

  /// `epoch 120/500  loss 12.3456  correct 48/50  1.23 ms/epoch`.
  static func line(_ report: EpochReport, epochs: Int) -> String {
    let epoch = String(report.epoch)
    let padding = String(repeating: " ", count: Swift.max(0, String(epochs).count - epoch.count))
    return "epoch \(padding)\(epoch)/\(epochs)  loss \(format(report.loss, digits: 4))"
      + "  correct \(report.correct)/\(report.total)"
      + "  \(format(1000 * report.seconds, digits: 2)) ms/epoch"
  }

  private func bar(_ epoch: Int) -> String {
    let width = 24
    let filled = width * epoch / Swift.max(epochs, 1)
    return "[" + String(repeating: "=", count: filled)
      + String(repeating: " ", count: width - filled) + "]"
  }
}
