import Foundation

// Training by full-batch gradient descent, and what a training run reports.
//
// One epoch is one step: zero the gradients, backpropagate the mean loss over the dataset, move
// every parameter with SGD, then measure the loss and accuracy of the network the step made. The
// measurement of epoch e is therefore the network after e steps, and the last epoch's report
// describes the network the run returns. The forward pass that measures epoch e also
// backpropagates for the next step, so measuring costs one extra forward pass per run.

/// How one epoch of training went, measured after the epoch's step: the report of the last
/// epoch describes the trained network.
public struct EpochReport: Sendable {
  /// The epoch just finished, counting from 1.
  public let epoch: Int
  /// How many epochs the run has in all.
  public let epochs: Int
  /// The total loss over the dataset, Σ binary cross-entropy, after this epoch's step.
  public let loss: Double
  /// How many points the network classifies correctly after this epoch's step.
  public let correct: Int
  /// How many points there are.
  public let total: Int
  /// How long the epoch took (its step and its measurement), in seconds.
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

/// Training stopped because the loss ran away: it became NaN or infinite, or grew to more
/// than `DivergenceWatch.growthLimit` times where it started. The steps were too large and the
/// weights ran away. Thrown by the training loops (`trainScalarNetwork`, `trainTensorNetwork`)
/// before they report the epoch, so a run never reports such a loss as a result.
public struct TrainingDiverged: Error, CustomStringConvertible, Equatable {
  /// The epoch whose step made the loss run away, counting from 1.
  public let epoch: Int
  /// The loss after that step: NaN, infinite, or far above `startingLevel`.
  public let loss: Double
  /// The level the loss started from (see `DivergenceWatch`).
  public let startingLevel: Double
  /// The learning rate of the run.
  public let rate: Double

  /// A divergence at `epoch`; see the properties.
  public init(epoch: Int, loss: Double, startingLevel: Double, rate: Double) {
    self.epoch = epoch
    self.loss = loss
    self.startingLevel = startingLevel
    self.rate = rate
  }

  /// A smaller rate worth trying: a tenth of this one.
  public var suggestedRate: Double { rate / 10 }

  /// What happened to the loss: `became infinite`, `became NaN`, or `grew to 1.2e+09, more
  /// than 100 times where it started (35.4)`.
  public var whatHappened: String {
    if loss.isNaN { return "became NaN (not a number)" }
    if loss.isInfinite { return "became infinite" }
    return "grew to \(threeDigits(loss)), more than \(Int(DivergenceWatch.growthLimit)) times "
      + "where it started (\(threeDigits(startingLevel)))"
  }

  /// Names the epoch and suggests a smaller rate.
  public var description: String {
    "training diverged: the loss \(whatHappened) at epoch \(epoch) with learning rate "
      + "\(threeDigits(rate)); try a smaller rate, such as \(threeDigits(suggestedRate))"
  }
}

/// Watches the loss of a run for divergence, epoch by epoch: the loss becomes NaN or infinite,
/// or grows to more than `growthLimit` times its starting level.
///
/// The starting level is the larger of the loss before training and the loss of a network that
/// knows nothing (for binary cross-entropy, ln 2 per point: the loss of answering ½
/// everywhere), so a network that happens to start out nearly right is not stopped by the
/// small bumps every run has. Healthy full-batch runs of Modules 1–2 were measured to stay
/// below 6 times their starting level (loss spikes included); a too-large rate passes 100
/// within a few epochs, or leaves the network dead (every ReLU off) at a loss that, with the
/// stable loss, stays finite.
public struct DivergenceWatch: Sendable {
  /// How many times its starting level the loss may grow before the run counts as diverged.
  public static let growthLimit = 100.0
  /// The level the loss started from.
  public let startingLevel: Double
  /// The learning rate of the run, for the message.
  public let rate: Double

  /// A watch for a run whose loss before training is `initialLoss` and whose uninformed loss
  /// (the loss of a network that knows nothing) is `uninformedLoss`.
  public init(initialLoss: Double, uninformedLoss: Double, rate: Double) {
    startingLevel = Swift.max(initialLoss, uninformedLoss)
    self.rate = rate
  }

  /// The binary cross-entropy of a network that answers ½ for each of `points` points: ln 2
  /// each, whatever the labels.
  public static func uninformedBinaryLoss(points: Int) -> Double {
    Double(points) * 0.693_147_180_559_945_3
  }

  /// Throws `TrainingDiverged` for `epoch` when `loss` is NaN, infinite, or above
  /// `growthLimit` times the starting level.
  public func check(_ loss: Double, epoch: Int) throws(TrainingDiverged) {
    guard loss.isFinite, loss <= Self.growthLimit * startingLevel else {
      throw TrainingDiverged(epoch: epoch, loss: loss, startingLevel: startingLevel, rate: rate)
    }
  }
}

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
/// Each epoch takes one `SGD` step with learning rate `rate` down the gradient of the mean loss,
/// then measures the loss and accuracy of the improved network and tells `onEpoch`. Returns
/// the last epoch's report, which describes the trained network. Throws `TrainingDiverged`,
/// naming the epoch, as soon as the loss runs away (NaN, infinite, or far above where it
/// started: see `DivergenceWatch`); that epoch is not reported.
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
  let clock = ContinuousClock()
  var start = clock.now
  // The network before training, and the gradient for the first step.
  var measured = scalarPass(network, over: dataset, backpropagating: true)
  let watch = DivergenceWatch(
    initialLoss: measured.loss,
    uninformedLoss: DivergenceWatch.uninformedBinaryLoss(points: dataset.count), rate: rate)
  var report: EpochReport?
  for epoch in 1...epochs {
    optimizer.step()
    optimizer.zeroGrad()
    // The network after this epoch's step, and (unless it is the last) the next step's gradient.
    measured = scalarPass(network, over: dataset, backpropagating: epoch < epochs)
    try watch.check(measured.loss, epoch: epoch)
    let current = EpochReport(
      epoch: epoch, epochs: epochs, loss: measured.loss, correct: measured.correct,
      total: dataset.count, seconds: (clock.now - start).seconds)
    onEpoch(current)
    report = current
    start = clock.now  // the time onEpoch takes is not the epoch's
  }
  return report!
}

/// One pass of a `ScalarNetwork` over a whole dataset: the total loss and the number of points
/// classified correctly. When `backpropagating`, each point's share of the mean loss is
/// backpropagated as soon as it is computed, so only one point's graph exists at a time.
private func scalarPass(
  _ network: ScalarNetwork, over dataset: Dataset, backpropagating: Bool
) -> (loss: Double, correct: Int) {
  var total = 0.0
  var correct = 0
  for (point, label) in zip(dataset.points, dataset.labels) {
    let logit = network((Scalar(constant: point.0), Scalar(constant: point.1)))
    let loss = binaryCrossEntropy(logit: logit, label: Double(label))
    if backpropagating {
      (loss / Double(dataset.count)).backward()
    }
    total += loss.data
    if (Operators.sigmoid(logit.data) > 0.5) == (label == 1) {
      correct += 1
    }
  }
  return (total, correct)
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
