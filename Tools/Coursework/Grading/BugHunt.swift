import Foundation

/// The tests of one task run on a copy of some code, then on each planted bug of a set: the
/// engine behind grading students' own tests (official code, grading bugs), the practice check
/// (the student's code, practice bugs) and the check of a bug set (`minitorch bugs`).
///
/// The copy holds every bug at once (`MutantSchema`), so it is built once; each test process
/// then runs the code as written or one bug. A test *catches* a bug when it passes on the code
/// and does not pass with the bug.
struct BugHunt: Sendable {
  /// The copy the tests run in.
  var folder: URL
  /// How many stages to build (`MINITORCH_STAGES`): the task's module and those below it.
  var stages: Int
  /// Builds the copy.
  var builder: PackageBuilder
  /// Seconds one test may run.
  var timeLimit: Double
  /// How many tests run at once.
  var workers: Int
  /// Where test runs keep their files.
  var runs: URL
  /// The user the tests run as; `nil` for this process's. The copy is built by this process,
  /// and the user runs a copy of its test binary that it may execute but not read.
  var user: GradingUser? = nil
  /// The grading's time budget, if any.
  var budget: GradingBudget? = nil

  /// What the tests did.
  struct Result: Sendable {
    /// The tests that ran.
    var tests: [TestID]
    /// How each did on the code as written.
    var onCode: [TestID: TestOutcome]
    /// For each test that passed on the code, the bugs it caught, in the order of the bug set.
    var caught: [TestID: [String]]
  }

  /// Fills the copy: `files` (path → file to copy) with `bugs` planted as switches (their files
  /// read from `root`), and `overrides` (path → text) on top, such as a student's test file.
  /// Files already in place with the same bytes are left alone, so a second run rebuilds only
  /// what changed.
  func prepare(
    files: [String: URL], planting bugs: [Mutant], readingFrom root: URL,
    overrides: [String: String] = [:]
  ) throws {
    let texts = try MutantSchema.files(planting: bugs, in: root)
      .merging(overrides) { _, override in override }
    try FolderMirror.sync(files, texts: texts, into: folder)
  }

  /// Builds the copy; `name` labels the log. When the tests run as another user, the built
  /// test binary is then copied for it (`runnableCopy`).
  func build(name: String) throws -> PackageBuilder.Result {
    let result = try builder.build(stages: stages, name: name)
    if result.succeeded, user != nil {
      try installRunnableCopy(of: try builtBinary().executable)
    }
    return result
  }

  /// The copy of the test binary the grading user runs: in the runs folder, root's, mode
  /// `0711`, so that it can be run but not read (the reference folder stays closed).
  var runnableCopy: URL { runs.appendingPathComponent("students-tests.xctest") }

  /// Copies `executable` to `runnableCopy`.
  private func installRunnableCopy(of executable: URL) throws {
    let manager = FileManager.default
    try? manager.removeItem(at: runnableCopy)
    do {
      try manager.copyItem(at: executable, to: runnableCopy)
      try manager.setAttributes([.posixPermissions: 0o711], ofItemAtPath: runnableCopy.path)
    } catch {
      throw CourseworkError.grading(
        "cannot copy the test binary to \(runnableCopy.path): \(error.localizedDescription)")
    }
  }

  /// The test binary as built in the copy.
  private func builtBinary() throws -> TestBinary {
    TestBinary(
      packageName: try builder.packageName(stages: stages), packageFolder: folder,
      scratchFolder: runs, timeLimit: timeLimit)
  }

  /// The test binary the tests run with: as built, or the user's copy of it.
  func binary() throws -> TestBinary {
    var binary = try builtBinary()
    binary.budget = budget
    if let user {
      binary.user = user
      binary.executable = runnableCopy
      binary.workingFolder = user.home
    }
    return binary
  }

  /// The built tests of `task`'s suite.
  func tests(of task: CourseTask) throws -> [TestID] {
    try binary().listTests().filter { Autograder.isTest($0, of: task) }
  }

  /// Runs `tests` on the code as written, then each one that passed with every bug of `bugs`.
  func hunt(_ tests: [TestID], bugs: [Mutant]) throws -> Result {
    let binary = try binary()
    let onCode = binary.run(tests, workers: workers)
    let passing = tests.filter { onCode[$0]?.isPassed == true }
    let caught = binary.bugsCaught(by: passing, bugs: bugs.map(\.name), workers: workers)
    return Result(tests: tests, onCode: onCode, caught: caught)
  }
}
