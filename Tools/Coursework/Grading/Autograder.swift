import Foundation

/// Grades one submission against the official checkout: builds it once, runs each graded test
/// in a process of its own with a time limit, and scores every task of the manifest.
///
/// The submission's stage folders (`Module0/`, `Module1/`, …) are its code; everything else,
/// `Package.swift`, the tests and the manifest included, comes from the official checkout, so a
/// student cannot change how they are graded. When the whole submission does not compile, the
/// grader tries again with fewer stages (`MINITORCH_STAGES`), so a broken Module3 does not cost
/// the points of Module0. Before anything is built, the submission's layout is compared with
/// the official one (`SubmissionLayout`): missing files and folders are named in the report and
/// the starter's version of each stands in for it, so the rest is graded. Tasks of kind
/// `student-tests` are graded by `StudentTestGrader`.
public struct Autograder: Sendable {
  /// The student's checkout, or a folder holding just that checkout (an unpacked zip).
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
  /// The unprivileged user the submission's code runs as (`GradingUser`), with the solutions
  /// out of its reach; `nil` runs everything as this process's user.
  public var user: GradingUser?
  /// The time the whole grading may take (`GradingBudget`); `nil` for no limit.
  public var budget: GradingBudget?
  /// Whether to time the tasks that have a `speed` setting (`SpeedBenchmark`).
  public var measuresSpeed = false
  /// Where results are kept as they come, for a report written before grading ends.
  public var record: GradingRecord?

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

  /// Grades the submission. Throws a `SubmissionRefusal` when the submission holds no checkout
  /// to grade, and a `CourseworkError` when grading itself cannot run (a broken official
  /// `Package.swift` or manifest, `swift` missing); a submission that does not compile, lacks
  /// files or fails tests is graded, not an error.
  public func grade() throws -> Report {
    let given: URL
    let rootNote: String?
    do {
      (given, rootNote) = try Checkout.root(
        of: self.submission, role: "submission", option: "--submission")
      try Checkout.check(given, role: "submission", option: "--submission")
    } catch let error as CourseworkError {
      throw SubmissionRefusal(error)
    }
    try Checkout.check(official, role: "official checkout", option: "--tests")
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
    let stages = Checkout.stageFolders(in: officialFiles)
    guard !stages.isEmpty else {
      throw CourseworkError.grading(
        "the official checkout \(official.path) has no Module0 folder; pass its root with --tests")
    }
    let mutants = try checkedMutants(for: manifest)
    record?.start(manifest)

    // The grader's own copy of the submission, links left out; then the layout: a missing file
    // is named, and the rest is graded without it.
    let (submission, intakeNote) = try takeIn(given)
    let submissionFiles = try ProjectFiles.list(in: submission)
    let layout = SubmissionLayout(
      officialFiles: officialFiles, submissionFiles: submissionFiles, stages: stages,
      studentFiles: manifest.tasks.filter { $0.kind == .studentTests }.compactMap(\.suitePath))
    var notes = (rootNote.map { [$0] } ?? []) + (intakeNote.map { [$0] } ?? [])
    notes += layout.notes(tasksIn: tasks(inOfficialFile:))
    record?.setNotes(notes)

    // Students' own tests first: they do not depend on the submission's code, so an endless
    // loop in it cannot use up the time they need.
    var studentTestResults: [String: TaskResult] = [:]
    for task in manifest.tasks where task.kind == .studentTests {
      var grader = StudentTestGrader(
        submission: submission, official: official, officialFiles: officialFiles,
        workspace: workspace, swift: swift, timeLimit: timeLimit, workers: workers,
        progress: progress)
      grader.user = user
      grader.budget = budget
      let result = try grader.grade(task, mutants: mutants.filter { $0.task == task.id })
      studentTestResults[task.id] = result
      record?.record(result)
    }
    var results = try gradeCode(
      manifest, officialFiles, stages, submission: submission, submissionFiles: submissionFiles,
      layout: layout, swift: swift, notes: &notes)
    results.merge(studentTestResults) { _, student in student }
    for task in manifest.tasks where task.kind == .handGraded {
      results[task.id] = TaskResult(
        task: task, passed: 0, total: 0,
        output: "Graded by hand. Hand in: \(task.handIn ?? "see \(task.page)")")
    }
    measureSpeed(of: manifest, officialFiles, into: &results)
    return Report(
      course: manifest.course, results: manifest.tasks.compactMap { results[$0.id] },
      notes: notes)
  }

  /// The tasks whose solution regions the official file at `path` holds, in order; none when it
  /// cannot be read.
  func tasks(inOfficialFile path: String) -> [String] {
    guard path.hasSuffix(".swift"),
      let text = try? String(contentsOf: official.appendingPathComponent(path), encoding: .utf8),
      let regions = try? SolutionRegion.regions(in: text, file: path)
    else { return [] }
    var tasks: [String] = []
    for region in regions where !tasks.contains(region.taskID) {
      tasks.append(region.taskID)
    }
    return tasks
  }

  // MARK: - Code tasks

  /// Builds the submission copy with as many stages as compile and runs the tests of every
  /// `code` task; returns their results by task id.
  private func gradeCode(
    _ manifest: TaskManifest, _ officialFiles: [String], _ stages: [String], submission: URL,
    submissionFiles: [String], layout: SubmissionLayout, swift: URL, notes: inout [String]
  ) throws -> [String: TaskResult] {
    progress("Copying the submission's code into \(workspace.submission.path)")
    let standIns = try prepareSubmissionCopy(
      officialFiles, stages, submission: submission, submissionFiles: submissionFiles,
      layout: layout)
    if let user {
      let resources = try PackageBuilder(
        swift: swift, packageFolder: workspace.submission, logFolder: workspace.logs
      ).resourceFolders()
      progress(
        "Giving \(user.name) the build folder and the resource folders ("
          + resources.joined(separator: ", ") + ")")
      try workspace.openSubmissionCopy(to: user, resources: resources)
    }
    if FileManager.default.contents(atPath: submission.appendingPathComponent("Package.swift").path)
      != FileManager.default.contents(atPath: official.appendingPathComponent("Package.swift").path)
    {
      notes.append(
        "The submission's Package.swift differs from the official one; grading used the "
          + "official one.")
    }
    var builder = PackageBuilder(
      swift: swift, packageFolder: workspace.submission, logFolder: workspace.logs)
    builder.user = user
    builder.budget = budget
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
      if budget?.isSpent == true {
        break
      }
    }
    // The build that added the first stage that does not compile holds that stage's errors.
    let failure = builtStages < stages.count ? failedBuilds[builtStages + 1] : nil
    if let failure {
      let stage = stages[builtStages]
      let what = Self.buildFailure(of: stage, errors: failure.errors)
      if builtStages == 0 {
        notes.append(
          "The submission does not compile: \(what), so no test could run. First errors:\n"
            + failure.errors.joined(separator: "\n"))
      } else {
        let later = builtStages + 1 < stages.count ? " and of every later module" : ""
        notes.append(
          "\(what.prefix(1).uppercased() + what.dropFirst()), so the tasks of \(stage)\(later) "
            + "score 0; \(stages.prefix(builtStages).joined(separator: ", ")) "
            + "\(builtStages == 1 ? "was" : "were") graded without it.")
      }
    }

    let codeTasks = manifest.tasks.filter { $0.kind == .code }
    // A task whose regions all still hold their placeholders (the stand-ins for missing files
    // included) is not attempted: it scores 0 whatever its tests do, and they are not run.
    let notAttempted = try GradeExpectation.unsolvedTasks(
      in: workspace.submission,
      among: try ProjectFiles.list(in: workspace.submission).filter { path in
        stages.contains { path.hasPrefix($0 + "/") }
      })
    var outcomes: [TestID: TestOutcome] = [:]
    var tests: [TestID] = []
    if builtStages > 0 {
      var binary = TestBinary(
        packageName: packageName, packageFolder: workspace.submission,
        scratchFolder: workspace.runs, timeLimit: timeLimit)
      binary.user = user
      binary.budget = budget
      tests = try binary.listTests().filter { id in
        codeTasks.contains {
          $0.module < builtStages && !notAttempted.contains($0.id) && Self.isTest(id, of: $0)
        }
      }
      for task in codeTasks {
        record?.plan(tests.filter { Self.isTest($0, of: task) }, for: task)
      }
      progress("Running \(tests.count) tests, each in its own process")
      let record = self.record
      outcomes = binary.run(tests, workers: workers) { record?.record($1, of: $0) }
    }

    var results: [String: TaskResult] = [:]
    for task in codeTasks {
      var result: TaskResult
      if task.module >= stages.count {
        result = TaskResult(
          task: task, passed: 0, total: 0,
          output: "The official checkout has no Module\(task.module) folder, so this task "
            + "cannot be graded yet.")
      } else if notAttempted.contains(task.id) {
        result = Self.notAttempted(task)
      } else if task.module > builtStages {
        result = TaskResult(
          task: task, passed: 0, total: 0,
          output: "Module\(task.module) builds on \(stages[builtStages]), which does not "
            + "compile (see its tasks), so this task could not be tested.")
      } else if task.module == builtStages {
        let errors = failure?.errors ?? []
        result = TaskResult(
          task: task, passed: 0, total: 0,
          output: "This task could not be tested: "
            + Self.buildFailure(of: stages[builtStages], errors: errors) + ". First errors:\n"
            + errors.joined(separator: "\n"))
      } else {
        let own = tests.filter { Self.isTest($0, of: task) }
        result = Self.result(of: task, tests: own, outcomes: outcomes)
      }
      var missing: [String] = []
      for path in standIns where tasks(inOfficialFile: path).contains(task.id) {
        let folder = layout.missingFolders.first { path.hasPrefix($0 + "/") }
        let name = folder.map { $0 + "/ folder" } ?? path
        if !missing.contains(name) {
          missing.append(name)
        }
      }
      if !missing.isEmpty {
        result.output =
          "The submission has no \(missing.joined(separator: ", ")): this task was graded with "
          + "the starter's placeholders in its place.\n" + result.output
      }
      results[task.id] = result
      record?.record(result)
    }
    return results
  }

  /// Fills the submission copy: the official checkout as a starter has it (no instructor file,
  /// placeholders in the regions of students' test suites) with its stage folders replaced by
  /// the submission's, and the starter's version of each official stage file the submission
  /// lacks (unless a copy of it sits elsewhere in its folder). Returns the stage files given
  /// stand-ins.
  private func prepareSubmissionCopy(
    _ officialFiles: [String], _ stages: [String], submission: URL, submissionFiles: [String],
    layout: SubmissionLayout
  ) throws -> [String] {
    let inStage = { (path: String) in stages.contains { path.hasPrefix($0 + "/") } }
    var plan: [String: URL] = [:]
    var standIns: [String: String] = [:]
    // Around the submission's code, only what a starter holds: the student's code runs in this
    // copy, so no instructor file and no solution region (an official students' test suite)
    // may be in it.
    for path in officialFiles where !inStage(path) && !StarterGenerator.isInstructorOnly(path) {
      let url = official.appendingPathComponent(path)
      if path.hasSuffix(".swift"), let text = try? String(contentsOf: url, encoding: .utf8),
        text.contains(SolutionRegion.beginMarker)
      {
        standIns[path] = try StarterFile(starterOf: text, path: path).text
      } else {
        plan[path] = url
      }
    }
    for path in submissionFiles where inStage(path) {
      plan[path] = submission.appendingPathComponent(path)
    }
    for path in officialFiles where inStage(path) && !submissionFiles.contains(path) {
      guard !layout.isMovedWithinItsFolder(path) else { continue }
      let url = official.appendingPathComponent(path)
      if path.hasSuffix(".swift"), let text = try? String(contentsOf: url, encoding: .utf8) {
        standIns[path] = try StarterFile(starterOf: text, path: path).text
      } else {
        plan[path] = url
      }
    }
    try FolderMirror.sync(plan, texts: standIns, into: workspace.submission)
    return standIns.keys.filter(inStage).sorted()
  }

  // MARK: - Checks before grading

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
      _ = try mutant.regionBodies(in: text)
    }
    for task in studentTestTasks where !mutants.contains(where: { $0.task == task.id }) {
      throw CourseworkError.grading(
        "task \(task.id) has no planted bugs in \(Mutant.relativePath), so no test of it could "
          + "earn credit; add some")
    }
    return mutants
  }
}
