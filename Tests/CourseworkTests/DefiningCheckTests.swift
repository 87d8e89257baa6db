import Foundation
import Testing

@testable import Coursework

/// Defining checks: the tests of a task that observe how it computes (the manifest's
/// `definingChecks`) gate its points in the grade, show first in `minitorch status`, are named
/// in the starter's README and on the task's page, and are what a planted bug of the kind
/// "delegates, runs on one thread, does not block" must fail.
@Suite("Defining checks")
struct DefiningCheckTests {
  let task = CourseTask(
    id: "3.1", module: 3, title: "Fast map, zip and reduce", points: 15, suite: "Task3_1",
    kind: .code, definingChecks: ["loopsOfTheirOwn"])
  let plain = TestID("Module3Tests.Task3_1/mapMatchesTheOracle(parallel:)")!
  let gate = TestID("Module3Tests.Task3_1/loopsOfTheirOwn()")!

  @Test func aTaskScoresZeroUnlessItsDefiningChecksPass() {
    let failed = TestOutcome.failed(["map with .neg called the operator's function 60 times"])
    let gated = Autograder.result(
      of: task, tests: [plain, gate], outcomes: [plain: .passed, gate: failed])
    #expect(gated.passed == 1 && gated.total == 2)
    #expect(gated.failedDefiningChecks == ["loopsOfTheirOwn"])
    #expect(gated.score == 0 && gated.maxScore == 15)
    #expect(gated.output.hasPrefix("Scored 0: "))
    #expect(gated.output.contains("defining check loopsOfTheirOwn failed"))
    #expect(gated.output.contains("called the operator's function 60 times"))

    // With the defining check passing, the other tests count as usual.
    let open = Autograder.result(
      of: task, tests: [plain, gate], outcomes: [plain: failed, gate: .passed])
    #expect(open.failedDefiningChecks.isEmpty && open.score == 7.5)
    #expect(!open.output.contains("Scored 0"))

    // A defining check that is missing from the tests, or did not run, does not pass.
    let missing = Autograder.result(of: task, tests: [plain], outcomes: [plain: .passed])
    #expect(missing.failedDefiningChecks == ["loopsOfTheirOwn"] && missing.score == 0)
    let crashed = Autograder.result(
      of: task, tests: [plain, gate], outcomes: [plain: .passed, gate: .crashed("signal 4")])
    #expect(crashed.score == 0)
  }

  @Test func statusShowsAFailingDefiningCheckFirst() {
    let failed = TestOutcome.failed(["no work went through parallel.forEachChunk"])
    let state = TaskStatus.state(
      of: task, [plain: failed, gate: failed], isUnwritten: false)
    #expect(
      state
        == .failing(
          passed: 0, total: 2,
          first: "defining check (scores 0 until it passes) loopsOfTheirOwn(): "
            + "no work went through parallel.forEachChunk"))
    #expect(task.isDefiningCheck("loopsOfTheirOwn()") && !task.isDefiningCheck(plain.function))
  }

  @Test func theStarterReadmeNamesTheDefiningChecks() {
    let readme = StarterReadme(
      manifest: TaskManifest(course: "Sample", tasks: [task]), replacedTasks: ["3.1"],
      firstModule: 3)
    #expect(
      readme.taskTable.contains(
        "| 3.1 | Fast map, zip and reduce | 15 | `swift test --filter Task3_1`; scores 0 unless "
          + "its defining checks pass (`loopsOfTheirOwn`) |"))
  }

  @Test func aBugMarkedForADefiningCheckMustFailOne() {
    var bug = CodeBugCheck.BugResult(
      task: "3.1", name: "zip-delegates", failing: ["a()"], passing: ["b()"])
    bug.mustFailDefiningCheck = true
    #expect(!bug.isSharp)
    #expect(bug.line.contains("no defining check fails"))
    bug.failingDefiningChecks = ["loopsOfTheirOwn()"]
    #expect(bug.isSharp)
    #expect(bug.line.hasSuffix("scores 0 (defining check loopsOfTheirOwn())"))
  }

  @Test func onlyCodeTasksHaveDefiningChecks() {
    func rejection(_ task: CourseTask) -> String? {
      do {
        try TaskManifest(course: "x", tasks: [task]).validate()
        return nil
      } catch {
        return String(describing: error)
      }
    }
    #expect(rejection(task) == nil)
    var handGraded = task
    (handGraded.kind, handGraded.suite, handGraded.handIn) = (.handGraded, nil, "a report")
    #expect(rejection(handGraded)?.contains("definingChecks") == true)
    var repeated = task
    repeated.definingChecks = ["a", "a"]
    #expect(rejection(repeated)?.contains("distinct") == true)
    var empty = task
    empty.definingChecks = []
    #expect(rejection(empty) != nil)
  }

  @Test func everyDefiningCheckIsATestOfItsSuiteAndExplainedOnItsPage() throws {
    let manifest = try TaskManifest.load(projectRoot: projectRoot)
    let gated = manifest.tasks.filter { $0.definingChecks != nil }
    #expect(!gated.isEmpty, "the fast tasks of Module 3 have defining checks")
    for task in gated {
      let suite = try String(
        contentsOf: projectRoot.appendingPathComponent(task.suitePath ?? ""), encoding: .utf8)
      let page = try String(
        contentsOf: projectRoot.appendingPathComponent(task.page), encoding: .utf8)
      for name in task.definingChecks ?? [] {
        let inSuite = suite.contains("@Test func \(name)()")
        let onPage = page.contains("`\(name)`")
        #expect(inSuite, "\(task.suitePath ?? "?") should hold '@Test func \(name)()'")
        #expect(onPage, "\(task.page) should say what Task \(task.id)'s `\(name)` observes")
      }
    }
  }
}
