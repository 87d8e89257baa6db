// Task 3.3's building block: the operation a SIMD reduction folds with, in its two forms.
//
// A SIMD fold applies one operation in two ways: lane by lane to whole vectors in its main loop
// (v₀ + x[i..<i+4], four sums at once), and to single numbers when it combines the lanes and
// folds the leftovers. A `LaneOperation` type carries both forms and the start value:
//
//   LaneSum:  start 0,   lanes x + y,               combine x + y
//   LaneMax:  start −∞,  lanes max(x, y) per lane,  combine Operators.max
//
// The kernel is generic over the operation, `simdReduce(a, dim: 0, LaneSum.self)`, and the
// compiler makes a copy of it for each operation with the operation inlined, as Task 3.1's
// loops do for operator kinds. The defining check of Task 3.3 passes an operation of its own
// that counts how often each form is called: a kernel that folds most entries through `lanes`
// has a vector main loop.

/// An operation a SIMD reduction folds with (Task 3.3's building block): its start value, its
/// form on vectors (lane by lane) and its form on single numbers. Both forms must compute the
/// same thing.
public protocol LaneOperation {
  /// The value every accumulator starts from: the result for no entries.
  static var start: Double { get }
  /// Combines two vectors lane by lane: lane i of the result is `combine(x[i], y[i])`.
  static func lanes<Vector: SIMD>(_ x: Vector, _ y: Vector) -> Vector
  where Vector.Scalar == Double
  /// Combines two numbers.
  static func combine(_ x: Double, _ y: Double) -> Double
}

/// Σ: start at 0, add.
public enum LaneSum: LaneOperation {
  /// 0.
  public static var start: Double { 0 }

  /// x + y, lane by lane.
  @inline(__always)
  public static func lanes<Vector: SIMD>(_ x: Vector, _ y: Vector) -> Vector
  where Vector.Scalar == Double {
    x + y
  }

  /// x + y.
  @inline(__always)
  public static func combine(_ x: Double, _ y: Double) -> Double { Operators.add(x, y) }
}

/// The largest entry: start at −∞, keep the larger (`Operators.max`).
public enum LaneMax: LaneOperation {
  /// −∞.
  public static var start: Double { -.infinity }

  /// The larger of x and y in each lane: x where x > y, else y (as `Operators.max`).
  @inline(__always)
  public static func lanes<Vector: SIMD>(_ x: Vector, _ y: Vector) -> Vector
  where Vector.Scalar == Double {
    y.replacing(with: x, where: x .> y)
  }

  /// The larger of x and y.
  @inline(__always)
  public static func combine(_ x: Double, _ y: Double) -> Double { Operators.max(x, y) }
}
