import Foundation
import Module3
import Reports

/// `minitorch train`: trains a classifier on a toy dataset and shows how it learns.
enum TrainCommand {
  /// The modules whose network the command can train, each with its network's name.
  static let networks = [1: "ScalarNetwork", 2: "TensorNetwork", 3: "TensorNetwork"]

  /// The command's entry in `minitorch help`.
  static let command = Command(
    name: "train",
    summary:
      "train a network: toy datasets (modules 1-3), images and sentences (module 4); "
      + "Task 0.5's hand-set line (module 0)",
    usage: """
      usage: minitorch train [--module 1|2|3] [--dataset NAME] [--points N] [--hidden N]
                             [--rate R] [--epochs N] [--batch N] [--seed N] [--report FILE]

      Trains the network of Task 1.5 (scalars), Task 2.5 (tensors) or Task 3.5 (tensors in
      mini-batches, on the fast backend) on one of minitorch's toy datasets. On a terminal, a
      map of what the network predicts redraws as it learns, with a progress line below it; in
      a log, a line every tenth of the run. Each epoch line and the summary describe the
      network after that epoch's steps, so the last line and the summary agree. At the end:
      the map, the loss curve of the whole run and a summary with the time per epoch.

        --module N     whose network: 1 (ScalarNetwork), 2 (TensorNetwork, one step per epoch
                       on the whole dataset) or 3 (TensorNetwork, a step per mini-batch, on the
                       fast backend); default 1
        --dataset S    \(Datasets.names.joined(separator: ", ")); default xor
        --points N     how many points; default 50
        --hidden N     hidden units per layer
        --rate R       learning rate
        --epochs N     passes over the data
        --batch N      points per step (module 3 only)
                       Defaults: the module's settings for the dataset (hidden, rate, epochs,
                       and for module 3 the batch size):
      \(settingsSummary)
        --seed N       seed for the data, the initial weights and (module 3) the shuffles;
                       default 0
      \(ReportFile.optionHelp)

      The map: ▒ where the network predicts label 1, · where it predicts 0; the points as x
      (label 1) and o (label 0), in capitals where the prediction is wrong.

      spiral is not learnable by the small networks of Modules 1 and 2: with the documented
      settings they stay near chance (26 to 30 of 50), and even 50 hidden units for 3000 epochs
      reach only about 40. It is there to show that limit; Module 3's bigger network, trained
      in mini-batches, learns it (--module 3 --dataset spiral).

      A run whose loss runs away (NaN, infinite, or 100 times where it started) stops and names
      the epoch; try a smaller --rate.

      \(HandSetClassifier.usage)
      \(Module4Training.usage)
      """,
    run: run)

  /// The documented settings of `module`'s network for `dataset`.
  static func settings(module: Int, dataset: String) -> TrainingSettings {
    switch module {
    case 1: ScalarNetwork.recommendedSettings(for: dataset)
    case 2: TensorNetwork.recommendedSettings(for: dataset)
    default: TensorNetwork.batchSettings(for: dataset)
    }
  }

  /// The documented settings of every module and dataset: a table with one line per dataset
  /// and one column per module.
  static var settingsSummary: String {
    let modules = networks.keys.sorted()
    func cell(_ text: String, _ width: Int = 15) -> String {
      text.padding(toLength: width, withPad: " ", startingAt: 0)
    }
    let indent = String(repeating: " ", count: 17)
    var lines = [indent + cell("dataset", 8) + modules.map { cell("module \($0)") }.joined()]
    for name in Datasets.names {
      let cells = modules.map { module in
        let s = settings(module: module, dataset: name)
        let batch = s.batchSize.map { ", \($0)" } ?? ""
        return cell("\(s.hidden), \(s.rate), \(s.epochs)\(batch)", module == 3 ? 20 : 15)
      }
      lines.append(indent + cell(name, 8) + cells.joined())
    }
    return lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }
      .joined(separator: "\n")
  }

  static func run(_ options: inout Arguments) throws -> Int32 {
    if Module4Training.isRequested(options) { return try Module4Training.run(&options) }
    if HandSetClassifier.isRequested(options) { return try HandSetClassifier.run(&options) }
    let module = try options.int("module", default: 1, in: 1...3)
    let name = try options.choice("dataset", from: Datasets.names, default: "xor")
    let points = try options.int("points", default: 50, in: 1...100_000)
    let recommended = settings(module: module, dataset: name)
    let hidden = try options.int("hidden", default: recommended.hidden, in: 1...10_000)
    let rate = try options.double("rate", default: recommended.rate, in: 1e-9...1e9)
    let epochs = try options.int("epochs", default: recommended.epochs, in: 1...10_000_000)
    let batchSize: Int?
    if let recommendedBatch = recommended.batchSize {
      batchSize = try options.int("batch", default: recommendedBatch, in: 1...100_000)
    } else {
      guard try options.string("batch") == nil else {
        throw UsageError(
          "--batch is for --module 3; modules 1 and 2 take one step per epoch on every point")
      }
      batchSize = nil
    }
    let seed = try options.int("seed", default: 0, in: 0...Int.max)
    let reportPath = try options.string("report")
    try options.finish()
    if let reportPath { try ReportFile.checkFolder(of: reportPath) }

    guard let dataset = Datasets.make(name, points: points, seed: UInt64(seed)) else {
      throw UsageError("unknown dataset \(name)")
    }
    let batches = batchSize.map { ", batches of \($0) on the fast backend" } ?? ""
    print(
      "Training \(networks[module]!) (2 → \(hidden) → \(hidden) → 1) on \(name), "
        + "\(dataset.count) points, rate \(format(rate)), \(epochs) epochs\(batches), seed \(seed)")
    if name == "spiral" && module < 3 {
      print(
        "Note: spiral is beyond this small network; expect it to stay far from "
          + "\(dataset.count)/\(dataset.count). Module 3's network learns it.")
    }

    let trainer = Trainer(module: module, hidden: hidden, seed: UInt64(seed), batchSize: batchSize)
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
        losses.append(report.loss)
        accuracies.append(100 * Double(report.correct) / Double(report.total))
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
    print(
      "Done: \(last.correct)/\(last.total) correct on \(name) after \(epochs) epochs, "
        + "final loss \(format(last.loss, digits: 4)), \(format(seconds, digits: 2)) s, "
        + "\(format(1000 * trainingSeconds / Double(epochs), digits: 2)) ms/epoch")
    if let reportPath {
      var report = TrainingReport(
        title: "Module \(module): \(networks[module]!) on \(name)",
        facts: [
          "2 → \(hidden) → \(hidden) → 1, \(dataset.count) points, rate \(format(rate)), "
            + "\(epochs) epochs\(batches), seed \(seed)",
          "after training: \(last.correct)/\(last.total) correct, loss "
            + format(last.loss, digits: 4),
        ])
      report.decision = ReportFile.decisionPlot(dataset, probabilities: trainer.probabilities)
      report.charts = [
        (
          "Loss per epoch (total binary cross-entropy)",
          LineChart(
            id: "loss-curve", valueName: "loss", series: [.init(name: "loss", values: losses)])
        ),
        (
          "Accuracy per epoch",
          LineChart(
            id: "accuracy-curve", valueName: "correct (%)",
            series: [.init(name: "correct (%)", values: accuracies)], top: 100)
        ),
      ]
      try ReportFile.write(report, to: reportPath)
    }
    return 0
  }
}

/// The network of one module, behind the two things the command needs: training it and asking
/// it for probabilities.
struct Trainer {
  /// Trains the network; see `trainScalarNetwork` and `trainTensorNetwork`.
  private let run:
    (Dataset, Double, Int, (EpochReport) -> Void) throws(TrainingDiverged) -> EpochReport
  /// The network's probability of label 1 at each point, in the current state of training.
  let probabilities: ([(Double, Double)]) -> [Double]

  /// The network of `module` (1, 2 or 3) with `hidden` units per layer, initialised from
  /// `seed`; module 3's trains in batches of `batchSize` points (shuffled from `seed`) on the
  /// fast backend.
  init(module: Int, hidden: Int, seed: UInt64, batchSize: Int? = nil) {
    precondition(module != 3 || batchSize != nil, "Trainer: module 3 needs a batch size")
    if module == 1 {
      let network = ScalarNetwork(hidden: hidden, seed: seed)
      run = { dataset, rate, epochs, onEpoch throws(TrainingDiverged) in
        try trainScalarNetwork(network, on: dataset, rate: rate, epochs: epochs, onEpoch: onEpoch)
      }
      probabilities = { points in points.map { network.probability($0.0, $0.1) } }
    } else {
      let network = TensorNetwork(
        hidden: hidden, seed: seed, backend: module == 3 ? .fast : .simple)
      if module == 3, let batchSize {
        run = { dataset, rate, epochs, onEpoch throws(TrainingDiverged) in
          try trainInBatches(
            network, on: dataset, rate: rate, epochs: epochs, batchSize: batchSize, seed: seed,
            onEpoch: onEpoch)
        }
      } else {
        run = { dataset, rate, epochs, onEpoch throws(TrainingDiverged) in
          try trainTensorNetwork(
            network, on: dataset, rate: rate, epochs: epochs, onEpoch: onEpoch)
        }
      }
      probabilities = { points in
        let x = Tensor(
          shape: [points.count, 2], data: points.flatMap { [$0.0, $0.1] },
          backend: network.backend)
        return network.probability(x).data.values
      }
    }
  }

  /// Trains the network on `dataset`; returns the last epoch's report.
  func train(
    on dataset: Dataset, rate: Double, epochs: Int, onEpoch: (EpochReport) -> Void
  ) throws(TrainingDiverged) -> EpochReport {
    try run(dataset, rate, epochs, onEpoch)
  }
}

/// A run that stopped because its loss became NaN or infinite; the message names the epoch and
/// the option to change.
struct DivergedRun: Error, CustomStringConvertible {
  /// What the training loop reported.
  let cause: TrainingDiverged
  /// The epochs the run was meant to have.
  let epochs: Int

  /// `training stopped at epoch 3 of 500: the loss became infinite. …`.
  var description: String {
    "training stopped at epoch \(cause.epoch) of \(epochs): the loss \(cause.whatHappened). "
      + "The steps are too large for --rate \(format(cause.rate)) and the weights ran away; "
      + "try a smaller --rate, such as \(format(cause.suggestedRate))."
  }
}

/// `x` with `digits` digits after the decimal point.
func format(_ x: Double, digits: Int) -> String {
  String(format: "%.\(digits)f", x)
}

/// `x` as briefly as `%g` writes it: `0.5`, `1000`, `1e+09`.
func format(_ x: Double) -> String {
  String(format: "%g", x)
}
