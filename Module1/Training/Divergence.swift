import Foundation

/// Training stopped because the loss ran away: a batch's loss became NaN or infinite, or the
/// loss measured after an epoch did, or grew to more than `DivergenceWatch.growthLimit` times
/// where it started. The steps were too large and the weights ran away. Thrown by the training
/// loop (`runTrainingLoop`) before it reports the epoch, so a run never reports such a loss.
public struct TrainingDiverged: Error, CustomStringConvertible, Equatable {
  /// The epoch in which the loss ran away, counting from 1.
  public let epoch: Int
  /// The batch of that epoch whose loss ran away, counting from 1; `nil` when the loss measured
  /// after the epoch did (or when an epoch is one batch).
  public let batch: Int?
  /// The mean loss per example: NaN, infinite, or far above `startingLevel`.
  public let loss: Double
  /// The mean loss per example the run started from (see `DivergenceWatch`).
  public let startingLevel: Double
  /// The learning rate of the run.
  public let rate: Double

  /// A divergence in `epoch` (and `batch`); see the properties.
  public init(epoch: Int, batch: Int? = nil, loss: Double, startingLevel: Double, rate: Double) {
    self.epoch = epoch
    self.batch = batch
    self.loss = loss
    self.startingLevel = startingLevel
    self.rate = rate
  }

  /// A smaller rate worth trying: a tenth of this one.
  public var suggestedRate: Double { rate / 10 }

  /// What happened to the loss: `became infinite`, `became NaN (not a number)`, or `grew to
  /// 1.2e+09 per example, more than 100 times where it started (0.693)`.
  public var whatHappened: String {
    if loss.isNaN { return "became NaN (not a number)" }
    if loss.isInfinite { return "became infinite" }
    return "grew to \(threeDigits(loss)) per example, more than "
      + "\(Int(DivergenceWatch.growthLimit)) times where it started (\(threeDigits(startingLevel)))"
  }

  /// Where it happened: `epoch 3` or `epoch 3, batch 7`.
  public var place: String {
    "epoch \(epoch)" + (batch.map { ", batch \($0)" } ?? "")
  }

  /// Names the epoch (and batch) and suggests a smaller rate.
  public var description: String {
    "training diverged: the loss \(whatHappened) at \(place), with learning rate "
      + "\(threeDigits(rate)); try a smaller rate, such as \(threeDigits(suggestedRate))"
  }
}

/// Watches the losses of a run for divergence: a batch's loss that is NaN or infinite, or a
/// loss measured after an epoch that is NaN, infinite or above `growthLimit` times the starting
/// level. Losses are means per example, so a measurement over 50 points and one over 1500 images
/// compare alike.
///
/// A learning rate that is too large makes each step overshoot; the weights grow, the loss with
/// them, until it is infinite or NaN (not a number). The loop stops such a run as soon as it
/// shows, naming the epoch (and for mini-batches the batch) and suggesting a smaller rate, rather
/// than printing `nan` for the rest of the run. It watches two things:
///
/// - every batch's loss, computed by the step: NaN or infinite stops the run at once (one bad
///   batch is enough to ruin every weight);
/// - the network's loss after every epoch, measured over the same examples each time: NaN,
///   infinite, or more than 100 times its starting level stops the run.
///
/// The starting level is the larger of the loss before training and the loss of a network that
/// knows nothing (answering ½ for two classes: ln 2 per example; 1/k for k classes: ln k), so a
/// network that happens to start out nearly right is not stopped by the small bumps every run
/// has. Healthy full-batch runs of Modules 1–2 were measured to stay below 6 times their
/// starting level (loss spikes included); a too-large rate passes 100 within a few epochs, or leaves the network
/// dead (every ReLU off) at a loss that, with the stable losses, stays finite.
public struct DivergenceWatch: Sendable {
  /// How many times its starting level the loss may grow before the run counts as diverged.
  public static let growthLimit = 100.0
  /// The mean loss per example the run started from.
  public let startingLevel: Double

  /// A watch for a run whose mean loss per example before training is `initialLoss` and whose
  /// uninformed loss (that of a network that knows nothing, `uninformedLoss(classes:)`) is
  /// `uninformedLoss`. A non-finite initial loss is ignored: the first batch will stop the run.
  public init(initialLoss: Double, uninformedLoss: Double) {
    startingLevel =
      initialLoss.isFinite ? Swift.max(initialLoss, uninformedLoss) : uninformedLoss
  }

  /// The mean loss per example of a classifier that knows nothing, answering 1/k for each of
  /// `classes` classes: ln k (for two classes, binary cross-entropy's ln 2 ≈ 0.693).
  public static func uninformedLoss(classes: Int) -> Double {
    precondition(classes >= 2, "a classifier needs at least 2 classes, got \(classes)")
    return Foundation.log(Double(classes))
  }

  /// Throws `TrainingDiverged` when `loss`, the mean loss of batch `batch` of `epoch` (`nil`:
  /// the epoch's only batch), is NaN or infinite.
  public func checkBatch(_ loss: Double, epoch: Int, batch: Int?, rate: Double)
    throws(TrainingDiverged)
  {
    guard loss.isFinite else {
      throw TrainingDiverged(
        epoch: epoch, batch: batch, loss: loss, startingLevel: startingLevel, rate: rate)
    }
  }

  /// Throws `TrainingDiverged` for `epoch` when `loss`, the mean loss per example measured
  /// after it, is NaN, infinite, or above `growthLimit` times the starting level.
  public func checkEpoch(_ loss: Double, epoch: Int, rate: Double) throws(TrainingDiverged) {
    guard loss.isFinite, loss <= Self.growthLimit * startingLevel else {
      throw TrainingDiverged(epoch: epoch, loss: loss, startingLevel: startingLevel, rate: rate)
    }
  }
}
