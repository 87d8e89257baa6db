// Arithmetic and math methods on `Tensor`. Each applies one tensor function; subtraction and
// division are built from the others. Reductions (`sum`, `mean`, `all`, …) are in
// `Tensor+Reductions.swift`, further math in `Tensor+Math.swift`.
//
// A plain number mixed in becomes a constant tensor of shape [1], which broadcasts against any
// shape. As with `Scalar`, the right-hand side is generic over `TensorOperand` so that Swift reads
// a literal in `t * 2.5` as a `Double`.

/// What can stand beside a `Tensor` in arithmetic: another `Tensor`, or a `Double`, which is
/// taken as a constant of shape [1].
public protocol TensorOperand {
  /// The operand as a tensor on `backend`: itself for a tensor, a constant for a number.
  func asTensor(backend: TensorBackend) -> Tensor
}

extension Tensor: TensorOperand {
  /// The tensor itself.
  public func asTensor(backend: TensorBackend) -> Tensor { self }
}

extension Double: TensorOperand {
  /// The number as a constant tensor of shape [1].
  public func asTensor(backend: TensorBackend) -> Tensor {
    Tensor(shape: [1], data: [self], backend: backend)
  }
}

extension Tensor {
  /// a + b, entry by entry, broadcast.
  public static func + <Other: TensorOperand>(lhs: Tensor, rhs: Other) -> Tensor {
    Add().apply(lhs, rhs.asTensor(backend: lhs.backend))
  }

  /// a − b, as a + (−b).
  public static func - <Other: TensorOperand>(lhs: Tensor, rhs: Other) -> Tensor {
    Add().apply(lhs, Neg().apply(rhs.asTensor(backend: lhs.backend)))
  }

  /// a · b, entry by entry, broadcast.
  public static func * <Other: TensorOperand>(lhs: Tensor, rhs: Other) -> Tensor {
    Mul().apply(lhs, rhs.asTensor(backend: lhs.backend))
  }

  /// a / b, as a · (1/b).
  public static func / <Other: TensorOperand>(lhs: Tensor, rhs: Other) -> Tensor {
    Mul().apply(lhs, Inv().apply(rhs.asTensor(backend: lhs.backend)))
  }

  /// −a.
  public static prefix func - (a: Tensor) -> Tensor {
    Neg().apply(a)
  }

  /// c + a for a constant c.
  public static func + (lhs: Double, rhs: Tensor) -> Tensor {
    lhs.asTensor(backend: rhs.backend) + rhs
  }

  /// c − a for a constant c.
  public static func - (lhs: Double, rhs: Tensor) -> Tensor {
    lhs.asTensor(backend: rhs.backend) - rhs
  }

  /// c · a for a constant c.
  public static func * (lhs: Double, rhs: Tensor) -> Tensor {
    lhs.asTensor(backend: rhs.backend) * rhs
  }

  /// c / a for a constant c.
  public static func / (lhs: Double, rhs: Tensor) -> Tensor {
    lhs.asTensor(backend: rhs.backend) / rhs
  }

  /// 1 where a < b, else 0 (gradient 0): `Compare(.lt)`.
  public func lt<Other: TensorOperand>(_ other: Other) -> Tensor {
    Compare(.lt).apply(self, other.asTensor(backend: backend))
  }

  /// 1 where a > b, else 0, as b < a.
  public func gt<Other: TensorOperand>(_ other: Other) -> Tensor {
    Compare(.lt).apply(other.asTensor(backend: backend), self)
  }

  /// 1 where a = b, else 0: `Compare(.eq)`.
  public func eq<Other: TensorOperand>(_ other: Other) -> Tensor {
    Compare(.eq).apply(self, other.asTensor(backend: backend))
  }

  /// 1 where |a − b| < 0.01, else 0: `Compare(.isClose)`.
  public func isClose<Other: TensorOperand>(_ other: Other) -> Tensor {
    Compare(.isClose).apply(self, other.asTensor(backend: backend))
  }

  /// σ(a), entry by entry.
  public func sigmoid() -> Tensor { Sigmoid().apply(self) }

  /// max(a, 0), entry by entry.
  public func relu() -> Tensor { ReLU().apply(self) }

  /// ln a, entry by entry; IEEE for a ≤ 0 (−∞ or NaN), never a trap.
  public func log() -> Tensor { Log().apply(self) }

  /// e^a, entry by entry.
  public func exp() -> Tensor { Exp().apply(self) }

  /// The same entries with dimensions reordered: dimension i of the result is dimension
  /// `order[i]` of this tensor, `t.permute(1, 0)` for a transpose. Shares storage.
  public func permute(_ order: Int...) -> Tensor {
    Permute(order: order).apply(self)
  }

  /// The same entries in the same order with a new shape of the same size; the tensor must be
  /// contiguous (call `contiguous()` first). Shares storage.
  public func view(_ shape: Int...) -> Tensor {
    View(shape: shape).apply(self)
  }

  /// A contiguous copy of this tensor (every entry, in row-major storage order).
  public func contiguous() -> Tensor {
    Copy().apply(self)
  }

  /// The matrix product over the last two dimensions, batch dimensions broadcast; a 1-D
  /// operand is a vector, as in NumPy (vector · vector has shape [1]; see
  /// `Tensor+MatrixProduct.swift`).
  public func matmul(_ other: Tensor) -> Tensor {
    matrixProduct(other)
  }
}
