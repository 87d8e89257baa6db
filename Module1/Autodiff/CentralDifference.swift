/// Task 1.1: estimates the derivative of `f` in its argument number `arg` by the symmetric
/// difference quotient
///
///     ∂f/∂xᵢ ≈ (f(…, xᵢ + ε, …) − f(…, xᵢ − ε, …)) / 2ε
///
/// at the point `values`. The error of this estimate shrinks like ε², against ε for the
/// one-sided quotient, which makes it the standard way to check a hand-written derivative.
public func centralDifference(
  _ f: ([Double]) -> Double, _ values: [Double], arg: Int, epsilon: Double = 1e-6
) -> Double {
  precondition(
    values.indices.contains(arg),
    "centralDifference: arg \(arg) is out of range for \(values.count) values")
  // BEGIN SOLUTION Task 1.1
  var forward = values
  var backward = values
  forward[arg] += epsilon
  backward[arg] -= epsilon
  return (f(forward) - f(backward)) / (2 * epsilon)
  // END SOLUTION
}

/// Task 1.1: the central difference of a function of a variable number of arguments, for
/// example `centralDifference(Operators.mul, 3, 4, arg: 0)`; see
/// `centralDifference(_:_:arg:epsilon:)`.
public func centralDifference(
  _ f: (Double, Double) -> Double, _ x: Double, _ y: Double, arg: Int, epsilon: Double = 1e-6
) -> Double {
  centralDifference({ f($0[0], $0[1]) }, [x, y], arg: arg, epsilon: epsilon)
}

/// Task 1.1: the central difference of a one-argument function at `x`; see
/// `centralDifference(_:_:arg:epsilon:)`.
public func centralDifference(
  _ f: (Double) -> Double, _ x: Double, epsilon: Double = 1e-6
) -> Double {
  centralDifference({ f($0[0]) }, [x], arg: 0, epsilon: epsilon)
}
