import Foundation

/// What the starter puts in place of a solution region's body.
///
/// Library code gets `notImplemented("Task X.Y")`, which stops the program with directions (it
/// returns `Never`, so the rest of the body needs nothing). A test a student writes, in a file
/// under `Tests/`, gets `testNotWritten("Task X.Y")`, which records a failing issue naming the
/// task, so the test fails instead of passing empty.
public enum Placeholder: String, Sendable, CaseIterable {
  /// `notImplemented("Task X.Y")`, for code in the stage folders.
  case notImplemented
  /// `testNotWritten("Task X.Y")`, for student-written tests under `Tests/`.
  case testNotWritten

  /// The placeholder for a file at `path` (relative to the project root).
  public init(forFileAt path: String) {
    self = path.hasPrefix("Tests/") ? .testNotWritten : .notImplemented
  }

  /// The call for `taskID`, for example `notImplemented("Task 0.1")`.
  public func call(taskID: String) -> String {
    "\(rawValue)(\"Task \(taskID)\")"
  }

  /// Whether `body` is exactly this placeholder for `taskID`: one line holding only the call.
  public func isPlaceholder(_ body: [String], taskID: String) -> Bool {
    body.count == 1
      && body[0].trimmingCharacters(in: .whitespacesAndNewlines) == call(taskID: taskID)
  }
}
