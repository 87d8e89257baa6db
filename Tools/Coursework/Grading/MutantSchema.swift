import Foundation

/// Every planted bug of a set compiled into one build, chosen when a test process starts.
///
/// Building the code once per bug costs seconds per bug (and minutes for a bug in an early
/// module that everything depends on). Instead, each solution region that some bug changes
/// becomes a switch over the bugs, with the region's own code as the default:
///
/// ```swift
/// if minitorchPlantedBug == "sigmoid-doubled" {
///   …the bug's body…
/// } else {
///   …the region's own body…
/// }
/// ```
///
/// `minitorchPlantedBug` is read once from the environment variable `MINITORCH_PLANTED_BUG`, so
/// one build runs the code as written (variable unset) and every bug (variable set to its name).
/// Only copies the grader makes ever hold these switches.
public enum MutantSchema {
  /// The environment variable that selects the bug a test process runs.
  public static let variable = "MINITORCH_PLANTED_BUG"
  /// The module-level constant the switches read.
  static let constant = "minitorchPlantedBug"
  /// The file, added to each module with a switch, that declares the constant.
  public static let declarationFile = "PlantedBugSwitch.swift"

  /// The files that carry every bug of `mutants` into the project at `root`: each edited file
  /// with its switches, and a declaration file in each module folder that has switches (path →
  /// text). Throws a `CourseworkError` when a bug cannot be planted (its text or function is not
  /// found) or changes code outside a solution region.
  public static func files(planting mutants: [Mutant], in root: URL) throws -> [String: String] {
    var files: [String: String] = [:]
    for file in Set(mutants.map(\.file)).sorted() {
      let url = root.appendingPathComponent(file)
      guard let text = try? String(contentsOf: url, encoding: .utf8) else {
        let users = mutants.filter { $0.file == file }.map { "'\($0.name)'" }
        throw CourseworkError.grading(
          "planted bug \(users.joined(separator: ", ")) edits \(file), which is missing from "
            + root.path)
      }
      var variants: [Int: [(name: String, body: [String])]] = [:]
      for mutant in mutants where mutant.file == file {
        for (index, body) in try mutant.regionBodies(in: text) {
          variants[index, default: []].append((mutant.name, body))
        }
      }
      files[file] = try switching(text, file: file, variants: variants)
      files[moduleFolder(of: file) + "/" + declarationFile] = declaration
    }
    return files
  }

  /// `text` with the body of each region in `variants` replaced by a switch over its variants.
  static func switching(
    _ text: String, file: String, variants: [Int: [(name: String, body: [String])]]
  ) throws -> String {
    let regions = try SolutionRegion.regions(in: text, file: file)
    var lines = SolutionRegion.lines(of: text)
    for (index, region) in regions.enumerated().reversed() {
      guard let cases = variants[index], !cases.isEmpty else { continue }
      let indent = region.indentation
      var body: [String] = []
      for (number, variant) in cases.enumerated() {
        let name = variant.name.replacingOccurrences(of: "\"", with: "\\\"")
        body.append(indent + (number == 0 ? "" : "} else ") + "if \(constant) == \"\(name)\" {")
        body += variant.body
      }
      body.append(indent + "} else {")
      body += region.body
      body.append(indent + "}")
      lines.replaceSubrange(region.beginLine..<(region.endLine - 1), with: body)
    }
    return lines.joined(separator: "\n") + (SolutionRegion.endsWithNewline(text) ? "\n" : "")
  }

  /// The folder of the module a file belongs to: `Module0` for `Module0/Operators.swift`,
  /// `Tests/Module0Tests` for a file under it.
  static func moduleFolder(of file: String) -> String {
    let parts = file.split(separator: "/")
    return (parts.first == "Tests" ? parts.prefix(2) : parts.prefix(1)).joined(separator: "/")
  }

  /// The declaration file's text.
  static let declaration = """
    import Foundation

    /// The planted bug this process runs, from the environment variable \(variable); empty
    /// runs the code as written. Only the grader's copies have this file.
    @usableFromInline let \(constant) =
      ProcessInfo.processInfo.environment["\(variable)"] ?? ""

    """
}
