import Foundation
import Testing

@testable import Coursework

/// Scores, the printed table and Gradescope's JSON.
@Suite("Scoring and reports")
struct ReportTests {
  let manifest = try! JSONDecoder().decode(TaskManifest.self, from: Data(sampleManifest.utf8))

  func task(_ id: String) -> CourseTask { manifest.task(id)! }

  @Test func aTaskEarnsItsPointsTimesTheFractionThatPassed() {
    #expect(TaskResult(task: task("0.1"), passed: 3, total: 4, output: "").score == 7.5)
    #expect(TaskResult(task: task("0.1"), passed: 4, total: 4, output: "").score == 10)
    #expect(TaskResult(task: task("0.1"), passed: 0, total: 4, output: "").score == 0)
    #expect(TaskResult(task: task("0.2"), passed: 1, total: 3, output: "").score == 2)
    #expect(TaskResult(task: task("0.1"), passed: 1, total: 3, output: "").score == 3.33)
    #expect(TaskResult(task: task("0.1"), passed: 0, total: 0, output: "").score == 0)
    #expect(TaskResult(task: task("1.5"), passed: 0, total: 0, output: "").maxScore == 0)
  }

  var report: Report {
    Report(
      course: "Sample",
      results: [
        TaskResult(task: task("0.1"), passed: 2, total: 3, output: "✓ a()\n✗ b()"),
        TaskResult(task: task("0.2"), passed: 3, total: 3, output: "all good"),
        TaskResult(task: task("1.1"), passed: 0, total: 0, output: "does not compile"),
        TaskResult(task: task("1.5"), passed: 0, total: 0, output: "by hand"),
      ],
      notes: ["Module1 does not compile"])
  }

  @Test func totalsCountOnlyAutomaticallyGradedTasks() {
    #expect(report.score == 12.67)
    #expect(report.maxScore == 21)
  }

  @Test func theTableHasOneRowPerTaskAndATotal() {
    #expect(
      report.table == """
        Task  Title  Passed  Points
        0.1   Ops    2/3     6.67/10
        0.2   Laws   3/3     6/6
        1.1   More   -       0/5
        1.5   Train  -       by hand
              Total          12.67/21
        """)
  }

  @Test func gradescopeJSONHasTheFieldsGradescopeReads() throws {
    let data = try report.gradescope.encoded()
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(json["score"] as? Double == 12.67)
    let output = try #require(json["output"] as? String)
    #expect(output.contains("Module1 does not compile"))
    #expect(output.contains("Task 1.5 (Train) is graded by hand: the training log"))
    let tests = try #require(json["tests"] as? [[String: Any]])
    #expect(tests.count == 3)
    #expect(tests[0]["name"] as? String == "Task 0.1: Ops")
    #expect(tests[0]["score"] as? Double == 6.67)
    #expect(tests[0]["max_score"] as? Double == 10)
    #expect(tests[0]["output"] as? String == "✓ a()\n✗ b()")
    #expect(tests[0]["status"] as? String == "failed")
    #expect(tests[1]["status"] as? String == "passed")
    #expect(
      tests.allSatisfy {
        Set($0.keys) == ["name", "number", "score", "max_score", "output", "status"]
      })
  }

  @Test func hugeOutputsAreCutInTheJSON() throws {
    var big = report
    big.results[0].output = String(repeating: "spam ", count: 1_000_000)
    let encoded = try big.gradescope.encoded()
    #expect(encoded.count < 3 * Report.outputLimit)
    let output = try #require(big.gradescope.tests.first?.output)
    #expect(output.utf8.count <= Report.outputLimit)
    #expect(output.contains("output cut: 5000000 bytes"))
  }

  @Test func numbersPrintWithoutNeedlessDecimals() {
    #expect(Report.number(10) == "10")
    #expect(Report.number(7.5) == "7.5")
    #expect(Report.number(3.333) == "3.33")
    #expect(Report.number(0) == "0")
  }

  @Test func codeTaskResultsListEveryTestAndWhy() throws {
    let a = try #require(TestID("Module0Tests.Task0_1/a()"))
    let b = try #require(TestID("Module0Tests.Task0_1/b()"))
    let c = try #require(TestID("Module0Tests.Task0_1/c()"))
    let result = Autograder.result(
      of: task("0.1"), tests: [a, b, c],
      outcomes: [a: .passed, b: .failed(["b is wrong"]), c: .timedOut(5)])
    #expect(result.passed == 1)
    #expect(result.total == 3)
    #expect(result.score == 3.33)
    #expect(result.output.contains("✓ a()\n✗ b()\n    b is wrong\n✗ c()\n    stopped after"))
  }

  @Test func studentTestsEarnCreditOnlyWhenTheyPassAndCatchABug() throws {
    let names = ["caught", "neverFails", "failsOnReference", "missing"]
    let expected = try names.map { try #require(TestID("Module0Tests.Task0_2/\($0)()")) }
    let extra = try #require(TestID("Module0Tests.Task0_2/myOwn()"))
    let written = Array(expected.prefix(3)) + [extra]
    let result = StudentTestGrader.result(
      of: task("0.2"), expected: expected, written: written,
      onReference: [
        expected[0]: .passed, expected[1]: .passed, expected[2]: .failed(["wrong law"]),
        extra: .passed,
      ],
      caught: [expected[0]: ["bug-a", "bug-b"], extra: ["bug-a"]],
      planted: ["bug-a": "wrong sign", "bug-b": "off by one", "bug-c": "off by one"])
    #expect(result.passed == 1)
    #expect(result.total == 4)
    #expect(result.score == 1.5)
    #expect(
      result.output.contains(
        "✓ caught(): passes on correct code and catches 2 planted bugs (off by one: 1; wrong "
          + "sign: 1)"))
    #expect(result.output.contains("✗ neverFails(): passes on correct code but no planted bug"))
    #expect(result.output.contains("✗ failsOnReference(): fails on correct code"))
    #expect(result.output.contains("✗ missing(): missing from your file"))
    #expect(result.output.contains("not graded:\n  myOwn(): catches 1 planted bug (wrong sign: 1)"))
    #expect(
      result.output.hasSuffix(
        "Your tests catch 2 of the 3 planted bugs. By kind: off by one: 1 of 2; wrong sign: 1 of 1."
      ))
  }

  /// The grading set's bugs are private: feedback names their kinds and counts, never them.
  @Test func studentTestFeedbackNeverNamesAPlantedBug() throws {
    let test = try #require(TestID("Module0Tests.Task0_2/law()"))
    let planted = ["sigmoid-doubled": "off by a factor", "exp-base-two": "wrong base"]
    let result = StudentTestGrader.result(
      of: task("0.2"), expected: [test], written: [test], onReference: [test: .passed],
      caught: [test: Array(planted.keys)], planted: planted)
    for name in planted.keys {
      #expect(!result.output.contains(name))
    }
    #expect(result.output.contains("catches 2 planted bugs"))
  }
}
