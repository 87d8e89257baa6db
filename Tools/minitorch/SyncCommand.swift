import Coursework
import Foundation

/// `minitorch sync`: carries a student's earlier code into the next module's starter.
enum SyncCommand {
  /// `--from DIR`.
  static let from: Option<String> = .requiredText(
    "from", "DIR", example: "--from ../module0",
    "your earlier checkout, whose code moves")
  /// `--to DIR`.
  static let to: Option<URL?> = .path(
    "to", "DIR", defaultText: "the current folder", "the new starter")
  /// `--modules LIST`.
  static let modules: Option<[Int]?> = .integers(
    "modules", in: StarterCommand.moduleNumbers, defaultText: "all",
    "only carry the code of these modules, e.g. 0")

  /// The command's options.
  static let table = OptionTable("sync", [from.declaration, to.declaration, modules.declaration])

  /// The command as `minitorch help` lists it.
  static let command = Command(
    "sync",
    summary: "carry your code from an earlier checkout into the next module's starter",
    table: table,
    about: """
      Copies the code you wrote between '// BEGIN SOLUTION Task X.Y' and '// END SOLUTION'
      in the checkout --from into the same regions of the starter --to, where they still hold
      placeholders. The new starter's tests, guides and other files stay as they are; files
      you added inside a Module folder or its test folder are copied when --to has none.
      Every file is checked first: when one of yours differs from the new starter outside
      its regions, nothing is written and the message names the file and the line.
      """,
    run: run)

  /// Carries the code and prints what moved.
  static func run(_ options: ParsedOptions) throws -> Int32 {
    let destination =
      options[to] ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    let sync = WorkSync(
      from: URL(fileURLWithPath: options[from]), to: destination,
      modules: options[modules].map(Set.init))
    let summary = try sync.run()
    let regions = summary.carriedRegions.values.reduce(0, +)
    print(
      "Carried \(counted(regions, "region")) into \(counted(summary.changedFiles.count, "file")) "
        + "of \(sync.destination.path).")
    for task in summary.carriedRegions.keys.sorted(by: StarterCommand.taskOrder) {
      print("  Task \(task): \(counted(summary.carriedRegions[task] ?? 0, "region"))")
    }
    for path in summary.copiedFiles {
      print("  Copied your file \(path)")
    }
    for place in summary.keptRegions {
      print("  Left alone, the new starter already has code there: \(place)")
    }
    for path in summary.differingFiles {
      print(
        "  Not carried: your \(path) differs from the new starter's, but has no solution "
          + "regions; the new starter's version stays (carry changes by hand if you need them)")
    }
    print("Check it with: swift run minitorch status")
    return 0
  }
}
