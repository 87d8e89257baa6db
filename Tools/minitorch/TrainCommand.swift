import Foundation
import Module4

/// `minitorch train`: trains the network of a module and shows how it learns. It reads
/// `--module` once and runs the form of the command that module has (module 4: one form for
/// images, one for sentences, chosen by `--dataset`); each form declares its own options.
enum TrainCommand {
  /// The modules `--module` may name; every one has a form in `forms`.
  static let moduleNumbers = 0...4

  /// `--module N`, shared by every form.
  static let module: Option<Int> = .integer(
    "module", in: moduleNumbers, default: 1,
    "whose network: 0 (Task 0.5's line set by hand), 1 (ScalarNetwork), 2 (TensorNetwork), "
      + "3 (TensorNetwork in mini-batches on the fast backend), 4 (convolutional networks)")

  /// A form of the command: the modules (and, for module 4, the datasets) that choose it, its
  /// options, what it does, and the code that runs it with the module number and the options.
  struct Form: Sendable {
    /// The `--module` values that choose this form.
    let modules: [Int]
    /// The `--dataset` values that choose it among the forms of one module (`nil`: any).
    let datasets: [String]?
    /// Its options; the table's form is how the help writes its usage.
    let table: OptionTable
    /// What it does, for the help.
    let about: String
    /// Trains: gets the module number and the options read by `table`.
    let run: @Sendable (Int, ParsedOptions) throws -> Int32
  }

  /// Every form, in help order.
  static let forms: [Form] = [
    ToyTraining.fullBatchForm, ToyTraining.miniBatchForm, HandSetClassifier.form,
    ImageTraining.form, SentimentTraining.form,
  ]

  /// The command's entry in `minitorch help`.
  static let command = Command(
    "train",
    summary:
      "train a network: toy datasets (modules 1-3), images and sentences (module 4); "
      + "Task 0.5's hand-set line (module 0)",
    help: help, run: run)

  /// Reads `--module` (and for module 4 `--dataset`), then the options of the form they
  /// choose, and trains.
  static func run(_ words: [String]) throws -> Int32 {
    let module = try OptionTable.peek(Self.module, in: words)
    var candidates = forms.filter { $0.modules.contains(module) }
    if candidates.count > 1 {
      let dataset = try OptionTable.peek(Module4Training.dataset, in: words)
      candidates = candidates.filter { $0.datasets?.contains(dataset) ?? true }
    }
    guard let form = candidates.first else {
      preconditionFailure("minitorch train has no form for --module \(module)")
    }
    let options = try form.table.read(words, others: forms.map(\.table))
    return try form.run(module, options)
  }

  /// The help: every form's usage, what it does and its options (an option already listed
  /// with the same meaning in an earlier form is named as "as above").
  static var help: String {
    var shown: [String: String] = [:]
    var sections = [
      "usage: minitorch train [--module N] [options]\n\n"
        + "Trains the network of a module; each module's options follow.\n\n"
        + OptionTable("train", [module.declaration]).optionList()
    ]
    for form in forms {
      let listed = form.table.options.filter { !form.table.fixed.contains($0.name) }
      let repeated = Set(listed.filter { shown[$0.name] == entry($0) }.map(\.name))
      sections.append(
        [form.table.usageLine, form.about, form.table.optionList(shownAbove: repeated)]
          .joined(separator: "\n\n"))
      for option in listed { shown[option.name] = entry(option) }
    }
    return sections.joined(separator: "\n\n\n")
  }

  /// What the help says about `option`, to tell whether two forms' options are the same.
  private static func entry(_ option: OptionDeclaration) -> String {
    [option.meaning, option.allowed ?? "", option.defaultText ?? ""].joined(separator: "|")
  }

  // MARK: Options of several forms

  /// `--seed N`, of every form.
  static let seed: Option<Int> = .integer(
    "seed", in: 0...Int.max, default: 0,
    "seed for the data, the initial weights and everything random in training: dropout, "
      + "shuffles, the validation split")
  /// `--report FILE`, of the forms that draw their run.
  static let report: Option<OutputFile?> = .outputFile(
    "report", example: "report.html",
    "also write FILE, one self-contained HTML page (inline SVG, no network needed) for a "
      + "browser or a projector: the data and the decision boundary (modules 0-3), the loss "
      + "and accuracy curves, sample test images and the confusion matrix (module 4), sliders "
      + "for the weights and bias (module 0)")
}

/// A run that stopped because its loss ran away (NaN, infinite, or 100 times where it started);
/// the message names the epoch (and the batch) and the option to change.
struct DivergedRun: Error, CustomStringConvertible {
  /// What the training loop reported.
  let cause: TrainingDiverged
  /// The epochs the run was meant to have.
  let epochs: Int

  /// `training stopped at epoch 3 of 500: the loss became infinite. …`, or `at epoch 2 of 20,
  /// batch 7: …` when one batch's loss ran away.
  var description: String {
    "training stopped at epoch \(cause.epoch) of \(epochs)"
      + (cause.batch.map { ", batch \($0)" } ?? "") + ": the loss \(cause.whatHappened). "
      + "The steps are too large for --rate \(format(cause.rate)) and the weights ran away; "
      + "try a smaller --rate, such as \(format(cause.suggestedRate))."
  }
}
