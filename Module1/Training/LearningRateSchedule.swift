import Foundation

// Learning-rate schedules. A large rate makes fast progress at the start of training; near the
// end, the same rate keeps jumping around the bottom of the valley. A schedule lowers the rate
// as the epochs go by. It works with any `Optimizer`, because every optimizer has a `rate` it
// reads at each step: the schedule only sets that number, once per epoch.
//
//     step decay:   rate(t) = rate₀ · γ^⌊t / stepSize⌋                      (PyTorch's StepLR)
//     cosine:       rate(t) = min + (rate₀ − min) · (1 + cos(π · t / T)) / 2  (CosineAnnealingLR)
//
// t counts the epochs finished (`step()` calls). The cosine falls from rate₀ at t = 0 to `min`
// at t = T, slowly at first and at the end; after T it rises again along the same curve, as
// PyTorch's does.

/// Something that sets an optimizer's learning rate from the number of epochs finished: call
/// `step()` once at the end of every epoch, as with PyTorch's `torch.optim.lr_scheduler`.
/// `StepLR` and `CosineAnnealingLR` conform; any `Optimizer` (`SGD`, `Adam`, `AdamW`) takes
/// one.
///
/// ```swift
/// let optimizer = SGD(model.parameters(), rate: 0.1, momentum: 0.9)
/// let schedule = CosineAnnealingLR(optimizer, epochs: 20)
/// for epoch in 1...20 { trainOneEpoch(); schedule.step() }
/// ```
public protocol LearningRateSchedule: AnyObject {
  /// The optimizer whose rate it sets.
  var optimizer: any Optimizer { get }
  /// The optimizer's rate when the schedule was made (rate₀, PyTorch's `base_lr`).
  var initialRate: Double { get }
  /// How many epochs have finished (PyTorch's `last_epoch`); 0 at first.
  var epoch: Int { get set }
  /// The rate for epoch `epoch` (counting finished epochs from 0).
  func rate(atEpoch epoch: Int) -> Double
}

extension LearningRateSchedule {
  /// Counts one more finished epoch and sets the optimizer's rate for the next one.
  public func step() {
    epoch += 1
    optimizer.rate = rate(atEpoch: epoch)
  }
}

/// Step decay, PyTorch's `torch.optim.lr_scheduler.StepLR`: the rate is multiplied by `gamma`
/// every `stepSize` epochs, rate(t) = rate₀ · γ^⌊t / stepSize⌋. (MyGrad and NumPy have no
/// schedules.)
public final class StepLR: LearningRateSchedule {
  /// The optimizer whose rate it sets.
  public let optimizer: any Optimizer
  /// The rate before the first decay.
  public let initialRate: Double
  /// How many epochs pass between two decays.
  public let stepSize: Int
  /// The factor of each decay (PyTorch's default is 0.1).
  public let gamma: Double
  /// How many epochs have finished.
  public var epoch = 0

  /// A schedule that multiplies `optimizer`'s current rate by `gamma` every `stepSize` epochs.
  public init(_ optimizer: any Optimizer, stepSize: Int, gamma: Double = 0.1) {
    precondition(stepSize >= 1, "StepLR: stepSize must be at least 1, got \(stepSize)")
    precondition(gamma > 0 && gamma.isFinite, "StepLR: gamma must be above 0, got \(gamma)")
    self.optimizer = optimizer
    self.initialRate = optimizer.rate
    self.stepSize = stepSize
    self.gamma = gamma
  }

  /// rate₀ · γ^⌊epoch / stepSize⌋.
  public func rate(atEpoch epoch: Int) -> Double {
    initialRate * pow(gamma, Double(epoch / stepSize))
  }
}

/// Cosine annealing, PyTorch's `torch.optim.lr_scheduler.CosineAnnealingLR`: the rate follows
/// half a cosine from rate₀ down to `minimumRate` (PyTorch's `eta_min`) over `epochs` epochs
/// (PyTorch's `T_max`), rate(t) = min + (rate₀ − min) · (1 + cos(π · t / T)) / 2, and rises
/// again after T along the same curve.
public final class CosineAnnealingLR: LearningRateSchedule {
  /// The optimizer whose rate it sets.
  public let optimizer: any Optimizer
  /// The rate at epoch 0.
  public let initialRate: Double
  /// How many epochs the fall takes (T).
  public let epochs: Int
  /// The rate at epoch T.
  public let minimumRate: Double
  /// How many epochs have finished.
  public var epoch = 0

  /// A schedule that lowers `optimizer`'s current rate to `minimumRate` over `epochs` epochs.
  public init(_ optimizer: any Optimizer, epochs: Int, minimumRate: Double = 0) {
    precondition(epochs >= 1, "CosineAnnealingLR: epochs must be at least 1, got \(epochs)")
    self.optimizer = optimizer
    self.initialRate = optimizer.rate
    self.epochs = epochs
    self.minimumRate = minimumRate
  }

  /// min + (rate₀ − min) · (1 + cos(π · epoch / T)) / 2.
  public func rate(atEpoch epoch: Int) -> Double {
    minimumRate
      + (initialRate - minimumRate) * (1 + cos(Double.pi * Double(epoch) / Double(epochs))) / 2
  }
}
