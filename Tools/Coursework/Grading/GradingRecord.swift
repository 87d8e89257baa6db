import Foundation

/// What a grading has found so far, kept as it goes, so that a report can be written at any
/// moment: what a watchdog writes when the time budget runs out before grading ends.
///
/// Tasks graded so far keep their results; a code task whose tests were running keeps the
/// outcomes it has, and its other tests fail as not run; a task not reached scores 0 and says
/// so. Shared by the threads that run tests, so it is a class behind a lock.
public final class GradingRecord: @unchecked Sendable {
  private let lock = NSLock()
  private var manifest: TaskManifest?
  private var notes: [String] = []
  private var results: [String: TaskResult] = [:]
  private var planned: [String: [TestID]] = [:]
  private var outcomes: [TestID: TestOutcome] = [:]

  /// An empty record.
  public init() {}

  /// Records the manifest, once it is read.
  public func start(_ manifest: TaskManifest) {
    lock.lock()
    defer { lock.unlock() }
    self.manifest = manifest
  }

  /// Records the notes about the whole grading so far.
  public func setNotes(_ notes: [String]) {
    lock.lock()
    defer { lock.unlock() }
    self.notes = notes
  }

  /// Records that `tests` are about to run for `task`.
  public func plan(_ tests: [TestID], for task: CourseTask) {
    lock.lock()
    defer { lock.unlock() }
    planned[task.id] = tests
  }

  /// Records how one test went.
  public func record(_ outcome: TestOutcome, of test: TestID) {
    lock.lock()
    defer { lock.unlock() }
    outcomes[test] = outcome
  }

  /// Records a task's result.
  public func record(_ result: TaskResult) {
    lock.lock()
    defer { lock.unlock() }
    results[result.task.id] = result
  }

  /// The report so far, every task of the manifest included, with `reason` (why grading
  /// stopped) as its first note; `nil` before the manifest was read.
  public func report(stoppedBecause reason: String) -> Report? {
    lock.lock()
    defer { lock.unlock() }
    guard let manifest else { return nil }
    let notRun = TestOutcome.notRun(GradingBudget.reasonPrefix + reason)
    let results = manifest.tasks.map { task -> TaskResult in
      if let result = self.results[task.id] {
        return result
      }
      if let tests = planned[task.id] {
        var known = outcomes.filter { tests.contains($0.key) }
        for test in tests where known[test] == nil {
          known[test] = notRun
        }
        return Autograder.result(of: task, tests: tests, outcomes: known)
      }
      if task.kind == .handGraded {
        return TaskResult(
          task: task, passed: 0, total: 0,
          output: "Graded by hand. Hand in: \(task.handIn ?? "see \(task.page)")")
      }
      return TaskResult(
        task: task, passed: 0, total: 0,
        output: "Not graded: \(reason), before this task's turn came.")
    }
    return Report(course: manifest.course, results: results, notes: [reason + "."] + notes)
  }
}
