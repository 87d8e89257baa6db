import Foundation

/// What a student sees when one bug breaks a task: the output of `swift test --filter <suite>`
/// (the test part; build lines aside), measured on a planted bug.
///
/// One bug should fill one screen: each failing test prints its first failure and a count of
/// the rest (the test support's failure budget), so the failure reports of a whole suite stay
/// within `failureLineLimit` lines. The rest of the output is Swift Testing's own line per test
/// and case started and ended, which grows with the suite, not with the bug.
public struct FailureScreen: Sendable, Equatable {
  /// The task whose suite ran.
  public var task: String
  /// The planted bug it ran with.
  public var bug: String
  /// Every line the run printed.
  public var lines: Int
  /// The lines of its failure reports: each "recorded an issue" line and the lines under it.
  public var failureLines: Int

  /// The most lines the failure reports of one bug may take.
  public static let failureLineLimit = 50

  /// A measured screen; see the properties for what each value means.
  public init(task: String, bug: String, lines: Int, failureLines: Int) {
    self.task = task
    self.bug = bug
    self.lines = lines
    self.failureLines = failureLines
  }

  /// Whether the failure reports stay within `failureLineLimit`.
  public var fits: Bool { failureLines <= Self.failureLineLimit }

  /// One line for a report.
  public var line: String {
    let verdict = fits ? "✓" : "✗"
    let limit = fits ? "" : ", more than \(Self.failureLineLimit)"
    return "\(verdict) Task \(task) \(bug): swift test prints \(lines) lines, \(failureLines) of "
      + "them about failures\(limit)"
  }

  /// Counts the lines of Swift Testing's console `output` (not a terminal: no colours), and
  /// among them the failure reports: a line saying a test "recorded an issue" and the lines
  /// after it up to the next line about a test or suite starting or ending.
  public static func count(_ output: String) -> (lines: Int, failureLines: Int) {
    var lines = output.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.last == "" {
      lines.removeLast()
    }
    var inReport = false
    var failureLines = 0
    for line in lines {
      let isEvent = ["◇ ", "✔ ", "✘ "].contains { line.hasPrefix($0) }
      if isEvent {
        inReport = line.contains(" recorded an issue")
      }
      if inReport {
        failureLines += 1
      }
    }
    return (lines.count, failureLines)
  }

  /// Runs the suite `suite` of `task` in the test binary `executable` (built with the planted
  /// bugs of `MutantSchema`) with the bug `bug`, as `swift test --filter` would, and measures
  /// its output. `scratch` holds the output file; `timeLimit` bounds the whole run.
  static func measure(
    task: String, suite: String, bug: String, executable: URL, folder: URL, scratch: URL,
    timeLimit: Double
  ) throws -> FailureScreen {
    let file = scratch.appendingPathComponent("screen-\(task)-\(UUID().uuidString).txt")
    defer { try? FileManager.default.removeItem(at: file) }
    try Subprocess(
      executable, ["--testing-library", "swift-testing", "--filter", suite], in: folder,
      environment: [
        "SWIFT_BACKTRACE": "enable=no", "MINITORCH_SEED": nil, "MINITORCH_CASES": nil,
        "MINITORCH_ALL_FAILURES": nil, MutantSchema.variable: bug,
      ], output: .file(file), timeLimit: timeLimit
    ).run()
    let counted = count((try? String(contentsOf: file, encoding: .utf8)) ?? "")
    return FailureScreen(
      task: task, bug: bug, lines: counted.lines, failureLines: counted.failureLines)
  }
}
