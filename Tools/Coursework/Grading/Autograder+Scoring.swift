// How the autograder turns what it observed into a task's result: a failed build named, a code
// task's tests counted (its defining checks gating the points), and a task left unwritten
// scored 0 without running it.

extension Autograder {
  /// What a failed build of `stage` says about it: the stage's own code does not compile, or
  /// only the official tests of it do not (a name or signature they use was changed).
  static func buildFailure(of stage: String, errors: [String]) -> String {
    let located = errors.filter { $0.contains(".swift:") }
    if !located.isEmpty && located.allSatisfy({ $0.hasPrefix("Tests/") }) {
      return "the official tests of \(stage) do not compile against the submission's \(stage) "
        + "(a name or signature they use was changed or removed)"
    }
    return "\(stage) does not compile"
  }

  /// The result of a `code` task from the outcomes of its tests, with one line per test.
  static func result(of task: CourseTask, tests: [TestID], outcomes: [TestID: TestOutcome])
    -> TaskResult
  {
    var lines: [String] = []
    var passed = 0
    for test in tests {
      let outcome = outcomes[test] ?? .notRun("the test did not run")
      if outcome.isPassed {
        passed += 1
        lines.append("✓ \(test.function)")
      } else {
        let why = Truncation.keepingHead(outcome.explanation, limit: 2000)
        lines.append("✗ \(test.function)\n" + indented(why))
      }
    }
    if tests.isEmpty {
      lines.append("No tests of suite \(task.suite ?? "?") were found in the official tests.")
    }
    var result = TaskResult(
      task: task, passed: passed, total: tests.count, output: lines.joined(separator: "\n"))
    // The defining checks gate the task: one that fails (or is missing) makes the score 0.
    result.failedDefiningChecks = (task.definingChecks ?? []).filter { name in
      let test = tests.first { $0.function.prefix { $0 != "(" } == name }
      return test.map { outcomes[$0]?.isPassed != true } ?? true
    }
    if !result.failedDefiningChecks.isEmpty {
      let names = result.failedDefiningChecks.joined(separator: ", ")
      result.output =
        "Scored 0: this task is defined by how it computes, and its defining check"
        + (result.failedDefiningChecks.count == 1 ? " " : "s ") + names
        + " failed (see below and \(task.page)). A task scores 0 until its defining checks pass, "
        + "whatever else passes.\n" + result.output
    }
    return result
  }

  /// The result of a `code` task whose solution regions all still hold the starter's
  /// placeholder: 0 points, whatever its tests would do.
  public static func notAttempted(_ task: CourseTask) -> TaskResult {
    TaskResult(
      task: task, passed: 0, total: 0,
      output: "Not attempted: every solution region of Task \(task.id) still holds its "
        + "placeholder, notImplemented(\"Task \(task.id)\"), so it scores 0 and its tests were "
        + "not run. Write it (see \(task.page)), then check it with swift test --filter "
        + "\(task.suite ?? task.expectedSuiteName).")
  }

  /// Whether `id` is a test of `task`'s suite.
  static func isTest(_ id: TestID, of task: CourseTask) -> Bool {
    id.target == task.testTarget && id.suite == task.suite
  }

  /// `text` with every line indented by four spaces.
  static func indented(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
      .joined(separator: "\n")
  }
}
