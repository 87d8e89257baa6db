import Module4
import TensorTestSupport
import TestSupport
import Testing

// The expected numbers below were computed with NumPy 2 and PyTorch 2 (float64; gradients of
// Σ w · f with the weights given) and are written here as literals.

/// `argmaxIndices`, `argminIndices` and `topk`, built on Task 4.4's `firstMaximumMask`: indices
/// as whole numbers shaped like a reduction, values with gradients, ties to the lower index,
/// on both backends and in every layout. Not graded.
@Suite("Given code: argmaxIndices, argminIndices and topk", .explainsStops)
struct ArgmaxIndicesAndTopKTests {
  static let backends: [TensorBackend] = [.simple, .fast]

  /// [((7i) mod 11) − 4 for i in 0..<24] as shape [2, 3, 4], in `layout`: ties included.
  static func t(_ backend: TensorBackend, _ layout: Layout) -> Tensor {
    layout.tensor(
      [-4, 3, -1, 6, 2, -2, 5, 1, -3, 4, 0, -4, 3, -1, 6, 2, -2, 5, 1, -3, 4, 0, -4, 3],
      [2, 3, 4], backend)
  }

  static let indices: [(dim: Int, shape: [Int], argmax: [Double], argmin: [Double])] = [
    (0, [1, 3, 4], [1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1], [0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0]),
    (1, [2, 1, 4], [1, 2, 1, 0, 2, 1, 0, 2], [0, 1, 0, 2, 1, 0, 2, 1]),
    (2, [2, 3, 1], [3, 2, 1, 2, 1, 0], [0, 1, 3, 1, 3, 2]),
    (-1, [2, 3, 1], [3, 2, 1, 2, 1, 0], [0, 1, 3, 1, 3, 2]),
  ]

  @Test(arguments: backends)
  func indicesMatchNumPy(backend: TensorBackend) throws {
    for layout in Layout.allCases {
      let x = Self.t(backend, layout)
      for (dim, shape, argmax, argmin) in Self.indices {
        try expectTensor(
          x.argmaxIndices(dim: dim), shape: shape, values: argmax,
          "np.argmax(t, axis=\(dim), keepdims=True), \(layout)")
        try expectTensor(
          x.argminIndices(dim: dim), shape: shape, values: argmin,
          "np.argmin(t, axis=\(dim), keepdims=True), \(layout)")
      }
      try expectTensor(x.argmaxIndices(), shape: [1], values: [3], "np.argmax(t), \(layout)")
      try expectTensor(x.argminIndices(), shape: [1], values: [0], "np.argmin(t), \(layout)")
      try expectTensor(
        x.argmaxIndices(dim: 2, keepDims: false), shape: [2, 3], values: [3, 2, 1, 2, 1, 0],
        "np.argmax(t, axis=2), \(layout)")
    }
    let row = Tensor(shape: [4], data: [1, 5, 5, 2], backend: backend)
    try expectTensor(row.argmaxIndices(dim: 0, keepDims: false), shape: [1], values: [1], "1-D")
  }

  static let x: [Double] = [
    0.5, -1.25, 3.0, 2.0, 0.75, 4.0, 1.5, -2.0, 2.5, 3.5, -0.5, -3.0, 1.0, 0.0, -1.5,
  ]

  @Test(arguments: backends)
  func topkMatchesPyTorch(backend: TensorBackend) throws {
    for layout in Layout.allCases {
      let leaf = Tensor(layout.make(Self.x, [3, 5]), backend: backend, requiresGrad: true)
      let (values, indices) = leaf.topk(3, dim: -1)
      try expectTensor(
        values, shape: [3, 3], values: [3, 2, 0.75, 4, 3.5, 2.5, 1, 0, -0.5],
        "torch.topk(x, 3).values, \(layout)")
      try expectTensor(
        indices, shape: [3, 3], values: [2, 3, 4, 0, 4, 3, 2, 3, 0],
        "torch.topk(x, 3).indices, \(layout)")
      (values * Tensor(shape: [3, 3], data: (1...9).map(Double.init), backend: backend)).sum()
        .backward()
      try expectTensor(
        leaf.grad!, shape: [3, 5], values: [0, 0, 1, 2, 3, 4, 0, 0, 6, 5, 9, 0, 7, 8, 0],
        "∂ Σ w · torch.topk(x, 3).values, \(layout)")

      let other = Tensor(layout.make(Self.x, [3, 5]), backend: backend, requiresGrad: true)
      let (low, where_) = other.topk(2, dim: 0, largest: false)
      try expectTensor(
        low, shape: [2, 5], values: [-0.5, -3, -2, 0, -1.5, 0.5, -1.25, 1, 2, 0.75],
        "torch.topk(x, 2, dim=0, largest=False).values, \(layout)")
      try expectTensor(
        where_, shape: [2, 5], values: [2, 2, 1, 2, 2, 0, 0, 2, 0, 0],
        "torch.topk(x, 2, dim=0, largest=False).indices, \(layout)")
      (low * Tensor(shape: [2, 5], data: (1...10).map(Double.init), backend: backend)).sum()
        .backward()
      try expectTensor(
        other.grad!, shape: [3, 5], values: [6, 7, 0, 9, 10, 0, 0, 3, 0, 0, 1, 2, 8, 4, 5],
        "∂ Σ w · torch.topk(x, 2, dim=0, largest=False).values, \(layout)")
    }
  }

  @Test(arguments: backends)
  func topkOrdersTiesAndInfinitiesAsAStableSort(backend: TensorBackend) throws {
    // np.argsort(-y, kind="stable") of [3, 7, 1, 7, -inf, -inf] is [1, 3, 0, 2, 4, 5].
    let y = Tensor(shape: [6], data: [3, 7, 1, 7, -.infinity, -.infinity], backend: backend)
    let (values, indices) = y.topk(6, dim: 0)
    try expectTensor(indices, shape: [6], values: [1, 3, 0, 2, 4, 5], "topk(6) indices")
    try expectTensor(
      values, shape: [6], values: [7, 7, 3, 1, -.infinity, -.infinity], "topk(6) values")
  }

  @Test(arguments: backends)
  func topkGradientsInEveryLayout(backend: TensorBackend) throws {
    for (number, layout) in Layout.allCases.enumerated() {
      for dim in [0, 1, -1] {
        let x = layout.tensor(nudgedCounting([3, 4, 2], seed: UInt64(number)), [3, 4, 2], backend)
        try expectGradients(
          { $0[0].topk(2, dim: dim).values }, [x], "topk(2, dim: \(dim)) of a \(layout) x")
      }
    }
  }

  @Test func aKTooLargeNamesTheSize() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor.zeros([2, 3]).topk(4)
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    try check(
      message.contains("topk(4, dim: -1)") && message.contains("1...3")
        && message.contains("[2, 3]"),
      "the message should name topk(4, dim: -1), 1...3 and the shape [2, 3]; it was: \(message)")
  }
}
