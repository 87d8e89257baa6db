import Module2
import TestSupport
import Testing

// The expected numbers below were computed with NumPy 2 and PyTorch 2 (float64; gradients of
// Σ w · f with the weights 1, 2, 3, … in row-major order) and are written here as literals.

/// split, chunk, pad, roll, repeated, tiled, moveaxis, outer and tensordot: values against
/// NumPy and PyTorch in every layout, gradients against central differences.
public enum ShapeHelperChecks {
  /// Every check of this file.
  public static let all: [TensorCheck] = [
    TensorCheck("the shape helpers match NumPy in every layout", helpersMatchNumPy),
    TensorCheck("split and chunk give views in order", splitAndChunk),
    TensorCheck("gradients of repeated, tiled and roll match PyTorch", gradientsMatchPyTorch),
    TensorCheck("gradients of the shape helpers in every layout", gradientsOfHelpers),
  ]

  /// A shape helper: what it is in NumPy, how it is called here, the shape and entries NumPy
  /// gives for x = arange(24).reshape(2, 3, 4).
  struct Helper: Sendable {
    let numpy: String
    let apply: @Sendable (Tensor) -> Tensor
    let shape: [Int]
    let values: [Double]
  }

  static let helpers: [Helper] = [
    Helper(
      numpy: "torch.split(x, [1, 2], dim=1)[1]", apply: { $0.split([1, 2], dim: 1)[1] },
      shape: [2, 2, 4], values: [4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23]),
    Helper(
      numpy: "torch.chunk(x, 2, dim=-1)[1]", apply: { $0.chunk(2, dim: -1)[1] },
      shape: [2, 3, 2], values: [2, 3, 6, 7, 10, 11, 14, 15, 18, 19, 22, 23]),
    Helper(
      numpy: "np.pad(x, [(1, 0), (0, 1), (2, 1)], constant_values=-1).sum(axis=0)",
      apply: { $0.pad([(1, 0), (0, 1), (2, 1)], value: -1).sum(dim: 0, keepDims: false) },
      shape: [4, 7],
      values: [
        -3, -3, 11, 13, 15, 17, -3, -3, -3, 19, 21, 23, 25, -3, -3, -3, 27, 29, 31, 33, -3, -3,
        -3, -3, -3, -3, -3, -3,
      ]),
    Helper(
      numpy: "np.pad(x[0, :2, :3], [(1, 0), (0, 2)], constant_values=0.5)",
      apply: { $0[slice: 0, ..<2, ..<3].pad([(1, 0), (0, 2)], value: 0.5) }, shape: [3, 5],
      values: [0.5, 0.5, 0.5, 0.5, 0.5, 0, 1, 2, 0.5, 0.5, 4, 5, 6, 0.5, 0.5]),
    Helper(
      numpy: "np.pad(x[0, :2, :3], [(1, 1)])", apply: { $0[slice: 0, ..<2, ..<3].pad([(1, 1)]) },
      shape: [4, 5], values: [0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 4, 5, 6, 0, 0, 0, 0, 0, 0]),
    Helper(
      numpy: "np.roll(x, 2, axis=-1)", apply: { $0.roll(2, dim: -1) }, shape: [2, 3, 4],
      values: [
        2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13, 18, 19, 16, 17, 22, 23, 20, 21,
      ]),
    Helper(
      numpy: "np.roll(x, -1, axis=1)", apply: { $0.roll(-1, dim: 1) }, shape: [2, 3, 4],
      values: [
        4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3, 16, 17, 18, 19, 20, 21, 22, 23, 12, 13, 14, 15,
      ]),
    Helper(
      numpy: "np.roll(x[0, :2, :3], 5)", apply: { $0[slice: 0, ..<2, ..<3].roll(5) },
      shape: [2, 3], values: [1, 2, 4, 5, 6, 0]),
    Helper(
      numpy: "np.repeat(x[0, :2, :3], 2, axis=1)",
      apply: { $0[slice: 0, ..<2, ..<3].repeated(2, dim: 1) }, shape: [2, 6],
      values: [0, 0, 1, 1, 2, 2, 4, 4, 5, 5, 6, 6]),
    Helper(
      numpy: "np.repeat(x[0, :2, :3], 2)", apply: { $0[slice: 0, ..<2, ..<3].repeated(2) },
      shape: [12], values: [0, 0, 1, 1, 2, 2, 4, 4, 5, 5, 6, 6]),
    Helper(
      numpy: "np.tile(x[0, :2, :3], (2, 1, 2))",
      apply: { $0[slice: 0, ..<2, ..<3].tiled(reps: [2, 1, 2]) }, shape: [2, 2, 6],
      values: [
        0, 1, 2, 0, 1, 2, 4, 5, 6, 4, 5, 6, 0, 1, 2, 0, 1, 2, 4, 5, 6, 4, 5, 6,
      ]),
    Helper(
      numpy: "np.tile(x[0, :2, :3], (2,))", apply: { $0[slice: 0, ..<2, ..<3].tiled(reps: [2]) },
      shape: [2, 6], values: [0, 1, 2, 0, 1, 2, 4, 5, 6, 4, 5, 6]),
    Helper(
      numpy: "np.moveaxis(x, 0, -1)", apply: { $0.moveaxis(0, -1) }, shape: [3, 4, 2],
      values: [
        0, 12, 1, 13, 2, 14, 3, 15, 4, 16, 5, 17, 6, 18, 7, 19, 8, 20, 9, 21, 10, 22, 11, 23,
      ]),
    Helper(
      numpy: "np.moveaxis(x, -1, 0)", apply: { $0.moveaxis(-1, 0) }, shape: [4, 2, 3],
      values: [
        0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23,
      ]),
    Helper(
      numpy: "np.outer(x[0, 0, 1:4], x[1, 0, :2] - 12)",
      apply: { $0[slice: 0, 0, 1..<4].outer($0[slice: 1, 0, ..<2] - 12) }, shape: [3, 2],
      values: [0, 1, 0, 2, 0, 3]),
    Helper(
      numpy: "np.tensordot(x, x[0].T[:, ::-1] * 0.5, axes=([1, 2], [1, 0]))",
      apply: { $0.tensordot($0[slice: 0].transposed().flip(1) * 0.5, axes: ([1, -1], [1, 0])) },
      shape: [2], values: [125, 521]),
    Helper(
      numpy: "np.tensordot(x, x[0, :2].reshape(4, 2), axes=1)",
      apply: { $0.tensordot($0[slice: 0, ..<2].reshape(4, 2), axes: 1) }, shape: [2, 3, 2],
      values: [28, 34, 76, 98, 124, 162, 172, 226, 220, 290, 268, 354]),
    Helper(
      numpy: "np.tensordot(x[0, 0, 1:3], x[0, 0, :3] + 3, axes=0)",
      apply: { $0[slice: 0, 0, 1..<3].tensordot($0[slice: 0, 0, 0..<3] + 3, axes: 0) },
      shape: [2, 3], values: [3, 4, 5, 6, 8, 10]),
    Helper(
      numpy: "np.tensordot(x[0, :2, :3], x[0, :2, :3], axes=2)",
      apply: { $0[slice: 0, ..<2, ..<3].tensordot($0[slice: 0, ..<2, ..<3], axes: 2) },
      shape: [1], values: [1 + 4 + 16 + 25 + 36]),
  ]

  static func helpersMatchNumPy(_ backend: TensorBackend) throws {
    for layout in Layout.allCases {
      let x = layout.tensor(counting([2, 3, 4]), [2, 3, 4], backend)
      for helper in helpers {
        try expectTensor(
          helper.apply(x), shape: helper.shape, values: helper.values,
          "\(helper.numpy) of a \(layout) x")
      }
    }
  }

  static func splitAndChunk(_ backend: TensorBackend) throws {
    let x = Layout.contiguous.tensor(counting([5, 2]), [5, 2], backend)
    let pieces = x.chunk(4)
    try check(
      pieces.map(\.shape) == [[2, 2], [2, 2], [1, 2]],
      "torch.chunk of 5 rows into 4 gives 3 pieces of 2, 2 and 1 rows; got \(pieces.map(\.shape))")
    try check(
      pieces.allSatisfy { $0.data.sharesStorage(with: x.data) }, "chunk's pieces must be views")
    try expectTensor(
      Tensor.concatenate(x.split([1, 3, 1]), dim: 0), shape: [5, 2], values: counting([5, 2]),
      "the pieces of split([1, 3, 1]) joined again")
  }

  static func gradientsMatchPyTorch(_ backend: TensorBackend) throws {
    let cases: [(String, (Tensor) -> Tensor, [Double])] = [
      ("torch.repeat_interleave(x, 2, dim=1)", { $0.repeated(2, dim: 1) }, [3, 7, 11, 15, 19, 23]),
      ("x.tile((2, 1, 2))", { $0.tiled(reps: [2, 1, 2]) }, [34, 38, 42, 58, 62, 66]),
      ("torch.roll(x, 1, dims=1)", { $0.roll(1, dim: 1) }, [2, 3, 1, 5, 6, 4]),
    ]
    for (name, f, expected) in cases {
      let x = Tensor(
        Layout.permuted.make(counting([2, 3]), [2, 3]), backend: backend,
        requiresGrad: true)
      let y = f(x)
      let weights = Tensor(
        shape: y.shape, data: counting(y.shape).map { $0 + 1 }, backend: backend)
      (y * weights).sum().backward()
      try expectTensor(x.grad!, shape: [2, 3], values: expected, "∂ Σ w · \(name)")
    }
  }

  static func gradientsOfHelpers(_ backend: TensorBackend) throws {
    for (number, helper) in helpers.enumerated() {
      let layout = Layout.allCases[number % Layout.allCases.count]
      let x = layout.tensor(nudgedCounting([2, 3, 4], seed: UInt64(number)), [2, 3, 4], backend)
      try expectGradients({ helper.apply($0[0]) }, [x], "\(helper.numpy) of a \(layout) x")
    }
    let b = Layout.strided.tensor(nudgedCounting([4, 3, 2], seed: 5), [4, 3, 2], backend)
    let a = Layout.permuted.tensor(nudgedCounting([2, 3, 4], seed: 6), [2, 3, 4], backend)
    try expectGradients(
      { $0[0].tensordot($0[1], axes: ([2, 1], [0, -2])) }, [a, b],
      "tensordot(axes: ([2, 1], [0, -2])) in both operands")
    try expectGradients({ $0[0].outer($0[1]) }, [a, b], "outer in both operands")
  }
}
