import Foundation

/// The time one grading may take in all (`minitorch grade --budget S`), and the rule that stops
/// a task's tests after they time out again and again.
///
/// Gradescope stops a run at its time limit and then shows the student 0 with no feedback, so
/// the grader works to a budget instead: no program starts after the budget's end, each one's
/// time limit is cut to what is left, and the results are written in time with what was not run
/// said in words. One endless loop in a function every test calls would otherwise cost every
/// test its full time limit: after `timeoutsBeforeSkipping` tests of one group (a task's suite)
/// time out, its remaining tests are not run and fail with the reason.
///
/// Shared by the threads that run tests, so it is a class behind a lock.
public final class GradingBudget: @unchecked Sendable {
  /// When the work must be done: nothing starts after it.
  public let end: Date
  /// The whole budget in seconds, for messages.
  public let seconds: Double
  /// How many tests of one group may time out before the rest of the group is skipped.
  public let timeoutsBeforeSkipping: Int
  private let lock = NSLock()
  private var timeouts: [String: Int] = [:]

  /// A budget of `seconds` from `start`, keeping `reserve` seconds at the end for writing the
  /// results (by default a tenth of the budget, at most 30 s).
  public init(
    seconds: Double, reserve: Double? = nil, start: Date = Date(), timeoutsBeforeSkipping: Int = 2
  ) {
    self.seconds = seconds
    let kept = reserve ?? min(30, seconds / 10)
    end = start.addingTimeInterval(max(0, seconds - kept))
    self.timeoutsBeforeSkipping = timeoutsBeforeSkipping
  }

  /// Seconds left before the end (never negative).
  public var remaining: Double { max(0, end.timeIntervalSinceNow) }

  /// Whether the budget has run out.
  public var isSpent: Bool { remaining <= 0.05 }

  /// The time limit for a program that may take `limit` seconds: `limit`, or what is left of
  /// the budget when that is less; `nil` when nothing is left.
  public func timeLimit(upTo limit: Double) -> Double? {
    let left = remaining
    guard left > 0.05 else { return nil }
    return min(limit, left)
  }

  /// The time limit for a quick step that must run even after the budget is spent (listing
  /// the tests, reading `Package.swift`): `limit`, cut to what is left but never below
  /// `floor`. The watchdog still ends the grading in time.
  public func quickLimit(upTo limit: Double, atLeast floor: Double = 10) -> Double {
    min(limit, max(remaining, floor))
  }

  /// Counts a test of `group` that ran out of its own time limit.
  public func recordTimeout(in group: String) {
    lock.lock()
    defer { lock.unlock() }
    timeouts[group, default: 0] += 1
  }

  /// How many tests of `group` ran out of time, when that is enough to skip the rest.
  public func skipsRest(of group: String) -> Int? {
    lock.lock()
    defer { lock.unlock() }
    let count = timeouts[group, default: 0]
    return count >= timeoutsBeforeSkipping ? count : nil
  }

  /// How every reason the budget gives for a test that did not run starts.
  static let reasonPrefix = "not run: "

  /// Whether `reason` (of `TestOutcome.notRun`) is one the budget gave.
  public static func isBudgetReason(_ reason: String) -> Bool {
    reason.hasPrefix(reasonPrefix)
  }

  /// Why a test did not run once the budget was spent.
  public var spentReason: String {
    Self.reasonPrefix
      + "the grading's time budget of \(Report.number(seconds)) s ran out before it could "
      + "run (an endless loop elsewhere uses up the time)"
  }

  /// Why a test that was running when the budget ran out has no result.
  public var stoppedReason: String {
    Self.reasonPrefix + "stopped when the grading's time budget of \(Report.number(seconds)) s "
      + "ran out (an endless loop elsewhere uses up the time)"
  }

  /// Why a test of a group was skipped after `count` of its tests timed out.
  public static func skippedReason(after count: Int) -> String {
    reasonPrefix + "\(count) tests of this task already ran out of time (an endless loop?), so its "
      + "remaining tests were skipped to keep the grading within its time budget"
  }
}
