import Coursework
import Foundation

/// `minitorch bugs`: checks a set of planted bugs against a test suite (for instructors).
enum BugsCommand {
  /// The command as `minitorch help` lists it.
  static let command = Command(
    name: "bugs",
    summary: "check planted bugs against a suite: which bugs each test catches, which survive",
    usage: """
      usage: minitorch bugs [--task 0.2] [--practice] [--suite FILE] [--all-bugs]
                            [--source DIR] [--work DIR] [--timeout S] [--jobs N]
             minitorch bugs --code [--task 2.1] [--source DIR] [--work DIR] [--timeout S]
                            [--jobs N]

      Builds a copy of the checkout with every planted bug of the task built in, runs the
      task's tests on the code as written and with each bug, and prints which bugs each test
      catches and which bugs no test catches. Use it after editing a suite or a bug set, and
      to check that the laws students may choose for Task 0.2 are caught (run
      assignments/autograder/sample-laws.swift as the suite, with and without --practice).
      Exits 1 unless every test passes on the code and catches a bug (and, with --all-bugs,
      every bug is caught by some test).

      With --code, checks the planted bugs of the code tasks (\(Mutant.codePath))
      against the official suites instead: every bug must fail at least one test of its own
      task's suite and pass at least one. All of them are built into one copy, built once.
      Exits 1 unless every bug does, and every test passes on the code as written.

      Options:
        --code         check the code tasks' planted bugs (all tasks, or --task's)
        --task ID      the task (default: the one tests-you-write task)
        --practice     check the practice set (\(Mutant.practicePath)) instead of the
                       grading set (\(Mutant.relativePath))
        --suite FILE   run FILE in place of the task's suite file
        --all-bugs     also fail when a bug is caught by no test (for a suite meant to
                       cover the whole set, such as the sample laws)
        --source DIR   the checkout with solutions (default: the current folder)
        --work DIR     build in DIR and keep it (default: a temporary folder); a work
                       folder of minitorch grade is fine, and its reference copy is reused
        --timeout S    seconds one test may run (default: 60)
        --jobs N       tests run at once (default: 2)
      """,
    run: { options in try run(&options) })

  /// Reads the options, runs the check and prints the result.
  static func run(_ options: inout Arguments) throws -> Int32 {
    let task = try options.string("task")
    let code = options.flag("code")
    let practice = options.flag("practice")
    let suite = try options.string("suite").map { URL(fileURLWithPath: $0) }
    let allBugs = options.flag("all-bugs")
    let source = URL(
      fileURLWithPath: try options.string("source") ?? FileManager.default.currentDirectoryPath)
    let work = try options.string("work").map { URL(fileURLWithPath: $0) }
    let timeout = try options.double("timeout", default: 60, in: 1...3600)
    let jobs = try options.int("jobs", default: 2, in: 1...64)
    try options.finish()
    try Checkout.check(source, role: "checkout", option: "--source")
    let workspace = try GradingWorkspace(at: work)
    defer {
      if workspace.isTemporary {
        workspace.remove()
      }
    }
    if code {
      guard !practice, suite == nil, !allBugs else {
        throw UsageError(
          "--code checks the official suites; it takes no --practice, --suite "
            + "or --all-bugs")
      }
      let check = CodeBugCheck(
        checkout: source, taskIDs: task.map { [$0] }, workspace: workspace, timeLimit: timeout,
        workers: jobs, progress: { printError("· " + $0) })
      let report = try check.run()
      print(report.text)
      fflush(nil)
      return report.isClean ? 0 : 1
    }
    let bugsFile = practice ? Mutant.practicePath : Mutant.relativePath
    var check = BugCheck(
      checkout: source, bugsFile: bugsFile, taskID: task, suiteFile: suite,
      workspace: workspace, timeLimit: timeout, workers: jobs,
      progress: { printError("· " + $0) })
    check.copy = workspace.reference
    let report = try check.run()
    let suiteName = suite?.lastPathComponent ?? report.task.suitePath ?? "its suite"
    print("Task \(report.task.id): \(suiteName) against \(bugsFile)")
    print(report.text)
    fflush(nil)
    let testsCatch = !report.tests.isEmpty && report.catching.count == report.tests.count
    return testsCatch && (!allBugs || report.survivors.isEmpty) ? 0 : 1
  }
}
