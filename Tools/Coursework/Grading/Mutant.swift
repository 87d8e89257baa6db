import Foundation

/// A bug planted on purpose in solution code, to find out whether tests notice.
///
/// A mutant edits one solution region of `file` in one of two ways:
/// - an exact text edit: the one occurrence of `find` becomes `replace` (for the reference code,
///   whose text is known);
/// - a new body for the region of the function named `function`: its body becomes `body`, in
///   which `original` is the value the region's code returns (for code whose text is not
///   known, such as a student's own operators: `return 2 * original` doubles whatever they
///   wrote).
///
/// Either way the edit must stay inside solution regions: bugs live in code students write.
/// The grading set (`assignments/autograder/mutants.json`) stays with the grader and is never
/// shown to students; the practice set (`assignments/practice-bugs.json`) ships with the starter
/// so that students can check their own tests before they hand them in.
public struct Mutant: Codable, Sendable, Equatable {
  /// The task whose tests should catch it, for example "0.2".
  public var task: String
  /// A short name shown in reports, for example "sigmoid-doubled".
  public var name: String
  /// The file to edit, relative to the project root.
  public var file: String
  /// For a text edit: the text to find; it must occur exactly once in `file`.
  public var find: String?
  /// For a text edit: what `find` becomes.
  public var replace: String?
  /// For a body edit: the function whose solution region is replaced.
  public var function: String?
  /// For a body edit: the region's new body; `original` names the value of the old one.
  public var body: String?
  /// Which laws the bug breaks, for the reader of the file.
  public var breaks: String?
  /// For a bug in a task with defining checks (`CourseTask.definingChecks`): whether it must
  /// fail one of them, so that the task scores 0 with it (delegating to the simple backend,
  /// running on one thread, an unblocked product). `CodeBugCheck` checks it.
  public var failsDefiningCheck: Bool?
  /// The kind of bug, as the task's guide lists them ("off by a constant or a factor"): what a
  /// student is told about the private bugs their tests caught, never their names.
  public var kind: String?

  /// A text edit: in `file`, `find` becomes `replace`.
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

  /// A body edit: in `file`, the solution region of `function` gets `body`.
  public init(
    task: String, name: String, file: String, function: String, body: String,
    breaks: String? = nil
  ) {
    self.task = task
    self.name = name
    self.file = file
    self.function = function
    self.body = body
    self.breaks = breaks
  }

  /// Where the grading set lives inside a checkout.
  public static let relativePath = "assignments/autograder/mutants.json"
  /// Where the practice set lives inside a checkout (and a starter).
  public static let practicePath = "assignments/practice-bugs.json"
  /// Where the planted bugs of the code tasks live: realistic mistakes in each task's own code,
  /// which its suite must catch (checked by `CodeBugCheck`, `minitorch bugs --code`). They quote
  /// solution lines, so they stay with the instructor.
  public static let codePath = "assignments/autograder/code-mutants.json"

  /// The shape of a mutants file: `{"mutants": [...]}`.
  struct File: Codable {
    var mutants: [Mutant]
  }

  /// Reads the mutants at `path` (by default the grading set) of the project at `root`. Throws
  /// a `CourseworkError` that says what to fix when the file is missing or malformed, a mutant
  /// is neither a text edit nor a body edit, or two mutants share a name.
  public static func load(projectRoot root: URL, path: String = relativePath) throws -> [Mutant] {
    let url = root.appendingPathComponent(path)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      if path == relativePath {
        throw CourseworkError.grading(
          "no planted bugs at \(url.path), so tasks of kind student-tests cannot be graded. Is "
            + "--tests a starter? Only the official checkout grades; in a starter, "
            + "'minitorch status' shows every task's state and 'minitorch practice' checks your "
            + "own tests against practice bugs")
      }
      throw CourseworkError.grading("no planted bugs at \(url.path)")
    }
    let mutants: [Mutant]
    do {
      mutants = try JSONDecoder().decode(File.self, from: data).mutants
    } catch {
      throw CourseworkError.grading("\(url.path) is not a valid list of planted bugs: \(error)")
    }
    var names: Set<String> = []
    for mutant in mutants {
      guard names.insert(mutant.name).inserted else {
        throw CourseworkError.grading("\(url.path) lists the planted bug '\(mutant.name)' twice")
      }
      let isTextEdit = mutant.find != nil && mutant.replace != nil
      let isBodyEdit = mutant.function != nil && mutant.body != nil
      guard isTextEdit != isBodyEdit,
        mutant.find == nil || isTextEdit, mutant.function == nil || isBodyEdit
      else {
        throw CourseworkError.grading(
          "planted bug '\(mutant.name)' in \(url.path) needs either 'find' and 'replace' or "
            + "'function' and 'body'")
      }
    }
    return mutants
  }

  /// The variable a body edit uses for the value of the region's old code.
  public static let originalName = "original"

  /// `text` with the bug planted. Throws a `CourseworkError` unless the text to find occurs
  /// exactly once, or the function exists and has a solution region, so that a mutant never
  /// silently edits the wrong line or nothing at all.
  public func applied(to text: String) throws -> String {
    if let function, let body {
      return try applyingBody(body, toFunction: function, in: text)
    }
    let find = find ?? ""
    let matches = occurrences(of: find, in: text)
    guard matches.count == 1, let match = matches.first else {
      throw CourseworkError.grading(
        "planted bug '\(name)' must find its text exactly once in \(file), but found it "
          + "\(matches.count) times; update its entry in \(Self.relativePath) (Task 0.2's bugs) "
          + "or \(Self.codePath) (the code tasks' bugs) to match the reference code")
    }
    return text.replacingCharacters(in: match, with: replace ?? "")
  }

  /// The new bodies the bug gives the solution regions of `text`, by region index (counting
  /// from 0). Throws a `CourseworkError` when the bug changes anything outside the regions.
  public func regionBodies(in text: String) throws -> [Int: [String]] {
    let before = try SolutionRegion.regions(in: text, file: file)
    let mutated = try applied(to: text)
    guard let after = try? SolutionRegion.regions(in: mutated, file: file),
      after.count == before.count,
      SolutionRegion.outside(of: after, in: mutated) == SolutionRegion.outside(of: before, in: text)
    else {
      throw CourseworkError.grading(
        "planted bug '\(name)' changes \(file) outside its solution regions; a planted bug "
          + "may only change code between BEGIN SOLUTION and END SOLUTION")
    }
    var bodies: [Int: [String]] = [:]
    for (index, (old, new)) in zip(before, after).enumerated() where old.body != new.body {
      bodies[index] = new.body
    }
    return bodies
  }

  /// For a body edit, the solution region of `function` in `text` and the lines of the
  /// function's header (from `func` to the BEGIN marker); `nil` for a text edit. Throws a
  /// `CourseworkError` when the function is missing or has no region.
  public func targetRegion(in text: String) throws -> (region: SolutionRegion, header: String)? {
    guard let function else { return nil }
    let lines = SolutionRegion.lines(of: text)
    let regions = try SolutionRegion.regions(in: text, file: file)
    guard
      let declaration = lines.firstIndex(where: {
        $0.contains("func \(function)(") || $0.contains("func \(function)<")
      })
    else {
      throw CourseworkError.grading(
        "planted bug '\(name)': \(file) has no function '\(function)'")
    }
    guard let region = regions.first(where: { $0.beginLine - 1 > declaration }),
      !lines[(declaration + 1)..<(region.beginLine - 1)].contains(where: { $0.contains("func ") })
    else {
      throw CourseworkError.grading(
        "planted bug '\(name)': the function '\(function)' in \(file) has no solution region")
    }
    return (region, lines[declaration..<(region.beginLine - 1)].joined(separator: " "))
  }

  /// `text` with the region of `function` given `newBody`; `original` in it is the value of the
  /// region's old code, computed by that code in a closure of the function's return type.
  private func applyingBody(_ newBody: String, toFunction function: String, in text: String)
    throws -> String
  {
    guard let (region, header) = try targetRegion(in: text) else { return text }
    let indent = region.indentation
    var body: [String] = []
    if newBody.contains(Self.originalName) {
      let type = Self.returnType(ofHeader: header)
      body.append("\(indent)let \(Self.originalName): \(type) = { () -> \(type) in")
      body += region.body
      body.append("\(indent)}()")
    }
    body += newBody.split(separator: "\n", omittingEmptySubsequences: false).map {
      indent + $0
    }
    var result = SolutionRegion.lines(of: text)
    result.replaceSubrange(region.beginLine..<(region.endLine - 1), with: body)
    return result.joined(separator: "\n") + (SolutionRegion.endsWithNewline(text) ? "\n" : "")
  }

  /// The return type a function header declares (`… -> Double {` gives "Double"), or "Void".
  static func returnType(ofHeader header: String) -> String {
    guard let arrow = header.range(of: "->", options: .backwards) else { return "Void" }
    var type = header[arrow.upperBound...]
    if let brace = type.lastIndex(of: "{") {
      type = type[..<brace]
    }
    if let clause = type.range(of: " where ") {
      type = type[..<clause.lowerBound]
    }
    let trimmed = type.trimmingCharacters(in: .whitespaces)
    return trimmed.isEmpty ? "Void" : trimmed
  }

  /// Every place `find` occurs in `text`, overlapping ones included.
  private func occurrences(of find: String, in text: String) -> [Range<String.Index>] {
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
