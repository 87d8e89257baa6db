/// What happened when one test ran in a process of its own.
public enum TestOutcome: Sendable, Equatable {
  /// The test ended and recorded no issue (known issues do not count).
  case passed
  /// The test ended with issues; each string is one issue's text.
  case failed([String])
  /// The process died before the test ended (a trap such as `notImplemented` or `fatalError`,
  /// or a crash). `detail` says how, with the end of its error output and any issues recorded
  /// before it died.
  case crashed(String)
  /// The test ran past the time limit of this many seconds and was stopped.
  case timedOut(Double)
  /// The test never ran (it was skipped, or the filter found nothing); `reason` says why.
  case notRun(String)

  /// Whether the test passed.
  public var isPassed: Bool { self == .passed }

  /// A short explanation for a report, empty for a pass.
  public var explanation: String {
    switch self {
    case .passed:
      return ""
    case .failed(let issues):
      return issues.joined(separator: "\n")
    case .crashed(let detail):
      return detail
    case .timedOut(let seconds):
      return "stopped after the time limit of \(Report.number(seconds)) s (an endless loop?)"
    case .notRun(let reason):
      return reason
    }
  }
}
