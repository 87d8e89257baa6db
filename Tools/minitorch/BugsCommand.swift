import Coursework
import Foundation

/// `minitorch bugs`: checks a set of planted bugs against a test suite (for instructors).
enum BugsCommand {
  /// `--code`.
  static let code: Option<Bool> = .flag(
    "code", "check the code tasks' planted bugs (all tasks, or --task's)")
  /// `--practice`.
  static let practice: Option<Bool> = .flag(
    "practice",
    "check the practice set (\(Mutant.practicePath)) instead of the grading set "
      + "(\(Mutant.relativePath))")
  /// `--suite FILE`.
  static let suite: Option<URL?> = .path(
    "suite", "FILE", "run FILE in place of the task's suite file")
  /// `--all-bugs`.
  static let allBugs: Option<Bool> = .flag(
    "all-bugs",
    "also fail when a bug is caught by no test (for a suite meant to cover the whole set, such "
      + "as the sample laws)")

  /// The command's options.
  static let table = OptionTable(
    "bugs",
    [
      code.declaration, TestRunOptions.task.declaration, practice.declaration,
      suite.declaration, allBugs.declaration, TestRunOptions.source.declaration,
      TestRunOptions.work.declaration, TestRunOptions.timeout.declaration,
      TestRunOptions.jobs.declaration,
    ])

  /// The command as `minitorch help` lists it.
  static let command = Command(
    "bugs",
    summary: "check planted bugs against a suite: which bugs each test catches, which survive",
    table: table,
    about: """
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
      Exits 1 unless every bug does, and every test passes on the code as written. A work
      folder of minitorch grade is fine for --work, and its reference copy is reused.
      """,
    run: run)

  /// Runs the check and prints the result.
  static func run(_ options: ParsedOptions) throws -> Int32 {
    let task = options[TestRunOptions.task]
    let practice = options[Self.practice]
    let suite = options[Self.suite]
    let allBugs = options[Self.allBugs]
    let source =
      options[TestRunOptions.source]
      ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    let timeout = options[TestRunOptions.timeout]
    let jobs = options[TestRunOptions.jobs]
    if options[code] {
      guard !practice, suite == nil, !allBugs else {
        throw UsageError(
          "--code checks the official suites; it takes no --practice, --suite or --all-bugs")
      }
    }
    try Checkout.check(source, role: "checkout", option: "--source")
    let workspace = try GradingWorkspace(at: options[TestRunOptions.work])
    defer {
      if workspace.isTemporary {
        workspace.remove()
      }
    }
    if options[code] {
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
