import Coursework
import Foundation
import Testing

/// Turning test outcomes into the rows of `minitorch status`.
@Suite("Task status")
struct TaskStatusTests {
  let task = CourseTask(
    id: "1.2", module: 1, title: "Scalar forward", points: 10, suite: "Task1_2", kind: .code)
  let a = TestID("Module1Tests.Task1_2/a()")!
  let b = TestID("Module1Tests.Task1_2/b()")!

  @Test func statesFollowTheOutcomes() {
    #expect(
      TaskStatus.state(of: task, [a: .passed, b: .passed], isUnwritten: false) == .passing(2))
    #expect(TaskStatus.state(of: task, [a: .crashed("x")], isUnwritten: true) == .notWritten)
    let property = TestOutcome.failed([
      "Property failed on case 1 of 100.\n  input: 3.0\n  why:   mul(3.0, 1) is 4.0"
    ])
    #expect(
      TaskStatus.state(of: task, [a: .passed, b: property], isUnwritten: false)
        == .failing(passed: 1, total: 2, first: "b(): why:   mul(3.0, 1) is 4.0"))
    let other = TestOutcome.crashed(
      "crashed before the test finished (signal 4):\nModule0/Operators.swift:16: Fatal error: "
        + "Task 0.1 is not implemented yet.")
    #expect(TaskStatus.state(of: task, [a: other], isUnwritten: false) == .needs("0.1"))
  }

  @Test func theTableEndsWithWhatToRunNext() {
    let rows = [
      TaskStatus.Row(task: task, state: .passing(3)),
      TaskStatus.Row(
        task: CourseTask(
          id: "1.3", module: 1, title: "Chain rule", points: 10, suite: "Task1_3", kind: .code),
        state: .failing(passed: 1, total: 4, first: "c(): wrong")),
    ]
    let table = TaskStatus.table(rows)
    #expect(table.contains("1.2   Scalar forward  passing (3 tests)"))
    #expect(table.contains("1.3   Chain rule      failing, 1 of 4 pass; first: c(): wrong"))
    #expect(table.hasSuffix("Next: swift test --filter Task1_3"))
  }

  @Test func aLaterModulesStarterStartsAtItsModule() {
    let earlier = CourseTask(
      id: "0.1", module: 0, title: "Operators", points: 10, suite: "Task0_1", kind: .code)
    let own = CourseTask(
      id: "1.3", module: 1, title: "Chain rule", points: 10, suite: "Task1_3", kind: .code)
    let stubbed = [
      TaskStatus.Row(task: earlier, state: .notWritten),
      TaskStatus.Row(task: own, state: .notWritten),
    ]
    let first = TaskStatus.table(stubbed, start: 1)
    #expect(
      first.contains("not written yet: your Module 0 work, brought in with minitorch sync"),
      "\(first)")
    #expect(
      first.hasSuffix(
        "Next: this repository starts at Module 1; bring your own code of the modules before it "
          + "first: swift run minitorch sync --from <your module 0 repository>"), "\(first)")
    let synced = [
      TaskStatus.Row(task: earlier, state: .failing(passed: 1, total: 2, first: "x(): wrong")),
      TaskStatus.Row(task: own, state: .notWritten),
    ]
    #expect(
      TaskStatus.table(synced, start: 1).hasSuffix(
        "Next: Task 1.3, see assignments/module1.md; then swift test --filter Task1_3"))
    #expect(TaskStatus.table(synced).hasSuffix("Next: swift test --filter Task0_1"))
    let waiting = [TaskStatus.Row(task: own, state: .needs("0.1"))]
    #expect(
      TaskStatus.table(waiting, start: 1).hasSuffix(
        "Next: Task 0.1 first, which is your Module 0 work: swift run minitorch sync --from "
          + "<your module 0 repository>"))
  }

  @Test func theFilterMatchesNumbersSuitesAndTitles() {
    for text in ["Task1", "1.2", "Task1_2", "scalar"] {
      #expect(TaskStatus(checkout: projectRoot, filter: text).isChosen(task), "\(text)")
    }
    #expect(!TaskStatus(checkout: projectRoot, filter: "Task0").isChosen(task))
  }
}
