import Foundation
import Module4
import Testing

/// The files NumPy wrote for these tests (`Fixtures/NumPy`, made by `make_npy_fixtures.py`).
enum NumPyFixtures {
  /// The fixture `name`, such as `c_f8_2x3.npy`.
  static func url(_ name: String) throws -> URL {
    try #require(
      Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/NumPy"),
      "the fixture \(name) is missing from the test bundle")
  }

  /// The bytes of the fixture `name`.
  static func bytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: try url(name)))
  }

  /// The numbers every fixture holds in row-major order: (i − 5) / 7 for i = 0, 1, …, as NumPy
  /// computes them (a division is correctly rounded, so Swift gets the same bits).
  static func values(_ count: Int) -> [Double] {
    (0..<count).map { (Double($0) - 5) / 7 }
  }

  /// The same numbers rounded to float32, as the float32 fixtures hold them.
  static func float32Values(_ count: Int) -> [Double] {
    values(count).map { Double(Float($0)) }
  }
}

/// Whether `a` and `b` hold the same numbers bit for bit (so -0.0 differs from 0.0), except
/// that any NaN equals any NaN.
func sameBits(_ a: [Double], _ b: [Double]) -> Bool {
  a.count == b.count
    && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
}

/// The error `body` throws, which must be a `NumPyFileError`; records an issue and returns
/// `nil` when it throws nothing or something else.
func numPyError(
  sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) -> NumPyFileError? {
  do {
    try body()
    Issue.record(
      "expected a NumPyFileError, but nothing was thrown", sourceLocation: sourceLocation)
  } catch let error as NumPyFileError {
    return error
  } catch {
    Issue.record("expected a NumPyFileError, got \(error)", sourceLocation: sourceLocation)
  }
  return nil
}
