import Foundation
import Module3
import Pictures
import Reports

/// `minitorch train --module 1|2|3`: trains the network of Task 1.5, 2.5 or 3.5 on a toy
/// dataset and shows how it learns.
enum ToyTraining {
  /// A module's network: its name, its documented settings and how to train it.
  struct Network: Sendable {
    /// The module it belongs to.
    let module: Int
    /// `ScalarNetwork` or `TensorNetwork`.
    let name: String
    /// The documented settings for a dataset.
    let settings: @Sendable (String) -> TrainingSettings
    /// A fresh network with `hidden` units per layer from `seed`, ready to train (module 3's
    /// in batches of `batchSize`).
    let trainer: @Sendable (_ hidden: Int, _ seed: UInt64, _ batchSize: Int?) -> Trainer
  }

  /// The networks of modules 1, 2 and 3, by module.
  static let networks: [Int: Network] = [
    1: Network(
      module: 1, name: "ScalarNetwork", settings: { ScalarNetwork.recommendedSettings(for: $0) },
      trainer: { hidden, seed, _ in .scalar(hidden: hidden, seed: seed) }),
    2: Network(
      module: 2, name: "TensorNetwork", settings: { TensorNetwork.recommendedSettings(for: $0) },
      trainer: { hidden, seed, _ in .tensor(hidden: hidden, seed: seed) }),
    3: Network(
      module: 3, name: "TensorNetwork", settings: { TensorNetwork.batchSettings(for: $0) },
      trainer: { hidden, seed, batch in
        .batched(hidden: hidden, seed: seed, batchSize: batch ?? 1)
      }),
  ]

  // MARK: Options

  /// `--dataset NAME`, shared with module 0.
  static let dataset: Option<String> = .choice(
    "dataset", from: Datasets.names, default: "xor", "which toy dataset")
  /// `--points N`, shared with module 0.
  static let points: Option<Int> = .integer(
    "points", in: 1...100_000, default: 50, "how many points")
  /// The default of the options the documented settings give.
  private static let fromSettings = "the module's settings for the dataset (table above)"
  /// `--hidden N`.
  static let hidden: Option<Int?> = .integer(
    "hidden", in: 1...10_000, defaultText: fromSettings, "hidden units per layer")
  /// `--rate R`.
  static let rate: Option<Double?> = .number(
    "rate", in: 1e-9...1e9, defaultText: fromSettings, "learning rate")
  /// `--epochs N`.
  static let epochs: Option<Int?> = .integer(
    "epochs", in: 1...10_000_000, defaultText: fromSettings, "passes over the data")
  /// `--batch N`.
  static let batch: Option<Int?> = .integer(
    "batch", in: 1...100_000, defaultText: fromSettings, "points per step")

  /// The options of modules 1 and 2 (one step per epoch on every point).
  static let fullBatchOptions = [
    TrainCommand.module.declaration, dataset.declaration, points.declaration,
    hidden.declaration, rate.declaration, epochs.declaration, TrainCommand.seed.declaration,
    TrainCommand.report.declaration,
  ]

  /// `minitorch train [--module 1|2]`.
  static let fullBatchForm = TrainCommand.Form(
    modules: [1, 2], datasets: nil,
    table: OptionTable(
      "train [--module 1|2]", fullBatchOptions, fixed: ["module"],
      title: "train --module 1 or 2"),
    about: """
      Trains the network of Task 1.5 (ScalarNetwork, --module 1, the default) or Task 2.5
      (TensorNetwork, --module 2, one step per epoch on the whole dataset) on one of
      minitorch's toy datasets. On a terminal, a map of what the network predicts redraws as it
      learns, with a progress line below it; in a log, a line every tenth of the run. Each
      epoch line and the summary describe the network after that epoch's steps, so the last
      line and the summary agree. At the end: the map, the loss curve of the whole run and a
      summary with the time per epoch.

      The map: ▒ where the network predicts label 1, · where it predicts 0; the points as x
      (label 1) and o (label 0), in capitals where the prediction is wrong.

      spiral is not learnable by the small networks of Modules 1 and 2: with the documented
      settings they stay near chance (26 to 30 of 50), and even 50 hidden units for 3000 epochs
      reach only about 40. It is there to show that limit; Module 3's bigger network, trained
      in mini-batches, learns it (--module 3 --dataset spiral).

      A run whose loss runs away (NaN, infinite, or 100 times where it started) stops and names
      the epoch; try a smaller --rate.

      The documented settings (hidden, rate, epochs, and for module 3 the batch size):
      \(settingsSummary)
      """,
    run: run)

  /// `minitorch train --module 3`.
  static let miniBatchForm = TrainCommand.Form(
    modules: [3], datasets: nil,
    table: OptionTable(
      "train --module 3", fullBatchOptions + [batch.declaration], fixed: ["module"],
      title: "train --module 3"),
    about: """
      Trains the network of Task 3.5 (TensorNetwork on the fast backend, a step per shuffled
      mini-batch) in the same way.
      """,
    run: run)

  /// The documented settings of every module and dataset: a table with one line per dataset
  /// and one column per module.
  static var settingsSummary: String {
    let modules = networks.keys.sorted()
    func cell(_ text: String, _ width: Int = 15) -> String {
      text.padding(toLength: width, withPad: " ", startingAt: 0)
    }
    let indent = String(repeating: " ", count: 4)
    var lines = [indent + cell("dataset", 8) + modules.map { cell("module \($0)") }.joined()]
    for name in Datasets.names {
      let cells = modules.map { module in
        let s = networks[module]!.settings(name)
        let batch = s.batchSize.map { ", \($0)" } ?? ""
        return cell("\(s.hidden), \(s.rate), \(s.epochs)\(batch)", module == 3 ? 20 : 15)
      }
      lines.append(indent + cell(name, 8) + cells.joined())
    }
    return lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }
      .joined(separator: "\n")
  }

  // MARK: Training

  /// Trains the network of `module` as `options` say.
  static func run(_ module: Int, _ options: ParsedOptions) throws -> Int32 {
    guard let network = networks[module] else {
      preconditionFailure("no toy network for module \(module)")
    }
    let name = options[Self.dataset]
    let recommended = network.settings(name)
    let hidden = options[Self.hidden] ?? recommended.hidden
    let rate = options[Self.rate] ?? recommended.rate
    let epochs = options[Self.epochs] ?? recommended.epochs
    // Only module 3's network trains in batches, and only its form takes --batch.
    let batchSize = recommended.batchSize.map { options[Self.batch] ?? $0 }
    let seed = options[TrainCommand.seed]
    let reportFile = options[TrainCommand.report]

    guard let dataset = Datasets.make(name, points: options[points], seed: UInt64(seed)) else {
      throw UsageError("unknown dataset \(name)")
    }
    let batches = batchSize.map { ", batches of \($0) on the fast backend" } ?? ""
    let settings =
      "\(counted(dataset.count, "point")), rate \(format(rate)), "
      + "\(counted(epochs, "epoch"))\(batches), seed \(seed)"
    print("Training \(network.name) (2 → \(hidden) → \(hidden) → 1) on \(name), \(settings)")
    if name == "spiral" && module < 3 {
      print(
        "Note: spiral is beyond this small network; expect it to stay far from "
          + "\(dataset.count)/\(dataset.count). Module 3's network learns it.")
    }

    let trainer = network.trainer(hidden, UInt64(seed), batchSize)
    let map = DecisionMap(dataset: dataset)
    var progress = ProgressDisplay(epochs: epochs, map: map) {
      map.render(probabilities: trainer.probabilities)
    }
    var losses: [Double] = []
    var accuracies: [Double] = []
    var trainingSeconds = 0.0
    let clock = ContinuousClock()
    let start = clock.now
    progress.start()
    let last: EpochReport
    do {
      last = try trainer.train(on: dataset, rate: rate, epochs: epochs) { report in
        progress.show(report)
        losses.append(report.evaluation.totalLoss)
        accuracies.append(100 * (report.evaluation.accuracy ?? 0))
        trainingSeconds += report.seconds
      }
    } catch {
      progress.abandon()
      if !losses.isEmpty {
        print(LossCurve(losses: losses).render())
        fflush(nil)  // the history before the message on standard error
      }
      throw DivergedRun(cause: error, epochs: epochs)
    }
    progress.finish()
    let seconds = (clock.now - start).seconds
    print(LossCurve(losses: losses).render())
    let trained = last.evaluation
    print(
      "Done: \(trained.correct ?? 0)/\(trained.count) correct on \(name) after "
        + "\(counted(epochs, "epoch")), final loss \(format(trained.totalLoss, digits: 4)), "
        + "\(format(seconds, digits: 2)) s, "
        + "\(format(1000 * trainingSeconds / Double(epochs), digits: 2)) ms/epoch")
    guard let reportFile else { return 0 }
    var report = TrainingReport(
      title: "Module \(module): \(network.name) on \(name)",
      facts: [
        "2 → \(hidden) → \(hidden) → 1, \(settings)",
        "after training: \(trained.correct ?? 0)/\(trained.count) correct, loss "
          + format(trained.totalLoss, digits: 4),
      ])
    report.decision = ReportFile.decisionPlot(dataset, probabilities: trainer.probabilities)
    report.charts = ReportFile.curves(
      loss: "total binary cross-entropy", [("training", losses, accuracies)])
    return ReportFile.write(report, to: reportFile)
  }
}
