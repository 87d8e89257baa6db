import Foundation
import Module0
import TestSupport
import Testing

/// Counts down to zero and then keeps going: it calls itself without end, as `log(x)` written
/// inside `enum Operators` does, but the compiler cannot tell.
func recurseForever(_ n: Int) -> Int {
  n == Int.min ? 0 : 1 + recurseForever(n - 1)
}

/// The standard error of an exit test, as text.
func errorText(_ result: ExitTest.Result?) -> String {
  String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}

/// How a stop ends a test process: directions and a prompt exit instead of a crash report. Not
/// graded. Each stop happens in a child process (an exit test), which installs the handler
/// itself: the `.explainsStops` trait applies to the parent process only.
@Suite(
  "Stops: notImplemented, failed checks, stack overflows", .explainsStops,
  .disabled(
    if: StopHandler.backtraceRequested,
    "SWIFT_BACKTRACE asks for Swift's backtrace, so the handler is not installed"))
struct StopHandlerChecks {
  @Test func notImplementedPrintsTheTaskAndTheCommandAndExits() async {
    let result = await #expect(
      processExitsWith: .exitCode(StopHandler.exitStatus), observing: [\.standardErrorContent]
    ) {
      notImplemented("Task 0.1")
    }
    let text = errorText(result)
    #expect(text.contains("Task 0.1 is not implemented yet."), "stderr was: \(text)")
    #expect(text.contains("assignments/module0.md, section \"Task 0.1\""), "stderr was: \(text)")
    #expect(text.contains("swift test --filter Task0_1"), "stderr was: \(text)")
    #expect(text.contains("StopHandlerChecks.swift:"), "the caller's file, in: \(text)")
  }

  @Test func aFailedPreconditionNamesTheTestAndTheNextCommand() async {
    let result = await #expect(
      processExitsWith: .exitCode(StopHandler.exitStatus), observing: [\.standardErrorContent]
    ) {
      StopHandler.install()
      StopHandler.testStarted("Task9_9/plantedCheck")
      let values: [Int] = []
      precondition(!values.isEmpty, "a planted check failed")
    }
    let text = errorText(result)
    #expect(text.contains("a planted check failed"), "the runtime's message, in: \(text)")
    #expect(text.contains("failed check"), "stderr was: \(text)")
    #expect(text.contains("It stopped in the test Task9_9/plantedCheck."), "stderr was: \(text)")
    #expect(
      text.contains("swift test --filter Task9_9/plantedCheck"), "stderr was: \(text)")
    #expect(!text.contains("Backtracing"), "no crash report, but: \(text)")
  }

  @Test func endlessRecursionEndsWithAMessage() async {
    let result = await #expect(
      processExitsWith: .exitCode(StopHandler.exitStatus), observing: [\.standardErrorContent]
    ) {
      StopHandler.install()
      StopHandler.testStarted("Task0_1/logIsTheNaturalLogarithm")
      print(recurseForever(1))
    }
    let text = errorText(result)
    #expect(text.contains("stack"), "stderr was: \(text)")
    #expect(text.contains("Foundation.log(x)"), "stderr was: \(text)")
    #expect(text.contains("Task0_1/logIsTheNaturalLogarithm"), "stderr was: \(text)")
  }

  @Test func aStopInAnotherThreadIsReportedOnce() async {
    let result = await #expect(
      processExitsWith: .exitCode(StopHandler.exitStatus), observing: [\.standardErrorContent]
    ) {
      StopHandler.install()
      DispatchQueue.concurrentPerform(iterations: 4) { _ in
        notImplemented("Task 2.1")
      }
    }
    let text = errorText(result)
    let count = text.components(separatedBy: "Task 2.1 is not implemented yet").count - 1
    #expect(count == 1, "printed \(count) times: \(text)")
  }

  @Test func directionsNameTheSuiteWhenItIsAnotherTasks() {
    let task = TaskReference("Task 2.1")
    func directions(_ running: [String], _ filters: [String]) -> String {
      StopHandler.notImplementedDirections(for: task, running: running, filters: filters, start: 0)
    }
    let own = directions(["Task2_1/a", "Task2_1/b"], ["Task2_1"])
    #expect(!own.contains("need it"), "its own suite: \(own)")
    #expect(own.contains("Then run its tests: swift test --filter Task2_1"), "\(own)")
    let other = directions(["Task2_3/x"], ["Task2_3"])
    #expect(
      other.contains("Task 2.1 is not implemented yet, and the tests of Task2_3 need it."),
      "\(other)")
    #expect(other.contains("swift test --filter Task2_1"), "\(other)")
    #expect(!other.contains("one task at a time"), "\(other)")
    let plain = directions(["Task0_1/x"], [])
    #expect(plain.contains("one task at a time, with its filter"), "\(plain)")
    let outsideTests = directions([], [])
    #expect(
      task.notImplementedMessage
        == StopHandler.notImplementedDirections(for: task, running: [], filters: []))
    #expect(
      !outsideTests.contains("need it") && !outsideTests.contains("one task at a time"),
      "\(outsideTests)")
  }

  @Test func anEarlierModulesPlaceholderInALaterStarterSaysToSyncFirst() {
    let earlier = StopHandler.notImplementedDirections(
      for: TaskReference("Task 2.1"), running: ["Task3_1/a"], filters: ["Task3_1"], start: 3)
    #expect(
      earlier.hasPrefix("Task 2.1 is not implemented yet, and the tests of Task3_1 need it."),
      "\(earlier)")
    #expect(
      earlier.contains("First: swift run minitorch sync --from <your module 2 repository>"),
      "\(earlier)")
    #expect(earlier.contains("Then run the tests again: swift test --filter Task3_1"), "\(earlier)")
    #expect(!earlier.contains("assignments/module2.md"), "\(earlier)")
    let own = StopHandler.notImplementedDirections(
      for: TaskReference("Task 3.2"), running: ["Task3_1/a"], filters: ["Task3_1"], start: 3)
    #expect(own.contains("What to write: assignments/module3.md"), "\(own)")
    #expect(!own.contains("minitorch sync"), "\(own)")
  }

  @Test func stopNotesGiveOneCommandForWhatIsKnown() {
    let one = StopHandler.stopNote(signal: SIGILL, running: ["Task1_4/aPolynomial"], filters: [])
    #expect(
      one.contains(
        "SWIFT_BACKTRACE=enable=yes,preset=friendly swift test --filter Task1_4/aPolynomial"),
      "\(one)")
    let suite = StopHandler.stopNote(
      signal: SIGTRAP, running: ["Task1_4/a", "Task1_4/b"], filters: ["Task1_4"])
    #expect(suite.contains("swift test --no-parallel --filter Task1_4\n"), "\(suite)")
    let several = StopHandler.stopNote(
      signal: SIGABRT, running: ["Task1_4/a", "Task0_1/b"], filters: [])
    #expect(several.contains("Task1_4, Task0_1"), "\(several)")
    #expect(several.hasSuffix("swift test --no-parallel\n"), "\(several)")
    let outsideTests = StopHandler.stopNote(signal: SIGSEGV, running: [], filters: [])
    #expect(outsideTests.contains("calls itself without end"), "\(outsideTests)")
    #expect(!outsideTests.contains("swift test"), "\(outsideTests)")
  }

  @Test func filtersAreReadFromTheCommandLine() {
    let filters = StopHandler.commandLineFilters
    let arguments = CommandLine.arguments
    #expect(filters.count == arguments.filter { $0 == "--filter" }.count)
    for filter in filters {
      #expect(arguments.contains(filter))
    }
  }

  @Test func runningTestsAreRecordedWhileTheyRun() {
    #expect(StopHandler.runningTests.contains(currentTestFilter()))
  }

  @Test func onlyAnEnabledBacktraceKeepsTheRuntimesHandler() {
    #expect(StopHandler.backtraceRequested(by: "enable=yes,preset=friendly"))
    #expect(StopHandler.backtraceRequested(by: "preset=friendly, enable = tty"))
    #expect(!StopHandler.backtraceRequested(by: "enable=no"))
    #expect(!StopHandler.backtraceRequested(by: "preset=friendly"))
    #expect(!StopHandler.backtraceRequested(by: nil))
  }

  /// Every suite of the stage tests carries `.explainsStops`, so that every test process a
  /// student starts has the handler.
  @Test func everySuiteExplainsItsStops() throws {
    let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
    let folders = try FileManager.default.contentsOfDirectory(atPath: tests.path)
      .filter { $0.hasPrefix("Module") && $0.hasSuffix("Tests") }
    #expect(folders.count >= 3, "found only \(folders) in \(tests.path)")
    for folder in folders {
      let folderURL = tests.appendingPathComponent(folder)
      for file in try FileManager.default.contentsOfDirectory(atPath: folderURL.path)
      where file.hasSuffix(".swift") {
        let source = try String(
          contentsOf: folderURL.appendingPathComponent(file), encoding: .utf8)
        // Suites are declared at the top level: the attribute starts a line.
        let suites = ("\n" + source).components(separatedBy: "\n@Suite(").dropFirst()
        for suite in suites {
          let attribute = suite.components(separatedBy: "struct ")[0]
          #expect(
            attribute.contains(".explainsStops"),
            "a @Suite in Tests/\(folder)/\(file) lacks the .explainsStops trait")
        }
      }
    }
  }
}
