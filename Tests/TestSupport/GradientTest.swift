import Module0

/// Functions for checking backward passes where a wrong derivative shows: every one has a
/// derivative of order 1 on inputs of order 1 (`inputs`), and together they run every backward
/// pass of the MathTest table's operations (negation, the constants' add and multiply, square
/// and cube, division and its inverse, sigmoid, log, exp, both sides of relu, and the products,
/// quotients and comparisons of two arguments).
///
/// The MathTest table (minitorch's) keeps its functions defined on [−100, 100] by shifting:
/// log reads a + 100000 and exp reads a − 200, so their derivatives there are about 1e-5 and
/// 1e-87, far below the absolute 1e-2 of `.finiteDifference`: a wrong derivative of log or exp
/// passes it. These functions are compared instead at inputs in [−2, 2], with a random incoming
/// gradient, within `Tolerance.gradient`, a tolerance relative to the gradient's size.
public enum GradientTest {
  /// The inputs the functions are checked at: uniform in [−2, 2), without the edge values other
  /// generators favour, so that two inputs are never equal (a comparison's step would sit
  /// inside the central difference).
  public static var inputs: Gen<Double> { Gen { rng in rng.nextDouble(in: -2..<2) } }

  /// Incoming gradients: ±[0.5, 2], never near 0 (which would hide any derivative).
  public static var incoming: Gen<Double> {
    Gen<Double>.floats(in: 0.5...2).zip(.element(of: [-1.0, 1.0])).map { $0.0 * $0.1 }
  }

  /// The names of the one-argument functions, in table order.
  public static let oneArgumentNames = [
    "neg", "addConstant", "subConstant", "multConstant", "div", "square", "cube", "inv", "sig",
    "log", "exp", "relu", "explog", "complex",
  ]

  /// The names of the two-argument functions, in table order.
  public static let twoArgumentNames = ["add2", "sub2", "mul2", "div2", "compare2", "mixed2"]

  /// The one-argument function called `name`, applied to `a`. On [−2, 2], `relu` reads
  /// a + 3 > 0 (slope 1) and a − 3 < 0 (slope 0), away from its corner.
  public static func oneArgument<T: MathTestValue>(_ name: String, _ a: T) -> T {
    switch name {
    case "neg": -a
    case "addConstant": a + 1.5
    case "subConstant": a - 1.5
    case "multConstant": 1.5 * a
    case "div": a / 1.5
    case "square": a * a
    case "cube": a * a * a
    case "inv": 1 / (a + 3)
    case "sig": a.sigmoid()
    case "log": (a + 3).log()
    case "exp": a.exp()
    case "relu": (a + 3).relu() + (a - 3).relu() * 2
    case "explog": (a + 3).log() + a.exp()
    case "complex": ((a * 0.5 + 1.5).relu() * 0.5).sigmoid().log() + (a * a + 1).log()
    default: preconditionFailure("GradientTest has no one-argument function '\(name)'")
    }
  }

  /// The two-argument function called `name`, applied to `a` and `b`.
  public static func twoArgument<T: MathTestValue>(_ name: String, _ a: T, _ b: T) -> T {
    switch name {
    case "add2": a + b
    case "sub2": a + -b
    case "mul2": a * b
    case "div2": a / (b + 3)
    case "compare2": compare(a, b)
    case "mixed2": mixed(a, b)
    default: preconditionFailure("GradientTest has no two-argument function '\(name)'")
    }
  }

  /// a · [a < b] + [a = b] + b · [b + 1 < a]: the comparisons pass nothing back, the products
  /// pass a's and b's own shares.
  static func compare<T: MathTestValue>(_ a: T, _ b: T) -> T {
    let below: T = a.lt(b) * a
    let equal: T = a.eq(b)
    let above: T = (b + 1).lt(a) * b
    return below + equal + above
  }

  /// σ(a · b) · e^(a − b) + log(a² + b² + 1).
  static func mixed<T: MathTestValue>(_ a: T, _ b: T) -> T {
    let product: T = (a * b).sigmoid()
    let difference: T = (a + -b).exp()
    let norm: T = (a * a + b * b + 1).log()
    return product * difference + norm
  }
}
