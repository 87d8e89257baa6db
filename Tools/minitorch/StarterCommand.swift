import Coursework
import Foundation

/// `minitorch starter`: writes the starter repository students begin from.
enum StarterCommand {
  /// The command as `minitorch help` lists it.
  static let command = Command(
    name: "starter",
    summary: "write a starter: the solutions of its module and later ones replaced by placeholders",
    usage: """
      usage: minitorch starter --output DIR [--modules 0,1,…] [--keep-earlier-solutions]
                               [--source DIR]

      Copies the project (the files git tracks; every file when the source is not a git
      checkout) into DIR, a new or empty folder, replacing the body of every
      '// BEGIN SOLUTION Task X.Y' … '// END SOLUTION' region with notImplemented("Task X.Y")
      (or, in tests students write, testNotWritten("Task X.Y")). The starter is the
      student's repository: its README.md is made from assignments/starter/README.md, and
      what only the instructor needs stays behind (assignments/README.md,
      assignments/autograder/, .ci/). Everything else is copied as it is.

      Options:
        --output DIR     where to write the starter (required; must be empty or new)
        --modules LIST   the modules the starter is for, e.g. 1; their solutions and those
                         of every later module are always removed (default: all modules)
        --keep-earlier-solutions
                         keep the official solutions of the modules before --modules, for
                         students who do not bring their own (default: remove them too;
                         students carry their own code forward with 'minitorch sync')
        --source DIR     the checkout with solutions to copy (default: the current folder)
      """,
    run: { options in try run(&options) })

  /// Reads the options, generates the starter and prints what it did.
  static func run(_ options: inout Arguments) throws -> Int32 {
    guard let output = try options.string("output") else {
      throw UsageError("--output is required: the new or empty folder to write the starter into")
    }
    let modules = try options.string("modules").map(parseModules)
    let keepsEarlier = options.flag("keep-earlier-solutions")
    let source = try options.string("source") ?? FileManager.default.currentDirectoryPath
    try options.finish()
    if keepsEarlier && (modules ?? [0]).min() == 0 {
      throw UsageError(
        "--keep-earlier-solutions needs --modules naming a module after 0, such as --modules 1: "
          + "only the modules before it keep their solutions")
    }

    let generator = StarterGenerator(
      source: URL(fileURLWithPath: source), output: URL(fileURLWithPath: output),
      modules: modules, keepsEarlierSolutions: keepsEarlier)
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
      print(
        "  Task \(task): \(count) region\(count == 1 ? "" : "s") kept: the official solution "
          + "(--keep-earlier-solutions)")
    }
    if !summary.copiedTrackedFiles {
      print(
        "  The source is not a git checkout, so every file under it was copied (except .git, "
          + ".swiftpm and .build folders); in a git checkout only the files git tracks are")
    }
    for path in summary.leftOut {
      print("  Left out, it stays with the instructor: \(path)")
    }
    if summary.readmeFromTemplate {
      print("  README.md made from \(StarterGenerator.readmeTemplate)")
    } else {
      print(
        "  README.md copied as it is: there is no \(StarterGenerator.readmeTemplate) to make "
          + "the student README from")
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
