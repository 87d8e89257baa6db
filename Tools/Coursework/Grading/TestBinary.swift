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

  /// The test binary of the package named `packageName` built in `packageFolder`.
  public init(packageName: String, packageFolder: URL, scratchFolder: URL, timeLimit: Double) {
    self.executable = packageFolder.appendingPathComponent(
      ".build/debug/\(packageName)PackageTests.xctest")
    self.packageFolder = packageFolder
    self.scratchFolder = scratchFolder
    self.timeLimit = timeLimit
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
    let termination = try Subprocess(
      executable, ["--testing-library", "swift-testing", "--list-tests"], in: packageFolder,
      environment: Self.environment, output: .file(file), errors: .discard, timeLimit: 120
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
  public func run(_ test: TestID, runNumber: Int, environment: [String: String?] = [:])
    -> TestOutcome
  {
    switch process(running: [test], runNumber: runNumber, environment: environment) {
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
  public func runTogether(_ tests: [TestID], runNumber: Int, environment: [String: String?] = [:])
    -> [TestID: TestOutcome]
  {
    guard tests.count > 1 else {
      return Dictionary(
        uniqueKeysWithValues: tests.map {
          ($0, run($0, runNumber: runNumber, environment: environment))
        })
    }
    var outcomes: [TestID: TestOutcome] = [:]
    if case .finished(let stream, let termination, let errorOutput) = process(
      running: tests, runNumber: runNumber, environment: environment)
    {
      for test in tests where stream.hasEnded(test) {
        outcomes[test] = stream.outcome(
          of: test, termination: termination, timeLimit: timeLimit, errorOutput: errorOutput)
      }
    }
    for test in tests where outcomes[test] == nil {
      outcomes[test] = run(test, runNumber: runNumber, environment: environment)
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

  /// Runs the test binary on `tests` in one process, with the file size limit.
  private func process(
    running tests: [TestID], runNumber: Int, environment: [String: String?]
  ) -> ProcessRun {
    let events = scratchFolder.appendingPathComponent("run-\(runNumber).jsonl")
    let errors = scratchFolder.appendingPathComponent("run-\(runNumber).stderr")
    defer {
      try? FileManager.default.removeItem(at: events)
      try? FileManager.default.removeItem(at: errors)
    }
    try? FileManager.default.removeItem(at: events)
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
        shell, ["-c", script, executable.path] + arguments, in: packageFolder,
        environment: Self.environment.merging(environment) { _, given in given },
        output: .discard, errors: .file(errors),
        timeLimit: timeLimit
      ).run()
    } catch {
      return .couldNotStart("the test process could not start: \(error.localizedDescription)")
    }
    let stream = EventStream((try? String(contentsOf: events, encoding: .utf8)) ?? "")
    return .finished(stream, termination, ErrorOutput.essentials(ofFile: errors))
  }

  /// Runs each test alone, `workers` at a time, with `environment` on top of the usual one,
  /// and reports how each went.
  public func run(_ tests: [TestID], workers: Int, environment: [String: String?] = [:])
    -> [TestID: TestOutcome]
  {
    let numbered = Array(tests.enumerated())
    let outcomes = parallelMap(numbered, workers: workers) { item in
      (item.element, run(item.element, runNumber: item.offset, environment: environment))
    }
    return Dictionary(outcomes, uniquingKeysWith: { first, _ in first })
  }

  /// Runs `tests` once with each planted bug of `bugs` (by name, through
  /// `MutantSchema.variable`), all tests of a bug in one process (`runTogether`), `workers`
  /// bugs at a time; returns, per test, the bugs it did not pass on (the bugs it caught), in
  /// the order of `bugs`.
  public func bugsCaught(by tests: [TestID], bugs: [String], workers: Int) -> [TestID: [String]] {
    let numbered = Array(bugs.enumerated())
    let outcomes = parallelMap(numbered, workers: workers) { item in
      runTogether(
        tests, runNumber: item.offset, environment: [MutantSchema.variable: item.element])
    }
    var caught: [TestID: [String]] = [:]
    for (bug, results) in zip(bugs, outcomes) {
      for test in tests where results[test]?.isPassed != true {
        caught[test, default: []].append(bug)
      }
    }
    return caught
  }
}
