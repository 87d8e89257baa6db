import Foundation
import Testing

@testable import minitorch

/// Runs `minitorch arguments` in this process; returns the exit status and what it wrote to
/// standard error. Only for command lines that stop before printing anything else.
func runTool(_ arguments: [String]) -> (status: Int32, errors: String) {
  var errors: [String] = []
  let status = MiniTorchTool.run(arguments) { errors.append($0) }
  return (status, errors.joined(separator: "\n"))
}

@Suite("One declaration per option")
struct OptionTableTests {
  static let count: Option<Int> = .integer("count", in: 1...9, default: 3, "how many")
  static let limit: Option<Int?> = .integer("limit", in: 0...Int.max, "an upper limit")
  static let name: Option<String> = .requiredText("name", example: "--name x", "who")
  static let loud: Option<Bool> = .flag("loud", "shout")
  static let table = OptionTable(
    "demo", [count.declaration, limit.declaration, name.declaration, loud.declaration])

  /// The message of the `UsageError` that reading `words` throws, or `nil` when it reads.
  func failure(_ words: [String], others: [OptionTable] = []) -> String? {
    do {
      _ = try Self.table.read(words, others: others)
      return nil
    } catch {
      return error.message
    }
  }

  @Test func valuesDefaultsAndAbsenceComeFromTheDeclaration() throws {
    let given = try Self.table.read(["--name", "x", "--count=7", "--limit", "0", "--loud"])
    #expect(given[Self.count] == 7 && given[Self.limit] == 0 && given[Self.name] == "x")
    #expect(given[Self.loud])
    #expect(given.order == ["name", "count", "limit", "loud"])
    let absent = try Self.table.read(["--name", "y"])
    #expect(absent[Self.count] == 3)
    #expect(absent[Self.limit] == nil, "an absent optional is nil, not a sentinel")
    #expect(!absent[Self.loud] && !absent.isGiven(Self.count))
  }

  @Test func everyMistakeIsNamed() {
    #expect(
      failure(["--name", "x", "--count", "12"])
        == "--count must be a whole number from 1 to 9, not '12'")
    #expect(failure(["--name", "x", "--count", "two"])?.contains("from 1 to 9") == true)
    #expect(failure(["--count", "2"]) == "--name TEXT is required: who")
    #expect(failure(["--name"]) == "--name needs a value: --name TEXT")
    #expect(failure(["--name", "x", "--loud=yes"]) == "--loud takes no value")
    #expect(
      failure(["--name", "x", "--count", "1", "--count", "2"])?.contains("given twice") == true)
    #expect(failure(["--name", "x", "stray"])?.contains("unexpected argument 'stray'") == true)
    #expect(failure(["--name", "x", "--limit", "-1"])?.contains("0 or more") == true)
    let unknown = failure(["--name", "x", "--colour", "red"])
    #expect(unknown == "unknown option --colour; demo takes --count, --limit, --name, --loud")
    let other = OptionTable(
      "other", [Option<String?>.text("colour", "C", "what colour").declaration])
    #expect(
      failure(["--name", "x", "--colour", "red"], others: [other])
        == "--colour is only for other, not for demo")
  }

  @Test func theHelpShowsWhatTheParserAccepts() {
    let help = Self.table.help(about: "Does a demo.")
    #expect(help.hasPrefix("usage: minitorch demo [--count N] [--limit N] --name TEXT [--loud]"))
    #expect(help.contains("how many (1 to 9); default 3"))
    #expect(help.contains("an upper limit (0 or more)"))
    #expect(help.contains("who; required"))
    // Every option of every command appears in its help, with its allowed values (the help
    // wraps lines, so words are compared with single spaces between them).
    func words(_ text: String) -> String {
      text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
    for command in MiniTorchTool.commands {
      let help = words(command.help)
      for table in tables(of: command) {
        for option in table.options where !table.fixed.contains(option.name) {
          #expect(help.contains(option.syntax), "\(command.name): \(option.syntax)")
          if let allowed = option.allowed {
            #expect(help.contains(words(allowed)), "\(command.name) --\(option.name)")
          }
        }
      }
    }
  }

  /// The option tables of `command`.
  func tables(of command: Command) -> [OptionTable] {
    switch command.name {
    case "train": TrainCommand.forms.map(\.table)
    case "bench": [BenchCommand.table]
    case "status": [StatusCommand.table]
    case "practice": [PracticeCommand.table]
    case "sync": [SyncCommand.table]
    case "starter": [StarterCommand.table]
    case "grade": [GradeCommand.table]
    case "bugs": [BugsCommand.table]
    case "graph": [GraphCommand.table]
    case "strides": [StridesCommand.table]
    case "docs": [DocsCommand.table]
    default: []
    }
  }

  @Test func everyCommandHasItsTableListedHere() {
    for command in MiniTorchTool.commands {
      #expect(!tables(of: command).isEmpty, "\(command.name) has no table in this test")
    }
  }

  @Test func trainHasAFormForEveryModuleItsUsageNames() {
    let modules = Set(TrainCommand.forms.flatMap(\.modules))
    #expect(modules == Set(TrainCommand.moduleNumbers))
    #expect(TrainCommand.module.declaration.allowed == "0 to 4")
    #expect(TrainCommand.command.help.contains("--module N"))
    #expect(TrainCommand.command.help.contains("(convolutional networks); 0 to 4; default 1"))
  }
}

@Suite("The command line's cases")
struct CommandLineCaseTests {
  @Test func trainModule7SaysTheRealRange() {
    let run = runTool(["train", "--module", "7"])
    #expect(run.status == 2)
    #expect(run.errors.contains("--module must be a whole number from 0 to 4, not '7'"))
  }

  @Test func weightsBelongToModule0AndTheMessageSaysSo() {
    let run = runTool(["train", "--module", "2", "--weights", "1,1"])
    #expect(run.status == 2)
    #expect(run.errors.contains("--weights is only for train --module 0"))
    let batch = runTool(["train", "--module", "1", "--batch", "5"])
    #expect(batch.status == 2 && batch.errors.contains("--batch is only for train --module 3"))
  }

  @Test func helpForAnUnknownCommandFails() {
    #expect(runTool(["help", "nosuch"]).status == 2)
    #expect(runTool(["help", "nosuch"]).errors.contains("no command 'nosuch'"))
    #expect(runTool(["nosuch"]).status == 2)
  }

  @Test func versionExists() {
    #expect(MiniTorchTool.versionLine.hasPrefix("minitorch \(MiniTorchTool.version) ("))
    #expect(runTool(["--version", "extra"]).status == 2)
  }

  @Test func syncAndStarterRefuseAModuleThatDoesNotExist() {
    let sync = runTool(["sync", "--from", ".", "--modules", "9"])
    #expect(sync.status == 2 && sync.errors.contains("from 0 to 4"))
    let starter = runTool(["starter", "--output", "/tmp/x", "--modules", "1,9"])
    #expect(starter.status == 2 && starter.errors.contains("from 0 to 4"))
  }

  @Test func zeroEpochsNeedsWeightsToScore() {
    let run = runTool(["train", "--module", "4", "--epochs", "0"])
    #expect(run.status == 2)
    #expect(run.errors.contains("--epochs 0 trains nothing, so it needs --load FILE"))
  }

  @Test func reportIsRefusedWhereThereIsNone() {
    let run = runTool(["train", "--module", "4", "--dataset", "sentiment", "--report", "r.html"])
    #expect(run.status == 2 && run.errors.contains("--report is only for"))
  }
}

@Suite("Numbers and counts")
struct FormattingTests {
  @Test func pluralsComeFromOnePlace() {
    #expect(counted(1, "epoch") == "1 epoch")
    #expect(counted(2, "epoch") == "2 epochs")
    #expect(counted(0, "point") == "0 points")
    #expect(counted(3, "batch") == "3 batches")
    #expect(counted(1, "batch") == "1 batch")
    #expect(counted(2, "class") == "2 classes")
    #expect(counted(2, "box") == "2 boxes")
    #expect(counted(2, "person", plural: "people") == "2 people")
    #expect(percent(0.8731) == "87.3%")
    #expect(format(0.5) == "0.5" && format(2.5, digits: 2) == "2.50")
  }
}
