import Foundation
import Module4
import TensorTestSupport
import TestSupport
import Testing

/// The normalisation layers `TensorBatchNorm1d`, `TensorBatchNorm2d` and `TensorLayerNorm`
/// against PyTorch's `BatchNorm1d`, `BatchNorm2d` and `layer_norm`: outputs and gradients in
/// training mode, running statistics, evaluation mode. Not graded.
@Suite("Given code: batch and layer normalisation", .explainsStops)
struct GivenNormalization {
  typealias Reference = LayerReference

  /// One batch-normalisation case: its shape and PyTorch's literals.
  struct BatchNormCase: CustomStringConvertible, Sendable {
    let name: String
    let shape: [Int]
    let x1, x2, k, weight, bias, out1, gradX, gradWeight, gradBias, out2: [Double]
    let runningMean, runningVariance, eval, evalGradX: [Double]
    var description: String { name }

    /// A fresh layer of the case's kind with PyTorch's weight and bias.
    func layer(_ backend: TensorBackend) -> TensorBatchNorm {
      let channels = shape[1]
      let layer: TensorBatchNorm =
        shape.count == 4
        ? TensorBatchNorm2d(channels: channels, backend: backend)
        : TensorBatchNorm1d(channels: channels, backend: backend)
      layer.weight?.update(
        Tensor(shape: [channels], data: weight, backend: backend, requiresGrad: true))
      layer.bias?.update(
        Tensor(shape: [channels], data: bias, backend: backend, requiresGrad: true))
      return layer
    }
  }

  static let cases = [
    BatchNormCase(
      name: "BatchNorm2d", shape: [3, 2, 2, 3], x1: Reference.bn2dX1, x2: Reference.bn2dX2,
      k: Reference.bn2dK, weight: Reference.bn2dWeight, bias: Reference.bn2dBias,
      out1: Reference.bn2dOut1, gradX: Reference.bn2dGradX, gradWeight: Reference.bn2dGradWeight,
      gradBias: Reference.bn2dGradBias, out2: Reference.bn2dOut2,
      runningMean: Reference.bn2dRunningMean, runningVariance: Reference.bn2dRunningVar,
      eval: Reference.bn2dEval, evalGradX: Reference.bn2dEvalGradX),
    BatchNormCase(
      name: "BatchNorm1d (batch, channels)", shape: [5, 3], x1: Reference.bn1dX1,
      x2: Reference.bn1dX2, k: Reference.bn1dK, weight: Reference.bn1dWeight,
      bias: Reference.bn1dBias, out1: Reference.bn1dOut1, gradX: Reference.bn1dGradX,
      gradWeight: Reference.bn1dGradWeight, gradBias: Reference.bn1dGradBias,
      out2: Reference.bn1dOut2, runningMean: Reference.bn1dRunningMean,
      runningVariance: Reference.bn1dRunningVar, eval: Reference.bn1dEval,
      evalGradX: Reference.bn1dEvalGradX),
    BatchNormCase(
      name: "BatchNorm1d (batch, channels, length)", shape: [2, 3, 4],
      x1: Reference.bn1dSignalX1, x2: Reference.bn1dSignalX2, k: Reference.bn1dSignalK,
      weight: Reference.bn1dSignalWeight, bias: Reference.bn1dSignalBias,
      out1: Reference.bn1dSignalOut1, gradX: Reference.bn1dSignalGradX,
      gradWeight: Reference.bn1dSignalGradWeight, gradBias: Reference.bn1dSignalGradBias,
      out2: Reference.bn1dSignalOut2, runningMean: Reference.bn1dSignalRunningMean,
      runningVariance: Reference.bn1dSignalRunningVar, eval: Reference.bn1dSignalEval,
      evalGradX: Reference.bn1dSignalEvalGradX),
  ]

  /// The layer's output for `input` (through the kind's own `forward`, which checks the rank).
  static func apply(_ layer: TensorBatchNorm, _ input: Tensor) -> Tensor {
    if let layer = layer as? TensorBatchNorm2d { return layer(input) }
    return (layer as! TensorBatchNorm1d)(input)
  }

  @Test(arguments: cases)
  func batchNormMatchesPyTorchInTrainingAndEvaluation(_ c: BatchNormCase) throws {
    for (layout, backend, place) in everyLayoutAndBackend {
      let layer = c.layer(backend)
      let x = referenceLeaf(c.x1, c.shape, layout, backend)
      let out = Self.apply(layer, x)
      try assertTensor(out, shape: c.shape, c.out1, "\(c) in training, \(place)")
      weightedSum(out, c.k).backward()
      try assertClose(gradientValues(x), c.gradX, "\(c): gradient of the input, \(place)")
      try assertClose(
        gradientValues(layer.weight!.value(as: Tensor.self)), c.gradWeight, "\(c): weight's")
      try assertClose(
        gradientValues(layer.bias!.value(as: Tensor.self)), c.gradBias, "\(c): bias's")
      let second = Self.apply(layer, referenceLeaf(c.x2, c.shape, layout, backend))
      try assertTensor(second, shape: c.shape, c.out2, "\(c) on a second batch, \(place)")
      try assertClose(layer.runningMean.data.values, c.runningMean, "\(c): running mean")
      try assertClose(
        layer.runningVariance.data.values, c.runningVariance, "\(c): running (unbiased) variance")
      #expect(!layer.runningMean.requiresGrad && layer.runningMean.isLeaf)
      layer.eval()
      let evaluated = referenceLeaf(c.x1, c.shape, layout, backend)
      let out3 = Self.apply(layer, evaluated)
      try assertTensor(out3, shape: c.shape, c.eval, "\(c) in evaluation mode, \(place)")
      weightedSum(out3, c.k).backward()
      try assertClose(gradientValues(evaluated), c.evalGradX, "\(c): evaluation gradient")
    }
  }

  @Test func batchNormHasItsGradients() throws {
    // Central differences through the batch statistics, on random inputs.
    let layer = TensorBatchNorm2d(channels: 2)
    layer.weight?.update(Tensor(shape: [2], data: [1.5, -0.7], requiresGrad: true))
    try gradCheck({ layer($0[0]) }, [Tensor.rand([2, 2, 3, 2], seed: 4) * 3])
    let signal = TensorBatchNorm1d(channels: 3, affine: false)
    try gradCheck({ signal($0[0]) }, [Tensor.rand([4, 3], seed: 5)])
    #expect(signal.parameters().isEmpty)
    #expect(layer.namedParameters().map(\.name) == ["weight", "bias"])
  }

  @Test(arguments: [("ln1", [4]), ("ln2", [3, 4])])
  func layerNormMatchesPyTorch(name: String, normalized: [Int]) throws {
    let literals: [String: [[Double]]] = [
      "ln1": [
        Reference.ln1X, Reference.ln1Weight, Reference.ln1Bias, Reference.ln1K, Reference.ln1Out,
        Reference.ln1GradX, Reference.ln1GradWeight, Reference.ln1GradBias,
      ],
      "ln2": [
        Reference.ln2X, Reference.ln2Weight, Reference.ln2Bias, Reference.ln2K, Reference.ln2Out,
        Reference.ln2GradX, Reference.ln2GradWeight, Reference.ln2GradBias,
      ],
    ]
    let v = literals[name]!
    for (layout, backend, place) in everyLayoutAndBackend {
      let layer = TensorLayerNorm(normalized, backend: backend)
      let (weight, bias) = (
        referenceLeaf(v[1], normalized, layout, backend),
        referenceLeaf(v[2], normalized, layout, backend)
      )
      layer.weight?.update(weight)
      layer.bias?.update(bias)
      let x = referenceLeaf(v[0], [2, 3, 4], layout, backend)
      let out = layer(x)
      try assertTensor(out, shape: [2, 3, 4], v[4], "layerNorm over \(normalized), \(place)")
      weightedSum(out, v[3]).backward()
      try assertClose(gradientValues(x), v[5], "layerNorm: gradient of x, \(place)")
      try assertClose(gradientValues(weight), v[6], "layerNorm: gradient of the weight")
      try assertClose(gradientValues(bias), v[7], "layerNorm: gradient of the bias")
    }
  }

  @Test func layerNormBroadcastsItsWeightAndHasItsGradients() throws {
    try gradCheck(
      { layerNorm($0[0], normalizedShape: [3], weight: $0[1], bias: $0[2]) },
      [Tensor.rand([2, 2, 3], seed: 1) * 2, Tensor.rand([3], seed: 2), Tensor.rand([3], seed: 3)])
    let plain = TensorLayerNorm([5], elementwiseAffine: false)
    let out = plain(Tensor.rand([4, 5], seed: 6)).data.values
    for row in 0..<4 {
      let entries = Array(out[(row * 5)..<(row * 5 + 5)])
      try assertClose(entries.reduce(0, +) / 5, 0, "mean of a normalised row")
    }
  }

  @Test func badInputsAreReported() async {
    await #expect(processExitsWith: .failure) {
      _ = TensorBatchNorm2d(channels: 3)(Tensor.zeros([2, 2, 3, 3]))
    }
    await #expect(processExitsWith: .failure) {
      _ = TensorBatchNorm1d(channels: 2)(Tensor.zeros([1, 2]))  // one value per channel
    }
    await #expect(processExitsWith: .failure) {
      _ = layerNorm(Tensor.zeros([2, 3]), normalizedShape: [2])
    }
  }
}
