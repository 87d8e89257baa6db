import Foundation
import Module4
import TensorTestSupport
import TestSupport
import Testing

/// The options of `crossEntropy` and `nllLoss` (class weights, `ignoreIndex`, label smoothing,
/// reduction) against PyTorch's `cross_entropy` and `nll_loss`. Not graded.
@Suite("Given code: loss options", .explainsStops)
struct GivenLossOptions {
  typealias Reference = LayerReference

  /// Every reduction with its literals' names.
  static let reductions: [(LossReduction, String)] = [
    (.mean, "mean"), (.sum, "sum"), (.none, "none"),
  ]

  /// The PyTorch value and gradient of case `name` with `reduction`.
  static func expected(_ name: String, _ reduction: String) -> (value: [Double], grad: [Double]) {
    let table: [String: [Double]] = [
      "plain_mean": Reference.plain_mean, "plain_sum": Reference.plain_sum,
      "plain_none": Reference.plain_none, "plain_mean_grad": Reference.plain_mean_grad,
      "plain_sum_grad": Reference.plain_sum_grad, "plain_none_grad": Reference.plain_none_grad,
      "weighted_mean": Reference.weighted_mean, "weighted_sum": Reference.weighted_sum,
      "weighted_none": Reference.weighted_none,
      "weighted_mean_grad": Reference.weighted_mean_grad,
      "weighted_sum_grad": Reference.weighted_sum_grad,
      "weighted_none_grad": Reference.weighted_none_grad,
      "smoothed_mean": Reference.smoothed_mean, "smoothed_sum": Reference.smoothed_sum,
      "smoothed_none": Reference.smoothed_none,
      "smoothed_mean_grad": Reference.smoothed_mean_grad,
      "smoothed_sum_grad": Reference.smoothed_sum_grad,
      "smoothed_none_grad": Reference.smoothed_none_grad,
      "everything_mean": Reference.everything_mean, "everything_sum": Reference.everything_sum,
      "everything_none": Reference.everything_none,
      "everything_mean_grad": Reference.everything_mean_grad,
      "everything_sum_grad": Reference.everything_sum_grad,
      "everything_none_grad": Reference.everything_none_grad,
      "nllWeighted_mean": Reference.nllWeighted_mean, "nllWeighted_sum": Reference.nllWeighted_sum,
      "nllWeighted_none": Reference.nllWeighted_none,
      "nllWeighted_mean_grad": Reference.nllWeighted_mean_grad,
      "nllWeighted_sum_grad": Reference.nllWeighted_sum_grad,
      "nllWeighted_none_grad": Reference.nllWeighted_none_grad,
    ]
    return (table["\(name)_\(reduction)"]!, table["\(name)_\(reduction)_grad"]!)
  }

  /// The loss of case `name` on `logits`.
  static func loss(_ name: String, _ logits: Tensor, _ reduction: LossReduction) -> Tensor {
    let (targets, weights) = (Reference.lossTargets, Reference.lossWeights)
    switch name {
    case "plain":
      return crossEntropy(logits: logits, targets: targets, ignoreIndex: -100, reduction: reduction)
    case "weighted":
      return crossEntropy(
        logits: logits, targets: targets, weights: weights, ignoreIndex: -100,
        reduction: reduction)
    case "smoothed":
      return crossEntropy(
        logits: logits, targets: targets, ignoreIndex: -100, labelSmoothing: 0.1,
        reduction: reduction)
    case "everything":
      return crossEntropy(
        logits: logits, targets: targets, weights: weights, ignoreIndex: -100,
        labelSmoothing: 0.25, reduction: reduction)
    default:
      return nllLoss(
        logProbabilities: logits.logsoftmax(dim: 1), targets: targets, weights: weights,
        ignoreIndex: -100, reduction: reduction)
    }
  }

  @Test(arguments: ["plain", "weighted", "smoothed", "everything", "nllWeighted"])
  func matchesPyTorchForEveryReductionLayoutAndBackend(name: String) throws {
    for (layout, backend, place) in everyLayoutAndBackend {
      for (reduction, reductionName) in Self.reductions {
        let logits = referenceLeaf(Reference.lossLogits, [6, 4], layout, backend)
        let out = Self.loss(name, logits, reduction)
        let (value, grad) = Self.expected(name, reductionName)
        let what = "\(name) loss, reduction \(reductionName), \(place)"
        try assertTensor(out, shape: reduction == .none ? [6] : [1], value, what)
        out.backward()
        try assertClose(gradientValues(logits), grad, "gradient of the \(what)")
      }
    }
  }

  @Test func anIgnoredClassCountsForNothing() throws {
    let logits = referenceLeaf(Reference.lossLogits, [6, 4], .contiguous, .simple)
    let loss = crossEntropy(
      logits: logits, targets: Reference.ignoreClassTargets, weights: Reference.lossWeights,
      ignoreIndex: 3)
    try assertClose(loss.item(), Reference.ignoreClass[0], "cross-entropy ignoring class 3")
    loss.backward()
    try assertClose(gradientValues(logits), Reference.ignoreClass_grad, "its gradient")
  }

  @Test func theDefaultsAreThePlainMean() throws {
    // Without options both losses are what they were: the mean over every example.
    let logits = Tensor.rand([3, 5], seed: 2)
    let targets = [4, 0, 2]
    let p = logits.softmax(dim: 1).data.values
    let logs: [Double] = (0..<3).map { Foundation.log(p[$0 * 5 + targets[$0]]) }
    let expected: Double = -logs.reduce(0.0, +) / 3.0
    try assertClose(crossEntropy(logits: logits, targets: targets).item(), expected, "mean")
    try assertClose(
      crossEntropy(logits: logits, targets: targets, weights: [2, 2, 2, 2, 2]).item(), expected,
      "equal class weights leave the weighted mean unchanged")
  }

  @Test func theOptionsHaveTheirGradients() throws {
    // Central differences on random logits, for weights, smoothing and every reduction.
    for (reduction, _) in Self.reductions {
      try gradCheck(
        {
          crossEntropy(
            logits: $0[0], targets: [2, 0, 1], weights: [0.5, 2, 1], labelSmoothing: 0.2,
            reduction: reduction)
        }, [Tensor.rand([3, 3], seed: 7, backend: .simple) * 4])
    }
  }

  @Test func aTargetThatIsNeitherAClassNorIgnoredIsReported() async {
    await #expect(processExitsWith: .failure) {
      _ = crossEntropy(logits: Tensor.zeros([2, 3]), targets: [0, -100], ignoreIndex: -1)
    }
    await #expect(processExitsWith: .failure) {
      _ = crossEntropy(logits: Tensor.zeros([2, 3]), targets: [0, 1], weights: [1, 2])
    }
    await #expect(processExitsWith: .failure) {
      _ = crossEntropy(logits: Tensor.zeros([2, 3]), targets: [0, 1], labelSmoothing: 1.5)
    }
  }
}
