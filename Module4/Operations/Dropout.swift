/// Task 4.4: dropout of `input` with drop probability `rate` (in [0, 1]), drawing one uniform
/// number per entry from `rng` (in row-major order): an entry survives when its number is at
/// least `rate`, scaled by 1 / (1 − rate). `rate` 0 returns the input unchanged, `rate` 1
/// returns zeros, and `training: false` (evaluation) returns the input unchanged without
/// drawing anything. Differentiable: the gradient is dOut times the same mask.
///
/// Dropout: while training, zero each entry with probability `rate` and scale the survivors by
/// 1 / (1 − rate), so every entry keeps its expected value (PyTorch's "inverted" dropout). A network
/// cannot lean on any single unit, which regularises it. At evaluation time nothing is dropped:
/// the layer is the identity (and thanks to the scaling, no rescaling is needed there).
///
///     mask[i] = 1 / (1 − rate)   with probability 1 − rate,   else 0
///     out     = x · mask,        so   ∂out/∂x = mask
///
/// The mask is a constant drawn from a seeded generator that lives as long as the training run:
/// a new mask on every step, the same sequence of masks on every run with the same seed.
public func dropout(
  _ input: Tensor, rate: Double, rng: inout SplitMix64, training: Bool = true
) -> Tensor {
  precondition(
    rate >= 0 && rate <= 1, "dropout: the rate must be a probability in [0, 1], got \(rate)")
  // BEGIN SOLUTION Task 4.4
  guard training && rate > 0 else { return input }
  let scale = rate < 1 ? 1 / (1 - rate) : 0
  let mask = (0..<input.size).map { _ in rng.nextDouble() >= rate ? scale : 0 }
  return input * Tensor(shape: input.shape, data: mask, backend: input.backend)
  // END SOLUTION
}

/// A dropout layer: `dropout(_:rate:rng:training:)` with a generator of its own, seeded once
/// when the layer is made, and the layer's `training` flag (set it with `train()` and `eval()`
/// on the network). Each call while training draws a new mask; in evaluation mode it is the
/// identity.
public final class TensorDropout: Module, Layer {
  /// The probability that an entry is zeroed while training.
  public let rate: Double
  private var rng: SplitMix64

  /// A dropout layer that zeroes entries with probability `rate`, drawing masks from a
  /// generator seeded with `seed`.
  public init(rate: Double, seed: UInt64) {
    precondition(
      rate >= 0 && rate <= 1, "TensorDropout: the rate must be a probability in [0, 1], got \(rate)"
    )
    self.rate = rate
    self.rng = SplitMix64(seed: seed)
  }

  /// The input with a fresh dropout mask while training; the input itself in evaluation mode.
  public func forward(_ input: Tensor) -> Tensor {
    dropout(input, rate: rate, rng: &rng, training: training)
  }

  /// `rate: 0.25`.
  public override var extraDescription: String { "rate: \(rate)" }
}
