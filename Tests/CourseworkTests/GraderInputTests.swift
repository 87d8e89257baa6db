import Coursework
import Foundation
import Testing

/// What the grader refuses before it builds anything, and the checks it offers instructors.
@Suite("Grader inputs")
struct GraderInputTests {
  /// A checkout with a manifest holding one code task, so that no planted bugs are needed.
  func makeCheckout(packageSwift: String = "// swift-tools-version: 6.0\n") throws
    -> TemporaryFolder
  {
    let folder = try TemporaryFolder()
    try folder.write("Package.swift", packageSwift)
    try folder.write(
      "assignments/tasks.json",
      """
      {"course": "C", "tasks": [{"id": "0.1", "module": 0, "title": "Ops", "points": 10,
        "suite": "Task0_1", "kind": "code"}]}
      """)
    try folder.write(
      "Module0/Ops.swift", source("func f() {", "  \(begin) Task 0.1", "  \(end)", "}"))
    return folder
  }

  /// The message of the error grading `submission` against `official` throws.
  func gradingFailure(submission: URL, official: URL) throws -> String {
    let work = try TemporaryFolder()
    defer { work.remove() }
    let grader = Autograder(
      submission: submission, official: official, workspace: try GradingWorkspace(at: work.url))
    do {
      _ = try grader.grade()
      return "graded without an error"
    } catch let error as CourseworkError {
      return error.description
    } catch let refusal as SubmissionRefusal {
      // What students read says what to submit, never which option to pass.
      #expect(!refusal.feedback.contains("--"), "feedback: \(refusal.feedback)")
      #expect(refusal.feedback.contains("Submit your MiniTorch repository"))
      return refusal.description
    }
  }

  @Test func aMissingFolderIsRefused() throws {
    let official = try makeCheckout()
    defer { official.remove() }
    let missing = official.url.appendingPathComponent("no-such-folder")
    let message = try gradingFailure(submission: missing, official: official.url)
    #expect(message.contains("submission folder"))
    #expect(message.contains("does not exist"))
  }

  @Test func aFolderThatIsNotAPackageIsRefused() throws {
    let official = try makeCheckout()
    let submission = try TemporaryFolder()
    defer {
      official.remove()
      submission.remove()
    }
    try submission.write("notes.txt", "hello")
    let message = try gradingFailure(submission: submission.url, official: official.url)
    #expect(message.contains("is not a Swift package"))
  }

  @Test func aSubmissionWithoutManifestIsRefused() throws {
    let official = try makeCheckout()
    let submission = try TemporaryFolder()
    defer {
      official.remove()
      submission.remove()
    }
    try submission.write("Package.swift", "// swift-tools-version: 6.0\n")
    let message = try gradingFailure(submission: submission.url, official: official.url)
    #expect(message.contains("has no task manifest"))
  }

  @Test(.enabled(if: Subprocess.findExecutable("swift") != nil))
  func aBrokenOfficialPackageSwiftIsAnErrorNotAZero() throws {
    let official = try makeCheckout(packageSwift: "// swift-tools-version: 6.0\nlet x = \n")
    let submission = try makeCheckout()
    defer {
      official.remove()
      submission.remove()
    }
    let message = try gradingFailure(submission: submission.url, official: official.url)
    #expect(message.contains("cannot be loaded"))
    #expect(message.contains("expected initial value"))
  }

  @Test func aWorkFolderWithOtherFilesIsRefused() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("precious.txt", "mine")
    #expect {
      try GradingWorkspace(at: folder.url)
    } throws: { error in
      String(describing: error).contains("was not made by the grader")
    }
    let fresh = folder.url.appendingPathComponent("fresh")
    let workspace = try GradingWorkspace(at: fresh)
    #expect(!workspace.isTemporary)
    // A workspace the grader made can be opened again.
    _ = try GradingWorkspace(at: fresh)
  }

  @Test func unsolvedTasksAreTheOnesWithOnlyPlaceholders() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write(
      "Module0/A.swift",
      source(
        "\(begin) Task 0.1", "notImplemented(\"Task 0.1\")", end,
        "\(begin) Task 0.3", "notImplemented(\"Task 0.3\")", end))
    try folder.write("Module0/B.swift", source("\(begin) Task 0.3", "return 1", end))
    try folder.write(
      "Tests/Module0Tests/Task0_2.swift",
      source("\(begin) Task 0.2", "testNotWritten(\"Task 0.2\")", end))
    #expect(try GradeExpectation.unsolvedTasks(in: folder.url) == ["0.1", "0.2"])
  }

  /// A starter that keeps Module 0's solution: Task 0.1 must earn full marks, Task 1.1 (only
  /// placeholders) and Task 1.2 (its file missing) nothing.
  @Test func aStarterKeepingEarlierSolutionsExpectsFullMarksForThemAndZeroForTheRest() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("Module0/A.swift", source("\(begin) Task 0.1", "return 1", end))
    try folder.write(
      "Module1/B.swift", source("\(begin) Task 1.1", "notImplemented(\"Task 1.1\")", end))
    func result(_ id: String, _ module: Int, _ passed: Int) -> TaskResult {
      TaskResult(
        task: CourseTask(
          id: id, module: module, title: "T", points: 10, suite: "Task" + id, kind: .code),
        passed: passed, total: 2, output: "")
    }
    let met = Report(
      course: "C", results: [result("0.1", 0, 2), result("1.1", 1, 0), result("1.2", 1, 0)])
    #expect(try GradeExpectation.starter.misses(in: met, submission: folder.url).isEmpty)
    let missed = Report(
      course: "C", results: [result("0.1", 0, 1), result("1.1", 1, 1), result("1.2", 1, 2)])
    #expect(
      try GradeExpectation.starter.misses(in: missed, submission: folder.url) == [
        "Task 0.1 scored 5 of 10, keeping the solution",
        "Task 1.1 has only placeholders but scored 5",
        "Task 1.2 has only placeholders but scored 10",
      ])
  }

  @Test func aTaskWithOnlyPlaceholdersIsNotAttempted() {
    let task = CourseTask(
      id: "4.2", module: 4, title: "T", points: 15, suite: "Task4_2", kind: .code)
    let result = Autograder.notAttempted(task)
    #expect(result.score == 0 && result.passed == 0)
    #expect(result.output.hasPrefix("Not attempted: every solution region of Task 4.2"))
  }

  @Test func theFirstModuleOfAStarterIsRecordedAndRead() throws {
    let text = "enum CourseStart {\n  public static let module = 0\n}\n"
    #expect(CourseStartFile.module(in: text) == 0)
    let recorded = try CourseStartFile.recording(3, in: text)
    #expect(recorded == "enum CourseStart {\n  public static let module = 3\n}\n")
    #expect(CourseStartFile.module(in: recorded) == 3)
    #expect(throws: CourseworkError.self) { try CourseStartFile.recording(1, in: "enum E {}\n") }
  }
}
