import Foundation

/// The settings of a training run: network size, learning rate, epochs, and batch size.
///
/// Each stage documents its own settings per dataset, next to its network:
/// `ScalarNetwork.recommendedSettings(for:)` (Module 1) and
/// `TensorNetwork.recommendedSettings(for:)` (Module 2).
public struct TrainingSettings: Sendable, Equatable {
  /// Hidden units per hidden layer.
  public var hidden: Int
  /// The SGD learning rate.
  public var rate: Double
  /// Passes over the dataset.
  public var epochs: Int
  /// Points per SGD step; `nil` for one step over the whole dataset per epoch (Modules 1–2).
  public var batchSize: Int?

  /// Settings; see the properties.
  public init(hidden: Int, rate: Double, epochs: Int, batchSize: Int? = nil) {
    self.hidden = hidden
    self.rate = rate
    self.epochs = epochs
    self.batchSize = batchSize
  }
}

extension ScalarNetwork {
  /// The documented Module 1 settings for each dataset of 50 points: minitorch's defaults (rate
  /// 0.5, 500 epochs) with enough hidden units for the shape of the data, and more epochs for
  /// `split`, whose two boundaries take longer to find. `xor`, `circle` and `spiral` use hidden
  /// 10, rate 0.5, 500 epochs (so does any other name). `spiral` is beyond this small network:
  /// it does not learn it with any settings worth waiting for; Module 3's network does.
  public static func recommendedSettings(for dataset: String) -> TrainingSettings {
    switch dataset {
    case "simple": TrainingSettings(hidden: 3, rate: 0.5, epochs: 500)
    case "diag": TrainingSettings(hidden: 2, rate: 0.5, epochs: 500)
    case "split": TrainingSettings(hidden: 10, rate: 0.5, epochs: 1000)
    default: TrainingSettings(hidden: 10, rate: 0.5, epochs: 500)
    }
  }
}

/// Trains `network` to classify `dataset` by full-batch gradient descent on the binary
/// cross-entropy L = Σ BCE(zᵢ, yᵢ) of its logits (`binaryCrossEntropy(logit:label:)`).
///
/// One epoch is one step: zero the gradients, backpropagate the mean loss over the dataset, move
/// every parameter with `SGD` at learning rate `rate`; then the training loop
/// (`runTrainingLoop`) measures the loss and accuracy of the network the step made over every
/// point and tells `onEpoch` (the report's `evaluation`). The measurement of epoch e is
/// therefore the network after e steps, and the last epoch's report describes the network the
/// run returns. The forward pass of the next epoch's step sees exactly that network on every
/// point, so the loop takes the measurement from it (`evaluatedByNextStep`) rather than
/// computing it twice.
///
/// Returns the last epoch's report, which describes the trained network. Throws
/// `TrainingDiverged`, naming the epoch, as soon as the loss runs away (NaN, infinite, or far
/// above where it started: see `DivergenceWatch`); that epoch is not reported.
@discardableResult
public func trainScalarNetwork(
  _ network: ScalarNetwork,
  on dataset: Dataset,
  rate: Double,
  epochs: Int,
  onEpoch: (EpochReport) -> Void = { _ in }
) throws(TrainingDiverged) -> EpochReport {
  precondition(epochs > 0, "training needs at least one epoch, got \(epochs)")
  precondition(dataset.count > 0, "cannot train on the empty dataset \(dataset.name)")
  let optimizer = SGD(network.parameters(), rate: rate)
  let last = try runTrainingLoop(
    network, optimizer: optimizer,
    batches: .inOrder(count: dataset.count, size: dataset.count), epochs: epochs,
    uninformedLoss: DivergenceWatch.uninformedLoss(classes: 2), evaluatedByNextStep: true,
    step: { points in
      optimizer.zeroGrad()
      let seen = scalarPass(network, over: dataset, points, backpropagating: true)
      optimizer.step()
      return seen
    },
    evaluate: {
      scalarPass(network, over: dataset, Array(0..<dataset.count), backpropagating: false)
    },
    onEpoch: onEpoch)
  return last!
}

/// One pass of a `ScalarNetwork` over the points of `dataset` at `indices`: their total loss
/// and how many the network classifies correctly. When `backpropagating`, each point's share of
/// the mean loss is backpropagated as soon as it is computed, so only one point's graph exists
/// at a time.
private func scalarPass(
  _ network: ScalarNetwork, over dataset: Dataset, _ indices: [Int], backpropagating: Bool
) -> Measurement {
  var total = 0.0
  var correct = 0
  for index in indices {
    let (point, label) = (dataset.points[index], dataset.labels[index])
    let logit = network((Scalar(constant: point.0), Scalar(constant: point.1)))
    let loss = binaryCrossEntropy(logit: logit, label: Double(label))
    if backpropagating {
      (loss / Double(indices.count)).backward()
    }
    total += loss.data
    if (Operators.sigmoid(logit.data) > 0.5) == (label == 1) {
      correct += 1
    }
  }
  return Measurement(totalLoss: total, correct: correct, count: indices.count)
}

/// `x` in three significant digits, for messages and pictures: `34.3`, `0.139`, `5.28e+07`.
func threeDigits(_ x: Double) -> String {
  String(format: "%.3g", x)
}

extension Duration {
  /// The duration in seconds, as a `Double` (for reports such as "1.84 s").
  public var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) * 1e-18
  }
}
