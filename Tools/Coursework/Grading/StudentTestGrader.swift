import Foundation

/// Grades a task whose tests the student writes (kind `student-tests`, such as Task 0.2) by what
/// tests are for: passing on correct code and failing on wrong code.
///
/// In the workspace's reference copy (the official checkout, with its solutions), the student's
/// suite file takes the place of the official one. Each of the student's tests must pass on the
/// reference code; then each planted bug of the task (`Mutant`) is put into the reference in
/// turn, and the tests run again. A test earns credit when it passes on the reference and fails
/// on at least one planted bug, so an empty test, or one that checks nothing, earns nothing.
/// The tests that count are the ones the official suite has, by name; the score is the task's
/// points times the fraction of them that earn credit.
struct StudentTestGrader: Sendable {
  /// The student's checkout.
  var submission: URL
  /// The official checkout.
  var official: URL
  /// The official checkout's files, relative to it.
  var officialFiles: [String]
  /// Where the reference copy is built.
  var workspace: GradingWorkspace
  /// The `swift` executable.
  var swift: URL
  /// Seconds one test may run.
  var timeLimit: Double
  /// How many tests run at once.
  var workers: Int
  /// Receives a line for each step.
  var progress: @Sendable (String) -> Void

  /// Grades `task` with its planted bugs `mutants`. Throws a `CourseworkError` when the official
  /// checkout itself does not build; a student file that does not compile scores 0.
  func grade(_ task: CourseTask, mutants: [Mutant]) throws -> TaskResult {
    guard let suitePath = task.suitePath else {
      return TaskResult(task: task, passed: 0, total: 0, output: "The task names no suite.")
    }
    let copy = workspace.reference
    var plan: [String: URL] = [:]
    for path in officialFiles {
      plan[path] = official.appendingPathComponent(path)
    }
    try FolderMirror.sync(plan, into: copy)
    let builder = PackageBuilder(swift: swift, packageFolder: copy, logFolder: workspace.logs)
    let stages = task.module + 1
    let label = "Task\(task.id.replacingOccurrences(of: ".", with: "_"))"

    // The tests that count: the official suite's, by name.
    progress("Task \(task.id): building the reference code with the official tests")
    let packageName = try builder.packageName(stages: stages)
    let referenceBuild = try builder.build(stages: stages, name: "reference-\(label)")
    guard referenceBuild.succeeded else {
      throw CourseworkError.grading(
        "the official checkout does not build with \(stages) stage(s); see "
          + "\(referenceBuild.log.path):\n  " + referenceBuild.errors.joined(separator: "\n  "))
    }
    let binary = TestBinary(
      packageName: packageName, packageFolder: copy, scratchFolder: workspace.runs,
      timeLimit: timeLimit)
    let expected = try binary.listTests().filter { Autograder.isTest($0, of: task) }

    // The student's tests, on the reference code.
    let studentFile = submission.appendingPathComponent(suitePath)
    guard let studentSource = FileManager.default.contents(atPath: studentFile.path) else {
      return TaskResult(
        task: task, passed: 0, total: expected.count,
        output: "The submission has no \(suitePath); write your tests there.")
    }
    let suiteFile = copy.appendingPathComponent(suitePath)
    let officialSource = FileManager.default.contents(atPath: suiteFile.path) ?? Data()
    try FolderMirror.write(studentSource, to: suiteFile)
    defer { _ = try? FolderMirror.write(officialSource, to: suiteFile) }
    progress("Task \(task.id): building your tests against the reference code")
    let build = try builder.build(stages: stages, name: "student-\(label)")
    guard build.succeeded else {
      return TaskResult(
        task: task, passed: 0, total: expected.count,
        output: "\(suitePath) does not compile against the reference code. First errors:\n"
          + build.errors.joined(separator: "\n"))
    }
    let written = try binary.listTests().filter { Autograder.isTest($0, of: task) }
    progress("Task \(task.id): running \(written.count) of your tests on the reference code")
    let onReference = binary.run(written, workers: workers)
    let passing = written.filter { onReference[$0]?.isPassed == true }

    // The tests that pass, on each planted bug. Each bug is written over the original text
    // of its file, and the original comes back once at the end: fewer rewrites of the file.
    var caught: [TestID: [String]] = [:]
    if !passing.isEmpty {
      var plantedIn: String?
      defer {
        if let plantedIn {
          restore(plantedIn)
        }
      }
      for (number, mutant) in mutants.enumerated() {
        if let file = plantedIn, file != mutant.file {
          restore(file)
        }
        plantedIn = mutant.file
        progress("Task \(task.id): planted bug \(number + 1) of \(mutants.count), \(mutant.name)")
        let failed = try failures(
          of: passing, on: mutant, stages: stages, builder: builder, binary: binary)
        for test in failed {
          caught[test, default: []].append(mutant.name)
        }
      }
    }
    return Self.result(
      of: task, expected: expected, written: written, onReference: onReference, caught: caught)
  }

  /// Plants `mutant` in the reference copy, builds `stages` stages and runs `tests`; returns the
  /// tests that did not pass. A planted bug that does not compile is the instructor's mistake:
  /// it throws a `CourseworkError` naming it.
  private func failures(
    of tests: [TestID], on mutant: Mutant, stages: Int, builder: PackageBuilder,
    binary: TestBinary
  ) throws -> [TestID] {
    let original = try String(
      contentsOf: official.appendingPathComponent(mutant.file), encoding: .utf8)
    try FolderMirror.write(
      Data(try mutant.applied(to: original).utf8),
      to: workspace.reference.appendingPathComponent(mutant.file))
    let build = try builder.build(stages: stages, name: "mutant-\(mutant.name)")
    guard build.succeeded else {
      throw CourseworkError.grading(
        "planted bug '\(mutant.name)' does not compile; fix it in \(Mutant.relativePath):\n  "
          + build.errors.joined(separator: "\n  "))
    }
    let outcomes = binary.run(tests, workers: workers)
    return tests.filter { outcomes[$0]?.isPassed != true }
  }

  /// Puts the official version of `path` back into the reference copy.
  private func restore(_ path: String) {
    if let data = FileManager.default.contents(atPath: official.appendingPathComponent(path).path) {
      _ = try? FolderMirror.write(data, to: workspace.reference.appendingPathComponent(path))
    }
  }

  /// The result of a `student-tests` task: one line per official test saying whether it earned
  /// credit and why, then the student's extra tests, which do not count.
  static func result(
    of task: CourseTask, expected: [TestID], written: [TestID],
    onReference: [TestID: TestOutcome], caught: [TestID: [String]]
  ) -> TaskResult {
    var lines: [String] = []
    var credited = 0
    for test in expected {
      guard written.contains(test) else {
        lines.append("✗ \(test.function): missing from your file; write this test")
        continue
      }
      let outcome = onReference[test] ?? .notRun("the test did not run")
      if !outcome.isPassed {
        lines.append(
          "✗ \(test.function): fails on correct code (still the placeholder, or a wrong law?):\n"
            + Autograder.indented(Truncation.keepingHead(outcome.explanation, limit: 2000)))
      } else if let bugs = caught[test], !bugs.isEmpty {
        credited += 1
        lines.append(
          "✓ \(test.function): passes on correct code and catches planted bugs: "
            + bugs.joined(separator: ", "))
      } else {
        lines.append(
          "✗ \(test.function): passes on correct code but no planted bug makes it fail; "
            + "does it check its law?")
      }
    }
    let extra = written.filter { !expected.contains($0) }
    if !extra.isEmpty {
      lines.append(
        "Tests of yours that are not graded: " + extra.map(\.function).joined(separator: ", "))
    }
    return TaskResult(
      task: task, passed: credited, total: expected.count,
      output: lines.joined(separator: "\n"))
  }
}
