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

  /// `epoch 120/500  loss 12.3456  correct 48/50  1.23 ms/epoch`: the network after the epoch
  /// (the report's `evaluation`, every point of the dataset).
  static func line(_ report: EpochReport, epochs: Int) -> String {
    let after = report.evaluation
    return "epoch \(ProgressBar.count(report.epoch, of: epochs))"
      + "  loss \(format(after.totalLoss, digits: 4))"
      + "  correct \(after.correct.map(String.init) ?? "?")/\(after.count)"
      + "  \(format(1000 * report.seconds, digits: 2)) ms/epoch"
  }

  private func bar(_ epoch: Int) -> String {
    ProgressBar.bar(epoch, of: epochs)
  }
}

/// A progress line for mini-batch training (Module 4): on a terminal, one line that redraws
/// itself per batch (at most about 20 times a second) and is replaced by the epoch's summary;
/// elsewhere (a log, a pipe, CI) only the epoch summaries.
struct BatchProgress {
  private let interactive = Terminal.isInteractive
  private let clock = ContinuousClock()
  private var lastDraw = ContinuousClock.now

  /// Shows how far the epoch has come.
  mutating func show(_ report: BatchReport, epochs: Int) {
    guard interactive else { return }
    let now = clock.now
    guard report.batch == report.batches || now - lastDraw > .milliseconds(50) else { return }
    lastDraw = now
    print(
      "\r\(ProgressBar.bar(report.batch, of: report.batches)) epoch \(report.epoch)/\(epochs)"
        + "  batch \(report.batch)/\(report.batches)  loss \(format(report.loss, digits: 4))"
        + Terminal.clearToEndOfLine, terminator: "")
    fflush(nil)
  }

  /// Prints an epoch's summary line (over the progress line on a terminal).
  /// `heldOut` names the examples measured after each epoch ("validation", "dev"), `examples`
  /// what they are ("images").
  func epochLine(_ report: EpochReport, heldOut: String, examples: String) {
    let (training, after) = (report.training, report.evaluation)
    let line =
      "epoch \(ProgressBar.count(report.epoch, of: report.epochs))"
      + "  loss \(format(training.meanLoss, digits: 4))"
      + "  training \(training.accuracy.map(percent) ?? "?")"
      + "  \(heldOut) \(after.accuracy.map(percent) ?? "?") "
      + "(\(after.correct.map(String.init) ?? "?")/\(after.count) \(examples))"
      + "  \(format(report.seconds, digits: 2)) s"
    print((interactive ? "\r" : "") + line + (interactive ? Terminal.clearToEndOfLine : ""))
  }

  /// Ends the display when training stopped early: moves past the redrawn line, and flushes
  /// what was printed so that an error message on standard error comes after it.
  func abandon() {
    if interactive {
      print()
    }
    fflush(nil)
  }
}

/// The pieces both progress displays draw.
enum ProgressBar {
  /// `[=========               ]`: `done` of `total` as a bar of 24 characters.
  static func bar(_ done: Int, of total: Int) -> String {
    let width = 24
    let filled = width * done / Swift.max(total, 1)
    return "[" + String(repeating: "=", count: filled)
      + String(repeating: " ", count: width - filled) + "]"
  }

  /// ` 7/500`: `number` right-aligned to the width of `total`, so that lines stay aligned.
  static func count(_ number: Int, of total: Int) -> String {
    let text = String(number)
    return String(repeating: " ", count: Swift.max(0, String(total).count - text.count))
      + "\(text)/\(total)"
  }
}
