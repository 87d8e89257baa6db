/// A reason a coursework tool cannot do what it was asked, said so that the reader knows what to
/// fix: a broken task manifest or solution marker, a starter that cannot be written, grading
/// that cannot run, a project folder that cannot be read, work that cannot be carried forward, a
/// documentation site that cannot be built.
///
/// Every subsystem of the coursework library throws this one type; `kind` says which one found
/// the problem. A submission that compiles badly or fails tests is not an error: it is graded.
public struct CourseworkError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The subsystem that found the problem.
  public enum Kind: String, Sendable, Equatable {
    /// The task manifest, `assignments/tasks.json`.
    case manifest
    /// A `// BEGIN SOLUTION` or `// END SOLUTION` marker in a source file.
    case solutionMarker
    /// The starter generator.
    case starter
    /// The autograder, the status table and the practice check.
    case grading
    /// Reading a project folder.
    case projectFiles
    /// Carrying a student's work into a new starter.
    case sync
    /// Building the documentation site (`minitorch docs`).
    case docs
  }

  /// The subsystem that found the problem.
  public let kind: Kind
  /// What is wrong and how to fix it.
  public let message: String
  /// The file to fix, relative to the project root, when the problem lies in one place.
  public let file: String?
  /// The line (counting from 1) to fix in `file`.
  public let line: Int?

  /// An error of `kind` explained by `message`, optionally at `file:line`.
  public init(_ kind: Kind, _ message: String, file: String? = nil, line: Int? = nil) {
    self.kind = kind
    self.message = message
    self.file = file
    self.line = line
  }

  /// The message, after `file:line: ` when the error has a place (the form editors and
  /// compilers use).
  public var description: String {
    guard let file else { return message }
    return line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
  }

  /// A problem with the task manifest.
  public static func manifest(_ message: String) -> CourseworkError {
    CourseworkError(.manifest, message)
  }

  /// A solution marker that cannot be used, at `file:line`.
  public static func solutionMarker(file: String, line: Int, _ message: String)
    -> CourseworkError
  {
    CourseworkError(.solutionMarker, message, file: file, line: line)
  }

  /// A reason the starter generator refuses to run.
  public static func starter(_ message: String) -> CourseworkError {
    CourseworkError(.starter, message)
  }

  /// A reason grading (or a local check) could not run at all.
  public static func grading(_ message: String) -> CourseworkError {
    CourseworkError(.grading, message)
  }

  /// A project folder that cannot be read.
  public static func projectFiles(_ message: String) -> CourseworkError {
    CourseworkError(.projectFiles, message)
  }

  /// A reason work cannot be carried into a new starter.
  public static func sync(_ message: String) -> CourseworkError {
    CourseworkError(.sync, message)
  }

  /// A reason the documentation site cannot be built.
  public static func docs(_ message: String) -> CourseworkError {
    CourseworkError(.docs, message)
  }
}
