import Foundation

/// Stops the program because a task's code has not been written yet.
///
/// The starter repository replaces the body of every function a student writes with a call
/// like `notImplemented("Task 1.2")`. The message names the task, the assignment page that
/// explains it, and the command that runs only that task's tests: a trap ends the whole test
/// run, so running every test at once shows only the first missing task.
public func notImplemented(
  _ task: String, file: StaticString = #fileID, line: UInt = #line
) -> Never {
  fatalError(TaskReference(task).notImplementedMessage, file: file, line: line)
}

/// Where a task is explained and how its tests are run, derived from its name ("Task 1.2").
public struct TaskReference: Sendable, Equatable {
  /// The task's number as written in the manifest, for example `"1.2"`.
  public let id: String

  /// Reads a task name such as `"Task 1.2"` or a bare id such as `"1.2"`.
  public init(_ task: String) {
    let trimmed = task.trimmingPrefix("Task").drop { $0 == " " }
    self.id = String(trimmed)
  }

  /// The stage the task belongs to: the part of the id before the dot.
  public var module: Int? {
    id.split(separator: ".").first.flatMap { Int($0) }
  }

  /// The name of the task's test suite, for example `"Task1_2"`.
  public var suite: String {
    "Task" + id.replacingOccurrences(of: ".", with: "_")
  }

  /// The assignment page that explains the task, for example `"assignments/module1.md"`.
  public var page: String {
    module.map { "assignments/module\($0).md" } ?? "assignments/README.md"
  }

  /// The message a student sees when they run code for a task they have not written yet.
  public var notImplementedMessage: String {
    """
    Task \(id) is not implemented yet.
      What to write: \(page), section "Task \(id)".
      Test only this task: swift test --filter \(suite)
      Plain `swift test` stops at the first unwritten function it happens to reach, which may
      not be your task's: test the task you are working on with its filter (Task0_1 first).
    """
  }
}
