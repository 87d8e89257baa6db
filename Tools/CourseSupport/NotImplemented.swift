import Foundation

/// Stops the program because a task's code has not been written yet.
///
/// The starter repository replaces the body of every function a student writes with a call
/// like `notImplemented("Task 1.2")`. It prints where it was called, the task, the assignment
/// page that explains it and the one command to run next (see
/// `StopHandler.notImplementedDirections(for:running:filters:)`), then exits with
/// `StopHandler.exitStatus`. It exits rather than trapping, so no crash report follows, with or
/// without the test suites' stop handler.
public func notImplemented(
  _ task: String, file: StaticString = #fileID, line: UInt = #line
) -> Never {
  StopHandler.stopBecauseNotImplemented(TaskReference(task), file: file, line: line)
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

  /// The message a student sees when code for this task runs before it is written, outside
  /// any test: which task, where it is explained, and the command that runs its tests.
  public var notImplementedMessage: String {
    StopHandler.notImplementedDirections(for: self, running: [], filters: [])
  }
}
