import Coursework
import Foundation

/// `minitorch starter`: writes the starter repository students begin from.
enum StarterCommand {
  /// The command as `minitorch help` lists it.
  static let command = Command(
    name: "starter",
    summary: "write the starter repository: every solution replaced by a placeholder",
    usage: """
      usage: minitorch starter --output DIR [--modules 0,1,…] [--source DIR]

      Copies the project into DIR, a new or empty folder, replacing the body of every
      '// BEGIN SOLUTION Task X.Y' … '// END SOLUTION' region with notImplemented("Task X.Y")
      (or, in tests students write, testNotWritten("Task X.Y")). Everything else is copied as
      it is, except assignments/autograder/mutants.json, which stays with the grader.

      Options:
        --output DIR     where to write the starter (required; must be empty or new)
        --modules LIST   only replace the regions of these modules, e.g. 0,1 (default: all)
        --source DIR     the checkout with solutions to copy (default: the current folder)
      """,
    run: { options in try run(&options) })

  /// Reads the options, generates the starter and prints what it did.
  static func run(_ options: inout Arguments) throws -> Int32 {
    guard let output = try options.string("output") else {
      throw UsageError("--output is required: the new or empty folder to write the starter into")
    }
    let modules = try options.string("modules").map(parseModules)
    let source = try options.string("source") ?? FileManager.default.currentDirectoryPath
    try options.finish()

    let generator = StarterGenerator(
      source: URL(fileURLWithPath: source), output: URL(fileURLWithPath: output),
      modules: modules)
    let summary = try generator.generate()
    print(
      "Starter written to \(generator.output.standardizedFileURL.path) (\(summary.fileCount) files)."
    )
    for task in summary.replacedRegions.keys.sorted(by: taskOrder) {
      let count = summary.replacedRegions[task] ?? 0
      print("  Task \(task): \(count) region\(count == 1 ? "" : "s") replaced by a placeholder")
    }
    for task in summary.keptRegions.keys.sorted(by: taskOrder) {
      let count = summary.keptRegions[task] ?? 0
      print("  Task \(task): \(count) region\(count == 1 ? "" : "s") kept (module not chosen)")
    }
    for path in summary.leftOut {
      print("  Left out, it stays with the grader: \(path)")
    }
    return 0
  }

  /// Reads "0,1,2" into module numbers.
  static func parseModules(_ text: String) throws -> Set<Int> {
    var modules: Set<Int> = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      guard let module = Int(part.trimmingCharacters(in: .whitespaces)), module >= 0 else {
        throw UsageError("--modules must list module numbers such as 0,1, not '\(text)'")
      }
      modules.insert(module)
    }
    return modules
  }

  /// Orders task ids as numbers: "0.2" before "0.10".
  static func taskOrder(_ lhs: String, _ rhs: String) -> Bool {
    let left = lhs.split(separator: ".").map { Int($0) ?? 0 }
    let right = rhs.split(separator: ".").map { Int($0) ?? 0 }
    return left.lexicographicallyPrecedes(right)
  }
}
