/// How one epoch of training went.
public struct EpochReport: Sendable {
  /// The epoch just finished, counting from 1.
  public let epoch: Int
  /// How many epochs the run has in all.
  public let epochs: Int
  /// The total loss over the dataset, Σ −log p(correct label), measured before this epoch's
  /// step.
  public let loss: Double
  /// How many points the model classified correctly (before this epoch's step).
  public let correct: Int
  /// How many points there are.
  public let total: Int
  /// How long the epoch took, in seconds.
  public let seconds: Double

  /// A report of one epoch; see the properties.
  public init(epoch: Int, epochs: Int, loss: Double, correct: Int, total: Int, seconds: Double) {
    self.epoch = epoch
    self.epochs = epochs
    self.loss = loss
    self.correct = correct
    self.total = total
    self.seconds = seconds
  }
}

/// Trains a `ScalarNetwork` to classify `dataset`, by full-batch gradient descent on the
/// binary cross-entropy loss L = Σ −log p, where p is the probability the network gives the
/// correct label (its output for label 1, one minus it for label 0).
///
/// Each epoch runs every point forward, backpropagates each point's share of the mean loss,
/// and takes one SGD step; `onEpoch` hears how it went. Everything random comes from `seed`.
/// Returns the trained network.
@discardableResult
public func trainScalarNetwork(
  on dataset: Dataset,
  hidden: Int,
  rate: Double,
  epochs: Int,
  seed: UInt64 = 0,
  onEpoch: (EpochReport) -> Void = { _ in }
) -> ScalarNetwork {
  let network = ScalarNetwork(hidden: hidden, seed: seed)
  let optimizer = SGD(network.parameters(), rate: rate)
  let clock = ContinuousClock()
  for epoch in 1...epochs {
    let start = clock.now
    optimizer.zeroGrad()
    var totalLoss = 0.0
    var correct = 0
    for (point, label) in zip(dataset.points, dataset.labels) {
      let output = network((Scalar(constant: point.0), Scalar(constant: point.1)))
      let probability = label == 1 ? output : 1 - output
      let loss = -probability.log()
      (loss / Double(dataset.count)).backward()
      totalLoss += loss.data
      if (output.data > 0.5) == (label == 1) {
        correct += 1
      }
    }
    optimizer.step()
    onEpoch(
      EpochReport(
        epoch: epoch, epochs: epochs, loss: totalLoss, correct: correct, total: dataset.count,
        seconds: (clock.now - start).seconds))
  }
  return network
}

/// The settings a training run uses: network size, learning rate, epochs.
public struct TrainingSettings: Sendable, Equatable {
  /// Hidden units per hidden layer.
  public var hidden: Int
  /// The SGD learning rate.
  public var rate: Double
  /// Passes over the dataset.
  public var epochs: Int

  /// Settings; see the properties.
  public init(hidden: Int, rate: Double, epochs: Int) {
    self.hidden = hidden
    self.rate = rate
    self.epochs = epochs
  }

  /// The documented settings for each dataset with 50 points: minitorch's defaults (rate 0.5,
  /// 500 epochs) with enough hidden units for the shape of the data, and more epochs for
  /// `split`, whose two boundaries take longer to find. `spiral` is beyond this small network
  /// and is left for the tensor stages.
  public static func recommended(for dataset: String) -> TrainingSettings {
    switch dataset {
    case "simple": TrainingSettings(hidden: 3, rate: 0.5, epochs: 500)
    case "diag": TrainingSettings(hidden: 2, rate: 0.5, epochs: 500)
    case "split": TrainingSettings(hidden: 10, rate: 0.5, epochs: 1000)
    default: TrainingSettings(hidden: 10, rate: 0.5, epochs: 500)
    }
  }
}

extension Duration {
  /// The duration in seconds, as a `Double` (for reports such as "1.84 s").
  public var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) * 1e-18
  }
}
