/// A submission the grader cannot grade at all (no checkout in it, a file instead of a folder),
/// with two explanations: one for the instructor who ran the grader, naming paths and options,
/// and one for the student who reads the results on Gradescope or GitHub, saying what to
/// submit instead.
public struct SubmissionRefusal: Error, CustomStringConvertible, Sendable, Equatable {
  /// The grader's own message, for the person running it.
  public var description: String
  /// What the student reads: what was wrong with the upload and what to submit, without
  /// command-line options or the grader's paths.
  public var feedback: String

  /// The refusal of `error`, a `Checkout` problem with the submission.
  public init(_ error: CourseworkError) {
    description = error.description
    feedback = Self.feedback(for: error.message)
  }

  /// What to submit, for the way the upload was wrong (`message` is `Checkout`'s).
  static func feedback(for message: String) -> String {
    let submit =
      "Submit your MiniTorch repository: from GitHub, or as a zip of the repository's folder "
      + "or of its contents."
    if message.contains("holds several packages") {
      return "Your submission holds several Swift packages and none at its top, so it is not "
        + "clear which one to grade. " + submit
    }
    if message.contains("has no task manifest") {
      return "Your submission has no assignments/tasks.json, so it does not look like a "
        + "MiniTorch repository. " + submit
    }
    if message.contains("is not a Swift package") {
      return "Your submission has no Package.swift at its top or in its one folder. " + submit
    }
    if message.contains("is a file") {
      return "Your submission is a single file, not a repository. " + submit
    }
    return "Nothing that could be graded was found in your submission. " + submit
  }
}
