/// A derivative computed by `backward()` that disagrees with its central-difference estimate.
///
/// Module2's `GradientMismatch` says the same of one entry of a tensor's gradient, with the
/// same field names.
public struct DerivativeMismatch: Error, CustomStringConvertible {
  /// Which input of the function (0 for the first).
  public let input: Int
  /// The point where the function was evaluated: the value of every input.
  public let point: [Double]
  /// The derivative that backpropagation produced (`nil` when none arrived).
  public let backpropagated: Double?
  /// The central-difference estimate.
  public let estimated: Double

  /// Names the input, the point and both numbers.
  public var description: String {
    let got = backpropagated.map { "\($0)" } ?? "no derivative at all"
    return "derivative with respect to input \(input) at \(point): "
      + "backward gave \(got), central difference gives \(estimated)"
  }
}

/// Checks `backward()` against `centralDifference` for a function of scalars, at `point`.
///
/// Builds fresh leaves holding `point`, runs `f` on them and backpropagates from the result;
/// then, for each input, compares the leaf's derivative with the central-difference estimate
/// of f with that input nudged. Throws a `DerivativeMismatch` for the first input where they
/// differ by more than atol + rtol · |estimate| (1e-2 each by default, as minitorch uses).
public func derivativeCheck(
  _ f: ([Scalar]) -> Scalar, _ point: [Double], rtol: Double = 1e-2, atol: Double = 1e-2
) throws(DerivativeMismatch) {
  let leaves = point.map { Scalar($0) }
  f(leaves).backward()
  let numeric: ([Double]) -> Double = { values in f(values.map { Scalar(constant: $0) }).data }
  for (input, leaf) in leaves.enumerated() {
    let estimate = centralDifference(numeric, point, arg: input)
    guard let derivative = leaf.derivative,
      abs(derivative - estimate) <= atol + rtol * abs(estimate)
    else {
      throw DerivativeMismatch(
        input: input, point: point, backpropagated: leaf.derivative, estimated: estimate)
    }
  }
}

/// Checks `backward()` against `centralDifference` at the given point; see
/// `derivativeCheck(_:_:rtol:atol:)`.
public func derivativeCheck(_ f: ([Scalar]) -> Scalar, _ point: Double...)
  throws(DerivativeMismatch)
{
  try derivativeCheck(f, point)
}
