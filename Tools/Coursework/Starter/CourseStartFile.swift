import Foundation

/// The module a repository's work starts at, as `Tools/CourseSupport/CourseStart.swift` records it: the
/// starter generator writes it, and `minitorch status` reads it (the test processes read the
/// compiled value, `CourseStart.module`).
public enum CourseStartFile {
  /// Where the record lives in a checkout.
  public static let path = "Tools/CourseSupport/CourseStart.swift"
  /// The declaration whose number is the first module, as the file spells it.
  static let declaration = "public static let module = "

  /// The first module recorded in `text`, or `nil` when it holds no such declaration.
  public static func module(in text: String) -> Int? {
    for line in SolutionRegion.lines(of: text) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix(declaration) {
        return Int(trimmed.dropFirst(declaration.count).trimmingCharacters(in: .whitespaces))
      }
    }
    return nil
  }

  /// The first module recorded in the checkout at `root`; 0 when the file is missing or
  /// records none (a checkout from before the record existed starts at the beginning).
  public static func module(inCheckout root: URL) -> Int {
    let url = root.appendingPathComponent(path)
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return 0 }
    return module(in: text) ?? 0
  }

  /// `text` recording `module` as the first module. Throws a `CourseworkError` when `text` has
  /// no declaration to change.
  public static func recording(_ module: Int, in text: String) throws -> String {
    var lines = SolutionRegion.lines(of: text)
    guard
      let index = lines.firstIndex(where: {
        $0.trimmingCharacters(in: .whitespaces).hasPrefix(declaration)
      })
    else {
      throw CourseworkError.starter(
        "\(path) has no line '\(declaration)N' to record the starter's first module in")
    }
    let indentation = lines[index].prefix { $0 == " " || $0 == "\t" }
    lines[index] = indentation + declaration + String(module)
    return lines.joined(separator: "\n") + (SolutionRegion.endsWithNewline(text) ? "\n" : "")
  }
}
