import Foundation
import Module0

/// The `minitorch` command-line tool: trains the course's models, and makes and grades
/// coursework. `main.swift` calls `main()` and nothing else.
enum MiniTorchTool {
  /// Every subcommand, in the order `minitorch help` lists them.
  static let commands: [Command] = [
    TrainCommand.command,
    BenchCommand.command,
    StatusCommand.command,
    PracticeCommand.command,
    SyncCommand.command,
    StarterCommand.command,
    GradeCommand.command,
    BugsCommand.command,
    GraphCommand.command,
    StridesCommand.command,
  ]

  /// Runs the tool with the process's arguments and exits with the command's status.
  static func main() {
    // A failed check in a student's code (during `train`, say) ends with a short note and a
    // prompt exit instead of a crash report; an unwritten task already says which it is.
    StopHandler.install()
    // Training steps reuse freed memory instead of asking the kernel for fresh pages each time.
    MemoryReuse.enable()
    let status = run(Array(CommandLine.arguments.dropFirst()))
    exit(status)
  }

  /// Runs `minitorch <arguments>` and returns the exit status: 0 on success, 1 when the
  /// command failed, 2 when the command line itself is wrong.
  static func run(_ arguments: [String]) -> Int32 {
    guard let name = arguments.first, !["help", "--help", "-h"].contains(name) else {
      if arguments.count > 1, let command = commands.first(where: { $0.name == arguments[1] }) {
        print(command.usage)
      } else {
        print(overview)
      }
      return 0
    }
    guard let command = commands.first(where: { $0.name == name }) else {
      printError(
        "minitorch: unknown command '\(name)'. Commands: "
          + commands.map(\.name).joined(separator: ", ") + ".")
      return 2
    }
    var options = Arguments(Array(arguments.dropFirst()))
    if options.flag("help") {
      print(command.usage)
      return 0
    }
    do {
      return try command.run(&options)
    } catch let error as UsageError {
      printError(
        "minitorch \(name): \(error.message)\nRun 'minitorch help \(name)' for its options.")
      return 2
    } catch {
      printError("minitorch \(name): \(error)")
      return 1
    }
  }

  /// What `minitorch help` prints.
  static var overview: String {
    var lines = ["usage: minitorch <command> [options]", "", "Commands:"]
    let width = commands.map(\.name.count).max() ?? 0
    for command in commands {
      let padding = String(repeating: " ", count: width - command.name.count)
      lines.append("  \(command.name)\(padding)  \(command.summary)")
    }
    lines += ["", "Run 'minitorch help <command>' for a command's options."]
    return lines.joined(separator: "\n")
  }
}

/// One subcommand of the tool: its name, its help, and what it does.
struct Command: Sendable {
  /// The word that selects the command, for example `"train"`.
  let name: String
  /// One line for `minitorch help`.
  let summary: String
  /// The full help text: usage line, options and their defaults.
  let usage: String
  /// Runs the command with its options and returns the exit status.
  let run: @Sendable (inout Arguments) throws -> Int32
}

/// Writes a message to standard error.
func printError(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}
