import Foundation

/// Checks the planted bugs of the code tasks (`Mutant.codePath`) against the official suites:
/// the check an instructor runs after editing a suite, and CI runs on every change.
///
/// A good planted bug is a realistic mistake in one task's code. It must make at least one test
/// of that task's own suite fail (the suite catches it, so a student who makes the mistake is
/// told by the task they are working on), and it must leave at least one test of the suite
/// passing (a bug that breaks everything says nothing about which tests are sharp).
///
/// All the bugs are built into one copy of the checkout (`MutantSchema`), built once; each
/// task's tests then run on the code as written and with each of the task's bugs. Last, the
/// bug of each task that fails the most tests runs once more as a student would meet it, the
/// whole suite in one `swift test --filter` run, and its failure reports must fit one screen
/// (`FailureScreen`).
public struct CodeBugCheck: Sendable {
  /// The checkout with solutions whose suites and bugs are checked.
  public var checkout: URL
  /// The tasks to check, by id; `nil` checks every task that has planted bugs.
  public var taskIDs: [String]?
  /// The workspace whose logs and runs folders the check uses.
  public var workspace: GradingWorkspace
  /// Seconds one test may run.
  public var timeLimit: Double
  /// How many tests run at once.
  public var workers: Int
  /// Receives a line for each step.
  public var progress: @Sendable (String) -> Void

  /// A check; see the properties for what each value means.
  public init(
    checkout: URL, taskIDs: [String]? = nil, workspace: GradingWorkspace,
    timeLimit: Double = 60, workers: Int = 2,
    progress: @escaping @Sendable (String) -> Void = { _ in }
  ) {
    self.checkout = checkout.standardizedFileURL
    self.taskIDs = taskIDs
    self.workspace = workspace
    self.timeLimit = timeLimit
    self.workers = workers
    self.progress = progress
  }

  /// The folder the copy with the bugs built in is made in.
  public var copy: URL { workspace.root.appendingPathComponent("code-bugs") }

  /// How one planted bug fared against its task's suite.
  public struct BugResult: Sendable, Equatable {
    /// The task whose code the bug is in.
    public var task: String
    /// The bug's name.
    public var name: String
    /// The tests of the task's suite that fail with the bug.
    public var failing: [String]
    /// The tests of the task's suite that still pass with the bug.
    public var passing: [String]
    /// The task's defining checks among `failing`: with any of them the task scores 0.
    public var failingDefiningChecks: [String] = []
    /// Whether the bug file says it must fail a defining check (`Mutant.failsDefiningCheck`).
    public var mustFailDefiningCheck = false

    /// Whether the bug is a good one: some test catches it and some test still passes, and a
    /// defining check fails when the bug file says one must.
    public var isSharp: Bool {
      !failing.isEmpty && !passing.isEmpty
        && (!mustFailDefiningCheck || !failingDefiningChecks.isEmpty)
    }

    /// One line: the verdict, the bug, and which tests caught it.
    public var line: String {
      let counts = "\(failing.count) of \(failing.count + passing.count) tests fail"
      if failing.isEmpty {
        return "✗ Task \(task) \(name): survives, no test of the suite fails (\(counts))"
      }
      if passing.isEmpty {
        return "✗ Task \(task) \(name): breaks every test of the suite (\(counts))"
      }
      if mustFailDefiningCheck && failingDefiningChecks.isEmpty {
        return "✗ Task \(task) \(name): no defining check fails, so the task would keep its "
          + "points (\(counts))"
      }
      let shown = failing.prefix(3).joined(separator: ", ") + (failing.count > 3 ? ", …" : "")
      let gate =
        failingDefiningChecks.isEmpty
        ? "" : "; scores 0 (defining check \(failingDefiningChecks.joined(separator: ", ")))"
      return "✓ Task \(task) \(name): \(counts), caught by \(shown)\(gate)"
    }
  }

  /// What the check found.
  public struct Report: Sendable, Equatable {
    /// Every bug checked, in the order of the bug file.
    public var bugs: [BugResult]
    /// Tests that fail on the reference code itself, with why (they make the check useless).
    public var failingOnCode: [String]
    /// Per task, what its suite prints for the bug that fails the most of its tests.
    public var screens: [FailureScreen] = []

    /// Whether every bug is sharp, every test passes on the reference and every screen fits.
    public var isClean: Bool {
      failingOnCode.isEmpty && bugs.allSatisfy(\.isSharp) && screens.allSatisfy(\.fits)
    }

    /// The report as printed.
    public var text: String {
      var lines = failingOnCode.map { "✗ fails on the reference code: \($0)" }
      lines += bugs.map(\.line)
      let sharp = bugs.filter(\.isSharp).count
      lines.append("")
      lines.append(
        "\(sharp) of \(bugs.count) planted bugs fail at least one test of their own task's "
          + "suite and pass at least one.")
      let gated = bugs.filter { !$0.failingDefiningChecks.isEmpty }.count
      if gated > 0 {
        lines.append("\(gated) of them fail a defining check: their task scores 0.")
      }
      if !screens.isEmpty {
        lines.append("")
        lines += screens.map(\.line)
        lines.append(
          "\(screens.filter(\.fits).count) of \(screens.count) tasks' worst bugs print at most "
            + "\(FailureScreen.failureLineLimit) lines of failures.")
      }
      return lines.joined(separator: "\n")
    }
  }

  /// Builds the copy with every chosen bug in it and runs each task's suite against its bugs.
  /// Throws a `CourseworkError` when a bug names an unknown task or a task without a suite, a
  /// bug cannot be planted, or the copy does not compile.
  public func run() throws -> Report {
    let manifest = try TaskManifest.load(projectRoot: checkout)
    var bugs = try Mutant.load(projectRoot: checkout, path: Mutant.codePath)
    if let taskIDs {
      for id in taskIDs where !bugs.contains(where: { $0.task == id }) {
        throw CourseworkError.grading("\(Mutant.codePath) has no planted bugs for Task \(id)")
      }
      bugs = bugs.filter { taskIDs.contains($0.task) }
    }
    var tasks: [CourseTask] = []
    for id in bugs.map(\.task) where !tasks.contains(where: { $0.id == id }) {
      guard let task = manifest.task(id), task.kind == .code, task.suite != nil else {
        throw CourseworkError.grading(
          "\(Mutant.codePath) plants bugs for Task \(id), which is not a code task with a "
            + "suite in \(TaskManifest.relativePath)")
      }
      tasks.append(task)
    }
    guard let stages = tasks.map({ $0.module + 1 }).max() else {
      throw CourseworkError.grading("\(Mutant.codePath) has no planted bugs to check")
    }

    var files: [String: URL] = [:]
    for path in try ProjectFiles.list(in: checkout) {
      files[path] = checkout.appendingPathComponent(path)
    }
    let hunt = BugHunt(
      folder: copy, stages: stages,
      builder: PackageBuilder(
        swift: try BugCheck.swift(), packageFolder: copy, logFolder: workspace.logs),
      timeLimit: timeLimit, workers: workers, runs: workspace.runs)
    progress("Building a copy with \(bugs.count) planted bugs built in (\(copy.path))")
    try hunt.prepare(files: files, planting: bugs, readingFrom: checkout)
    let build = try hunt.build(name: "code-bugs")
    guard build.succeeded else {
      throw CourseworkError.grading(
        "the code and tests do not compile with the planted bugs built in; fix the first "
          + "errors (the full log is \(build.log.path)):\n  "
          + build.errors.joined(separator: "\n  "))
    }

    var report = Report(bugs: [], failingOnCode: [])
    for task in tasks {
      let own = bugs.filter { $0.task == task.id }
      let tests = try hunt.tests(of: task)
      progress("Task \(task.id): \(tests.count) tests against \(own.count) planted bugs")
      let found = try hunt.hunt(tests, bugs: own)
      let passing = tests.filter { found.onCode[$0]?.isPassed == true }
      for test in tests where found.onCode[test]?.isPassed != true {
        let why = found.onCode[test]?.explanation ?? "it did not run"
        report.failingOnCode.append(
          "\(task.suite ?? "?")/\(test.function): "
            + Truncation.keepingHead(why, limit: 600))
      }
      for bug in own {
        let failing = passing.filter { found.caught[$0]?.contains(bug.name) == true }
        var result = BugResult(
          task: task.id, name: bug.name, failing: failing.map(\.function),
          passing: passing.filter { !failing.contains($0) }.map(\.function))
        result.failingDefiningChecks = result.failing.filter(task.isDefiningCheck)
        result.mustFailDefiningCheck = bug.failsDefiningCheck == true
        report.bugs.append(result)
      }
    }
    report.screens = try screens(of: report.bugs, tasks: tasks, hunt: hunt)
    return report
  }

  /// For each task, the screen of the bug that fails the most of its tests (the first such).
  private func screens(of bugs: [BugResult], tasks: [CourseTask], hunt: BugHunt) throws
    -> [FailureScreen]
  {
    let executable = try hunt.binary().executable
    let worst = tasks.compactMap { task -> (task: CourseTask, bug: String)? in
      let own = bugs.filter { $0.task == task.id && !$0.failing.isEmpty }
      guard let most = own.map(\.failing.count).max(),
        let bug = own.first(where: { $0.failing.count == most })
      else { return nil }
      return (task, bug.name)
    }
    progress("Running each task's suite with its worst bug, as swift test --filter would")
    let screens = parallelMap(worst, workers: workers) { item in
      try? FailureScreen.measure(
        task: item.task.id, suite: item.task.suite ?? item.task.expectedSuiteName,
        bug: item.bug, executable: executable, folder: copy, scratch: workspace.runs,
        timeLimit: timeLimit * 5)
    }
    return screens.compactMap { $0 }
  }
}
