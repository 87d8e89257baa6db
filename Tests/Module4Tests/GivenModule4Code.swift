import Foundation
import Module4
import TestSupport
import Testing

/// The code students are given in Module 4 around the tasks: the output-size rule, layers and
/// their initialisation, and losses (Adam is Module 2's). Not graded.
@Suite("Given code: layers, losses", .explainsStops)
struct GivenModule4Code {
  // MARK: geometry

  @Test func theOutputSizeRule() {
    // ⌊(W + 2p − d(k − 1) − 1) / s⌋ + 1, PyTorch's rule.
    let cases: [(size: Int, kernel: Int, stride: Int, padding: Int, dilation: Int, out: Int)] = [
      (28, 5, 1, 0, 1, 24), (5, 3, 1, 1, 1, 5), (7, 3, 2, 0, 1, 3), (10, 3, 1, 0, 2, 6),
      (6, 3, 2, 1, 1, 3), (1, 1, 3, 0, 1, 1), (4, 3, 3, 2, 2, 2),
    ]
    for (size, kernel, stride, padding, dilation, out) in cases {
      let axis = ConvolutionAxis(
        size: size, kernel: kernel, stride: stride, padding: padding, dilation: dilation,
        operation: "test", axis: "width")
      let settings =
        "size \(size), kernel \(kernel), stride \(stride), padding \(padding), "
        + "dilation \(dilation)"
      #expect(
        axis.outputSize == out,
        Comment(rawValue: "\(settings) should give \(out) positions, gave \(axis.outputSize)"))
    }
  }

  @Test func insideIsWhereATapReadsTheInput() {
    forAll(AxisSettings.gen) { a in
      let axis = ConvolutionAxis(
        size: a.size, kernel: a.kernel, stride: a.stride, padding: a.padding,
        dilation: a.dilation, operation: "test", axis: "width")
      for tap in 0..<a.kernel {
        let expected = (0..<a.outputSize).filter { p in
          let x = p * a.stride - a.padding + tap * a.dilation
          return x >= 0 && x < a.size
        }
        try check(
          Array(axis.inside(tap: tap)) == expected,
          "inside(tap: \(tap)) for \(a) is \(axis.inside(tap: tap)), expected \(expected)")
      }
    }
  }

  @Test func sizeLiteralsMeanBothAxes() {
    let stride: Size2D = 2
    #expect(stride == Size2D(2, 2))
    #expect(Size2D(3, 1).description == "(3, 1)")
  }

  @Test func aNegativePaddingIsReported() async {
    await #expect(processExitsWith: .failure) {
      _ = conv1d(Tensor.zeros([1, 1, 5]), Tensor.zeros([1, 1, 3]), padding: -1)
    }
  }

  // MARK: layers

  @Test func convolutionLayersHaveHeInitialisedWeightsAndZeroBias() throws {
    let layer = TensorConv2d(inChannels: 2, outChannels: 3, kernel: Size2D(3, 2), seed: 4)
    let weights = layer.weights.value(as: Tensor.self)
    #expect(weights.shape == [3, 2, 3, 2])
    let bound = (6.0 / 12).squareRoot()
    #expect(
      weights.data.values.allSatisfy { abs($0) <= bound },
      "He-uniform weights with fan-in 12 should lie within ±\(bound)")
    #expect(weights.data.values.contains { abs($0) > bound / 2 }, "the weights look too small")
    #expect(layer.bias?.value(as: Tensor.self).data.values == [0, 0, 0])
    #expect(layer.namedParameters().map(\.name) == ["weights", "bias"])
    let again = TensorConv2d(inChannels: 2, outChannels: 3, kernel: Size2D(3, 2), seed: 4)
    #expect(again.weights.value(as: Tensor.self).data.values == weights.data.values)
    let noBias = TensorConv1d(inChannels: 1, outChannels: 2, kernel: 3, bias: false, seed: 0)
    #expect(noBias.namedParameters().map(\.name) == ["weights"])
  }

  @Test func convolutionLayersComputeTheirFunction() throws {
    let layer = TensorConv1d(inChannels: 2, outChannels: 3, kernel: 2, padding: 1, seed: 1)
    layer.bias?.update(Tensor(shape: [3], data: [1, 2, 3]))
    let x = Tensor.rand([2, 2, 5], seed: 3)
    let expected = conv1d(
      x, layer.weights.value(as: Tensor.self), bias: Tensor(shape: [3], data: [1, 2, 3]),
      padding: 1)
    #expect(layer(x).data.values == expected.data.values)
    #expect(layer(x).shape == [2, 3, 6])
    let image = TensorConv2d(
      inChannels: 1, outChannels: 4, kernel: 3, stride: 2, padding: 1, seed: 2)
    #expect(image(Tensor.rand([1, 1, 7, 8], seed: 5)).shape == [1, 4, 4, 4])
    #expect(image.description.contains("kernel: (3, 3), stride: (2, 2), padding: (1, 1)"))
  }

  @Test func heLinearLayersStartSmallerThanUniformOnes() throws {
    let he = TensorLinear(392, 64, seed: 0, initialization: .he)
    let weights = he.weights.value(as: Tensor.self)
    #expect(weights.shape == [392, 64])
    let bound = (6.0 / 392).squareRoot()
    #expect(weights.data.values.allSatisfy { abs($0) <= bound })
    #expect(he.bias.value(as: Tensor.self).data.values == Array(repeating: 0, count: 64))
    let uniform = TensorLinear(3, 2, seed: 0, initialization: .uniform)
    #expect(uniform.weights.value(as: Tensor.self).data.values.allSatisfy { abs($0) <= 1 })
    #expect(uniform.bias.value(as: Tensor.self).data.values.contains { $0 != 0 })
  }

  // MARK: losses

  @Test func nllLossAveragesMinusTheLogProbabilityOfTheRightClass() throws {
    let p: [Double] = [0.7, 0.2, 0.1, 0.1, 0.1, 0.8]
    let logp = Tensor(shape: [2, 3], data: p.map { Foundation.log($0) }, requiresGrad: true)
    let loss = nllLoss(logProbabilities: logp, targets: [0, 2])
    try assertClose(
      loss.item(), -(Foundation.log(0.7) + Foundation.log(0.8)) / 2, "nllLoss for targets 0, 2")
    loss.backward()
    try assertClose(
      logp.grad?.data.values ?? [], [-0.5, 0, 0, 0, 0, -0.5], "∂nllLoss/∂logp: −1/N at targets")
  }

  @Test func crossEntropyIsSoftmaxMinusOneHotInItsGradient() throws {
    let logits = Tensor(shape: [2, 3], data: [1, 2, 3, 0, -1, 5], requiresGrad: true)
    let loss = crossEntropy(logits: logits, targets: [1, 2])
    let p = logits.softmax(dim: 1).data.values
    try assertClose(
      loss.item(), -(Foundation.log(p[1]) + Foundation.log(p[5])) / 2,
      "crossEntropy against −mean log softmax at the targets")
    loss.backward()
    let oneHot: [Double] = [0, 1, 0, 0, 0, 1]
    try assertClose(
      logits.grad?.data.values ?? [], zip(p, oneHot).map { ($0 - $1) / 2 },
      "∂crossEntropy/∂logits = (softmax − one-hot) / N")
    let huge = crossEntropy(logits: Tensor(shape: [1, 2], data: [1000, -1000]), targets: [1])
    try assertClose(huge.item(), 2000, "crossEntropy of logits [1000, −1000] for class 1")
  }

  @Test func binaryCrossEntropyIsStableAndItsGradientIsSigmoidMinusTarget() throws {
    let z = Tensor(shape: [5], data: [-3, -0.5, 0, 2, 4], requiresGrad: true)
    let y = Tensor(shape: [5], data: [0, 1, 1, 0, 1])
    let loss = binaryCrossEntropy(logits: z, targets: y)
    let naive = zip(z.data.values, y.data.values).map { z, y in
      let p = 1 / (1 + Foundation.exp(-z))
      return -y * Foundation.log(p) - (1 - y) * Foundation.log(1 - p)
    }
    try assertClose(loss.item(), naive.reduce(0, +) / 5, "binaryCrossEntropy against the formula")
    loss.backward()
    let expected = zip(z.data.values, y.data.values).map { z, y in
      (1 / (1 + Foundation.exp(-z)) - y) / 5
    }
    try assertClose(z.grad?.data.values ?? [], expected, "∂bce/∂z = (σ(z) − y) / N, also at 0")
    let extreme = binaryCrossEntropy(
      logits: Tensor(shape: [2], data: [1000, -1000]), targets: Tensor(shape: [2], data: [0, 1]))
    try assertClose(extreme.item(), 1000, "binaryCrossEntropy of confidently wrong logits ±1000")
    try gradCheck(
      { binaryCrossEntropy(logits: $0[0], targets: $0[1]) },
      [Tensor(shape: [4], data: [-2, 0.3, 1, 5]), Tensor(shape: [4], data: [0, 1, 0.5, 1])])
  }

  @Test func aTargetOutsideTheClassesIsReported() async {
    await #expect(processExitsWith: .failure) {
      _ = nllLoss(logProbabilities: Tensor.zeros([2, 3]), targets: [0, 3])
    }
  }
}
