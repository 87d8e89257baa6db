import Foundation

/// A stretch of a source file that a student writes: the lines between a `// BEGIN SOLUTION Task
/// X.Y` marker and the next `// END SOLUTION` marker.
///
/// The marker lines belong to the file, not to the region: the starter keeps them so that
/// students see where to write and a starter can be made again from a starter. Only the lines
/// strictly between them (the body) are replaced.
public struct SolutionRegion: Sendable, Equatable {
  /// The task the region belongs to, as written after "Task" on the BEGIN line, for example
  /// `"0.1"`.
  public var taskID: String
  /// The line number (counting from 1) of the BEGIN marker.
  public var beginLine: Int
  /// The line number (counting from 1) of the END marker.
  public var endLine: Int
  /// The whitespace in front of the BEGIN marker; the starter indents its placeholder the same.
  public var indentation: String
  /// The lines strictly between the markers, without line terminators.
  public var body: [String]

  /// A region; see the properties for what each value means.
  public init(taskID: String, beginLine: Int, endLine: Int, indentation: String, body: [String]) {
    self.taskID = taskID
    self.beginLine = beginLine
    self.endLine = endLine
    self.indentation = indentation
    self.body = body
  }

  /// The text a BEGIN marker starts with, after its indentation.
  public static let beginMarker = "// BEGIN SOLUTION"
  /// The whole text of an END marker, after its indentation.
  public static let endMarker = "// END SOLUTION"

  /// Finds every region of `text`, in order.
  ///
  /// `file` names the text in error messages. Throws a `CourseworkError` pointing at the line to fix
  /// when a BEGIN marker names no task, a region opens inside another one, an END marker has no
  /// BEGIN before it, or a region is never closed.
  public static func regions(in text: String, file: String) throws -> [SolutionRegion] {
    var regions: [SolutionRegion] = []
    var open: (task: String, line: Int, indentation: String)?
    var body: [String] = []
    for (index, line) in lines(of: text).enumerated() {
      let number = index + 1
      let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
      if trimmed.hasPrefix(beginMarker) {
        if let open {
          throw CourseworkError.solutionMarker(
            file: file, line: number,
            "BEGIN SOLUTION inside the region for Task \(open.task) opened at line \(open.line); "
              + "regions cannot nest: close that one with END SOLUTION first")
        }
        let task = try taskID(afterMarkerIn: trimmed, file: file, line: number)
        open = (task, number, String(line.prefix { $0 == " " || $0 == "\t" }))
        body = []
      } else if trimmed.hasPrefix(endMarker) {
        guard trimmed == endMarker else {
          throw CourseworkError.solutionMarker(
            file: file, line: number, "'\(endMarker)' must stand alone on its line")
        }
        guard let region = open else {
          throw CourseworkError.solutionMarker(
            file: file, line: number,
            "END SOLUTION without a BEGIN SOLUTION before it; remove it or add the BEGIN line")
        }
        regions.append(
          SolutionRegion(
            taskID: region.task, beginLine: region.line, endLine: number,
            indentation: region.indentation, body: body))
        open = nil
      } else if open != nil {
        body.append(line)
      }
    }
    if let open {
      throw CourseworkError.solutionMarker(
        file: file, line: open.line,
        "BEGIN SOLUTION Task \(open.task) is never closed; add '\(endMarker)' after the solution")
    }
    return regions
  }

  /// The lines of `text` outside the bodies of `regions` (the regions of `text`): the marker
  /// lines and everything around them, which a starter and a solved file share.
  public static func outside(of regions: [SolutionRegion], in text: String) -> [String] {
    var kept = lines(of: text)
    for region in regions.reversed() {
      kept.removeSubrange(region.beginLine..<(region.endLine - 1))
    }
    return kept
  }

  /// Reads the task id from a BEGIN line such as `// BEGIN SOLUTION Task 0.1`.
  private static func taskID(afterMarkerIn trimmed: String, file: String, line: Int) throws
    -> String
  {
    let rest = trimmed.dropFirst(beginMarker.count)
    let words = rest.split(separator: " ", omittingEmptySubsequences: true)
    guard rest.first == " ", words.count == 2, words[0] == "Task", !words[1].isEmpty else {
      throw CourseworkError.solutionMarker(
        file: file, line: line,
        "a BEGIN SOLUTION marker must name its task, as in '\(beginMarker) Task 0.1'")
    }
    return String(words[1])
  }

  /// The lines of `text` without their terminators ("\n"; a "\r" before it stays part of the
  /// line, so joining the lines with "\n" gives back the same bytes). A final newline does not
  /// start another line.
  static func lines(of text: String) -> [String] {
    // Split by scalars: as Characters, "\r\n" is one grapheme and would not split at "\n".
    var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
      .map { String(String.UnicodeScalarView($0)) }
    if endsWithNewline(text) {
      lines.removeLast()
    }
    return lines
  }

  /// Whether the last scalar of `text` is a line feed.
  static func endsWithNewline(_ text: String) -> Bool {
    text.unicodeScalars.last == "\n"
  }
}
