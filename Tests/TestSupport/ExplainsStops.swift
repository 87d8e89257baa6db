import Module0
import Testing

/// A trait that makes a stop during a test end with directions instead of a crash report.
///
/// Every test suite of the course carries it: `@Suite("Task 2.1: tensor data", .explainsStops)`.
/// Before each test it installs Module0's `StopHandler` (once per process, plus an alternate
/// signal stack for the thread) and reports the test as running, so that a failed
/// `precondition`, a `fatalError` or a stack overflow prints which test stopped and the one
/// command to run next, and `notImplemented` can say which suite reached the unwritten task.
/// It also keeps a failing test to one screen: each test function prints its first failure and
/// a count of the rest (see `FailureBudget`). Before all that, it checks that the processor can
/// run this build (`ProcessorCheck`). Students need to do nothing for it.
public struct ExplainsStops: TestTrait, SuiteTrait, TestScoping {
  /// Applies to every test inside a suite that carries it.
  public var isRecursive: Bool { true }

  /// Scopes every suite, every test function as a whole (its failure budget spans all its
  /// cases) and each of its cases.
  public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
    self
  }

  /// Stops with directions when this build needs processor features this machine lacks
  /// (Module0's `ProcessorCheck`), before the test's arguments are made.
  public func prepare(for test: Test) async throws {
    ProcessorCheck.requireSupported()
  }

  /// Installs the handler; gives a test function its failure budget; records each case of it
  /// as running while it runs, with its issues passed through the budget.
  public func provideScope(
    for test: Test, testCase: Test.Case?,
    performing function: @Sendable () async throws -> Void
  ) async throws {
    StopHandler.install()
    if test.isSuite {
      try await function()
    } else if testCase == nil {
      try await FailureBudget.runTest(test, function)
    } else {
      let name = filterName(of: test)
      StopHandler.testStarted(name)
      defer { StopHandler.testEnded(name) }
      try await FailureBudget.runCase(test, testCase, function)
    }
  }
}

extension Trait where Self == ExplainsStops {
  /// A stop during these tests ends with directions and a prompt exit (see `ExplainsStops`).
  public static var explainsStops: Self { ExplainsStops() }
}

/// The `--filter` argument that runs `test` alone, for example `"Task0_1/sigmoidIsSymmetric"`.
public func filterName(of test: Test) -> String {
  // A test's id reads "Module0Tests.Task0_1/sigmoidIsSymmetric()/Task0_1.swift:12:4".
  let id = String(describing: test.id)
  let parts = id.split(separator: "/")
  guard parts.count >= 2 else {
    return parts.first.flatMap { $0.split(separator: ".").last }.map(String.init) ?? test.name
  }
  let suite = parts[0].split(separator: ".").last.map(String.init) ?? String(parts[0])
  let function = parts[1].split(separator: "(").first.map(String.init) ?? String(parts[1])
  return "\(suite)/\(function)"
}
