import Foundation
import Testing

@testable import Coursework

/// A deployed grader's guards: the time budget and what it leaves, the solution scrub, the
/// bounded Classroom payload, the submission's intake and the grading user.
@Suite("Deployed grading: guards")
struct DeploymentSafetyTests {
  let manifest = try! JSONDecoder().decode(TaskManifest.self, from: Data(sampleManifest.utf8))

  // MARK: Time budget

  /// A "test binary" that never ends, so that every test times out.
  func endlessBinary(in folder: TemporaryFolder) throws -> TestBinary {
    try folder.write("endless.sh", "#!/bin/sh\nexec sleep 30\n")
    let script = folder.url.appendingPathComponent("endless.sh")
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    var binary = TestBinary(
      packageName: "P", packageFolder: folder.url, scratchFolder: folder.url, timeLimit: 0.3)
    binary.executable = script
    return binary
  }

  @Test func aTasksTestsStopAfterRepeatedTimeouts() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    var binary = try endlessBinary(in: folder)
    binary.budget = GradingBudget(seconds: 600, timeoutsBeforeSkipping: 2)
    let tests = try (1...4).map { try #require(TestID("Module0Tests.Task0_1/t\($0)()")) }
    let start = Date()
    let outcomes = binary.run(tests, workers: 1)
    #expect(Date().timeIntervalSince(start) < 5)
    #expect(outcomes[tests[0]] == .timedOut(0.3))
    #expect(outcomes[tests[1]] == .timedOut(0.3))
    #expect(
      outcomes[tests[3]]?.explanation.contains("2 tests of this task already ran out") == true)
    // Another task's tests still run.
    let other = try #require(TestID("Module0Tests.Task0_3/u()"))
    #expect(binary.run(other, runNumber: 9) == .timedOut(0.3))
  }

  @Test func nothingStartsOnceTheBudgetIsSpentAndARunIsCutToIt() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    var binary = try endlessBinary(in: folder)
    binary.timeLimit = 30
    let test = try #require(TestID("Module0Tests.Task0_1/a()"))
    binary.budget = GradingBudget(seconds: 1, reserve: 0)
    let start = Date()
    let cut = binary.run(test, runNumber: 0)
    #expect(Date().timeIntervalSince(start) < 3)
    #expect(cut.explanation.contains("time budget"))
    #expect(cut.explanation.hasPrefix("not run: "))
    let later = binary.run(test, runNumber: 1)
    #expect(later.explanation.contains("ran out before it could run"))
    // A planted bug left out for the budget is not caught.
    #expect(!TestBinary.catches(later))
    #expect(TestBinary.catches(.timedOut(3)))
  }

  @Test func theRecordReportsWhatWasNotRun() throws {
    let record = GradingRecord()
    record.start(manifest)
    let a = try #require(TestID("Module0Tests.Task0_1/a()"))
    let b = try #require(TestID("Module0Tests.Task0_1/b()"))
    record.plan([a, b], for: manifest.task("0.1")!)
    record.record(.passed, of: a)
    record.record(TaskResult(task: manifest.task("0.2")!, passed: 3, total: 3, output: "ok"))
    let report = try #require(record.report(stoppedBecause: "Grading stopped at its budget"))
    #expect(report.notes.first == "Grading stopped at its budget.")
    let ops = try #require(report.results.first { $0.task.id == "0.1" })
    #expect(ops.passed == 1 && ops.total == 2)
    #expect(ops.output.contains("not run: Grading stopped at its budget"))
    #expect(report.results.first { $0.task.id == "0.2" }?.score == 6)
    let later = try #require(report.results.first { $0.task.id == "1.1" })
    #expect(later.score == 0)
    #expect(later.output.contains("Not graded"))
    #expect(report.results.count == manifest.tasks.count)
  }

  @Test func theWatchdogActsAtItsDeadlineUnlessCancelled() async throws {
    let fired = Counter()
    _ = Watchdog(deadline: Date().addingTimeInterval(0.05)) { fired.add() }
    let cancelled = Watchdog(deadline: Date().addingTimeInterval(0.05)) { fired.add() }
    cancelled.cancel()
    try await Task.sleep(for: .milliseconds(400))
    #expect(fired.value == 1)
  }

  @Test func resultsAreWrittenOnceWholeAndScrubbed() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let json = folder.url.appendingPathComponent("results/results.json")
    let classroom = folder.url.appendingPathComponent("classroom.json")
    let outputs = GradingOutputs(
      json: json, classroom: classroom, scrub: SolutionScrub(lines: ["return secretFormula(2)"]))
    let first = GradescopeResults(
      score: 1, output: "return secretFormula(2)",
      tests: [.init(name: "T", number: "1", score: 1, maxScore: 2, output: "ok", status: "")])
    #expect(try outputs.write(first) == 1)
    // The watchdog, coming second, finds the results written.
    #expect(try outputs.write(GradescopeResults(score: 0, output: "late", tests: [])) == nil)
    let text = try String(contentsOf: json, encoding: .utf8)
    #expect(text.contains("line withheld"))
    #expect(!text.contains("secretFormula"))
    #expect(!text.contains("late"))
    #expect(FileManager.default.fileExists(atPath: classroom.path))
  }

  // MARK: What students read

  @Test func solutionLinesAreWithheldWholeOrInside() {
    let scrub = SolutionScrub(lines: [
      "    return x * y", "let total = values.reduce(0, +) * scale", "}", "x",
    ])
    let text = """
      ✗ mulTest()
          return x * y
          Fatal error: let total = values.reduce(0, +) * scale
          expected 6, got 5
          }
      """
    let (clean, withheld) = scrub.scrub(text)
    #expect(withheld == 2)
    #expect(!clean.contains("return x * y"))
    #expect(!clean.contains("values.reduce"))
    #expect(clean.contains("expected 6, got 5"))
    // Short lines and punctuation are not solutions.
    #expect(clean.contains("    }"))
  }

  @Test func theOfficialScrubHoldsRegionsAndPlantedBugs() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write(
      "Module0/Ops.swift",
      source(
        "func f() -> Double {", "  \(begin) Task 0.1", "  return secretFormula(2)", "  \(end)",
        "}", "func given() { print(\"a given line, shown\") }"))
    try folder.write(
      Mutant.relativePath,
      #"{"mutants": [{"task": "0.2", "name": "n", "file": "Module0/Ops.swift", "function": "f", "body": "return secretFormula(3)"}]}"#
    )
    let scrub = SolutionScrub.official(folder.url, files: ["Module0/Ops.swift"])
    #expect(scrub.scrub("return secretFormula(2)").withheld == 1)
    #expect(scrub.scrub("return secretFormula(3)").withheld == 1)
    #expect(scrub.scrub("func given() { print(\"a given line, shown\") }").withheld == 0)
  }

  @Test func theClassroomPayloadStaysSmallWhateverTheOutputs() throws {
    // The worst case: every task's output at Gradescope's limit, full of characters that JSON
    // escapes into six bytes each.
    let ugly = String(repeating: "\u{1}\"\\é", count: Report.outputLimit)
    let tests = (0..<40).map { index in
      GradescopeResults.Test(
        name: "Task \(index / 5).\(index % 5): a long title " + String(repeating: "x", count: 80),
        number: "\(index)", score: 1, maxScore: 10,
        output: Truncation.keepingHead(ugly, limit: Report.outputLimit), status: "failed")
    }
    let payload = ClassroomResults(GradescopeResults(score: 40, output: "", tests: tests))
    let size = try payload.encoded().count
    #expect(size <= ClassroomResults.byteLimit)
    // Base64 of it fits one environment string (128 KiB) with room to spare.
    #expect((size + 2) / 3 * 4 < 100_000)
    #expect(payload.tests.count == 40)
    #expect(payload.maxScore == 400)
    #expect(payload.status == "fail")
    // A small report is passed whole.
    let small = ClassroomResults(
      GradescopeResults(
        score: 10, output: "",
        tests: [.init(name: "T", number: "1", score: 10, maxScore: 10, output: "✓ a", status: "")]))
    #expect(small.tests[0].message == "✓ a")
    #expect(small.status == "pass")
  }

  // MARK: The submission

  @Test func theIntakeCopiesPlainFilesAndLeavesLinksOut() throws {
    let submission = try TemporaryFolder()
    let intake = try TemporaryFolder()
    defer {
      submission.remove()
      intake.remove()
    }
    let secret = try TemporaryFolder()
    defer { secret.remove() }
    try secret.write("Solution.swift", "the official solution")
    try submission.write("Package.swift", "// package")
    try submission.write("Module0/Ops.swift", "mine")
    try submission.write(".git/config", "[core]\n\tfsmonitor = evil")
    let manager = FileManager.default
    try manager.createSymbolicLink(
      at: submission.url.appendingPathComponent("Module0/Stolen.swift"),
      withDestinationURL: secret.url.appendingPathComponent("Solution.swift"))
    try manager.createSymbolicLink(
      at: submission.url.appendingPathComponent("Module1"), withDestinationURL: secret.url)
    let ops = submission.url.appendingPathComponent("Module0/Ops.swift").path
    try manager.setAttributes([.posixPermissions: 0o4777], ofItemAtPath: ops)

    let result = try SubmissionIntake.copy(submission.url, into: intake.url)
    #expect(result.files == ["Module0/Ops.swift", "Package.swift"])
    #expect(result.leftOut == ["Module0/Stolen.swift", "Module1"])
    #expect(result.note?.contains("Module0/Stolen.swift") == true)
    #expect(!manager.fileExists(atPath: intake.url.appendingPathComponent("Module1").path))
    #expect(!manager.fileExists(atPath: intake.url.appendingPathComponent(".git").path))
    let mode = try manager.attributesOfItem(
      atPath: intake.url.appendingPathComponent("Module0/Ops.swift").path)[.posixPermissions]
    #expect(mode as? Int == 0o755)
  }

  /// Runs only as root on Linux, where `nobody` exists without a login shell.
  static let canSwitchUsers: Bool = {
    #if os(Linux)
      return getuid() == 0 && (try? GradingUser(named: "nobody")) != nil
    #else
      return false
    #endif
  }()

  @Test(.enabled(if: DeploymentSafetyTests.canSwitchUsers))
  func programsRunAsTheGradingUserWithAnEnvironmentOfTheirOwn() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let output = folder.url.appendingPathComponent("out.txt")
    let user = try GradingUser(named: "nobody", home: URL(fileURLWithPath: "/nonexistent"))
    let script = "echo $(id -u) $HOME ${MINITORCH_SECRET:-none} $GIVEN"
    setenv("MINITORCH_SECRET", "grader's", 1)
    defer { unsetenv("MINITORCH_SECRET") }
    let status = try Subprocess(
      URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: URL(fileURLWithPath: "/"),
      environment: ["GIVEN": "given"], output: .file(output), user: user
    ).run()
    #expect(status == .exited(0))
    let text = try String(contentsOf: output, encoding: .utf8)
    #expect(text == "\(user.uid) /nonexistent none given\n")
    #expect(user.uid != 0)
  }

  @Test(.enabled(if: DeploymentSafetyTests.canSwitchUsers))
  func anAccountWithALoginShellIsRefused() throws {
    #expect(throws: CourseworkError.self) { try GradingUser(named: "root") }
    #expect(throws: CourseworkError.self) { try GradingUser(named: "no-such-user-here") }
  }
}

/// A count shared with a watchdog's thread.
final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0

  func add() {
    lock.lock()
    defer { lock.unlock() }
    count += 1
  }

  var value: Int {
    lock.lock()
    defer { lock.unlock() }
    return count
  }
}
