import Module0

/// What the MathTest table needs from a number type: arithmetic, mixing with `Double`
/// constants, and the math methods. `Double` conforms here, with `Operators` doing the math;
/// `Scalar` and `Tensor` conform in their test targets, so one table checks them all.
public protocol MathTestValue {
  /// x + y.
  static func + (lhs: Self, rhs: Self) -> Self
  /// x + c.
  static func + (lhs: Self, rhs: Double) -> Self
  /// c + x.
  static func + (lhs: Double, rhs: Self) -> Self
  /// x − c.
  static func - (lhs: Self, rhs: Double) -> Self
  /// x · y.
  static func * (lhs: Self, rhs: Self) -> Self
  /// x · c.
  static func * (lhs: Self, rhs: Double) -> Self
  /// c · x.
  static func * (lhs: Double, rhs: Self) -> Self
  /// x / y.
  static func / (lhs: Self, rhs: Self) -> Self
  /// x / c.
  static func / (lhs: Self, rhs: Double) -> Self
  /// c / x.
  static func / (lhs: Double, rhs: Self) -> Self
  /// −x.
  static prefix func - (x: Self) -> Self
  /// 1 where x < y, else 0.
  func lt(_ other: Self) -> Self
  /// 1 where x = y, else 0.
  func eq(_ other: Self) -> Self
  /// ln x.
  func log() -> Self
  /// e^x.
  func exp() -> Self
  /// σ(x).
  func sigmoid() -> Self
  /// max(x, 0).
  func relu() -> Self
}

extension Double: MathTestValue {
  /// `Operators.lt`.
  public func lt(_ other: Double) -> Double { Operators.lt(self, other) }
  /// `Operators.eq`.
  public func eq(_ other: Double) -> Double { Operators.eq(self, other) }
  /// `Operators.log`.
  public func log() -> Double { Operators.log(self) }
  /// `Operators.exp`.
  public func exp() -> Double { Operators.exp(self) }
  /// `Operators.sigmoid`.
  public func sigmoid() -> Double { Operators.sigmoid(self) }
  /// `Operators.relu`.
  public func relu() -> Double { Operators.relu(self) }
}

/// The table of test functions minitorch checks every number type with: fourteen functions of
/// one argument and six of two, each written once, generically, and run on `Double` (the
/// reference), `Scalar` and `Tensor`.
///
/// Shifts keep every function defined and finite on [−100, 100]: `inv` divides by a + 3.5,
/// `log` takes a + 100000, `exp` takes a − 200, and `div2` divides by b + 5.5.
public enum MathTest {
  /// The names of the one-argument functions, in table order.
  public static let oneArgumentNames = [
    "neg", "addConstant", "square", "cube", "subConstant", "multConstant", "div", "inv", "sig",
    "log", "relu", "exp", "explog", "complex",
  ]

  /// The names of the two-argument functions, in table order.
  public static let twoArgumentNames = ["add2", "mul2", "div2", "gt2", "lt2", "eq2"]

  /// The one-argument function called `name`, applied to `a`.
  public static func oneArgument<T: MathTestValue>(_ name: String, _ a: T) -> T {
    switch name {
    case "neg": -a
    case "addConstant": 5 + a
    case "square": a * a
    case "cube": a * a * a
    case "subConstant": a - 5
    case "multConstant": 5 * a
    case "div": a / 5
    case "inv": 1 / (a + 3.5)
    case "sig": a.sigmoid()
    case "log": (a + 100_000).log()
    case "relu": (a + 5.5).relu()
    case "exp": (a - 200).exp()
    case "explog": (a + 100_000).log() + (a - 200).exp()
    case "complex": (((a * 10 + 7).relu() * 6 + 5).relu() * 10).sigmoid().log() / 50
    default: preconditionFailure("MathTest has no one-argument function '\(name)'")
    }
  }

  /// The two-argument function called `name`, applied to `a` and `b`.
  public static func twoArgument<T: MathTestValue>(_ name: String, _ a: T, _ b: T) -> T {
    switch name {
    case "add2": a + b
    case "mul2": a * b
    case "div2": a / (b + 5.5)
    case "gt2": b.lt(a + 1.2)
    case "lt2": (a + 1.2).lt(b)
    case "eq2": a.eq(b + 5.5)
    default: preconditionFailure("MathTest has no two-argument function '\(name)'")
    }
  }
}
