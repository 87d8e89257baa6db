import Foundation
import Module4

/// What the two forms of `minitorch train --module 4` (images in `ImageTraining`, sentences in
/// `SentimentTraining`) share.
enum Module4Training {
  /// `--dataset NAME`: chooses the form (digits and fashion: images; sentiment: sentences).
  static let dataset: Option<String> = .choice(
    "dataset", from: ["digits", "fashion", "sentiment"], default: "digits",
    "which data: images of digits or clothes, or sentences")

  /// The backends `--backend` accepts, by name.
  static let backends: [String: TensorBackend] = ["simple": .simple, "fast": .fast]

  /// `--backend B`.
  static let backend: Option<String> = .choice(
    "backend", "B", from: backends.keys.sorted(), default: "fast",
    "Module 3's fast backend or Module 2's simple loops")

  /// `--subset N`.
  static let subset: Option<Int?> = .integer(
    "subset", in: 1...10_000_000, "train on only the first N training examples")

  /// The options every Module 4 form takes, `--dataset` and `--module` among them.
  static let common = [
    TrainCommand.module.declaration, dataset.declaration, backend.declaration,
  ]
}

/// A progress line for mini-batch training: on a terminal, one line that redraws itself per
/// batch (at most about 20 times a second) and is replaced by the epoch's summary; elsewhere
/// (a log, a pipe, CI) only the epoch summaries.
struct BatchProgress {
  private let interactive = isatty(STDOUT_FILENO) == 1
  private let clock = ContinuousClock()
  private var lastDraw = ContinuousClock.now

  /// Shows how far the epoch has come.
  mutating func show(_ report: ClassifierBatchReport, epochs: Int) {
    guard interactive else { return }
    let now = clock.now
    guard report.batch == report.batches || now - lastDraw > .milliseconds(50) else { return }
    lastDraw = now
    let width = 24
    let filled = width * report.batch / Swift.max(report.batches, 1)
    let bar =
      "[" + String(repeating: "=", count: filled)
      + String(repeating: " ", count: width - filled) + "]"
    print(
      "\r\(bar) epoch \(report.epoch)/\(epochs)  batch \(report.batch)/\(report.batches)"
        + "  loss \(format(report.loss, digits: 4))\u{1B}[K", terminator: "")
    fflush(nil)
  }

  /// Prints an epoch's summary line (over the progress line on a terminal).
  /// `heldOut` names the examples measured after each epoch ("validation", "dev"), `examples`
  /// what they are ("images").
  func epochLine(_ report: ClassifierEpochReport, heldOut: String, examples: String) {
    let epochs = String(report.epochs)
    let epoch =
      String(repeating: " ", count: epochs.count - String(report.epoch).count)
      + String(report.epoch)
    let line =
      "epoch \(epoch)/\(epochs)  loss \(format(report.trainingLoss, digits: 4))"
      + "  training \(percent(report.trainingAccuracy))"
      + "  \(heldOut) \(percent(report.validationAccuracy)) "
      + "(\(report.validationCorrect)/\(report.validationTotal) \(examples))"
      + "  \(format(report.seconds, digits: 2)) s"
    print((interactive ? "\r" : "") + line + (interactive ? "\u{1B}[K" : ""))
  }
}
