import Foundation

/// The scalar building blocks every later stage is made of (Task 0.1).
///
/// Each operator is a plain function on `Double`. Comparisons return a number, 1.0 for true and
/// 0.0 for false, so that they can flow through arithmetic like any other value. Each `…Back`
/// function returns `d · f′(x)`: the derivative of `f` at `x`, times an incoming derivative `d`.
/// That product is exactly what backpropagation needs (see Module1).
///
/// The operators live in an enum so that `Operators.max` or `Operators.log` never shadow the
/// standard library's functions of the same name.
public enum Operators {
  /// Task 0.1: multiplication, `mul(x, y) = x · y`.
  public static func mul(_ x: Double, _ y: Double) -> Double {
    // BEGIN SOLUTION Task 0.1
    return x * y
    // END SOLUTION
  }

  /// Task 0.1: the identity, `id(x) = x`.
  public static func id(_ x: Double) -> Double {
    // BEGIN SOLUTION Task 0.1
    return x
    // END SOLUTION
  }

  /// Task 0.1: addition, `add(x, y) = x + y`.
  public static func add(_ x: Double, _ y: Double) -> Double {
    // BEGIN SOLUTION Task 0.1
    return x + y
    // END SOLUTION
  }

  /// Task 0.1: negation, `neg(x) = −x`.
  public static func neg(_ x: Double) -> Double {
    // BEGIN SOLUTION Task 0.1
    return -x
    // END SOLUTION
  }

  /// Task 0.1: less-than as a number, `lt(x, y) = 1` if `x < y`, else `0`.
  public static func lt(_ x: Double, _ y: Double) -> Double {
    // BEGIN SOLUTION Task 0.1
    return x < y ? 1.0 : 0.0
    // END SOLUTION
  }

  /// Task 0.1: equality as a number, `eq(x, y) = 1` if `x == y`, else `0`.
  public static func eq(_ x: Double, _ y: Double) -> Double {
    // BEGIN SOLUTION Task 0.1
    return x == y ? 1.0 : 0.0
    // END SOLUTION
  }

  /// Task 0.1: the larger of two numbers, `max(x, y) = x` if `x > y`, else `y`.
  public static func max(_ x: Double, _ y: Double) -> Double {
    // BEGIN SOLUTION Task 0.1
    return x > y ? x : y
    // END SOLUTION
  }

  /// Task 0.1: closeness as a number, `isClose(x, y) = 1` if `|x − y| < 1e-2`, else `0`.
  public static func isClose(_ x: Double, _ y: Double) -> Double {
    // BEGIN SOLUTION Task 0.1
    return abs(x - y) < 1e-2 ? 1.0 : 0.0
    // END SOLUTION
  }

  /// Task 0.1: the logistic function σ(x) = 1 / (1 + e^(−x)).
  ///
  /// Computed as e^x / (1 + e^x) for negative x so that e^(−x) never overflows; both branches
  /// are the same function, and the result always lies in [0, 1]. Its derivative is
  /// σ(x) · (1 − σ(x)).
  public static func sigmoid(_ x: Double) -> Double {
    // BEGIN SOLUTION Task 0.1
    if x >= 0 {
      return 1.0 / (1.0 + Foundation.exp(-x))
    } else {
      let ex = Foundation.exp(x)
      return ex / (1.0 + ex)
    }
    // END SOLUTION
  }

  /// Task 0.1: the rectified linear unit, `relu(x) = x` if `x > 0`, else `0`.
  public static func relu(_ x: Double) -> Double {
    // BEGIN SOLUTION Task 0.1
    return x > 0 ? x : 0.0
    // END SOLUTION
  }

  /// Task 0.1: the natural logarithm, `log(x) = ln x`.
  ///
  /// Follows IEEE 754 and never traps: `log(0) = −∞` and `log(x)` is NaN for negative `x`.
  public static func log(_ x: Double) -> Double {
    // BEGIN SOLUTION Task 0.1
    return Foundation.log(x)
    // END SOLUTION
  }

  /// Task 0.1: the exponential function, `exp(x) = e^x`.
  public static func exp(_ x: Double) -> Double {
    // BEGIN SOLUTION Task 0.1
    return Foundation.exp(x)
    // END SOLUTION
  }

  /// Task 0.1: the reciprocal, `inv(x) = 1 / x` (IEEE: `inv(0) = +∞`).
  public static func inv(_ x: Double) -> Double {
    // BEGIN SOLUTION Task 0.1
    return 1.0 / x
    // END SOLUTION
  }

  /// Task 0.1: the derivative of `log` times `d`: `logBack(x, d) = d / x`, since ln′(x) = 1 / x.
  public static func logBack(_ x: Double, _ d: Double) -> Double {
    // BEGIN SOLUTION Task 0.1
    return d / x
    // END SOLUTION
  }

  /// Task 0.1: the derivative of `inv` times `d`: `invBack(x, d) = −d / x²`, since
  /// (1/x)′ = −1 / x².
  public static func invBack(_ x: Double, _ d: Double) -> Double {
    // BEGIN SOLUTION Task 0.1
    return -d / (x * x)
    // END SOLUTION
  }

  /// Task 0.1: the derivative of `relu` times `d`: `reluBack(x, d) = d` if `x > 0`, else `0`.
  ///
  /// At `x = 0` the function has a corner; like minitorch and PyTorch we take the derivative
  /// there to be 0.
  public static func reluBack(_ x: Double, _ d: Double) -> Double {
    // BEGIN SOLUTION Task 0.1
    return x > 0 ? d : 0.0
    // END SOLUTION
  }
}
