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
/// `MINITORCH_CASES` overrides the number of cases for a whole run; `PropertyCases.share`
/// scales it for the properties a test runs again elsewhere.
public func forAll<A>(
  _ gen: Gen<A>,
  cases: Int = 100,
  sourceLocation: SourceLocation = #_sourceLocation,
  _ property: (A) throws -> Void
) {
  let filter = currentTestFilter()
  let caseCount =
    ProcessInfo.processInfo.environment["MINITORCH_CASES"].flatMap { Int($0) }
    ?? Swift.max(1, Int((Double(cases) * PropertyCases.share).rounded()))
  let failure = propertyFailure(
    gen, cases: caseCount, seed: propertySeed(for: filter), replayFilter: filter, property)
  if let failure {
    Issue.record(Comment(rawValue: failure.description), sourceLocation: sourceLocation)
  }
}

/// How many of its cases each `forAll` runs, as a share of its `cases`.
public enum PropertyCases {
  /// 1 unless lowered for the duration of a call, `PropertyCases.$share.withValue(0.5) { … }`:
  /// a suite that checks laws another suite checks in full, again on other settings, may run
  /// part of their cases to keep the test run short.
  @TaskLocal public static var share: Double = 1
}

/// How a property failed: the case that broke it, the simplest input found that still breaks
/// it, and how to replay the run. Its description is the message `forAll` records.
public struct PropertyFailure: CustomStringConvertible {
  /// Which case failed first (from 1), and how many were to be tried.
  public var caseNumber: Int
  /// The number of cases the run was to try.
  public var caseCount: Int
  /// The failing input, printed.
  public var input: String
  /// Why it failed: the property's `CheckFailure`, or any other error it threw.
  public var why: String
  /// The simplest input found that still fails and why, when shrinking found a simpler one.
  public var simplest: (input: String, why: String)?
  /// The seed of the run.
  public var seed: UInt64
  /// The `--filter` argument of the replay command.
  public var replayFilter: String

  /// The report: case, input, reason, simplest input, and the command that replays the run.
  /// An input that prints on many lines (a tensor with its storage) shows its first
  /// `inputLineLimit` lines, so one failure stays a few lines long.
  public var description: String {
    var lines = [
      "Property failed on case \(caseNumber) of \(caseCount).",
      "  input: \(Self.cut(input))",
      "  why:   \(why)",
    ]
    if let simplest {
      lines += [
        "  simplest failing input found: \(Self.cut(simplest.input))",
        "  why:   \(simplest.why)",
      ]
    }
    lines.append("  replay: MINITORCH_SEED=\(seed) swift test --filter \(replayFilter)")
    return lines.joined(separator: "\n")
  }

  /// How many lines of a printed input a report shows.
  public static let inputLineLimit = 4

  /// `text` cut to its first `inputLineLimit` lines, saying how many more there were.
  static func cut(_ text: String) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.count > inputLineLimit else { return text }
    return lines.prefix(inputLineLimit).joined(separator: "\n")
      + "\n  … (\(lines.count - inputLineLimit) more lines)"
  }
}

/// Runs `property` on `cases` inputs drawn from `gen` with a `SplitMix64` seeded by `seed`, and
/// describes the first failure after shrinking it (see `Gen.shrink(_:)`), or returns `nil` when
/// every case passes. `forAll` is this plus recording the failure as a test issue.
public func propertyFailure<A>(
  _ gen: Gen<A>, cases: Int, seed: UInt64, replayFilter: String,
  _ property: (A) throws -> Void
) -> PropertyFailure? {
  var rng = SplitMix64(seed: seed)
  let caseCount = Swift.max(cases, 1)
  for index in 1...caseCount {
    let input = gen.generate(using: &rng)
    guard let why = failure(of: property, at: input) else { continue }
    let simplest = shrinkFailure(input, gen, property).map { (describe($0.input), $0.failure) }
    return PropertyFailure(
      caseNumber: index, caseCount: caseCount, input: describe(input), why: why,
      simplest: simplest, seed: seed, replayFilter: replayFilter)
  }
  return nil
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
/// 500 tries). Returns the simplest input found and its failure, or `nil` when nothing simpler
/// fails.
private func shrinkFailure<A>(
  _ input: A, _ gen: Gen<A>, _ property: (A) throws -> Void
) -> (input: A, failure: String)? {
  var simplest: (input: A, failure: String)?
  var tries = 0
  var current = input
  search: while tries < 500 {
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
