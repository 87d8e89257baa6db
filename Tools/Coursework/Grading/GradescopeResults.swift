import Foundation

/// The results file Gradescope reads from `/autograder/results/results.json`.
public struct GradescopeResults: Codable, Sendable, Equatable {
  /// The total score.
  public var score: Double
  /// Text shown above the tests.
  public var output: String
  /// One entry per graded task.
  public var tests: [Test]
  /// Quantities for Gradescope's leaderboard (speed ratios); `nil` when there are none.
  public var leaderboard: [LeaderboardEntry]?

  /// Results with `score` in all, `output` above the tests, `tests`, and a `leaderboard`.
  public init(
    score: Double, output: String, tests: [Test], leaderboard: [LeaderboardEntry]? = nil
  ) {
    self.score = score
    self.output = output
    self.tests = tests
    self.leaderboard = leaderboard
  }

  /// One quantity on Gradescope's leaderboard; higher ranks higher unless `order` is "asc".
  public struct LeaderboardEntry: Codable, Sendable, Equatable {
    /// The column's title.
    public var name: String
    /// The submission's value.
    public var value: Double
    /// "asc" when lower is better; `nil` for Gradescope's default, higher is better.
    public var order: String?

    /// An entry; see the properties for what each value means.
    public init(name: String, value: Double, order: String? = nil) {
      self.name = name
      self.value = value
      self.order = order
    }
  }

  /// One graded item on Gradescope.
  public struct Test: Codable, Sendable, Equatable {
    /// What the student sees as the item's title.
    public var name: String
    /// Orders the items on Gradescope: the task id.
    public var number: String
    /// The points earned.
    public var score: Double
    /// The points it is worth.
    public var maxScore: Double
    /// What passed and what did not.
    public var output: String
    /// "passed" at full marks, otherwise "failed".
    public var status: String
    /// When students see the item; `nil` is Gradescope's default (at once).
    public var visibility: GradescopeVisibility?

    /// An item; see the properties for what each value means.
    public init(
      name: String, number: String, score: Double, maxScore: Double, output: String,
      status: String, visibility: GradescopeVisibility? = nil
    ) {
      self.name = name
      self.number = number
      self.score = score
      self.maxScore = maxScore
      self.output = output
      self.status = status
      self.visibility = visibility
    }

    enum CodingKeys: String, CodingKey {
      case name, number, score, output, status, visibility
      case maxScore = "max_score"
    }
  }

  /// The JSON text, keys sorted so that the same grade always gives the same file.
  public func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self)
  }
}
