import Foundation
import Module3

/// The `minitorch` command-line tool: trains the course's models, and makes and grades
/// coursework. `main.swift` calls `main()` and nothing else.
enum MiniTorchTool {
  /// The tool's version, as `minitorch --version` prints it.
  static let version = "1.0"

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
    DocsCommand.command,
  ]

  /// Runs the tool with the process's arguments and exits with the command's status.
  static func main() {
    // A build compiled for AVX2 on another machine stops here with directions, not later with
    // an illegal instruction.
    ProcessorCheck.requireSupported()
    // A failed check in a student's code (during `train`, say) ends with a short note and a
    // prompt exit instead of a crash report; an unwritten task already says which it is.
    StopHandler.install()
    // Training steps reuse freed memory instead of asking the kernel for fresh pages each time.
    MemoryReuse.enable()
    let status = run(Array(CommandLine.arguments.dropFirst()))
    exit(status)
  }

  /// Runs `minitorch <arguments>` and returns the exit status: 0 on success, 1 when the
  /// command failed, 2 when the command line itself is wrong. Output goes to standard output,
  /// messages to `errors` (standard error by default).
  static func run(_ arguments: [String], errors: (String) -> Void = printError) -> Int32 {
    let name = arguments.first ?? "help"
    let rest = Array(arguments.dropFirst())
    switch name {
    case "help", "--help", "-h":
      guard let topic = rest.first else {
        print(overview)
        return 0
      }
      guard rest.count == 1, let command = command(named: topic) else {
        errors(
          "minitorch help: " + (rest.count == 1 ? "no command '\(topic)'" : "one command at a time")
            + ". Commands: \(commands.map(\.name).joined(separator: ", ")).")
        return 2
      }
      print(command.help)
      return 0
    case "--version":
      guard rest.isEmpty else {
        errors("minitorch --version takes nothing after it")
        return 2
      }
      print(versionLine)
      return 0
    default:
      break
    }
    guard let command = command(named: name) else {
      errors(
        "minitorch: unknown command '\(name)'. Commands: "
          + commands.map(\.name).joined(separator: ", ") + ".")
      return 2
    }
    if rest.contains("--help") || rest.contains("-h") {
      print(command.help)
      return 0
    }
    do {
      return try command.run(rest)
    } catch let error as UsageError {
      errors("minitorch \(name): \(error.message)\nRun 'minitorch help \(name)' for its options.")
      return 2
    } catch {
      errors("minitorch \(name): \(error)")
      return 1
    }
  }

  /// The command called `name`, if there is one.
  static func command(named name: String) -> Command? {
    commands.first { $0.name == name }
  }

  /// `minitorch 1.0 (release build, portable code, x86_64)`.
  static var versionLine: String {
    "minitorch \(version) (\(BuildFacts.configuration) build, \(BuildFacts.target) code, "
      + "\(BuildFacts.architecture))"
  }

  /// What `minitorch help` prints.
  static var overview: String {
    var lines = ["usage: minitorch <command> [options]", "", "Commands:"]
    let width = commands.map(\.name.count).max() ?? 0
    for command in commands {
      let padding = String(repeating: " ", count: width - command.name.count)
      lines.append("  \(command.name)\(padding)  \(command.summary)")
    }
    lines += [
      "",
      "Run 'minitorch help <command>' for a command's options; 'minitorch --version' for "
        + "the version.",
    ]
    return lines.joined(separator: "\n")
  }
}

/// How this binary was built: what `--version` and `bench` report.
enum BuildFacts {
  /// `release` or `debug`.
  static var configuration: String {
    #if DEBUG
      "debug"
    #else
      "release"
    #endif
  }

  /// What the fast stages were compiled for: `host CPU` (MINITORCH_NATIVE=1: everything the
  /// building machine has), `AVX-512` or `AVX2 and FMA` (the default on an x86-64 machine with
  /// them) or `portable` (any processor of the architecture).
  static var target: String {
    FastOps.compiledForHostCPU
      ? "host CPU"
      : ProcessorCheck.requiredFeatures.isEmpty ? "portable" : ProcessorCheck.compiledFor
  }

  /// The CPU architecture the binary runs on.
  static var architecture: String {
    #if arch(x86_64)
      "x86_64"
    #elseif arch(arm64)
      "arm64"
    #else
      "other"
    #endif
  }
}

/// Writes a message to standard error.
func printError(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}
