import Foundation

/// A bug planted on purpose in the reference code, to find out whether a student's tests notice.
///
/// A mutant is an exact text edit: in `file`, the one occurrence of `find` becomes `replace`.
/// The grader builds the reference with each mutant of a `student-tests` task and runs the
/// student's tests; a test earns credit only if it fails on at least one of them. Mutants live
/// with the grader in `assignments/autograder/mutants.json` and are left out of the starter.
public struct Mutant: Codable, Sendable, Equatable {
  /// The `student-tests` task whose tests should catch it, for example "0.2".
  public var task: String
  /// A short name shown in reports, for example "sigmoid-doubled".
  public var name: String
  /// The file to edit, relative to the project root.
  public var file: String
  /// The text to find; it must occur exactly once in `file`.
  public var find: String
  /// What `find` becomes.
  public var replace: String
  /// Which laws the bug breaks, for the instructor reading the file.
  public var breaks: String?

  /// A mutant; see the properties for what each value means.
  public init(
    task: String, name: String, file: String, find: String, replace: String,
    breaks: String? = nil
  ) {
    self.task = task
    self.name = name
    self.file = file
    self.find = find
    self.replace = replace
    self.breaks = breaks
  }

  /// Where the mutants live inside a checkout.
  public static let relativePath = "assignments/autograder/mutants.json"

  /// The shape of the mutants file: `{"mutants": [...]}`.
  struct File: Codable {
    var mutants: [Mutant]
  }

  /// Reads the mutants of the project at `root`. Throws a `CourseworkError` that says what to fix
  /// when the file is missing or malformed, or when two mutants share a name.
  public static func load(projectRoot root: URL) throws -> [Mutant] {
    let url = root.appendingPathComponent(relativePath)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw CourseworkError.grading(
        "no planted bugs at \(url.path); tasks of kind student-tests need them to be graded")
    }
    let mutants: [Mutant]
    do {
      mutants = try JSONDecoder().decode(File.self, from: data).mutants
    } catch {
      throw CourseworkError.grading("\(url.path) is not a valid list of planted bugs: \(error)")
    }
    var names: Set<String> = []
    for mutant in mutants where !names.insert(mutant.name).inserted {
      throw CourseworkError.grading("\(url.path) lists the planted bug '\(mutant.name)' twice")
    }
    return mutants
  }

  /// `text` with the bug planted. Throws a `CourseworkError` unless `find` occurs exactly once, so
  /// that a mutant never silently edits the wrong line or nothing at all.
  public func applied(to text: String) throws -> String {
    let matches = occurrences(in: text)
    guard matches.count == 1, let match = matches.first else {
      throw CourseworkError.grading(
        "planted bug '\(name)' must find its text exactly once in \(file), but found it "
          + "\(matches.count) times; update \(Self.relativePath) to match the reference code")
    }
    return text.replacingCharacters(in: match, with: replace)
  }

  /// Every place `find` occurs in `text`, overlapping ones included.
  private func occurrences(in text: String) -> [Range<String.Index>] {
    guard !find.isEmpty else { return [] }
    var found: [Range<String.Index>] = []
    var start = text.startIndex
    while let range = text.range(of: find, options: .literal, range: start..<text.endIndex) {
      found.append(range)
      start = text.index(after: range.lowerBound)
    }
    return found
  }
}
