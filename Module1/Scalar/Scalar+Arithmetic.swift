// Arithmetic and math methods on `Scalar` (Task 1.2). Each one applies a function of `ScalarFunctions.swift`;
// subtraction and division are built from the others: x − y = x + (−y), x / y = x · (1/y).
//
// A plain number mixed in becomes a constant, which never receives a derivative. The right-hand
// side is generic over `ScalarOperand` (a `Scalar` or a `Double`) so that in `x * 2.5` Swift
// reads the literal as a `Double`, that is, as a constant, rather than as a new `Scalar`
// variable.

/// What can stand beside a `Scalar` in arithmetic: another `Scalar`, or a `Double`, which is
/// taken as a constant.
public protocol ScalarOperand {
  /// The operand as a graph node: itself for a `Scalar`, a constant for a number.
  var asScalar: Scalar { get }
}

extension Scalar: ScalarOperand {
  /// The scalar itself.
  public var asScalar: Scalar { self }
}

extension Double: ScalarOperand {
  /// The number as a constant `Scalar`.
  public var asScalar: Scalar { Scalar(constant: self) }
}

extension Scalar {
  /// Task 1.2: x + y.
  public static func + <Other: ScalarOperand>(lhs: Scalar, rhs: Other) -> Scalar {
    // BEGIN SOLUTION Task 1.2
    return Add().apply(lhs, rhs.asScalar)
    // END SOLUTION
  }

  /// Task 1.2: x − y, as x + (−y).
  public static func - <Other: ScalarOperand>(lhs: Scalar, rhs: Other) -> Scalar {
    // BEGIN SOLUTION Task 1.2
    return Add().apply(lhs, Neg().apply(rhs.asScalar))
    // END SOLUTION
  }

  /// Task 1.2: x · y.
  public static func * <Other: ScalarOperand>(lhs: Scalar, rhs: Other) -> Scalar {
    // BEGIN SOLUTION Task 1.2
    return Mul().apply(lhs, rhs.asScalar)
    // END SOLUTION
  }

  /// Task 1.2: x / y, as x · (1/y).
  public static func / <Other: ScalarOperand>(lhs: Scalar, rhs: Other) -> Scalar {
    // BEGIN SOLUTION Task 1.2
    return Mul().apply(lhs, Inv().apply(rhs.asScalar))
    // END SOLUTION
  }

  /// Task 1.2: −x.
  public static prefix func - (x: Scalar) -> Scalar {
    // BEGIN SOLUTION Task 1.2
    return Neg().apply(x)
    // END SOLUTION
  }

  /// Task 1.2: 1 if x < y, else 0 (derivative 0).
  public func lt<Other: ScalarOperand>(_ other: Other) -> Scalar {
    // BEGIN SOLUTION Task 1.2
    return Compare(.lessThan).apply(self, other.asScalar)
    // END SOLUTION
  }

  /// Task 1.2: 1 if x > y, else 0, as y < x.
  public func gt<Other: ScalarOperand>(_ other: Other) -> Scalar {
    // BEGIN SOLUTION Task 1.2
    return Compare(.lessThan).apply(other.asScalar, self)
    // END SOLUTION
  }

  /// Task 1.2: 1 if x = y, else 0 (derivative 0).
  public func eq<Other: ScalarOperand>(_ other: Other) -> Scalar {
    // BEGIN SOLUTION Task 1.2
    return Compare(.equal).apply(self, other.asScalar)
    // END SOLUTION
  }

  /// Task 1.2: ln x. Follows IEEE for x ≤ 0: ln 0 = −∞, and the log of a negative number is
  /// NaN; it never traps.
  public func log() -> Scalar {
    // BEGIN SOLUTION Task 1.2
    return Log().apply(self)
    // END SOLUTION
  }

  /// Task 1.2: e^x.
  public func exp() -> Scalar {
    // BEGIN SOLUTION Task 1.2
    return Exp().apply(self)
    // END SOLUTION
  }

  /// Task 1.2: σ(x) = 1 / (1 + e^(−x)).
  public func sigmoid() -> Scalar {
    // BEGIN SOLUTION Task 1.2
    return Sigmoid().apply(self)
    // END SOLUTION
  }

  /// Task 1.2: max(x, 0).
  public func relu() -> Scalar {
    // BEGIN SOLUTION Task 1.2
    return ReLU().apply(self)
    // END SOLUTION
  }
}

// A number on the left: it becomes a constant, then the versions above run.
extension Scalar {
  /// c + x for a constant c.
  public static func + (lhs: Double, rhs: Scalar) -> Scalar { lhs.asScalar + rhs }
  /// c − x for a constant c.
  public static func - (lhs: Double, rhs: Scalar) -> Scalar { lhs.asScalar - rhs }
  /// c · x for a constant c.
  public static func * (lhs: Double, rhs: Scalar) -> Scalar { lhs.asScalar * rhs }
  /// c / x for a constant c.
  public static func / (lhs: Double, rhs: Scalar) -> Scalar { lhs.asScalar / rhs }
}
