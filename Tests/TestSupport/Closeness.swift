/// How close two numbers must be to count as equal: |actual − expected| ≤ atol + rtol · |expected|
/// (NumPy's `allclose` rule).
///
/// The project uses three levels, chosen by what is being compared:
/// - `.exact`: the same computation done twice (an operator against Swift's own arithmetic).
/// - `.standard`: the same mathematics evaluated in a different order or through a different
///   formula (a `Scalar` or `Tensor` result against plain `Double` math, a sum added up in
///   another order). Rounding differs in the last bits only.
/// - `.finiteDifference`: a derivative against a central-difference estimate, which is itself
///   only accurate to a few digits (minitorch's 1e-2 for both tolerances).
/// - `.gradient`: a derivative at inputs of order 1 against a central difference with the
///   default step (1e-6), relative to the gradient's size, so that a wrong derivative shows
///   however small the gradient is (`GradientTest`).
///
/// NaN matches NaN, and an infinity matches the same infinity, so IEEE edge cases can be
/// compared too.
public struct Tolerance: Sendable, CustomStringConvertible {
  /// The relative part of the allowed difference, multiplied by |expected|.
  public var rtol: Double
  /// The absolute part of the allowed difference.
  public var atol: Double

  /// A tolerance allowing |actual − expected| ≤ atol + rtol · |expected|.
  public init(rtol: Double, atol: Double) {
    self.rtol = rtol
    self.atol = atol
  }

  /// No difference at all.
  public static let exact = Tolerance(rtol: 0, atol: 0)
  /// Same mathematics, different rounding: 1e-7 relative and absolute.
  public static let standard = Tolerance(rtol: 1e-7, atol: 1e-7)
  /// A derivative against a finite-difference estimate: 1e-2 relative and absolute.
  public static let finiteDifference = Tolerance(rtol: 1e-2, atol: 1e-2)
  /// A derivative at inputs of order 1 against a central difference with step 1e-6: 1e-5 of
  /// the gradient's size, and 1e-6 absolute for gradients of 0. The estimate's own error there
  /// is about 1e-9; a wrong derivative is off by a share of the gradient itself.
  public static let gradient = Tolerance(rtol: 1e-5, atol: 1e-6)

  /// Whether `actual` counts as equal to `expected` under this tolerance.
  public func accepts(_ actual: Double, _ expected: Double) -> Bool {
    if actual.isNaN || expected.isNaN { return actual.isNaN && expected.isNaN }
    if actual == expected { return true }
    return abs(actual - expected) <= atol + rtol * abs(expected)
  }

  /// The rule in words, for failure messages.
  public var description: String {
    if rtol == 0 && atol == 0 { return "exactly" }
    return "within atol \(atol) + rtol \(rtol) · |expected|"
  }
}

/// Throws a `CheckFailure` unless `actual` is close to `expected` under `tolerance`. `what`
/// names the computation (for example `"sigmoid(-3.5)"`) so the message says what was wrong.
public func assertClose(
  _ actual: Double,
  _ expected: Double,
  _ what: @autoclosure () -> String = "value",
  tolerance: Tolerance = .standard
) throws {
  guard tolerance.accepts(actual, expected) else {
    throw CheckFailure(
      "\(what()) is \(actual), but expected \(expected) (\(tolerance))")
  }
}

/// Throws a `CheckFailure` unless the lists have the same length and are close element by
/// element; the message names the first index that differs.
public func assertClose(
  _ actual: [Double],
  _ expected: [Double],
  _ what: @autoclosure () -> String = "list",
  tolerance: Tolerance = .standard
) throws {
  guard actual.count == expected.count else {
    throw CheckFailure(
      "\(what()) has \(actual.count) elements, but expected \(expected.count): "
        + "\(actual) vs \(expected)")
  }
  for index in actual.indices where !tolerance.accepts(actual[index], expected[index]) {
    throw CheckFailure(
      "\(what())[\(index)] is \(actual[index]), but expected \(expected[index]) "
        + "(\(tolerance)); whole lists: \(actual) vs \(expected)")
  }
}
