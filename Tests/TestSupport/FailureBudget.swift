import Foundation
import Testing

/// How much of a failing test is printed: its first failure, as it happens, and then one line
/// saying how many more failures there were.
///
/// One wrong index in a kernel can break every operator, layout and setting a test loops over,
/// and every test of a suite; Swift Testing prints each failure under a header of its own:
/// hundreds of lines for one mistake, the useful first one scrolled away. The `.explainsStops`
/// trait that every suite carries runs each test function inside a budget:
/// - the test's first failure passes through as it happens, in full for the first
///   `fullReports` failing tests of the process and cut to one line (its "why", and where to
///   see the rest) for any later one: one bug that breaks a whole suite stays one screen;
/// - every later failure of the same test (in any of its cases) is held back and counted, and
///   when a fully reported test ends, one closing issue says how many were held back and how to
///   see them all (`MINITORCH_ALL_FAILURES=1`).
///
/// A test that fails still fails. Warnings and known issues always pass through. A test run
/// alone (as the grader runs each one) always gets its first failure in full.
public final class FailureBudget: @unchecked Sendable {
  /// The budget of the test function running now; `nil` outside a suite with `.explainsStops`.
  @TaskLocal public static var current: FailureBudget?

  /// The environment variable that turns the budget off, so every failure is printed.
  public static let showAllVariable = "MINITORCH_ALL_FAILURES"

  /// How many failing tests of one process print their first failure in full.
  public static let fullReports = 1

  /// Whether the environment asks for every failure (`MINITORCH_ALL_FAILURES` set, and not `0`).
  public static var showsAll: Bool {
    guard let value = ProcessInfo.processInfo.environment[showAllVariable] else { return false }
    return !["", "0", "no", "false"].contains(value.lowercased())
  }

  /// The `--filter` argument that runs the test alone, for the notes.
  public let test: String
  private let lock = NSLock()
  private var failures = 0
  private var firstLocation: SourceLocation?
  private var isFull = false

  /// A budget for the test that `--filter test` runs alone.
  public init(test: String) {
    self.test = test
  }

  /// What becomes of `issue`: the first failure passes (shortened when the process has already
  /// printed `fullReports` full ones); later failures become `nil` and are counted. Warnings and
  /// known issues pass unchanged.
  public func admit(_ issue: Issue) -> Issue? {
    guard issue.isFailure else { return issue }
    lock.lock()
    defer { lock.unlock() }
    failures += 1
    guard failures == 1 else { return nil }
    firstLocation = issue.sourceLocation
    isFull = ProcessReports.shared.claimFullReport()
    guard !isFull else { return issue }
    var short = issue
    short.comments = [Comment(rawValue: Self.digest(of: issue.comments, test: test))]
    return short
  }

  /// Where the first failure was recorded, if it said.
  public var firstFailureLocation: SourceLocation? {
    lock.lock()
    defer { lock.unlock() }
    return firstLocation
  }

  /// The failures held back so far.
  public var heldBack: Int {
    lock.lock()
    defer { lock.unlock() }
    return Swift.max(0, failures - 1)
  }

  /// Whether the first failure was printed in full (and so the test gets a closing note).
  public var reportedInFull: Bool {
    lock.lock()
    defer { lock.unlock() }
    return isFull
  }

  /// The closing note for a test that had `heldBack` more failures than it printed; `test` is
  /// the `--filter` argument that runs it alone.
  public static func closingNote(heldBack: Int, test: String) -> String {
    let failures = heldBack == 1 ? "1 more failure" : "\(heldBack) more failures"
    return "\(failures) of this test not shown (fix the first, above, first). To see every "
      + "failure: \(showAllVariable)=1 swift test --filter \(test)"
  }

  /// A failure cut to one line: the line of its report that says why (a property's "why:"
  /// line), or its first line, at most 120 characters, and the command that shows it in full.
  public static func digest(of comments: [Comment], test: String) -> String {
    let lines = comments.flatMap { $0.rawValue.split(separator: "\n") }.map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    var why = lines.first { $0.hasPrefix("why:") } ?? lines.first { !$0.isEmpty } ?? ""
    if why.count > 120 {
      why = why.prefix(119) + "…"
    }
    let see = "in full: swift test --filter \(test)"
    return why.isEmpty ? see : "\(why) (\(see))"
  }

  /// Runs `function` (a test function with all its cases) with a fresh budget, then records
  /// the closing note when a fully reported test held failures back.
  static func runTest(_ test: Test, _ function: @Sendable () async throws -> Void) async throws {
    guard !showsAll else {
      try await function()
      return
    }
    let budget = FailureBudget(test: filterName(of: test))
    defer {
      let held = budget.heldBack
      if held > 0, budget.reportedInFull {
        let note = Comment(rawValue: closingNote(heldBack: held, test: budget.test))
        if let location = budget.firstFailureLocation {
          Issue.record(note, sourceLocation: location)
        } else {
          Issue.record(note)
        }
      }
    }
    try await $current.withValue(budget) { try await function() }
  }

  /// Runs one case of a test with the issues it records passed through the current budget.
  static func runCase(
    _ test: Test, _ testCase: Test.Case?, _ function: @Sendable () async throws -> Void
  ) async throws {
    guard let budget = current else {
      try await function()
      return
    }
    try await IssueHandlingTrait.compactMapIssues { budget.admit($0) }
      .provideScope(for: test, testCase: testCase) {
        // A check that throws ends the test; recorded here, it counts against the budget too.
        do {
          try await function()
        } catch let failure as CheckFailure {
          Issue.record(
            Comment(rawValue: failure.description), sourceLocation: test.sourceLocation)
        }
      }
  }
}

/// How many failing tests of this process have printed a full report.
private final class ProcessReports: @unchecked Sendable {
  static let shared = ProcessReports()
  private let lock = NSLock()
  private var full = 0

  /// Takes one of the process's `FailureBudget.fullReports` full reports, if any is left.
  func claimFullReport() -> Bool {
    lock.lock()
    defer { lock.unlock() }
    guard full < FailureBudget.fullReports else { return false }
    full += 1
    return true
  }
}
