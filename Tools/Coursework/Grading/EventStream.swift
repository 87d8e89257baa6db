import Foundation

/// Reads the JSON Lines a Swift Testing run writes with `--event-stream-output-path F
/// --event-stream-version 0`, and decides how one test went.
///
/// Grading reads only this structured record, never the text a test prints, so student code
/// cannot print its way to a pass. A test passed when an event `testEnded` arrived for it and no
/// `issueRecorded` event without `issue.isKnown` did. When the process dies first, no
/// `testEnded` arrives: the test crashed or timed out.
public struct EventStream: Sendable {
  /// One event of the stream: its kind (`testStarted`, `issueRecorded`, …), the test it is
  /// about, the texts it carries, and for issues whether the issue was expected.
  public struct Event: Sendable, Equatable {
    /// The event's kind, for example "testEnded".
    public var kind: String
    /// The id of the test the event is about, with its source location; `nil` for run events.
    public var testID: String?
    /// The event's messages, in order.
    public var messages: [String]
    /// For `issueRecorded`: whether the issue was a known one (inside `withKnownIssue`).
    public var isKnownIssue: Bool
  }

  /// The events of the stream, in order; lines that are not events (test records, or a last
  /// line cut short when the process died) are skipped.
  public var events: [Event]

  /// Reads the stream from its text.
  public init(_ text: String) {
    events = []
    let decoder = JSONDecoder()
    for line in text.split(separator: "\n") {
      guard let record = try? decoder.decode(Record.self, from: Data(line.utf8)),
        record.kind == "event", let payload = record.payload, let kind = payload.kind
      else { continue }
      events.append(
        Event(
          kind: kind, testID: payload.testID,
          messages: (payload.messages ?? []).map(\.text),
          isKnownIssue: payload.issue?.isKnown ?? false))
    }
  }

  /// Whether the stream records the end of `test`.
  public func hasEnded(_ test: TestID) -> Bool {
    events.contains { $0.kind == "testEnded" && $0.testID.map(test.matches(eventTestID:)) == true }
  }

  /// How `test` went, given how its process ended and the end of its error output (which holds
  /// the message of a trap).
  public func outcome(
    of test: TestID, termination: Subprocess.Termination, timeLimit: Double, errorOutput: String
  ) -> TestOutcome {
    let own = events.filter { $0.testID.map(test.matches(eventTestID:)) ?? false }
    let issues = own.filter { $0.kind == "issueRecorded" && !$0.isKnownIssue }
      .map {
        $0.messages.filter { $0 != "Issue recorded" }.map(Self.explained).joined(separator: "\n")
      }
    if own.contains(where: { $0.kind == "testEnded" }) {
      return issues.isEmpty ? .passed : .failed(issues)
    }
    if let skip = own.first(where: { $0.kind == "testSkipped" }) {
      return .notRun("skipped: " + skip.messages.joined(separator: " "))
    }
    switch termination {
    case .timedOut:
      return .timedOut(timeLimit)
    case .exited(let status) where !own.contains(where: { $0.kind == "testStarted" }):
      return .notRun("the test did not run (the test process exited with status \(status))")
    case .exited(let status):
      return .crashed(crashReport("exited with status \(status)", issues, errorOutput))
    case .signalled(let signal):
      return .crashed(crashReport(Self.describe(signal: signal), issues, errorOutput))
    }
  }

  private func crashReport(_ how: String, _ issues: [String], _ errorOutput: String) -> String {
    // A stop in a placeholder is code not written yet, not a crash of the student's code.
    var lines = [
      TaskStatus.unwrittenTask(in: errorOutput).map {
        "not written yet: the test stopped in the placeholder of Task \($0), "
          + "notImplemented(\"Task \($0)\"):"
      } ?? "crashed before the test finished (\(how)):"
    ]
    let tail = errorOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    if !tail.isEmpty {
      lines.append(tail)
    }
    if !issues.isEmpty {
      lines.append("Issues recorded before the crash:")
      lines += issues
    }
    return lines.joined(separator: "\n")
  }

  /// An issue's message, with the outcome of a failed exit test
  /// (`#expect(processExitsWith: …)`) said in words: the testing library only writes
  /// `Expectation failed: .failure → .exitCode(0)`.
  public static func explained(_ message: String) -> String {
    let prefix = "Expectation failed: "
    guard message.hasPrefix(prefix), let arrow = message.range(of: " → ") else { return message }
    let expected = message[
      message.index(message.startIndex, offsetBy: prefix.count)..<arrow.lowerBound]
    let actual = message[arrow.upperBound...]
    guard [".failure", ".success"].contains(expected) || expected.hasPrefix(".exitCode("),
      actual.hasPrefix(".exitCode(") || actual.hasPrefix(".signal(")
    else { return message }
    let ended: String
    if actual == ".exitCode(0)" {
      ended = "it finished normally"
    } else if actual.hasPrefix(".exitCode(") {
      ended = "it exited with status \(actual.dropFirst(".exitCode(".count).dropLast())"
    } else {
      let number = actual.split(separator: "→").last.map {
        $0.trimmingCharacters(in: CharacterSet(charactersIn: " )"))
      }
      ended = "it was stopped: " + describe(signal: Int32(number ?? "") ?? 0)
    }
    let wanted: String
    switch expected {
    case ".failure":
      wanted =
        "The code in this exit test should stop with a message (a precondition for bad input), "
        + "but \(ended): a check is missing or lets this input through."
    case ".success":
      wanted = "The code in this exit test should finish normally, but \(ended)."
    default:
      wanted = "The code in this exit test should end with \(expected.dropFirst()), but \(ended)."
    }
    return wanted + " (" + message + ")"
  }

  /// Names the signals a test process dies of.
  static func describe(signal: Int32) -> String {
    switch signal {
    case 4, 5:
      return
        "signal \(signal): a Swift trap, such as fatalError, a failed precondition or notImplemented"
    case 6: return "signal 6: abort"
    case 9: return "signal 9: killed"
    case 11: return "signal 11: segmentation fault (a stack overflow from endless recursion?)"
    case 25: return "signal 25: the test wrote more output than allowed"
    default: return "signal \(signal)"
    }
  }

  // The parts of a JSON Lines record the grader reads.
  private struct Record: Decodable {
    var kind: String
    var payload: Payload?
  }

  private struct Payload: Decodable {
    var kind: String?
    var testID: String?
    var messages: [Message]?
    var issue: Issue?
  }

  private struct Message: Decodable {
    var text: String
  }

  private struct Issue: Decodable {
    var isKnown: Bool?
  }
}
