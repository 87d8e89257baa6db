import Module4
import TensorTestSupport
import TestSupport
import Testing

/// Module 4's functions that take a dimension (max, min, argmax, softmax, logsoftmax) take a
/// negative one too, counted from the end: d − n gives what d gives, values and gradients, in
/// every layout and on both backends. Not graded.
@Suite("Given code: negative dimensions in max, min, argmax and softmax", .explainsStops)
struct NegativeDimensionTests {
  static let backends: [TensorBackend] = [.simple, .fast]

  static let functions: [(String, @Sendable (Tensor, Int) -> Tensor)] = [
    ("max(axis=d)", { $0.max(dim: $1) }),
    ("max(axis=d, keepdims=False)", { $0.max(dim: $1, keepDims: false) }),
    ("max(axis=(d,))", { $0.max(dims: [$1]) }),
    ("min(axis=d)", { $0.min(dim: $1) }),
    ("min(axis=(d,), keepdims=False)", { $0.min(dims: [$1], keepDims: false) }),
    ("argmax one-hot along d", { $0.argmax(dim: $1) * $0 }),
    ("softmax(x, axis=d)", { $0.softmax(dim: $1) }),
    ("log_softmax(x, axis=d)", { $0.logsoftmax(dim: $1) }),
  ]

  @Test(arguments: backends)
  func aNegativeDimensionCountsFromTheEnd(backend: TensorBackend) {
    let cases = Gen<[Int]>.shapes(dims: 1...3, maxSize: 3).flatMap { shape in
      Gen<Tensor>.laidOut(shape, on: backend).zip(Gen<Int>.ints(in: 0...(shape.count - 1)))
    }
    forAll(cases, cases: 30) { x, dim in
      for (name, f) in Self.functions {
        let what = "\(name) of shape \(x.shape) with d = \(dim - x.dims), against \(dim)"
        let (value, grad) = NegativeDimensionChecks.valueAndGradient(f, x, dim - x.dims)
        let (expected, expectedGrad) = NegativeDimensionChecks.valueAndGradient(f, x, dim)
        try expectTensor(value, shape: expected.shape, values: expected.data.values, what)
        try expectTensor(
          grad, shape: expectedGrad.shape, values: expectedGrad.data.values, "gradient: \(what)")
      }
    }
  }

  @Test func softmaxAlongTheLastDimensionMatchesPyTorch() throws {
    // torch.softmax(torch.tensor([[1., 2., 3.], [0., 0., 1.]]), dim=-1)
    let x = Tensor([[1, 2, 3], [0, 0, 1]])
    try expectTensor(
      x.softmax(dim: -1), shape: [2, 3],
      values: [
        0.09003057317038046, 0.24472847105479767, 0.6652409557748219,
        0.21194155761708544, 0.21194155761708544, 0.5761168847658291,
      ], "softmax(dim: -1)", tolerance: .standard)
  }

  @Test(arguments: ["softmax", "max", "argmax"])
  func aDimensionOutOfRangeNamesTheCallAndTheShape(_ kind: String) async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      [kind] in
      let x = Tensor.zeros([2, 3])
      switch kind {
      case "softmax": _ = x.softmax(dim: -3)
      case "max": _ = x.max(dim: -3)
      default: _ = x.argmax(dim: -3)
      }
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    try check(
      message.contains("\(kind)(dim: -3)") && message.contains("[2, 3]")
        && message.contains("-2..<0"),
      "the message should name \(kind)(dim: -3), the shape [2, 3] and -2..<0; it was: \(message)")
  }
}
