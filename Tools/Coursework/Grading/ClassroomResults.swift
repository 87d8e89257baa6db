import Foundation

/// The results GitHub Classroom's autograding reporter reads: one JSON object that the workflow
/// passes, base64-encoded, through one environment variable.
///
/// Linux refuses to start a program with one environment string over 128 KiB, which would fail
/// the reporting step, and a starter's full feedback is already most of that. So the payload is
/// bounded whatever the outputs: each task's message is cut so that the JSON stays within
/// `byteLimit` (its base64 within `byteLimit` × 4/3, well under the limit); the full report is
/// in the job summary.
public struct ClassroomResults: Encodable, Sendable, Equatable {
  /// Most bytes of the JSON (60 KB; base64 makes it 80 KB).
  public static let byteLimit = 60_000

  /// The format's version, 1.
  public var version = 1
  /// "pass" when every task earned all its points, otherwise "fail".
  public var status: String
  /// The points all automatically graded tasks are worth.
  public var maxScore: Double
  /// One entry per automatically graded task.
  public var tests: [Test]

  /// One task.
  public struct Test: Encodable, Sendable, Equatable {
    /// "Task 0.1: Operators".
    public var name: String
    /// The points earned.
    public var score: Double
    /// What passed and what did not, cut to fit.
    public var message: String
    /// "pass" at full marks, otherwise "fail".
    public var status: String
  }

  enum CodingKeys: String, CodingKey {
    case version, status, tests
    case maxScore = "max_score"
  }

  /// The payload of `results` (Gradescope's, already scrubbed), at most `limit` bytes.
  public init(_ results: GradescopeResults, limit: Int = byteLimit) {
    let passed = results.tests.allSatisfy { $0.score >= $0.maxScore }
    status = passed ? "pass" : "fail"
    maxScore = results.tests.map(\.maxScore).reduce(0, +)
    let full = results.tests.map {
      Test(
        name: $0.name, score: $0.score, message: $0.output,
        status: $0.score >= $0.maxScore ? "pass" : "fail")
    }
    tests = full
    // Cut every message to an equal share of what is left after the fixed parts, then halve
    // the share until it fits: JSON escapes can make a message longer than its text.
    var share = limit
    while (try? encoded().count) ?? Int.max > limit, share > 0 {
      share = share == limit ? Self.share(of: limit, for: full, in: self) : share / 2
      tests = full.map { test in
        var cut = test
        cut.message = Truncation.keepingHead(test.message, limit: share)
        return cut
      }
    }
  }

  /// An equal share of `limit` for each message: what the payload takes with empty messages,
  /// taken from the limit, divided among the tests.
  static func share(of limit: Int, for tests: [Test], in payload: ClassroomResults) -> Int {
    var empty = payload
    empty.tests = tests.map { test in
      var cut = test
      cut.message = ""
      return cut
    }
    let fixed = (try? empty.encoded().count) ?? limit
    return max(0, (limit - fixed) / max(1, tests.count))
  }

  /// The JSON text, compact.
  public func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self)
  }
}
