/// A derivative computed by `backward()` that disagrees with the central-difference estimate.
public struct DerivativeMismatch: Error, CustomStringConvertible {
  /// Which argument of the function (0 for the first).
  public let argument: Int
  /// The point where the function was evaluated.
  public let inputs: [Double]
  /// The derivative that backpropagation produced (`nil` when none arrived).
  public let backpropagated: Double?
  /// The central-difference estimate.
  public let estimated: Double

  /// Names the argument, the point and both numbers.
  public var description: String {
    let got = backpropagated.map { "\($0)" } ?? "no derivative at all"
    return "derivative with respect to argument \(argument) at \(inputs): "
      + "backward gave \(got), central difference gives \(estimated)"
  }
}

/// Checks `backward()` against `centralDifference` for a function of scalars, at `inputs`.
///
/// Builds fresh leaves holding `inputs`, runs `f` on them and backpropagates from the result;
/// then, for each argument, compares the leaf's derivative with the central-difference
/// estimate of f with that argument nudged. Throws a `DerivativeMismatch` for the first
/// argument where they differ by more than atol + rtol · |estimate| (1e-2 each by default, as
/// minitorch uses).
public func derivativeCheck(
  _ f: ([Scalar]) -> Scalar, _ inputs: [Double], rtol: Double = 1e-2, atol: Double = 1e-2
) throws {
  let leaves = inputs.map { Scalar($0) }
  f(leaves).backward()
  let numeric: ([Double]) -> Double = { values in f(values.map { Scalar(constant: $0) }).data }
  for (index, leaf) in leaves.enumerated() {
    let estimate = centralDifference(numeric, inputs, arg: index)
    guard let derivative = leaf.derivative,
      abs(derivative - estimate) <= atol + rtol * abs(estimate)
    else {
      throw DerivativeMismatch(
        argument: index, inputs: inputs, backpropagated: leaf.derivative, estimated: estimate)
    }
  }
}

/// Checks `backward()` against `centralDifference` at the given points; see
/// `derivativeCheck(_:_:rtol:atol:)`.
public func derivativeCheck(_ f: ([Scalar]) -> Scalar, _ inputs: Double...) throws {
  try derivativeCheck(f, inputs)
}
