import Foundation
import Module4
import TensorTestSupport
import TestSupport
import Testing

/// Pooling over sliding windows (`maxPool2d`, `avgPool2d`, `globalAvgPool2d`) against PyTorch's
/// `max_pool2d`, `avg_pool2d` and `adaptive_avg_pool2d`: overlapping windows, strides other than
/// the kernel, padding, and ties (the gradient of a window goes to its first maximum). Not
/// graded.
@Suite("Given code: pooling over sliding windows", .explainsStops)
struct GivenWindowPooling {
  typealias Reference = LayerReference

  /// The settings of one case, named as in the literals.
  struct Settings: CustomStringConvertible, Sendable {
    let name: String
    let kernel: Size2D
    let stride: Size2D
    let padding: Size2D
    var description: String { "kernel \(kernel), stride \(stride), padding \(padding)" }

    /// The output shape for an input of `shape`: PyTorch's rule.
    func output(_ shape: [Int]) -> [Int] {
      [
        shape[0], shape[1], (shape[2] + 2 * padding.height - kernel.height) / stride.height + 1,
        (shape[3] + 2 * padding.width - kernel.width) / stride.width + 1,
      ]
    }
  }

  static let settings = [
    Settings(name: "k3s2p1", kernel: 3, stride: 2, padding: 1),
    Settings(name: "k2x3s1x2p1", kernel: Size2D(2, 3), stride: Size2D(1, 2), padding: 1),
    Settings(name: "k2s1p0", kernel: 2, stride: 1, padding: 0),
    Settings(name: "k2s2p0", kernel: 2, stride: 2, padding: 0),
  ]

  @Test(arguments: settings)
  func matchesPyTorchOnEveryLayoutAndBackend(_ s: Settings) throws {
    let inputs = [
      ("", Reference.poolX, [2, 2, 5, 6]), ("Ties", Reference.poolTies, [1, 2, 5, 6]),
    ]
    for (layout, backend, place) in everyLayoutAndBackend {
      for (tag, values, shape) in inputs {
        for kind in ["max", "avg"] {
          let key = "\(kind)\(tag)_\(s.name)"
          let x = referenceLeaf(values, shape, layout, backend)
          let out =
            kind == "max"
            ? maxPool2d(x, kernel: s.kernel, stride: s.stride, padding: s.padding)
            : avgPool2d(x, kernel: s.kernel, stride: s.stride, padding: s.padding)
          let what = "\(kind)Pool2d\(tag.isEmpty ? "" : " with ties"), \(s), \(place)"
          try assertTensor(out, shape: s.output(shape), Reference.pooling[key]!, what)
          weightedSum(out, Reference.pooling["\(key)_k"]!).backward()
          try assertClose(
            gradientValues(x), Reference.pooling["\(key)_grad"]!, "gradient of \(what)")
        }
      }
    }
  }

  @Test func theStrideDefaultsToTheKernelAsTheTasksPool() throws {
    let x = Tensor.rand([2, 3, 4, 6], seed: 9)
    try assertClose(
      maxPool2d(x, kernel: 2).data.values, maxpool2d(x, kernel: 2).data.values,
      "maxPool2d with stride = kernel against Task 4.4's maxpool2d", tolerance: .exact)
    try assertClose(
      avgPool2d(x, kernel: Size2D(2, 3)).data.values,
      avgpool2d(x, kernel: Size2D(2, 3)).data.values,
      "avgPool2d with stride = kernel against Task 4.3's avgpool2d")
  }

  @Test(arguments: gradedBackends)
  func overlappingWindowsHaveTheirGradients(backend: TensorBackend) throws {
    var rng = SplitMix64(seed: 12)
    for (kernel, stride, padding) in [(Size2D(3, 2), Size2D(1, 2), Size2D(1, 0)), (2, 1, 1)] {
      let x = leaf([1, 2, 4, 5], backend, &rng)
      try gradCheck({ avgPool2d($0[0], kernel: kernel, stride: stride, padding: padding) }, [x])
      try gradCheck({ maxPool2d($0[0], kernel: kernel, stride: stride, padding: padding) }, [x])
    }
  }

  /// The names of the functions in the graph that computed `tensor`.
  static func functions(of tensor: Tensor) -> Set<String> {
    var names: Set<String> = []
    var pending = [tensor]
    while let next = pending.popLast() {
      guard let history = next.history else { continue }
      names.insert(String(describing: type(of: history.function)))
      pending += history.inputs
    }
    return names
  }

  @Test func poolingRunsThroughTheTasksUnfoldAndPooling() {
    // The graph shows the student's functions at work: the unfolding (Task 4.2's unfoldChannel
    // through `Tensor.Unfold`) and every function Task 4.4's `maxpool2d` (Task 4.3's
    // `avgpool2d`) records, whatever the student named them. (That the given functions call
    // `maxpool2d` and `avgpool2d`, whose bodies are the tasks', is checked on the sources by
    // CourseworkTests' GivenCodeOnTasksChecks.)
    let x = Tensor.rand([1, 2, 4, 4], seed: 1, backend: .simple)
    let leafX = Tensor(x.data, requiresGrad: true)
    let blocks = Tensor(
      Tensor.rand([1, 2, 4, 1], seed: 2, backend: .simple).data, requiresGrad: true)
    let maxOwn = Self.functions(of: maxpool2d(blocks, kernel: Size2D(2, 1)))
    let names = Self.functions(of: maxPool2d(leafX, kernel: 3, stride: 1, padding: 1))
    #expect(
      names.contains("Unfold<Convolution2dGeometry>") && names.isSuperset(of: maxOwn), "\(names)")
    let averageOwn = Self.functions(of: avgpool2d(blocks, kernel: Size2D(2, 1)))
    let average = Self.functions(of: avgPool2d(leafX, kernel: 2, stride: 1))
    #expect(
      average.contains("Unfold<Convolution2dGeometry>") && average.isSuperset(of: averageOwn),
      "\(average)")
  }

  @Test func globalAveragePoolingIsTheMeanOfEveryChannel() throws {
    let x = referenceLeaf(Reference.poolX, [2, 2, 5, 6], .permutedAndStrided, .simple)
    let out = globalAvgPool2d(x)
    try assertTensor(out, shape: [2, 2, 1, 1], Reference.globalAvg, "globalAvgPool2d")
    out.sum().backward()
    try assertClose(
      gradientValues(x), Array(repeating: 1.0 / 30, count: 120), "each pixel's share 1/(5·6)")
  }

  @Test func badSettingsAreReported() async {
    await #expect(processExitsWith: .failure) {
      _ = maxPool2d(Tensor.zeros([1, 1, 5, 5]), kernel: 2, padding: 2)  // more than half
    }
    await #expect(processExitsWith: .failure) {
      _ = avgPool2d(Tensor.zeros([1, 5, 5]), kernel: 2)
    }
    await #expect(processExitsWith: .failure) {
      _ = avgPool2d(Tensor.zeros([1, 1, 2, 5]), kernel: 3)  // no window fits
    }
  }
}
