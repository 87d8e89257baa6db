import Module0
import Testing

/// Marks a test a student has not written yet: records a failure naming the task.
///
/// The starter repository puts this call in place of each test body a student writes (Task 0.2
/// and later tests-you-write tasks), so the test fails with directions instead of passing empty.
public func testNotWritten(_ task: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let reference = TaskReference(task)
  Issue.record(
    Comment(
      rawValue: """
        Task \(reference.id): this test is yours to write (see \(reference.page), section \
        "Task \(reference.id)"). Replace this placeholder with a property test that fails when \
        the law in the test's comment is broken.
        """),
    sourceLocation: sourceLocation)
}
