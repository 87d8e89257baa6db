import Foundation
import Module1

/// Shows training progress: on a terminal, one line that redraws itself with a bar; otherwise
/// (a log file, a pipe, CI) a plain line every so often, so logs stay readable.
struct ProgressDisplay {
  private let epochs: Int
  private let interactive = isatty(STDOUT_FILENO) == 1
  private var lastDraw = ContinuousClock.now
  private let clock = ContinuousClock()

  /// A display for a run of `epochs` epochs.
  init(epochs: Int) {
    self.epochs = epochs
  }

  /// Shows one epoch's report (on a terminal at most about 20 times a second).
  mutating func show(_ report: EpochReport) {
    let line =
      "epoch \(pad(report.epoch, like: epochs))/\(epochs)  loss \(format(report.loss, digits: 4))"
      + "  correct \(report.correct)/\(report.total)"
      + "  \(format(1000 * report.seconds, digits: 2)) ms/epoch"
    if interactive {
      let now = clock.now
      guard report.epoch == epochs || now - lastDraw > .milliseconds(50) else { return }
      lastDraw = now
      print("\r\(bar(report.epoch)) \(line)\u{1B}[K", terminator: "")
      fflush(nil)  // flush every stream, so the line shows now
    } else if report.epoch == 1 || report.epoch % Swift.max(1, epochs / 10) == 0
      || report.epoch == epochs
    {
      print(line)
    }
  }

  /// Ends the redrawn line on a terminal.
  func finish() {
    if interactive {
      print()
    }
  }

  private func bar(_ epoch: Int) -> String {
    let width = 24
    let filled = width * epoch / Swift.max(epochs, 1)
    return "[" + String(repeating: "=", count: filled)
      + String(repeating: " ", count: width - filled) + "]"
  }

  private func pad(_ n: Int, like widest: Int) -> String {
    let text = String(n)
    return String(repeating: " ", count: Swift.max(0, String(widest).count - text.count)) + text
  }
}
