import Coursework
import Foundation

/// `minitorch practice`: checks a student's own tests (Task 0.2) against the practice bugs.
enum PracticeCommand {
  /// The command as `minitorch help` lists it.
  static let command = Command(
    name: "practice",
    summary: "check the tests you wrote (Task 0.2) against practice bugs before handing in",
    usage: """
      usage: minitorch practice [--task 0.2] [--timeout S] [--jobs N]

      Task 0.2's tests earn credit when they pass on correct code and fail on broken code.
      This runs your tests on your own code (so write Task 0.1 first), then with each bug of
      \(Mutant.practicePath) planted in it, and says which bugs each test catches. The
      grader uses other bugs of the same kinds (see the Task 0.2 section of
      assignments/module0.md), so a test that catches none here will most likely earn
      nothing. Your files are not changed: the check builds a copy in
      .build/minitorch-practice (the first run takes a minute).

      Options:
        --task ID      the task whose tests to check (default: the one tests-you-write task)
        --timeout S    seconds one test may run (default: 60)
        --jobs N       tests run at once (default: 2)
      """,
    run: { options in try run(&options) })

  /// Reads the options, runs the check in the current folder and prints the result; exits 1
  /// unless every test passes on the code and catches a bug.
  static func run(_ options: inout Arguments) throws -> Int32 {
    let task = try options.string("task")
    let timeout = try options.double("timeout", default: 60, in: 1...3600)
    let jobs = try options.int("jobs", default: 2, in: 1...64)
    try options.finish()
    let checkout = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    try Checkout.check(checkout, role: "current folder", option: "cd")
    let workspace = try GradingWorkspace(
      at: checkout.appendingPathComponent(".build/minitorch-practice"))
    let check = BugCheck(
      checkout: checkout, bugsFile: Mutant.practicePath, taskID: task, workspace: workspace,
      timeLimit: timeout, workers: jobs, progress: { printError("· " + $0) })
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
