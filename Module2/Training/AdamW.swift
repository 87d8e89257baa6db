/// Adam with decoupled weight decay, PyTorch's `torch.optim.AdamW` (Loshchilov and Hutter,
/// 2019): every step first shrinks each parameter towards 0, then takes Adam's step.
///
/// Weight decay keeps weights small by pulling each one towards 0 in proportion to its size.
/// Adding λ · x to the gradient (L2 regularisation, what `torch.optim.Adam`'s `weight_decay`
/// does) mixes the pull into Adam's averages, where it is divided by √v̂ like everything else:
/// an entry with large gradients is hardly pulled at all. AdamW keeps the pull out of the
/// averages, so it is the same fraction of every weight:
///
///     x ← x · (1 − rate · λ)              the decay, before the step
///     x ← x − rate · m̂ / (√v̂ + ε)         Adam's step (see `Adam`), from the gradient alone
///
/// The decay uses the current `rate`, so a learning-rate schedule lowers both together. A
/// parameter without a gradient in a step is neither decayed nor moved, as in PyTorch. The
/// defaults are PyTorch's: rate 0.001, betas 0.9 and 0.999, ε = 1e-8, λ = 0.01. MyGrad and
/// NumPy have no AdamW.
public final class AdamW: Optimizer {
  /// The Adam that takes the steps, with the decay switched on.
  private let adam: Adam

  /// Trains `parameters` (each holding a `Tensor`) with decoupled weight decay `weightDecay` (λ)
  /// and Adam's settings.
  public init(
    _ parameters: [Parameter], rate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
    epsilon: Double = 1e-8, weightDecay: Double = 0.01
  ) {
    precondition(
      weightDecay >= 0 && weightDecay.isFinite,
      "AdamW: the weight decay must be 0 or more, got \(weightDecay)")
    adam = Adam(parameters, rate: rate, beta1: beta1, beta2: beta2, epsilon: epsilon)
    adam.decoupledWeightDecay = weightDecay
  }

  /// The parameters being trained.
  public var parameters: [Parameter] { adam.parameters }

  /// The step size; the decay of a step is rate · λ too.
  public var rate: Double {
    get { adam.rate }
    set { adam.rate = newValue }
  }

  /// The decoupled weight decay λ.
  public var weightDecay: Double { adam.decoupledWeightDecay }

  /// How many steps each parameter has taken (its t), as `Adam.stepCounts`.
  public var stepCounts: [Int] { adam.stepCounts }

  /// Decays and then moves every parameter that has a gradient.
  public func step() {
    adam.step()
  }
}
