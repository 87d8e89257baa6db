import Foundation

// Losses for classifiers, each the mean over the batch (PyTorch's default reduction).
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

/// The mean negative log-likelihood of the right classes: −(1/N) Σᵢ logProbabilities[i,
/// targets[i]], for `logProbabilities` of shape (N, classes) (a `logsoftmax(dim: 1)`) and one
/// class index per example. Shape [1]; differentiable in `logProbabilities`.
public func nllLoss(logProbabilities: Tensor, targets: [Int]) -> Tensor {
  precondition(
    logProbabilities.dims == 2,
    "nllLoss needs log-probabilities of shape (examples, classes), got shape "
      + "\(logProbabilities.shape)")
  let (count, classes) = (logProbabilities.shape[0], logProbabilities.shape[1])
  precondition(
    targets.count == count,
    "nllLoss: \(targets.count) targets for log-probabilities of shape "
      + "\(logProbabilities.shape) (\(count) examples)")
  var oneHot = [Double](repeating: 0, count: count * classes)
  for (example, target) in targets.enumerated() {
    precondition(
      target >= 0 && target < classes,
      "nllLoss: target \(target) of example \(example) is not a class in 0..<\(classes)")
    oneHot[example * classes + target] = 1
  }
  let picked =
    logProbabilities
    * Tensor(shape: [count, classes], data: oneHot, backend: logProbabilities.backend)
  return -picked.sum() / Double(count)
}

/// The mean cross-entropy of `logits` (N, classes) against one class index per example:
/// `nllLoss` of `logits.logsoftmax(dim: 1)`, finite for any logits. Shape [1]; differentiable
/// in `logits`.
public func crossEntropy(logits: Tensor, targets: [Int]) -> Tensor {
  precondition(
    logits.dims == 2,
    "crossEntropy needs logits of shape (examples, classes), got shape \(logits.shape)")
  return nllLoss(logProbabilities: logits.logsoftmax(dim: 1), targets: targets)
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
