import Module2
import TestSupport
import Testing

/// Negative dimension numbers: every function of Module 2 that takes a dimension gives for
/// dimension d − n (n the number of dimensions) exactly what it gives for d, values and
/// gradients, in every layout. Module 4's max, min, argmax and softmax are checked in
/// Module4Tests the same way.
public enum NegativeDimensionChecks {
  /// Every check of this file.
  public static let all: [TensorCheck] = [
    TensorCheck("a negative dimension is the dimension counted from the end", sameAsPositive),
    TensorCheck("a negative new dimension counts from the end", newDimensions),
  ]

  /// A function of a tensor and one dimension number, named as NumPy writes it.
  struct DimFunction: Sendable {
    let name: String
    let apply: @Sendable (Tensor, Int) -> Tensor
  }

  static let functions: [DimFunction] = [
    DimFunction(name: "sum(axis=d, keepdims=True)") { $0.sum(dim: $1) },
    DimFunction(name: "sum(axis=d)") { $0.sum(dim: $1, keepDims: false) },
    DimFunction(name: "sum(axis=(d,))") { $0.sum(dims: [$1], keepDims: false) },
    DimFunction(name: "mean(axis=d)") { $0.mean(dim: $1) },
    DimFunction(name: "mean(axis=(d,))") { $0.mean(dims: [$1], keepDims: false) },
    DimFunction(name: "prod(axis=d)") { $0.prod(dim: $1) },
    DimFunction(name: "var(axis=d)") { $0.variance(dim: $1) },
    DimFunction(name: "var(axis=(d,))") { $0.variance(dims: [$1], keepDims: false) },
    DimFunction(name: "std(axis=d)") { ($0.variance(dim: $1) + 1).sqrt() },
    DimFunction(name: "all(axis=d)") { $0.gt(-1).all(dim: $1) },
    DimFunction(name: "cumsum(axis=d)") { $0.cumsum(dim: $1) },
    DimFunction(name: "concatenate([x, x], axis=d)") { Tensor.concatenate([$0, $0], dim: $1) },
    DimFunction(name: "swapaxes(x, d, 0)") { $0.transposed($1, 0) },
    DimFunction(name: "flip(x, d)") { $0.flip($1) },
  ]

  static func sameAsPositive(_ backend: TensorBackend) throws {
    let cases = Gen<[Int]>.shapes(dims: 1...3, maxSize: 3).flatMap { shape in
      Gen<Tensor>.laidOut(shape, on: backend).zip(Gen<Int>.ints(in: 0...(shape.count - 1)))
    }
    forAll(cases, cases: 40) { x, dim in
      let negative = dim - x.dims
      for function in functions {
        let what = "\(function.name) of shape \(x.shape) with d = \(negative), against \(dim)"
        let (value, grad) = valueAndGradient(function.apply, x, negative)
        let (expected, expectedGrad) = valueAndGradient(function.apply, x, dim)
        try expectTensor(value, shape: expected.shape, values: expected.data.values, what)
        try expectTensor(
          grad, shape: expectedGrad.shape, values: expectedGrad.data.values, "gradient: \(what)")
      }
    }
  }

  static func newDimensions(_ backend: TensorBackend) throws {
    let x = Layout.permuted.tensor(counting([2, 3]), [2, 3], backend)
    for (negative, positive) in [(-1, 2), (-2, 1), (-3, 0)] {
      try check(
        x.unsqueeze(negative).shape == x.unsqueeze(positive).shape,
        "unsqueeze(\(negative)) of [2, 3] has shape \(x.unsqueeze(negative).shape), expected "
          + "\(x.unsqueeze(positive).shape)")
      let stacked = Tensor.stack([x, x + 10], dim: negative)
      let expected = Tensor.stack([x, x + 10], dim: positive)
      try expectTensor(
        stacked, shape: expected.shape, values: expected.data.values,
        "stack([x, x + 10], dim: \(negative))")
    }
    let column = x[slice: .all, 0..<1]
    try expectTensor(
      column.squeeze(dim: -1), shape: [2], values: [0, 3], "squeeze(x[:, 0:1], axis=-1)")
  }

  /// f(x, dim), and the gradient of Σ w · f(x, dim) with weights 1, 2, 3, … in row-major order.
  public static func valueAndGradient(_ f: (Tensor, Int) -> Tensor, _ x: Tensor, _ dim: Int)
    -> (Tensor, Tensor)
  {
    let leaf = Tensor(x.data, backend: x.backend, requiresGrad: true)
    let y = f(leaf, dim)
    let weights = Tensor(
      shape: y.shape, data: (0..<y.size).map { Double($0 + 1) }, backend: x.backend)
    y.backward(weights)
    return (y, leaf.grad ?? Tensor.zeros(x.shape))
  }
}
