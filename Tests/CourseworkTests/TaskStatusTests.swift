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

  @Test func theFilterMatchesNumbersSuitesAndTitles() {
    for text in ["Task1", "1.2", "Task1_2", "scalar"] {
      #expect(TaskStatus(checkout: projectRoot, filter: text).isChosen(task), "\(text)")
    }
    #expect(!TaskStatus(checkout: projectRoot, filter: "Task0").isChosen(task))
  }
}
