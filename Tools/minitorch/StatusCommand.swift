import Coursework
import Foundation

/// `minitorch status`: every task's state in the current checkout.
enum StatusCommand {
  /// `--filter TEXT`.
  static let filter: Option<String?> = .text(
    "filter", "TEXT",
    "only tasks whose number, suite or title contains TEXT, e.g. Task1 (a module), 1.3 or "
      + "Task1_3 (a task)")
  /// `--timeout S`.
  static let timeout: Option<Double> = .number(
    "timeout", "S", in: 1...3600, default: 60,
    "seconds a task's tests may run before they are stopped")
  /// `--jobs N`.
  static let jobs: Option<Int> = .integer("jobs", in: 1...64, default: 2, "tasks tested at once")

  /// The command's options.
  static let table = OptionTable(
    "status", [filter.declaration, timeout.declaration, jobs.declaration])

  /// The command as `minitorch help` lists it.
  static let command = Command(
    "status",
    summary: "every task's state: passing, failing with the first reason, or not written yet",
    table: table,
    about: """
      Builds the code and tests of the current folder (as swift build --build-tests does)
      and runs every task's tests, each task in a process of its own: a test that stops in
      unwritten code or a failed precondition ends only its own run, so the table always
      covers every task, where plain swift test stops at the first such test. Ends with the
      command to run next.
      """,
    run: run)

  /// Checks every task and prints the table; exits 0 whatever the states.
  static func run(_ options: ParsedOptions) throws -> Int32 {
    let status = TaskStatus(
      checkout: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
      filter: options[filter], timeLimit: options[timeout], workers: options[jobs],
      progress: { printError("· " + $0) })
    let rows = try status.run()
    print(TaskStatus.table(rows, start: status.startModule))
    fflush(nil)
    return 0
  }
}
