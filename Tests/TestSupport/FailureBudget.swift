import Foundation
import Testing

/// How much of a failing test is printed: its first failure, as it happens, and then one line
/// saying how many more failures there were.
///
/// One wrong index in a kernel can break every operator, layout and setting a test loops over,
/// and Swift Testing prints each failure under a header of its own: hundreds of lines for one
/// mistake, the useful first one scrolled away. The `.explainsStops` trait that every suite
/// carries runs each test function inside a budget: the first failure passes through
/// untouched, every later one of the same test (in any of its cases) is held back and counted,
/// and when the test ends one closing issue says how many were held back and how to see them
/// all (`MINITORCH_ALL_FAILURES=1`). A test that fails still fails, with at most two issues.
/// Warnings and known issues always pass through.
public final class FailureBudget: @unchecked Sendable {
  /// The budget of the test function running now; `nil` outside a suite with `.explainsStops`.
  @TaskLocal public static var current: FailureBudget?

  /// The environment variable that turns the budget off, so every failure is printed.
  public static let showAllVariable = "MINITORCH_ALL_FAILURES"

  /// Whether the environment asks for every failure (`MINITORCH_ALL_FAILURES` set, and not `0`).
  public static var showsAll: Bool {
    guard let value = ProcessInfo.processInfo.environment[showAllVariable] else { return false }
    return !["", "0", "no", "false"].contains(value.lowercased())
  }

  /// How many failures of one test are printed before the rest are only counted.
  public let shown: Int
  private let lock = NSLock()
  private var failures = 0
  private var firstLocation: SourceLocation?

  /// A budget printing the first `shown` failures of a test.
  public init(shown: Int = 1) {
    self.shown = shown
  }

  /// What becomes of `issue`: itself while the budget lasts (and always for warnings and known
  /// issues), `nil` once it is spent, in which case it is counted.
  public func admit(_ issue: Issue) -> Issue? {
    guard issue.isFailure else { return issue }
    lock.lock()
    defer { lock.unlock() }
    failures += 1
    if firstLocation == nil {
      firstLocation = issue.sourceLocation
    }
    return failures <= shown ? issue : nil
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
    return Swift.max(0, failures - shown)
  }

  /// The closing note for a test that had `heldBack` more failures than it printed; `test` is
  /// the `--filter` argument that runs it alone.
  public static func closingNote(heldBack: Int, test: String) -> String {
    let failures = heldBack == 1 ? "1 more failure" : "\(heldBack) more failures"
    return "\(failures) of this test not shown (fix the first, above, first). To see every "
      + "failure: \(showAllVariable)=1 swift test --filter \(test)"
  }

  /// Runs `function` (a test function with all its cases) with a fresh budget, then records
  /// the closing note when failures were held back.
  static func runTest(_ test: Test, _ function: @Sendable () async throws -> Void) async throws {
    guard !showsAll else {
      try await function()
      return
    }
    let budget = FailureBudget()
    defer {
      let held = budget.heldBack
      if held > 0 {
        let note = Comment(rawValue: closingNote(heldBack: held, test: filterName(of: test)))
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
      .provideScope(for: test, testCase: testCase, performing: function)
  }
}
