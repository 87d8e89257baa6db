import Foundation

/// The test executable SwiftPM builds for a package (`.build/debug/<Name>PackageTests.xctest`),
/// run directly: listing its tests, and running one test per process.
///
/// One process per test is what makes grading fair: a trap in one unfinished function ends
/// that test's process only. Calling the binary directly costs milliseconds, where `swift test`
/// costs half a second.
public struct TestBinary: Sendable {
  /// The executable.
  public var executable: URL
  /// The package folder it runs in (tests may read files relative to it).
  public var packageFolder: URL
  /// A folder for the event streams and error output of runs.
  public var scratchFolder: URL
  /// Seconds a single test may take before it is stopped.
  public var timeLimit: Double
  /// The user the tests run as (`GradingUser`); `nil` runs them as this process's user.
  public var user: GradingUser?
  /// The grading's time budget, if it has one: no test starts once it is spent, and a group's
  /// tests stop after repeated timeouts.
  public var budget: GradingBudget?
  /// The folder the test processes run in: the package folder, unless the tests run as another
  /// user who may not enter it (then that user's home).
  public var workingFolder: URL

  /// The test binary of the package named `packageName` built in `packageFolder`.
  public init(packageName: String, packageFolder: URL, scratchFolder: URL, timeLimit: Double) {
    self.executable = packageFolder.appendingPathComponent(
      ".build/debug/\(packageName)PackageTests.xctest")
    self.packageFolder = packageFolder
    self.scratchFolder = scratchFolder
    self.timeLimit = timeLimit
    self.workingFolder = packageFolder
  }

  /// Most a test process may write to one file, in 512-byte blocks (128 MB): enough for any
  /// honest test, and a test that prints for ever is stopped instead of filling the disk.
  static let fileSizeLimitBlocks = 262_144

  /// The environment of a test process: crashes print their message without a slow symbolic
  /// backtrace, and a grader's own `MINITORCH_SEED` or `MINITORCH_CASES` cannot change a grade.
  static let environment: [String: String?] = [
    "SWIFT_BACKTRACE": "enable=no",
    "MINITORCH_SEED": nil,
    "MINITORCH_CASES": nil,
    MutantSchema.variable: nil,
  ]

  /// Every Swift Testing test function in the binary. Throws a `CourseworkError` when the binary
  /// cannot list them.
  public func listTests() throws -> [TestID] {
    let file = scratchFolder.appendingPathComponent("list-tests.txt")
    let limit = budget?.quickLimit(upTo: 120) ?? 120
    let termination = try Subprocess(
      executable, ["--testing-library", "swift-testing", "--list-tests"], in: workingFolder,
      environment: Self.environment, output: .file(file), errors: .discard, timeLimit: limit,
      user: user
    ).run()
    let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    guard termination == .exited(0) else {
      throw CourseworkError.grading(
        "\(executable.path) --list-tests failed (\(termination)):\n"
          + Truncation.keepingHead(text, limit: 2000))
    }
    return text.split(separator: "\n").compactMap { TestID(String($0)) }
  }

  /// Runs `test` alone in a fresh process and reports how it went. `runNumber` keeps the files
  /// of runs that happen at the same time apart; `environment` is set (or, with `nil`, removed)
  /// on top of the usual test environment.
  /// `group` names the tests whose timeouts count together (by default the test's suite).
  public func run(
    _ test: TestID, runNumber: Int, environment: [String: String?] = [:], group: String? = nil
  ) -> TestOutcome {
    switch process(
      running: [test], runNumber: runNumber, environment: environment,
      group: group ?? test.suite)
    {
    case .couldNotStart(let reason):
      return .notRun(reason)
    case .finished(let stream, let termination, let errorOutput):
      return stream.outcome(
        of: test, termination: termination, timeLimit: timeLimit, errorOutput: errorOutput)
    }
  }

  /// Runs `tests` together in one process (as `swift test` would, in parallel inside it) and
  /// reports how each went. The tests that did not finish there, because the process crashed
  /// or ran out of time, run again, each alone, so one trap costs no other test its result.
  /// Much cheaper than a process per test when tests are short, as when every test runs again
  /// with each planted bug.
  public func runTogether(
    _ tests: [TestID], runNumber: Int, environment: [String: String?] = [:], group: String? = nil
  ) -> [TestID: TestOutcome] {
    guard tests.count > 1 else {
      return Dictionary(
        uniqueKeysWithValues: tests.map {
          ($0, run($0, runNumber: runNumber, environment: environment, group: group))
        })
    }
    var outcomes: [TestID: TestOutcome] = [:]
    if case .finished(let stream, let termination, let errorOutput) = process(
      running: tests, runNumber: runNumber, environment: environment,
      group: group ?? tests[0].suite)
    {
      for test in tests where stream.hasEnded(test) {
        outcomes[test] = stream.outcome(
          of: test, termination: termination, timeLimit: timeLimit, errorOutput: errorOutput)
      }
    }
    for test in tests where outcomes[test] == nil {
      outcomes[test] = run(test, runNumber: runNumber, environment: environment, group: group)
    }
    return outcomes
  }

  /// How a run of the test binary went.
  private enum ProcessRun {
    /// It ran: its event stream, how it ended, and the essential end of its error output.
    case finished(EventStream, Subprocess.Termination, String)
    /// It could not start, for this reason.
    case couldNotStart(String)
  }

  /// Runs the test binary on `tests` in one process, with the file size limit, unless the
  /// budget is spent or `group` has timed out too often.
  private func process(
    running tests: [TestID], runNumber: Int, environment: [String: String?], group: String
  ) -> ProcessRun {
    var limit = timeLimit
    if let budget {
      if let count = budget.skipsRest(of: group) {
        return .couldNotStart(GradingBudget.skippedReason(after: count))
      }
      guard let allowed = budget.timeLimit(upTo: timeLimit) else {
        return .couldNotStart(budget.spentReason)
      }
      limit = allowed
    }
    let events = scratchFolder.appendingPathComponent("run-\(runNumber).jsonl")
    let errors = scratchFolder.appendingPathComponent("run-\(runNumber).stderr")
    defer {
      try? FileManager.default.removeItem(at: events)
      try? FileManager.default.removeItem(at: errors)
    }
    try? FileManager.default.removeItem(at: events)
    if let user {
      // The test process opens its event stream by name, so it must own the file; the folder
      // stays root's, so the file cannot be swapped for a link before the grader reads it.
      guard FileManager.default.createFile(atPath: events.path, contents: nil),
        (try? user.takeOwnership(of: events)) != nil
      else {
        return .couldNotStart("the grader could not prepare the test's event stream file")
      }
    }
    var arguments = ["--testing-library", "swift-testing", "--quiet"]
    for test in tests {
      arguments += ["--filter", test.filterPattern]
    }
    arguments += ["--event-stream-output-path", events.path, "--event-stream-version", "0"]
    // A shell sets the file size limit, then becomes the test binary (same process id).
    let shell = URL(fileURLWithPath: "/bin/sh")
    let script = "ulimit -f \(Self.fileSizeLimitBlocks) 2>/dev/null; exec \"$0\" \"$@\""
    let termination: Subprocess.Termination
    do {
      termination = try Subprocess(
        shell, ["-c", script, executable.path] + arguments, in: workingFolder,
        environment: Self.environment.merging(environment) { _, given in given },
        output: .discard, errors: .file(errors),
        timeLimit: limit, user: user
      ).run()
    } catch {
      return .couldNotStart("the test process could not start: \(error.localizedDescription)")
    }
    if termination == .timedOut {
      guard limit >= timeLimit else {
        return .couldNotStart(budget?.stoppedReason ?? GradingBudget.reasonPrefix)
      }
      budget?.recordTimeout(in: group)
    }
    let stream = EventStream(Self.text(ofEventFile: events))
    return .finished(stream, termination, ErrorOutput.essentials(ofFile: errors))
  }

  /// The text of an event stream file, read without following a symbolic link, at most
  /// 16 MB (a stream is a few kilobytes per test).
  static func text(ofEventFile file: URL) -> String {
    let descriptor = open(file.path, O_RDONLY | O_NOFOLLOW)
    guard descriptor >= 0 else { return "" }
    let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    let data = (try? handle.read(upToCount: 16 << 20)) ?? Data()
    return String(decoding: data, as: UTF8.self)
  }

  /// Runs each test alone, `workers` at a time, with `environment` on top of the usual one,
  /// and reports how each went; `observe` hears of each outcome as it comes.
  public func run(
    _ tests: [TestID], workers: Int, environment: [String: String?] = [:],
    observe: (@Sendable (TestID, TestOutcome) -> Void)? = nil
  ) -> [TestID: TestOutcome] {
    let numbered = Array(tests.enumerated())
    let outcomes = parallelMap(numbered, workers: workers) { item in
      let outcome = run(item.element, runNumber: item.offset, environment: environment)
      observe?(item.element, outcome)
      return (item.element, outcome)
    }
    return Dictionary(outcomes, uniquingKeysWith: { first, _ in first })
  }

  /// Whether a test run with a planted bug caught it: it did not pass, and was not left out
  /// for the time budget.
  static func catches(_ outcome: TestOutcome) -> Bool {
    switch outcome {
    case .passed: return false
    case .notRun(let reason): return !GradingBudget.isBudgetReason(reason)
    case .failed, .crashed, .timedOut: return true
    }
  }

  /// Runs `tests` once with each planted bug of `bugs` (by name, through
  /// `MutantSchema.variable`), all tests of a bug in one process (`runTogether`), `workers`
  /// bugs at a time; returns, per test, the bugs it did not pass on (the bugs it caught), in
  /// the order of `bugs`.
  public func bugsCaught(by tests: [TestID], bugs: [String], workers: Int) -> [TestID: [String]] {
    let numbered = Array(bugs.enumerated())
    let group = tests.first.map { "\($0.suite) with planted bugs" }
    let outcomes = parallelMap(numbered, workers: workers) { item in
      runTogether(
        tests, runNumber: item.offset, environment: [MutantSchema.variable: item.element],
        group: group)
    }
    var caught: [TestID: [String]] = [:]
    for (bug, results) in zip(bugs, outcomes) {
      // A test left out for the budget did not catch the bug.
      for test in tests where results[test].map(Self.catches) ?? false {
        caught[test, default: []].append(bug)
      }
    }
    return caught
  }
}
