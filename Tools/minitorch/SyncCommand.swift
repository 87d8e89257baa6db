import Coursework
import Foundation

/// `minitorch sync`: carries a student's earlier code into the next module's starter.
enum SyncCommand {
  /// The command as `minitorch help` lists it.
  static let command = Command(
    name: "sync",
    summary: "carry your code from an earlier checkout into the next module's starter",
    usage: """
      usage: minitorch sync --from DIR [--to DIR] [--modules 0,1,…]

      Copies the code you wrote between '// BEGIN SOLUTION Task X.Y' and '// END SOLUTION'
      in the checkout --from into the same regions of the starter --to, where they still hold
      placeholders. The new starter's tests, guides and other files stay as they are; files
      you added inside a Module folder or its test folder are copied when --to has none.
      Every file is checked first: when one of yours differs from the new starter outside
      its regions, nothing is written and the message names the file and the line.

      Options:
        --from DIR      your earlier checkout (required)
        --to DIR        the new starter (default: the current folder)
        --modules LIST  only carry the code of these modules, e.g. 0 (default: all)
      """,
    run: { options in try run(&options) })

  /// Reads the options, carries the code and prints what moved.
  static func run(_ options: inout Arguments) throws -> Int32 {
    guard let from = try options.string("from") else {
      throw UsageError("--from is required: your earlier checkout, whose code moves")
    }
    let to = try options.string("to") ?? FileManager.default.currentDirectoryPath
    let modules = try options.string("modules").map(StarterCommand.parseModules)
    try options.finish()
    let sync = WorkSync(
      from: URL(fileURLWithPath: from), to: URL(fileURLWithPath: to), modules: modules)
    let summary = try sync.run()
    let regions = summary.carriedRegions.values.reduce(0, +)
    print(
      "Carried \(regions) region\(regions == 1 ? "" : "s") into \(summary.changedFiles.count) "
        + "file\(summary.changedFiles.count == 1 ? "" : "s") of \(sync.destination.path).")
    for task in summary.carriedRegions.keys.sorted(by: StarterCommand.taskOrder) {
      let count = summary.carriedRegions[task] ?? 0
      print("  Task \(task): \(count) region\(count == 1 ? "" : "s")")
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
