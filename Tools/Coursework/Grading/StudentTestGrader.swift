import Foundation

/// Grades a task whose tests the student writes (kind `student-tests`, such as Task 0.2) by what
/// tests are for: passing on correct code and failing on wrong code.
///
/// In the workspace's reference copy (the official checkout, with its solutions and every
/// planted bug of the task built in as a switch, see `MutantSchema`), the student's suite file
/// takes the place of the official one. Each of the student's tests must pass on the reference
/// code; then it runs once with each planted bug (`Mutant`) switched on. A test earns credit when it passes on the reference and fails
/// on at least one planted bug, so an empty test, or one that checks nothing, earns nothing.
/// The tests that count are the ones the official suite has, by name; the score is the task's
/// points times the fraction of them that earn credit.
struct StudentTestGrader: Sendable {
  /// The student's checkout.
  var submission: URL
  /// The official checkout.
  var official: URL
  /// The official checkout's files, relative to it.
  var officialFiles: [String]
  /// Where the reference copy is built.
  var workspace: GradingWorkspace
  /// The `swift` executable.
  var swift: URL
  /// Seconds one test may run.
  var timeLimit: Double
  /// How many tests run at once.
  var workers: Int
  /// Receives a line for each step.
  var progress: @Sendable (String) -> Void
  /// The user the student's tests run as; `nil` for this process's. The reference copy is
  /// built by this process (it holds the solutions), and only its test binary is given to the
  /// user to run, not to read.
  var user: GradingUser? = nil
  /// The grading's time budget, if any.
  var budget: GradingBudget? = nil

  /// Grades `task` with its planted bugs `mutants`. Throws a `CourseworkError` when the official
  /// checkout itself, with its planted bugs, does not build; a student file that does not
  /// compile scores 0.
  func grade(_ task: CourseTask, mutants: [Mutant]) throws -> TaskResult {
    guard let suitePath = task.suitePath else {
      return TaskResult(task: task, passed: 0, total: 0, output: "The task names no suite.")
    }
    var builder = PackageBuilder(
      swift: swift, packageFolder: workspace.reference, logFolder: workspace.logs)
    builder.budget = budget
    var hunt = BugHunt(
      folder: workspace.reference, stages: task.module + 1, builder: builder,
      timeLimit: timeLimit, workers: workers, runs: workspace.runs)
    hunt.user = user
    hunt.budget = budget
    var files: [String: URL] = [:]
    for path in officialFiles {
      files[path] = official.appendingPathComponent(path)
    }
    let label = "Task\(task.id.replacingOccurrences(of: ".", with: "_"))"

    // The tests that count: the official suite's, by name.
    progress(
      "Task \(task.id): building the reference code, its planted bugs and the official tests")
    try hunt.prepare(files: files, planting: mutants, readingFrom: official)
    let referenceBuild = try hunt.build(name: "reference-\(label)")
    if !referenceBuild.succeeded, let budget, budget.isSpent {
      return TaskResult(
        task: task, passed: 0, total: 0,
        output: "Not graded: \(budget.spentReason.dropFirst(GradingBudget.reasonPrefix.count)).")
    }
    guard referenceBuild.succeeded else {
      throw CourseworkError.grading(
        "the official checkout, with the planted bugs of \(Mutant.relativePath) built in, does "
          + "not build with \(hunt.stages) stage(s) (a planted bug that does not compile?); see "
          + "\(referenceBuild.log.path):\n  " + referenceBuild.errors.joined(separator: "\n  "))
    }
    let expected = try hunt.tests(of: task)

    // The student's tests, on the reference code and on each planted bug.
    let studentFile = submission.appendingPathComponent(suitePath)
    guard let studentSource = try? String(contentsOf: studentFile, encoding: .utf8) else {
      return TaskResult(
        task: task, passed: 0, total: expected.count,
        output: "The submission has no \(suitePath) (or it is not UTF-8 text); write your "
          + "tests there.")
    }
    progress("Task \(task.id): building your tests against the reference code")
    try hunt.prepare(
      files: files, planting: mutants, readingFrom: official,
      overrides: [suitePath: studentSource])
    let build = try hunt.build(name: "student-\(label)")
    guard build.succeeded else {
      return TaskResult(
        task: task, passed: 0, total: expected.count,
        output: "\(suitePath) does not compile against the reference code. First errors:\n"
          + build.errors.joined(separator: "\n"))
    }
    let written = try hunt.tests(of: task)
    progress(
      "Task \(task.id): running \(written.count) of your tests on the reference code and on "
        + "\(mutants.count) planted bugs")
    let found = try hunt.hunt(written, bugs: mutants)
    var planted: [String: String] = [:]
    for mutant in mutants {
      planted[mutant.name] = mutant.kind ?? Self.otherKind
    }
    return Self.result(
      of: task, expected: expected, written: written, onReference: found.onCode,
      caught: found.caught, planted: planted)
  }

  /// The result of a `student-tests` task: one line per official test saying whether it earned
  /// credit and why, then the student's extra tests, which do not count, then how many planted
  /// bugs the tests caught, by kind. `planted` gives each planted bug's kind by name. The bugs
  /// are private (their names would hint at the grading set), so the output names only their
  /// kinds and counts.
  static func result(
    of task: CourseTask, expected: [TestID], written: [TestID],
    onReference: [TestID: TestOutcome], caught: [TestID: [String]], planted: [String: String]
  ) -> TaskResult {
    var lines: [String] = []
    var credited = 0
    for test in expected {
      guard written.contains(test) else {
        lines.append("✗ \(test.function): missing from your file; write this test")
        continue
      }
      let outcome = onReference[test] ?? .notRun("the test did not run")
      if !outcome.isPassed {
        lines.append(
          "✗ \(test.function): fails on correct code (still the placeholder, or a wrong law?):\n"
            + Autograder.indented(Truncation.keepingHead(outcome.explanation, limit: 2000)))
      } else if let bugs = caught[test], !bugs.isEmpty {
        credited += 1
        lines.append(
          "✓ \(test.function): passes on correct code and catches "
            + describe(bugs, planted: planted))
      } else {
        lines.append(
          "✗ \(test.function): passes on correct code but no planted bug makes it fail; "
            + "does it check its law?")
      }
    }
    let extra = written.filter { !expected.contains($0) }
    if !extra.isEmpty {
      lines.append("Tests of yours that are not graded:")
      for test in extra {
        let bugs = caught[test] ?? []
        let what =
          onReference[test]?.isPassed != true
          ? "fails on correct code"
          : bugs.isEmpty ? "catches no planted bug" : "catches " + describe(bugs, planted: planted)
        lines.append("  \(test.function): \(what)")
      }
    }
    if !planted.isEmpty {
      let found = Set(caught.filter { onReference[$0.key]?.isPassed == true }.values.joined())
      lines.append(summary(caught: found, planted: planted))
    }
    return TaskResult(
      task: task, passed: credited, total: expected.count,
      output: lines.joined(separator: "\n"))
  }

  /// The kind a planted bug without one is counted under.
  static let otherKind = "another kind"

  /// "3 planted bugs (off by a constant or a factor: 2; the wrong base or the wrong inverse: 1)".
  static func describe(_ bugs: [String], planted: [String: String]) -> String {
    let count = bugs.count == 1 ? "1 planted bug" : "\(bugs.count) planted bugs"
    return count + " ("
      + byKind(bugs, planted: planted).map { "\($0.kind): \($0.count)" }
      .joined(separator: "; ") + ")"
  }

  /// How many of `bugs` there are of each kind, most first (ties in the order of the kinds'
  /// names).
  static func byKind(_ bugs: some Sequence<String>, planted: [String: String]) -> [(
    kind: String, count: Int
  )] {
    var counts: [String: Int] = [:]
    for bug in bugs {
      counts[planted[bug] ?? otherKind, default: 0] += 1
    }
    return counts.map { (kind: $0.key, count: $0.value) }
      .sorted { $0.count != $1.count ? $0.count > $1.count : $0.kind < $1.kind }
  }

  /// The last line: how many of the planted bugs the student's passing tests caught, for each
  /// kind, so that a kind no law reaches stands out.
  static func summary(caught: Set<String>, planted: [String: String]) -> String {
    let kinds = byKind(planted.keys, planted: planted).map(\.kind).sorted()
    let parts = kinds.map { kind in
      let all = planted.filter { $0.value == kind }.count
      let found = caught.filter { planted[$0] == kind }.count
      return "\(kind): \(found) of \(all)"
    }
    return "Your tests catch \(caught.count) of the \(planted.count) planted bugs. By kind: "
      + parts.joined(separator: "; ") + "."
  }
}
