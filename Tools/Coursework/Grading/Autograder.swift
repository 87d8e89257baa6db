import Foundation

/// Grades one submission against the official checkout: builds it once, runs each graded test
/// in a process of its own with a time limit, and scores every task of the manifest.
///
/// The submission's stage folders (`Module0/`, `Module1/`, …) are its code; everything else,
/// `Package.swift`, the tests and the manifest included, comes from the official checkout, so a
/// student cannot change how they are graded. When the whole submission does not compile, the
/// grader tries again with fewer stages (`MINITORCH_STAGES`), so a broken Module3 does not cost
/// the points of Module0. Tasks of kind `student-tests` are graded by `StudentTestGrader`.
public struct Autograder: Sendable {
  /// The student's checkout.
  public var submission: URL
  /// The official checkout: tests, manifest, planted bugs, and the reference code.
  public var official: URL
  /// Where the copies are built.
  public var workspace: GradingWorkspace
  /// Seconds one test may run.
  public var timeLimit: Double
  /// How many tests run at once.
  public var workers: Int
  /// Receives a line for each step, for people watching.
  public var progress: @Sendable (String) -> Void

  /// A grader; see the properties for what each value means.
  public init(
    submission: URL, official: URL, workspace: GradingWorkspace, timeLimit: Double = 60,
    workers: Int = 2, progress: @escaping @Sendable (String) -> Void = { _ in }
  ) {
    self.submission = submission.standardizedFileURL
    self.official = official.standardizedFileURL
    self.workspace = workspace
    self.timeLimit = timeLimit
    self.workers = workers
    self.progress = progress
  }

  /// Grades the submission. Throws a `CourseworkError` only when grading itself cannot run (a
  /// folder that is not a checkout, a broken official `Package.swift` or manifest, `swift`
  /// missing); a submission that does not compile or fails tests is graded, not an error.
  public func grade() throws -> Report {
    try Self.checkCheckout(submission, role: "submission", option: "--submission")
    try Self.checkCheckout(official, role: "official checkout", option: "--tests")
    let manifest: TaskManifest
    do {
      manifest = try TaskManifest.load(projectRoot: official)
    } catch let error as CourseworkError where error.kind == .manifest {
      throw CourseworkError.grading("the official manifest is not usable: \(error)")
    }
    guard let swift = Subprocess.findExecutable("swift") else {
      throw CourseworkError.grading(
        "cannot find 'swift' on PATH; install a Swift 6 toolchain first")
    }
    let officialFiles = try ProjectFiles.list(in: official)
    let stages = Self.stageFolders(in: officialFiles)
    guard !stages.isEmpty else {
      throw CourseworkError.grading(
        "the official checkout \(official.path) has no Module0 folder; pass its root with --tests")
    }
    let mutants = try checkedMutants(for: manifest)

    var notes: [String] = []
    var results = try gradeCode(manifest, officialFiles, stages, swift: swift, notes: &notes)
    for task in manifest.tasks where task.kind == .studentTests {
      let grader = StudentTestGrader(
        submission: submission, official: official, officialFiles: officialFiles,
        workspace: workspace, swift: swift, timeLimit: timeLimit, workers: workers,
        progress: progress)
      results[task.id] = try grader.grade(task, mutants: mutants.filter { $0.task == task.id })
    }
    for task in manifest.tasks where task.kind == .handGraded {
      results[task.id] = TaskResult(
        task: task, passed: 0, total: 0,
        output: "Graded by hand. Hand in: \(task.handIn ?? "see \(task.page)")")
    }
    return Report(
      course: manifest.course, results: manifest.tasks.compactMap { results[$0.id] },
      notes: notes)
  }

  // MARK: - Code tasks

  /// Builds the submission copy with as many stages as compile and runs the tests of every
  /// `code` task; returns their results by task id.
  private func gradeCode(
    _ manifest: TaskManifest, _ officialFiles: [String], _ stages: [String], swift: URL,
    notes: inout [String]
  ) throws -> [String: TaskResult] {
    progress("Copying the submission's code into \(workspace.submission.path)")
    notes += try prepareSubmissionCopy(officialFiles, stages)
    let builder = PackageBuilder(
      swift: swift, packageFolder: workspace.submission, logFolder: workspace.logs)
    let packageName = try builder.packageName(stages: 1)

    var failedBuilds: [Int: PackageBuilder.Result] = [:]
    var builtStages = 0
    for count in stride(from: stages.count, through: 1, by: -1) {
      progress("Building the submission with \(stages.prefix(count).joined(separator: ", "))")
      let build = try builder.build(stages: count, name: "submission-\(count)-stages")
      if build.succeeded {
        builtStages = count
        break
      }
      failedBuilds[count] = build
    }
    if builtStages == 0 {
      notes.append(
        "The submission does not compile, so no test could run. First errors:\n"
          + (failedBuilds[1]?.errors ?? []).joined(separator: "\n"))
    } else if builtStages < stages.count {
      notes.append(
        "\(stages[builtStages]) does not compile, so its tasks and those of later modules "
          + "score 0; the modules before it (\(stages.prefix(builtStages).joined(separator: ", ")))"
          + " were graded without it.")
    }

    let codeTasks = manifest.tasks.filter { $0.kind == .code }
    var outcomes: [TestID: TestOutcome] = [:]
    var tests: [TestID] = []
    if builtStages > 0 {
      let binary = TestBinary(
        packageName: packageName, packageFolder: workspace.submission,
        scratchFolder: workspace.runs, timeLimit: timeLimit)
      tests = try binary.listTests().filter { id in
        codeTasks.contains { $0.module < builtStages && Self.isTest(id, of: $0) }
      }
      progress("Running \(tests.count) tests, each in its own process")
      outcomes = binary.run(tests, workers: workers)
    }

    var results: [String: TaskResult] = [:]
    for task in codeTasks {
      if task.module >= stages.count {
        results[task.id] = TaskResult(
          task: task, passed: 0, total: 0,
          output: "The official checkout has no Module\(task.module) folder, so this task "
            + "cannot be graded yet.")
      } else if task.module >= builtStages {
        let errors = failedBuilds[task.module + 1]?.errors ?? []
        results[task.id] = TaskResult(
          task: task, passed: 0, total: 0,
          output: "Module\(task.module) cannot be graded: the build of "
            + "\(stages.prefix(task.module + 1).joined(separator: ", ")) fails. First errors:\n"
            + errors.joined(separator: "\n"))
      } else {
        let own = tests.filter { Self.isTest($0, of: task) }
        results[task.id] = Self.result(of: task, tests: own, outcomes: outcomes)
      }
    }
    return results
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
    return TaskResult(
      task: task, passed: passed, total: tests.count, output: lines.joined(separator: "\n"))
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

  /// Fills the submission copy: the official checkout with its stage folders replaced by the
  /// submission's. Returns notes about what the submission lacks or changed.
  private func prepareSubmissionCopy(_ officialFiles: [String], _ stages: [String]) throws
    -> [String]
  {
    let inStage = { (path: String) in stages.contains { path.hasPrefix($0 + "/") } }
    var plan: [String: URL] = [:]
    for path in officialFiles where !inStage(path) {
      plan[path] = official.appendingPathComponent(path)
    }
    let submissionFiles = try ProjectFiles.list(in: submission)
    for path in submissionFiles where inStage(path) {
      plan[path] = submission.appendingPathComponent(path)
    }
    try FolderMirror.sync(plan, into: workspace.submission)

    var notes: [String] = []
    for stage in stages where !submissionFiles.contains(where: { $0.hasPrefix(stage + "/") }) {
      notes.append("The submission has no \(stage) folder.")
    }
    let manager = FileManager.default
    if manager.contents(atPath: submission.appendingPathComponent("Package.swift").path)
      != manager.contents(atPath: official.appendingPathComponent("Package.swift").path)
    {
      notes.append(
        "The submission's Package.swift differs from the official one; grading used the "
          + "official one.")
    }
    return notes
  }

  // MARK: - Checks before grading

  /// Throws a `CourseworkError` unless `folder` is a MiniTorch checkout: a folder with a
  /// `Package.swift` and a task manifest.
  static func checkCheckout(_ folder: URL, role: String, option: String) throws {
    let manager = FileManager.default
    var isFolder: ObjCBool = false
    guard manager.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue
    else {
      throw CourseworkError.grading(
        "the \(role) folder \(folder.path) does not exist; check \(option)")
    }
    guard manager.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) else {
      throw CourseworkError.grading(
        "the \(role) \(folder.path) is not a Swift package (it has no Package.swift); pass the "
          + "root folder of the checkout with \(option)")
    }
    let manifest = folder.appendingPathComponent(TaskManifest.relativePath)
    guard manager.fileExists(atPath: manifest.path) else {
      throw CourseworkError.grading(
        "the \(role) \(folder.path) has no task manifest (\(TaskManifest.relativePath)); is it "
          + "a MiniTorch checkout? Pass its root folder with \(option)")
    }
  }

  /// The stage folders of a checkout, in order: `Module0`, `Module1`, … as long as they exist.
  static func stageFolders(in files: [String]) -> [String] {
    var stages: [String] = []
    while files.contains(where: { $0.hasPrefix("Module\(stages.count)/") }) {
      stages.append("Module\(stages.count)")
    }
    return stages
  }

  /// The planted bugs of the official checkout, checked: each belongs to a `student-tests`
  /// task, edits a file that exists, and finds its text exactly once. Every `student-tests`
  /// task needs at least one.
  private func checkedMutants(for manifest: TaskManifest) throws -> [Mutant] {
    let studentTestTasks = manifest.tasks.filter { $0.kind == .studentTests }
    guard !studentTestTasks.isEmpty else { return [] }
    let mutants = try Mutant.load(projectRoot: official)
    for mutant in mutants {
      guard manifest.task(mutant.task)?.kind == .studentTests else {
        throw CourseworkError.grading(
          "planted bug '\(mutant.name)' names task \(mutant.task), which is not a "
            + "student-tests task of the manifest")
      }
      let url = official.appendingPathComponent(mutant.file)
      guard let text = try? String(contentsOf: url, encoding: .utf8) else {
        throw CourseworkError.grading(
          "planted bug '\(mutant.name)' edits \(mutant.file), which is missing")
      }
      _ = try mutant.applied(to: text)
    }
    for task in studentTestTasks where !mutants.contains(where: { $0.task == task.id }) {
      throw CourseworkError.grading(
        "task \(task.id) has no planted bugs in \(Mutant.relativePath), so no test of it could "
          + "earn credit; add some")
    }
    return mutants
  }
}
