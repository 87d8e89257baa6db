import Coursework
import Foundation

/// `minitorch starter`: writes the starter repository students begin from.
enum StarterCommand {
  /// The course's module numbers, which `--modules` of `starter` and `sync` may name.
  static let moduleNumbers = 0...4

  /// `--output DIR`.
  static let output: Option<URL> = .requiredOutputFolder(
    "output", "DIR", "where to write the starter: a new or empty folder")
  /// `--modules LIST`.
  static let modules: Option<[Int]?> = .integers(
    "modules", in: moduleNumbers, defaultText: "all modules",
    "the modules the starter is for, e.g. 1; their solutions and those of every later module "
      + "are always removed")
  /// `--keep-earlier-solutions`.
  static let keepEarlier: Option<Bool> = .flag(
    "keep-earlier-solutions",
    "keep the official solutions of the modules before --modules, for students who do not "
      + "bring their own (without it they are removed too; students carry their own code "
      + "forward with 'minitorch sync')")
  /// `--source DIR`.
  static let source: Option<URL?> = .path(
    "source", "DIR", defaultText: "the current folder", "the checkout with solutions to copy")

  /// The command's options.
  static let table = OptionTable(
    "starter",
    [output.declaration, modules.declaration, keepEarlier.declaration, source.declaration])

  /// The command as `minitorch help` lists it.
  static let command = Command(
    "starter",
    summary: "write a starter: the solutions of its module and later ones replaced by placeholders",
    table: table,
    about: """
      Copies the project (the files git tracks; every file when the source is not a git
      checkout) into DIR, a new or empty folder, replacing the body of every
      '// BEGIN SOLUTION Task X.Y' … '// END SOLUTION' region with notImplemented("Task X.Y")
      (or, in tests students write, testNotWritten("Task X.Y")). The starter is the
      student's repository: its README.md is made from assignments/starter/README.md, and
      what only the instructor needs stays behind (assignments/README.md,
      assignments/autograder/, .ci/). Everything else is copied as it is.
      """,
    run: run)

  /// Generates the starter and prints what it did.
  static func run(_ options: ParsedOptions) throws -> Int32 {
    let chosen = options[modules].map(Set.init)
    let keepsEarlier = options[keepEarlier]
    if keepsEarlier && (chosen ?? [0]).min() == 0 {
      throw UsageError(
        "--keep-earlier-solutions needs --modules naming a module after 0, such as --modules 1: "
          + "only the modules before it keep their solutions")
    }
    let generator = StarterGenerator(
      source: options[source] ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
      output: options[output], modules: chosen, keepsEarlierSolutions: keepsEarlier)
    let summary = try generator.generate()
    print(
      "Starter written to \(generator.output.standardizedFileURL.path) "
        + "(\(counted(summary.fileCount, "file"))).")
    for task in summary.replacedRegions.keys.sorted(by: taskOrder) {
      let regions = counted(summary.replacedRegions[task] ?? 0, "region")
      print("  Task \(task): \(regions) replaced by a placeholder")
    }
    for task in summary.keptRegions.keys.sorted(by: taskOrder) {
      let regions = counted(summary.keptRegions[task] ?? 0, "region")
      print("  Task \(task): \(regions) kept: the official solution (--keep-earlier-solutions)")
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

  /// Orders task ids as numbers: "0.2" before "0.10".
  static func taskOrder(_ lhs: String, _ rhs: String) -> Bool {
    let left = lhs.split(separator: ".").map { Int($0) ?? 0 }
    let right = rhs.split(separator: ".").map { Int($0) ?? 0 }
    return left.lexicographicallyPrecedes(right)
  }
}
