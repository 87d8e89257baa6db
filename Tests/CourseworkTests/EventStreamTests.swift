import Coursework
import Testing

/// Deciding how a test went from the event stream of its process.
@Suite("Event stream")
struct EventStreamTests {
  let test = TestID("Module0Tests.Task0_1/mulIsSwiftMultiplication()")!
  let location = "Module0Tests.Task0_1/mulIsSwiftMultiplication()/Task0_1.swift:11:4"

  /// One event record as the testing library writes it (trimmed to the fields that matter).
  func event(_ kind: String, test id: String?, _ messages: [String] = [], known: Bool? = nil)
    -> String
  {
    let texts = messages.map { "{\"symbol\":\"details\",\"text\":\"\($0)\"}" }
    var payload = "\"kind\":\"\(kind)\",\"messages\":[\(texts.joined(separator: ","))]"
    if let id {
      payload += ",\"testID\":\"\(id)\""
    }
    if let known {
      payload += ",\"issue\":{\"isKnown\":\(known)}"
    }
    return "{\"kind\":\"event\",\"payload\":{\(payload)},\"version\":0}"
  }

  var started: [String] {
    [
      "{\"kind\":\"test\",\"payload\":{\"id\":\"\(location)\",\"kind\":\"function\"},\"version\":0}",
      event("runStarted", test: nil, ["Test run started."]),
      event("testStarted", test: "Module0Tests.Task0_1"),
      event("testStarted", test: location),
    ]
  }

  func outcome(_ lines: [String], _ termination: Subprocess.Termination = .exited(0)) -> TestOutcome
  {
    EventStream(lines.joined(separator: "\n")).outcome(
      of: test, termination: termination, timeLimit: 60, errorOutput: "Fatal error: boom")
  }

  @Test func aTestThatEndsWithoutIssuesPassed() {
    #expect(outcome(started + [event("testEnded", test: location)]) == .passed)
  }

  @Test func issuesMakeItFailWithTheirMessages() {
    let lines =
      started + [
        event("issueRecorded", test: location, ["Issue recorded", "mul(1, 2) is 3"], known: false),
        event("issueRecorded", test: location, ["Expectation failed: 1 == 2"], known: false),
        event("testEnded", test: location),
      ]
    #expect(
      outcome(lines, .exited(1)) == .failed(["mul(1, 2) is 3", "Expectation failed: 1 == 2"]))
  }

  @Test func knownIssuesDoNotCount() {
    let lines =
      started + [
        event("issueRecorded", test: location, ["expected"], known: true),
        event("testEnded", test: location),
      ]
    #expect(outcome(lines) == .passed)
  }

  @Test func issuesOfOtherTestsDoNotCount() {
    let other = "Module0Tests.Task0_1/mulIsSwiftMultiplicationToo()/Task0_1.swift:20:4"
    let lines =
      started + [
        event("issueRecorded", test: other, ["not mine"], known: false),
        event("testEnded", test: location),
      ]
    #expect(outcome(lines) == .passed)
  }

  @Test func aProcessThatDiesBeforeTestEndedCrashed() {
    let result = outcome(started, .signalled(4))
    guard case .crashed(let detail) = result else {
      Issue.record("expected a crash, got \(result)")
      return
    }
    #expect(detail.contains("Swift trap"))
    #expect(detail.contains("Fatal error: boom"))
  }

  @Test func aStopInAPlaceholderIsNotWrittenYetRatherThanACrash() {
    let stop =
      "Module2/Core/TensorData.swift:40: Task 2.1 is not implemented yet, and the tests of Task2_3 "
      + "need it.\n  What to write: assignments/module2.md, section \"Task 2.1\".\n"
    let result = EventStream(started.joined(separator: "\n")).outcome(
      of: test, termination: .exited(70), timeLimit: 60, errorOutput: stop)
    guard case .crashed(let detail) = result else {
      Issue.record("expected the stop to end the test, got \(result)")
      return
    }
    #expect(detail.hasPrefix("not written yet: the test stopped in the placeholder of Task 2.1"))
    #expect(!detail.contains("crashed"), "\(detail)")
    #expect(detail.contains("assignments/module2.md"), "the directions are kept: \(detail)")
  }

  @Test func aCrashAfterAnIssueKeepsTheIssue() {
    let lines = started + [event("issueRecorded", test: location, ["first"], known: false)]
    guard case .crashed(let detail) = outcome(lines, .signalled(11)) else {
      Issue.record("expected a crash")
      return
    }
    #expect(detail.contains("first"))
  }

  @Test func aProcessKilledAtTheTimeLimitTimedOut() {
    #expect(outcome(started, .timedOut) == .timedOut(60))
  }

  @Test func aTestThatNeverStartedDidNotRun() {
    let result = outcome([event("runStarted", test: nil)])
    guard case .notRun = result else {
      Issue.record("expected notRun, got \(result)")
      return
    }
  }

  @Test func aSkippedTestDidNotRun() {
    let lines = [event("testSkipped", test: location, ["disabled"])]
    #expect(outcome(lines) == .notRun("skipped: disabled"))
  }

  @Test func aLastLineCutShortIsIgnored() {
    let lines = started + [event("testEnded", test: location), "{\"kind\":\"event\",\"pay"]
    #expect(outcome(lines) == .passed)
  }

  @Test func errorOutputKeepsTheCrashMessageWithoutProgressOrStackTrace() {
    let text = """
      ◇ Test run started.
      ↳ Testing Library Version: 6.3.1
      hello from the test
      Module0/Operators.swift:16: Fatal error: Task 0.1 is not implemented yet.
        What to write: assignments/module0.md
      Current stack trace:
      0    libswiftCore.so    0x00007f5c54b5f130 swift_reportError + 33
      """
    #expect(
      ErrorOutput.essentials(of: text)
        == """
        hello from the test
        Module0/Operators.swift:16: Fatal error: Task 0.1 is not implemented yet.
          What to write: assignments/module0.md
        """)
  }

  @Test func aFailedExitTestIsExplainedInWords() {
    let noStop = EventStream.explained("Expectation failed: .failure → .exitCode(0)")
    #expect(noStop.hasPrefix("The code in this exit test should stop with a message"))
    #expect(noStop.contains("but it finished normally"))
    #expect(noStop.hasSuffix("(Expectation failed: .failure → .exitCode(0))"))
    let trapped = EventStream.explained("Expectation failed: .success → .signal(SIGILL → 4)")
    #expect(trapped.contains("should finish normally, but it was stopped: signal 4: a Swift trap"))
    let other = "Expectation failed: (x → 1) == 2"
    #expect(EventStream.explained(other) == other)
  }
}
