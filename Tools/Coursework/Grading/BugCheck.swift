import Foundation

/// Runs a task's tests against a set of planted bugs and says, test by test, which bugs they
/// catch: what a student runs before handing in tests (the practice set, on their own code:
/// `minitorch practice`) and what an instructor runs to check a bug set (`minitorch bugs`).
///
/// The checkout is never changed: its files are copied into the workspace, with every bug built
/// in (`MutantSchema`), and built there once. A test passes the check when it passes on the code
/// as written and fails with at least one bug, which is what the grader credits.
public struct BugCheck: Sendable {
  /// The checkout whose code the bugs are planted in, and whose tests run.
  public var checkout: URL
  /// The bug set, relative to the checkout (`Mutant.practicePath` or `Mutant.relativePath`).
  public var bugsFile: String
  /// The task, for example "0.2"; `nil` picks the manifest's only `student-tests` task.
  public var taskID: String?
  /// A file to run in place of the task's suite (for example laws a student might choose).
  public var suiteFile: URL?
  /// The workspace whose logs and runs folders the check uses.
  public var workspace: GradingWorkspace
  /// Where the copy is built: by default the workspace's `submission` folder (a student's
  /// code); `minitorch bugs` uses its `reference` folder, which grading Task 0.2 in the same
  /// workspace has already built with the grading set.
  public var copy: URL
  /// Seconds one test may run.
  public var timeLimit: Double
  /// How many tests run at once.
  public var workers: Int
  /// Receives a line for each step.
  public var progress: @Sendable (String) -> Void

  /// A check; see the properties for what each value means.
  public init(
    checkout: URL, bugsFile: String, taskID: String? = nil, suiteFile: URL? = nil,
    workspace: GradingWorkspace, timeLimit: Double = 60, workers: Int = 2,
    progress: @escaping @Sendable (String) -> Void = { _ in }
  ) {
    self.checkout = checkout.standardizedFileURL
    self.bugsFile = bugsFile
    self.taskID = taskID
    self.suiteFile = suiteFile
    self.workspace = workspace
    self.copy = workspace.submission
    self.timeLimit = timeLimit
    self.workers = workers
    self.progress = progress
  }

  /// What the tests did against the bugs.
  public struct Report: Sendable, Equatable {
    /// The task checked.
    public var task: CourseTask
    /// The bugs, by name, in the order of the bug set.
    public var bugs: [String]
    /// One entry per test, in order.
    public var tests: [TestResult]

    /// How one test did.
    public struct TestResult: Sendable, Equatable {
      /// The test function, for example "mulIsSymmetric()".
      public var name: String
      /// Why it failed on the code as written; `nil` when it passed.
      public var failureOnCode: String?
      /// The bugs it caught.
      public var caught: [String]
    }

    /// The tests that pass the check: passing on the code, catching a bug.
    public var catching: [TestResult] {
      tests.filter { $0.failureOnCode == nil && !$0.caught.isEmpty }
    }

    /// The bugs no test caught.
    public var survivors: [String] {
      bugs.filter { bug in !tests.contains { $0.caught.contains(bug) } }
    }

    /// The report as printed: a line per test, then the bugs no test caught (an instructor's
    /// concern; a student's tests only need to catch one each).
    public var text: String { text(listingSurvivors: true) }

    /// The report as printed, with or without the list of bugs no test caught.
    public func text(listingSurvivors: Bool) -> String {
      var lines: [String] = []
      for test in tests {
        if let failure = test.failureOnCode {
          lines.append("✗ \(test.name): fails on the code as written:")
          lines.append(Autograder.indented(Truncation.keepingHead(failure, limit: 1500)))
        } else if test.caught.isEmpty {
          lines.append("✗ \(test.name): passes, but no planted bug makes it fail")
        } else {
          lines.append("✓ \(test.name): catches \(test.caught.joined(separator: ", "))")
        }
      }
      if tests.isEmpty {
        lines.append("No tests of suite \(task.suite ?? "?") were found.")
      }
      lines.append("")
      lines.append(
        "\(catching.count) of \(tests.count) tests pass on the code and catch a planted bug; "
          + "\(bugs.count - survivors.count) of \(bugs.count) bugs are caught.")
      if listingSurvivors && !survivors.isEmpty {
        lines.append("Caught by no test: \(survivors.joined(separator: ", "))")
      }
      return lines.joined(separator: "\n")
    }
  }

  /// Copies the checkout with the bugs built in, builds it, and runs the task's tests on the
  /// code and with each bug. Throws a `CourseworkError` that says what to do when the task or
  /// its bugs are missing, the code a bug is planted in is not written yet, or the copy does not
  /// compile.
  public func run() throws -> Report {
    let manifest = try TaskManifest.load(projectRoot: checkout)
    let task = try chooseTask(in: manifest)
    guard let suitePath = task.suitePath else {
      throw CourseworkError.grading("Task \(task.id) has no test suite to check")
    }
    let bugs = try Mutant.load(projectRoot: checkout, path: bugsFile).filter { $0.task == task.id }
    guard !bugs.isEmpty else {
      throw CourseworkError.grading("\(bugsFile) has no planted bugs for Task \(task.id)")
    }
    try requireWrittenCode(for: bugs)

    var files: [String: URL] = [:]
    for path in try ProjectFiles.list(in: checkout) {
      files[path] = checkout.appendingPathComponent(path)
    }
    var overrides: [String: String] = [:]
    if let suiteFile {
      guard let text = try? String(contentsOf: suiteFile, encoding: .utf8) else {
        throw CourseworkError.grading("cannot read the suite file \(suiteFile.path)")
      }
      overrides[suitePath] = text
    }
    let hunt = BugHunt(
      folder: copy, stages: task.module + 1,
      builder: PackageBuilder(
        swift: try Self.swift(), packageFolder: copy, logFolder: workspace.logs),
      timeLimit: timeLimit, workers: workers, runs: workspace.runs)
    progress(
      "Building a copy with \(bugs.count) planted bugs built in (\(copy.path))")
    try hunt.prepare(files: files, planting: bugs, readingFrom: checkout, overrides: overrides)
    let build = try hunt.build(name: "bugs-Task\(task.id)")
    guard build.succeeded else {
      throw CourseworkError.grading(
        "the code and tests do not compile with the planted bugs built in; fix the first "
          + "errors (the full log is \(build.log.path)):\n  "
          + build.errors.joined(separator: "\n  "))
    }
    let tests = try hunt.tests(of: task)
    progress("Running \(tests.count) tests on the code as written and with each planted bug")
    let found = try hunt.hunt(tests, bugs: bugs)
    return Report(
      task: task, bugs: bugs.map(\.name),
      tests: tests.map { test in
        let outcome = found.onCode[test] ?? .notRun("the test did not run")
        return Report.TestResult(
          name: test.function, failureOnCode: outcome.isPassed ? nil : outcome.explanation,
          caught: found.caught[test] ?? [])
      })
  }

  /// The task named by `taskID`, or the manifest's only `student-tests` task.
  private func chooseTask(in manifest: TaskManifest) throws -> CourseTask {
    if let taskID {
      guard let task = manifest.task(taskID) else {
        throw CourseworkError.grading("the manifest has no Task \(taskID)")
      }
      return task
    }
    let candidates = manifest.tasks.filter { $0.kind == .studentTests }
    guard candidates.count == 1, let task = candidates.first else {
      throw CourseworkError.grading(
        "name the task to check with --task (tasks whose tests students write: "
          + candidates.map(\.id).joined(separator: ", ") + ")")
    }
    return task
  }

  /// Throws when a body edit would be planted in code that still holds its placeholder: the
  /// student has to write that task first.
  private func requireWrittenCode(for bugs: [Mutant]) throws {
    var unwritten: [String: [String]] = [:]
    for bug in bugs {
      let url = checkout.appendingPathComponent(bug.file)
      guard let text = try? String(contentsOf: url, encoding: .utf8) else {
        throw CourseworkError.grading(
          "planted bug '\(bug.name)' edits \(bug.file), which is missing")
      }
      guard let (region, _) = try bug.targetRegion(in: text) else { continue }
      if Placeholder(forFileAt: bug.file).isPlaceholder(region.body, taskID: region.taskID) {
        unwritten["Task \(region.taskID)", default: []].append(bug.function ?? bug.name)
      }
    }
    guard unwritten.isEmpty else {
      let parts = unwritten.keys.sorted().map { task in
        let functions = Array(Set(unwritten[task] ?? [])).sorted().joined(separator: ", ")
        return "\(task) (\(functions))"
      }
      throw CourseworkError.grading(
        "the planted bugs go into code that is not written yet: "
          + parts.joined(separator: "; ") + ". Write that first (check it with swift test "
          + "--filter), then run this again: your tests are checked against your own code.")
    }
  }

  /// The `swift` executable.
  static func swift() throws -> URL {
    guard let swift = Subprocess.findExecutable("swift") else {
      throw CourseworkError.grading(
        "cannot find 'swift' on PATH; install a Swift 6 toolchain first")
    }
    return swift
  }
}
