import Foundation
import Module2

/// `minitorch train`: trains a classifier on a toy dataset and shows how it learns.
enum TrainCommand {
  /// The command's entry in `minitorch help`.
  static let command = Command(
    name: "train",
    summary: "train a network on a toy dataset, with live progress",
    usage: """
      usage: minitorch train [--module 1|2] [--dataset NAME] [--points N] [--hidden N]
                             [--rate R] [--epochs N] [--seed N]

      Trains the network of Task 1.5 (scalars) or Task 2.5 (tensors) on one of minitorch's toy
      datasets and prints the loss and accuracy as it learns, then a map of what the network
      predicts.

        --module N     whose network: 1 (ScalarNetwork) or 2 (TensorNetwork); default 1
        --dataset S    \(Datasets.names.joined(separator: ", ")); default xor
        --points N     how many points; default 50
        --hidden N     hidden units per layer
        --rate R       learning rate
        --epochs N     passes over the data
                       Their defaults are the dataset's documented settings:
      \(settingsSummary)
        --seed N       seed for the data and the initial weights; default 0
      """,
    run: run)

  /// The recommended settings of every dataset, in one line per dataset.
  static var settingsSummary: String {
    Datasets.names.map { name in
      let s = TrainingSettings.recommended(for: name)
      let padded = name.padding(toLength: 8, withPad: " ", startingAt: 0)
      return
        "                         \(padded)hidden \(s.hidden), rate \(s.rate), \(s.epochs) epochs"
    }.joined(separator: "\n")
  }

  static func run(_ options: inout Arguments) throws -> Int32 {
    if Module4Training.isRequested(options) { return try Module4Training.run(&options) }
    let module = try options.int("module", default: 1, in: 1...2)
    let name = try options.choice("dataset", from: Datasets.names, default: "xor")
    let points = try options.int("points", default: 50, in: 1...100_000)
    let recommended = TrainingSettings.recommended(for: name)
    let hidden = try options.int("hidden", default: recommended.hidden, in: 1...10_000)
    let rate = try options.double("rate", default: recommended.rate, in: 1e-9...1e9)
    let epochs = try options.int("epochs", default: recommended.epochs, in: 1...10_000_000)
    let seed = try options.int("seed", default: 0, in: 0...Int.max)
    try options.finish()

    guard let dataset = Datasets.make(name, points: points, seed: UInt64(seed)) else {
      throw UsageError("unknown dataset \(name)")
    }
    let networkName = module == 1 ? "ScalarNetwork" : "TensorNetwork"
    print(
      "Training \(networkName) (2 → \(hidden) → \(hidden) → 1) on \(name), "
        + "\(dataset.count) points, rate \(rate), \(epochs) epochs, seed \(seed)")
    var progress = ProgressDisplay(epochs: epochs)
    let clock = ContinuousClock()
    let start = clock.now
    var last: EpochReport?
    let show: (EpochReport) -> Void = { report in
      progress.show(report)
      last = report
    }
    let predict: (Double, Double) -> Double
    if module == 1 {
      let network = trainScalarNetwork(
        on: dataset, hidden: hidden, rate: rate, epochs: epochs, seed: UInt64(seed), onEpoch: show)
      predict = { x1, x2 in network((Scalar(constant: x1), Scalar(constant: x2))).data }
    } else {
      let network = trainTensorNetwork(
        on: dataset, hidden: hidden, rate: rate, epochs: epochs, seed: UInt64(seed), onEpoch: show)
      predict = { x1, x2 in network(Tensor(shape: [1, 2], data: [x1, x2])).item() }
    }
    progress.finish()
    let seconds = (clock.now - start).seconds
    let correct = zip(dataset.points, dataset.labels).filter { point, label in
      (predict(point.0, point.1) > 0.5) == (label == 1)
    }.count
    print(DecisionMap(dataset: dataset, predict: predict).render())
    print(
      "Done: \(correct)/\(dataset.count) correct on \(name) after \(epochs) epochs, "
        + "final loss \(format(last?.loss ?? .nan, digits: 4)), "
        + "\(format(seconds, digits: 2)) s (\(format(1000 * seconds / Double(epochs), digits: 2)) ms/epoch)"
    )
    return 0
  }
}

/// `x` with `digits` digits after the decimal point.
func format(_ x: Double, digits: Int) -> String {
  String(format: "%.\(digits)f", x)
}
