import Foundation

// Losses for classifiers, by default the mean over the batch (PyTorch's default reduction).
//
// A network that ends in `logsoftmax` outputs log-probabilities log pᵢₖ for example i and class k;
// the negative log-likelihood of the right classes is −(1/N) Σᵢ log p(i, yᵢ). Cross-entropy from
// logits is the same after `logsoftmax(dim: 1)`, stable for any logits. Binary cross-entropy
// from one logit z per example, with p = σ(z):
//
//     −y log p − (1 − y) log(1 − p) = max(z, 0) − z · y + log(1 + e^−|z|)
//
// The right side never takes the log of 0 or the exponential of a large number; its derivative
// with respect to z is σ(z) − y.

/// How a loss turns the losses of the examples into its result, PyTorch's `reduction`:
/// `.mean` (the default) divides their sum by the total weight of the examples counted, `.sum`
/// adds them up (both of shape [1]), `.none` keeps one loss per example (shape [examples]).
public enum LossReduction: Sendable, Equatable {
  /// The weighted mean: Σᵢ lossᵢ / Σᵢ weight[yᵢ] over the examples not ignored (the plain mean
  /// without class weights). PyTorch's `reduction="mean"`.
  case mean
  /// Σᵢ lossᵢ. PyTorch's `reduction="sum"`.
  case sum
  /// One loss per example, 0 for an ignored one. PyTorch's `reduction="none"`.
  case none
}

/// The negative log-likelihood of the right classes, PyTorch's `nll_loss` (MyGrad's
/// `negative_log_likelihood`), for `logProbabilities` of shape (N, classes) (a
/// `logsoftmax(dim: 1)`) and one class index per example:
///
///     lossᵢ = −weights[yᵢ] · logProbabilities[i, yᵢ]          (0 when yᵢ == ignoreIndex)
///
/// reduced as `reduction` says: `.mean` divides Σᵢ lossᵢ by Σᵢ weights[yᵢ] over the examples not
/// ignored (so with weights it is a weighted mean, not a mean over N; all examples ignored gives
/// 0 / 0 = NaN, as in PyTorch), `.sum` adds, `.none` keeps shape [N]. `weights` (one per class,
/// PyTorch's `weight`) default to 1; `ignoreIndex` (PyTorch's `ignore_index`) marks examples that
/// count for nothing, and may lie outside the classes (PyTorch uses −100). Differentiable in
/// `logProbabilities`.
public func nllLoss(
  logProbabilities: Tensor, targets: [Int], weights: [Double]? = nil, ignoreIndex: Int? = nil,
  reduction: LossReduction = .mean
) -> Tensor {
  classificationLoss(
    "nllLoss", logProbabilities, targets: targets, weights: weights, ignoreIndex: ignoreIndex,
    labelSmoothing: 0, reduction: reduction)
}

/// The cross-entropy of `logits` (N, classes) against one class index per example, PyTorch's
/// `cross_entropy` / `nn.CrossEntropyLoss` (MyGrad's `softmax_crossentropy`): `nllLoss` of
/// `logits.logsoftmax(dim: 1)`, finite for any logits, with the same `weights`, `ignoreIndex`
/// and `reduction`. With `labelSmoothing` ε the target of example i is 1 − ε on its class plus
/// ε / C spread over all C classes, so
///
///     lossᵢ = (1 − ε) · (−w[yᵢ] · log p[i, yᵢ]) + (ε / C) · Σ_c (−w[c] · log p[i, c])
///
/// and `.mean` divides both parts by the same Σᵢ w[yᵢ] as without smoothing, exactly as PyTorch
/// does. Differentiable in `logits`.
public func crossEntropy(
  logits: Tensor, targets: [Int], weights: [Double]? = nil, ignoreIndex: Int? = nil,
  labelSmoothing: Double = 0, reduction: LossReduction = .mean
) -> Tensor {
  precondition(
    logits.dims == 2,
    "crossEntropy needs logits of shape (examples, classes), got shape \(logits.shape)")
  precondition(
    labelSmoothing >= 0 && labelSmoothing <= 1,
    "crossEntropy: labelSmoothing must lie in [0, 1], got \(labelSmoothing)")
  return classificationLoss(
    "crossEntropy", logits.logsoftmax(dim: 1), targets: targets, weights: weights,
    ignoreIndex: ignoreIndex, labelSmoothing: labelSmoothing, reduction: reduction)
}

/// The loss behind `nllLoss` and `crossEntropy`. Everything about the targets is a constant
/// matrix M (N, C): row i is (1 − ε) · w[yᵢ] at column yᵢ plus (ε / C) · w[c] at every column c,
/// and all 0 for an ignored example. Then lossᵢ = −Σ_c M[i, c] · logp[i, c], whose gradient
/// with respect to logp is −M (divided by the total weight for `.mean`).
func classificationLoss(
  _ operation: String, _ logp: Tensor, targets: [Int], weights: [Double]?, ignoreIndex: Int?,
  labelSmoothing: Double, reduction: LossReduction
) -> Tensor {
  precondition(
    logp.dims == 2,
    "\(operation) needs log-probabilities of shape (examples, classes), got shape "
      + "\(logp.shape)")
  let (count, classes) = (logp.shape[0], logp.shape[1])
  precondition(
    targets.count == count,
    "\(operation): \(targets.count) targets for log-probabilities of shape \(logp.shape) "
      + "(\(count) examples)")
  let weights = weights ?? Array(repeating: 1, count: classes)
  precondition(
    weights.count == classes,
    "\(operation): \(weights.count) class weights for \(classes) classes (shape "
      + "\(logp.shape))")
  var matrix = [Double](repeating: 0, count: count * classes)
  var totalWeight = 0.0
  for (example, target) in targets.enumerated() where target != ignoreIndex {
    precondition(
      target >= 0 && target < classes,
      "\(operation): target \(target) of example \(example) is not a class in 0..<\(classes)"
        + (ignoreIndex.map { " (nor the ignoreIndex \($0))" } ?? ""))
    let row = example * classes
    for c in 0..<classes {
      matrix[row + c] = labelSmoothing / Double(classes) * weights[c]
    }
    matrix[row + target] += (1 - labelSmoothing) * weights[target]
    totalWeight += weights[target]
  }
  let picked = logp * Tensor(shape: [count, classes], data: matrix, backend: logp.backend)
  switch reduction {
  case .none: return -picked.sum(dim: 1).reshape([count])
  case .sum: return -picked.sum()
  case .mean: return -picked.sum() / totalWeight
  }
}

/// The mean binary cross-entropy of `logits` z against `targets` y (each 0 or 1, or a
/// probability), of the same shape: (1/N) Σ max(z, 0) − z · y + log(1 + e^−|z|), which is
/// −y log σ(z) − (1 − y) log(1 − σ(z)) computed without overflow. Shape [1]; differentiable
/// (∂/∂z = (σ(z) − y) / N).
public func binaryCrossEntropy(logits: Tensor, targets: Tensor) -> Tensor {
  precondition(
    logits.shape == targets.shape,
    "binaryCrossEntropy: logits of shape \(logits.shape) and targets of shape "
      + "\(targets.shape) must have the same shape")
  return Module2.binaryCrossEntropy(logits: logits, labels: targets).mean()
}
