import Foundation
import Module4
import TensorTestSupport
import TestSupport
import Testing

/// Grouped and depthwise convolution (`groups:` on `conv1d`, `conv2d` and the layers) against
/// PyTorch's `conv1d` and `conv2d`. Not graded.
@Suite("Given code: grouped and depthwise convolution", .explainsStops)
struct GivenGroupedConvolution {
  typealias Reference = LayerReference

  @Test func groupedConvolutionsMatchPyTorch() throws {
    for (layout, backend, place) in everyLayoutAndBackend {
      let cases: [(String, [[Double]], [Int], [Int], (Tensor, Tensor, Tensor) -> Tensor)] = [
        (
          "conv2d, 2 groups",
          [
            Reference.grouped2dX, Reference.grouped2dW, Reference.grouped2dB, Reference.grouped2dK,
            Reference.grouped2dOut, Reference.grouped2dGradX, Reference.grouped2dGradW,
            Reference.grouped2dGradB,
          ], [2, 4, 5, 5], [6, 2, 3, 3],
          { conv2d($0, $1, bias: $2, stride: 2, padding: 1, groups: 2) }
        ),
        (
          "depthwise conv2d",
          [
            Reference.depthwise2dX, Reference.depthwise2dW, Reference.depthwise2dB,
            Reference.depthwise2dK, Reference.depthwise2dOut, Reference.depthwise2dGradX,
            Reference.depthwise2dGradW, Reference.depthwise2dGradB,
          ], [1, 3, 4, 5], [6, 1, 2, 3],
          { conv2d($0, $1, bias: $2, padding: Size2D(1, 0), dilation: Size2D(1, 2), groups: 3) }
        ),
        (
          "conv1d, 3 groups",
          [
            Reference.grouped1dX, Reference.grouped1dW, Reference.grouped1dB, Reference.grouped1dK,
            Reference.grouped1dOut, Reference.grouped1dGradX, Reference.grouped1dGradW,
            Reference.grouped1dGradB,
          ], [2, 6, 7], [3, 2, 3], { conv1d($0, $1, bias: $2, padding: 1, dilation: 2, groups: 3) }
        ),
      ]
      for (name, v, xShape, wShape, convolve) in cases {
        let x = referenceLeaf(v[0], xShape, layout, backend)
        let w = referenceLeaf(v[1], wShape, layout, backend)
        let b = referenceLeaf(v[2], [wShape[0]], layout, backend)
        let out = convolve(x, w, b)
        try assertClose(out.data.values, v[4], "\(name), \(place)")
        weightedSum(out, v[3]).backward()
        try assertClose(gradientValues(x), v[5], "\(name): gradient of the input, \(place)")
        try assertClose(gradientValues(w), v[6], "\(name): gradient of the weight, \(place)")
        try assertClose(gradientValues(b), v[7], "\(name): gradient of the bias, \(place)")
      }
    }
  }

  @Test(arguments: gradedBackends)
  func eachGroupSeesOnlyItsOwnChannels(backend: TensorBackend) throws {
    // Group j of a grouped convolution is the ordinary convolution of channel group j.
    var rng = SplitMix64(seed: 3)
    let x = leaf([2, 4, 5, 4], backend, &rng)
    let w = leaf([4, 2, 2, 3], backend, &rng)
    let grouped = conv2d(x, w, padding: 1, groups: 2)
    for group in 0..<2 {
      let alone = conv2d(
        x[slice: TensorIndex.all, (2 * group)..<(2 * group + 2)],
        w[slice: (2 * group)..<(2 * group + 2)], padding: 1)
      try assertClose(
        grouped[slice: TensorIndex.all, (2 * group)..<(2 * group + 2)].data.values,
        alone.data.values, "group \(group) against its own convolution")
    }
    try gradCheck(
      { conv2d($0[0], $0[1], bias: $0[2], stride: 2, groups: 2) }, [x, w, leaf([4], backend, &rng)])
  }

  @Test func layersTakeGroups() throws {
    let depthwise = TensorConv2d(inChannels: 3, outChannels: 6, kernel: 3, groups: 3, seed: 1)
    #expect(depthwise.weights.value(as: Tensor.self).shape == [6, 1, 3, 3])
    let bound = (6.0 / 9).squareRoot()  // He-uniform, fan-in 1 · 3 · 3
    #expect(depthwise.weights.value(as: Tensor.self).data.values.allSatisfy { abs($0) <= bound })
    #expect(depthwise(Tensor.rand([2, 3, 5, 5], seed: 2)).shape == [2, 6, 3, 3])
    #expect(
      depthwise.description.contains("in: 3, out: 6") && depthwise.description.contains("groups: 3")
    )
    let signal = TensorConv1d(inChannels: 4, outChannels: 2, kernel: 2, groups: 2, seed: 3)
    let x = Tensor.rand([1, 4, 6], seed: 4)
    try assertClose(
      signal(x).data.values,
      conv1d(
        x, signal.weights.value(as: Tensor.self), bias: signal.bias?.value(as: Tensor.self),
        groups: 2
      ).data.values, "TensorConv1d with groups: 2 against conv1d", tolerance: .exact)
  }

  @Test func groupsThatDoNotDivideAreReported() async {
    await #expect(processExitsWith: .failure) {
      _ = conv2d(Tensor.zeros([1, 3, 4, 4]), Tensor.zeros([4, 1, 3, 3]), groups: 2)
    }
    await #expect(processExitsWith: .failure) {
      _ = conv1d(Tensor.zeros([1, 4, 5]), Tensor.zeros([4, 4, 3]), groups: 2)  // weight not C/g
    }
    await #expect(processExitsWith: .failure) {
      _ = TensorConv2d(inChannels: 4, outChannels: 6, kernel: 3, groups: 4, seed: 0)
    }
  }
}
