// Binary cross-entropy on tensors, computed from the logits: the same stable formula as
// Module 1's `binaryCrossEntropy(logit:label:)` for scalars, entry by entry,
//
//     L(z, y) = max(z, 0) − z · y + log(1 + e^(−|z|)),
//
// which equals −[y · log σ(z) + (1 − y) · log(1 − σ(z))] but never takes log(0): e^(−|z|) lies
// in (0, 1], so the logarithm's argument lies in (1, 2]. See Module1/BinaryCrossEntropy.swift
// for the derivation.

/// Task 2.5 (given): the binary cross-entropy of each logit in `logits` against the label in
/// the same place of `labels` (0 or 1, or a soft label in [0, 1]), computed stably:
/// L(z, y) = max(z, 0) − z · y + log(1 + e^(−|z|)), entry by entry.
///
/// Returns the losses unreduced, with the shape the two broadcast to; sum or average them for a
/// training loss. Finite for logits of ±1000. Built from tensor functions, so `backward()`
/// goes through it and gives ∂L/∂z = σ(z) − y (the one-sided −y at exactly z = 0).
public func binaryCrossEntropy(logits: Tensor, labels: Tensor) -> Tensor {
  let positive = logits.relu()
  let absolute = positive + (-logits).relu()
  return positive - logits * labels + (1 + (-absolute).exp()).log()
}
