import Module2

// The shapes of the NumPy reference tables in `NumPyReference.swift`: each case names the
// NumPy expression, computes ours, and holds NumPy's answer.

/// Where a view's entries lie in its storage, as NumPy reports them for `x` contiguous from
/// position 0 (strides and offset counted in entries, not bytes).
public struct ViewLayout: Sendable {
  /// The view's strides.
  public let strides: [Int]
  /// The position of the view's first entry.
  public let offset: Int
}

/// A slicing expression on x = 0, 1, …, 23 of shape [2, 3, 4] and NumPy's answer: its shape,
/// its entries, and its layout when NumPy's result is a view of x (`nil` for a copy).
public struct SliceCase {
  /// The NumPy expression.
  public let numpy: String
  /// The same expression here.
  public let select: (Tensor) -> Tensor
  /// NumPy's shape (a 0-d answer counts as [1]).
  public let shape: [Int]
  /// NumPy's entries in row-major order.
  public let values: [Double]
  /// NumPy's layout when the answer is a view.
  public let view: ViewLayout?

  init(
    _ numpy: String, _ select: @escaping (Tensor) -> Tensor, shape: [Int], values: [Double],
    view: ViewLayout?
  ) {
    (self.numpy, self.select, self.shape, self.values, self.view) = (
      numpy, select, shape, values, view
    )
  }
}

/// A functional update of x = 0, 1, …, 23 of shape [2, 3, 4] and NumPy's answer.
public struct UpdateCase {
  /// The NumPy statement, done on a copy of x.
  public let numpy: String
  /// The same update here.
  public let update: (Tensor) -> Tensor
  /// NumPy's entries afterwards, in row-major order (the shape stays [2, 3, 4]).
  public let values: [Double]

  init(_ numpy: String, _ update: @escaping (Tensor) -> Tensor, values: [Double]) {
    (self.numpy, self.update, self.values) = (numpy, update, values)
  }
}

/// A shape function (or concatenate, stack, cumsum) of x = 0, 1, …, 23 of shape [2, 3, 4] and
/// NumPy's answer.
public struct ShapeCase {
  /// The NumPy expression.
  public let numpy: String
  /// The same expression here.
  public let apply: (Tensor) -> Tensor
  /// NumPy's shape.
  public let shape: [Int]
  /// NumPy's entries in row-major order.
  public let values: [Double]

  init(_ numpy: String, _ apply: @escaping (Tensor) -> Tensor, shape: [Int], values: [Double]) {
    (self.numpy, self.apply, self.shape, self.values) = (numpy, apply, shape, values)
  }
}

/// An einsum spec (or "matmul") over named operands of `einsumOperands()` and NumPy's answer.
public struct EinsumCase {
  /// The spec, or "matmul" for `operands[0].matmul(operands[1])`.
  public let spec: String
  /// The operands' names in `einsumOperands()`.
  public let operands: [String]
  /// NumPy's shape (a 0-d answer counts as [1]).
  public let shape: [Int]
  /// NumPy's entries in row-major order.
  public let values: [Double]

  init(_ spec: String, _ operands: [String], shape: [Int], values: [Double]) {
    (self.spec, self.operands, self.shape, self.values) = (spec, operands, shape, values)
  }
}
