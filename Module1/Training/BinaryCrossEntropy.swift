/// Task 1.5 (given): the binary cross-entropy of a classifier whose logit is `z` for a point
/// labelled `label`, computed stably from the logit:
/// L(z, y) = max(z, 0) − z · y + log(1 + e^(−|z|)).
///
/// A classifier that outputs p = σ(z) is trained on L = −[y · log p + (1 − y) · log(1 − p)].
/// Written that way, the loss takes log(0) = −∞ as soon as σ(z) rounds to exactly 0 or 1, which
/// happens for |z| above about 37; from then on the loss and its gradient are ∞ or NaN. Put
/// log σ(z) = −log(1 + e^(−z)) and log(1 − σ(z)) = −z − log(1 + e^(−z)) into L and it becomes
///
///     L(z, y) = log(1 + e^(−z)) + z − z · y,
///
/// and splitting on the sign of z (for z < 0, log(1 + e^(−z)) = −z + log(1 + e^z)) gives one
/// formula for every z:
///
///     L(z, y) = max(z, 0) − z · y + log(1 + e^(−|z|)).
///
/// Now e^(−|z|) lies in (0, 1], so the logarithm's argument lies in (1, 2]: nothing overflows,
/// nothing takes log(0), and L is finite for every finite z (for z = ±1000 it is 0 or 1000).
/// Its derivative is the familiar ∂L/∂z = σ(z) − y, which lies in [−1, 1].
///
/// The same number as −[y · log σ(z) + (1 − y) · log(1 − σ(z))], without ever taking log(0):
/// it stays finite for logits of ±1000. Built from `Scalar` functions, so `backward()` goes
/// through it and gives ∂L/∂z = σ(z) − y (at exactly z = 0 it gives the one-sided value −y,
/// since |z| and max(z, 0) have derivative 0 there). `label` is 0 or 1 (any number in [0, 1]
/// works: a soft label).
public func binaryCrossEntropy(logit z: Scalar, label: Double) -> Scalar {
  let absolute = z.relu() + (-z).relu()
  return z.relu() - z * label + (1 + (-absolute).exp()).log()
}
