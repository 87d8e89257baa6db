import Coursework
import Foundation

/// `minitorch practice`: checks a student's own tests (Task 0.2) against the practice bugs.
enum PracticeCommand {
  /// The command's options.
  static let table = OptionTable(
    "practice",
    [
      TestRunOptions.task.declaration, TestRunOptions.timeout.declaration,
      TestRunOptions.jobs.declaration,
    ])

  /// The command as `minitorch help` lists it.
  static let command = Command(
    "practice",
    summary: "check the tests you wrote (Task 0.2) against practice bugs before handing in",
    table: table,
    about: """
      Task 0.2's tests earn credit when they pass on correct code and fail on broken code.
      This runs your tests on your own code (so write Task 0.1 first), then with each bug of
      \(Mutant.practicePath) planted in it, and says which bugs each test catches. The
      grader uses other bugs of the same kinds (see the Task 0.2 section of
      assignments/module0.md), so a test that catches none here will most likely earn
      nothing. Your files are not changed: the check builds a copy in
      .build/minitorch-practice (the first run takes a minute).
      """,
    run: run)

  /// Runs the check in the current folder and prints the result; exits 1 unless every test
  /// passes on the code and catches a bug.
  static func run(_ options: ParsedOptions) throws -> Int32 {
    let checkout = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    try Checkout.check(checkout, role: "current folder", option: "cd")
    let workspace = try GradingWorkspace(
      at: checkout.appendingPathComponent(".build/minitorch-practice"))
    let check = BugCheck(
      checkout: checkout, bugsFile: Mutant.practicePath, taskID: options[TestRunOptions.task],
      workspace: workspace, timeLimit: options[TestRunOptions.timeout],
      workers: options[TestRunOptions.jobs], progress: { printError("· " + $0) })
    let report = try check.run()
    print("Task \(report.task.id), \(report.task.title): your tests against practice bugs")
    print(report.text(listingSurvivors: false))
    let ready = report.catching.count == report.tests.count && !report.tests.isEmpty
    print(
      ready
        ? "Every test passes on your code and catches a practice bug. The grader runs them "
          + "against other bugs of the same kinds, on the reference code."
        : "A test marked ✗ would most likely earn nothing: make it pass on correct code and "
          + "fail when its law is broken (see assignments/module0.md, Task 0.2).")
    fflush(nil)
    return ready ? 0 : 1
  }
}
