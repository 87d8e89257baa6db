import Foundation

// Binary cross-entropy on tensors, computed from the logits: the same stable formula as
// Module 1's `binaryCrossEntropy(logit:label:)` for scalars, entry by entry,
//
//     L(z, y) = max(z, 0) − z · y + log(1 + e^(−|z|)),
//
// which equals −[y · log σ(z) + (1 − y) · log(1 − σ(z))] but never takes log(0): e^(−|z|) lies
// in (0, 1], so the logarithm's argument lies in (1, 2]. See Module1/Training/BinaryCrossEntropy.swift
// for the derivation.

/// Task 2.5 (given): the binary cross-entropy of each logit in `logits` against the label in
/// the same place of `labels` (0 or 1, or a soft label in [0, 1]), computed stably:
/// L(z, y) = max(z, 0) − z · y + log(1 + e^(−|z|)), entry by entry.
///
/// Returns the losses unreduced, with the shape the two broadcast to; sum or average them for a
/// training loss. Finite for logits of ±1000. Its gradient is ∂L/∂z = σ(z) − y and
/// ∂L/∂y = −z (see `Tensor.BinaryCrossEntropy`). Module 4's losses use it too.
public func binaryCrossEntropy(logits: Tensor, labels: Tensor) -> Tensor {
  Tensor.BinaryCrossEntropy().apply(logits, labels)
}

extension Tensor {
  /// ℓ(z, y) = max(z, 0) − z · y + log(1 + e^(−|z|)), entry by entry and broadcast, with
  /// ∂ℓ/∂z = σ(z) − y and ∂ℓ/∂y = −z.
  ///
  /// One function rather than a chain of relu, abs and log: its derivative is exact at z = 0,
  /// where the kinks of max and |·| cancel (a chain of relus gives the one-sided −y there), and
  /// a training step makes one graph node for the loss instead of seven.
  public struct BinaryCrossEntropy: BinaryFunction {
    /// The stable binary cross-entropy from logits.
    public init() {}

    /// The logits z and the labels y.
    public var inputNames: [String] { ["logits", "labels"] }

    /// ℓ(z, y) entry by entry; saves z and y.
    public func forward(_ ctx: Context<Tensor>, _ z: Tensor, _ y: Tensor) -> Tensor {
      ctx.saveForBackward(z, y)
      let loss = ZipOperator("binaryCrossEntropy") { z, y in
        Swift.max(z, 0) - z * y + Foundation.log1p(Foundation.exp(-Swift.abs(z)))
      }
      return z.zipped(with: y, loss)
    }

    /// (dOut · (σ(z) − y), dOut · (−z)).
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> (Tensor, Tensor) {
      let (z, y) = ctx.savedPair
      let slope = z.zipped(with: y, ZipOperator("σ(z) − y") { Operators.sigmoid($0) - $1 })
      return (dOut.zipped(with: slope, .mul), dOut.zipped(with: z.mapped(.neg), .mul))
    }
  }
}
