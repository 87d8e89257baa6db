import Foundation
import Module0
import Testing

/// Checks a property on many random inputs, and on failure reports an input that breaks it
/// together with the seed that reproduces it.
///
/// The property is a closure that throws when the law does not hold, using `check(_:_:)` and
/// `assertClose(_:_:_:tolerance:)`. Cases are drawn from a `SplitMix64` whose seed is
/// `MINITORCH_SEED` when that variable is set, and otherwise a fixed number derived from the
/// test's name, so every run is the same. After the first failing case, simpler inputs are tried
/// (see `Gen.shrink(_:)`) and the simplest one that still fails is reported as well. The
/// failure message ends with the command that replays it:
///
/// ```
/// MINITORCH_SEED=1234 swift test --filter Task0_1/sigmoidIsSymmetric
/// ```
///
/// `MINITORCH_CASES` overrides the number of cases for a whole run.
public func forAll<A>(
  _ gen: Gen<A>,
  cases: Int = 100,
  sourceLocation: SourceLocation = #_sourceLocation,
  _ property: (A) throws -> Void
) {
  let filter = currentTestFilter()
  let seed = propertySeed(for: filter)
  let caseCount =
    ProcessInfo.processInfo.environment["MINITORCH_CASES"].flatMap { Int($0) } ?? cases
  var rng = SplitMix64(seed: seed)
  for index in 1...Swift.max(caseCount, 1) {
    let input = gen.generate(using: &rng)
    guard let failure = failure(of: property, at: input) else { continue }
    var lines = [
      "Property failed on case \(index) of \(caseCount).",
      "  input: \(describe(input))",
      "  why:   \(failure)",
    ]
    if let simplest = shrinkFailure(input, gen, property) {
      lines += [
        "  simplest failing input found: \(describe(simplest.input))",
        "  why:   \(simplest.failure)",
      ]
    }
    lines.append("  replay: MINITORCH_SEED=\(seed) swift test --filter \(filter)")
    Issue.record(Comment(rawValue: lines.joined(separator: "\n")), sourceLocation: sourceLocation)
    return
  }
}

/// Checks a two-argument property on many random pairs; see `forAll(_:cases:sourceLocation:_:)`.
public func forAll<A, B>(
  _ a: Gen<A>,
  _ b: Gen<B>,
  cases: Int = 100,
  sourceLocation: SourceLocation = #_sourceLocation,
  _ property: (A, B) throws -> Void
) {
  forAll(a.zip(b), cases: cases, sourceLocation: sourceLocation) { try property($0.0, $0.1) }
}

/// Checks a three-argument property on many random triples; see
/// `forAll(_:cases:sourceLocation:_:)`.
public func forAll<A, B, C>(
  _ a: Gen<A>,
  _ b: Gen<B>,
  _ c: Gen<C>,
  cases: Int = 100,
  sourceLocation: SourceLocation = #_sourceLocation,
  _ property: (A, B, C) throws -> Void
) {
  forAll(a.zip(b, c), cases: cases, sourceLocation: sourceLocation) {
    try property($0.0, $0.1, $0.2)
  }
}

/// The error a failed check throws: its description is the explanation shown to the student.
public struct CheckFailure: Error, CustomStringConvertible {
  /// What went wrong, in words.
  public let description: String

  /// A failure explained by `description`.
  public init(_ description: String) {
    self.description = description
  }
}

/// Throws a `CheckFailure` with `message` unless `condition` holds. Use it inside `forAll`
/// properties, and in any test function marked `throws`.
public func check(_ condition: Bool, _ message: @autoclosure () -> String) throws {
  if !condition {
    throw CheckFailure(message())
  }
}

/// The `--filter` argument that runs just the current test, for example
/// `"Task0_1/sigmoidIsSymmetric"`, or `"this-test"` outside a test.
public func currentTestFilter() -> String {
  guard let test = Test.current else { return "this-test" }
  return filterName(of: test)
}

/// The seed for a property test: `MINITORCH_SEED` when set (decimal or `0x` hex), otherwise a
/// stable hash of the test's name (64-bit FNV-1a), so each test has its own fixed stream.
public func propertySeed(for testName: String) -> UInt64 {
  if let text = ProcessInfo.processInfo.environment["MINITORCH_SEED"] {
    let parsed = text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
    if let parsed { return parsed }
    preconditionFailure("MINITORCH_SEED must be a whole number, got '\(text)'")
  }
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  for byte in testName.utf8 {
    hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
  }
  return hash
}

private func failure<A>(of property: (A) throws -> Void, at input: A) -> String? {
  do {
    try property(input)
    return nil
  } catch {
    return String(describing: error)
  }
}

/// Repeatedly replaces the failing input by the first simpler input that still fails (at most
/// 200 tries). Returns the simplest input found and its failure, or `nil` when nothing simpler
/// fails.
private func shrinkFailure<A>(
  _ input: A, _ gen: Gen<A>, _ property: (A) throws -> Void
) -> (input: A, failure: String)? {
  var simplest: (input: A, failure: String)?
  var tries = 0
  var current = input
  search: while tries < 200 {
    for candidate in gen.shrink(current) {
      tries += 1
      if let message = failure(of: property, at: candidate) {
        simplest = (candidate, message)
        current = candidate
        continue search
      }
    }
    break
  }
  return simplest
}

/// Prints a generated input; numbers print as Swift writes them, so they can be pasted back.
private func describe<A>(_ value: A) -> String {
  String(describing: value)
}
