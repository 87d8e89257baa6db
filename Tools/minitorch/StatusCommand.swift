import Coursework
import Foundation

/// `minitorch status`: every task's state in the current checkout.
enum StatusCommand {
  /// The command as `minitorch help` lists it.
  static let command = Command(
    name: "status",
    summary: "every task's state: passing, failing with the first reason, or not written yet",
    usage: """
      usage: minitorch status [--filter TEXT] [--timeout S] [--jobs N]

      Builds the code and tests of the current folder (as swift build --build-tests does)
      and runs every task's tests, each task in a process of its own: a test that stops in
      unwritten code or a failed precondition ends only its own run, so the table always
      covers every task, where plain swift test stops at the first such test. Ends with the
      command to run next.

      Options:
        --filter TEXT  only tasks whose number, suite or title contains TEXT, e.g. Task1
                       (a module), 1.3 or Task1_3 (a task)
        --timeout S    seconds a task's tests may run before they are stopped (default: 60)
        --jobs N       tasks tested at once (default: 2)
      """,
    run: { options in try run(&options) })

  /// Reads the options, checks every task and prints the table; exits 0 whatever the states.
  static func run(_ options: inout Arguments) throws -> Int32 {
    let filter = try options.string("filter")
    let timeout = try options.double("timeout", default: 60, in: 1...3600)
    let jobs = try options.int("jobs", default: 2, in: 1...64)
    try options.finish()
    let status = TaskStatus(
      checkout: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), filter: filter,
      timeLimit: timeout, workers: jobs, progress: { printError("· " + $0) })
    let rows = try status.run()
    print(TaskStatus.table(rows, start: status.startModule))
    fflush(nil)
    return 0
  }
}
