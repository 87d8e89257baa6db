import Foundation

/// The results file Gradescope reads from `/autograder/results/results.json`.
public struct GradescopeResults: Codable, Sendable, Equatable {
  /// The total score.
  public var score: Double
  /// Text shown above the tests.
  public var output: String
  /// One entry per graded task.
  public var tests: [Test]

  /// Results with `score` in all, `output` above the tests, and `tests`.
  public init(score: Double, output: String, tests: [Test]) {
    self.score = score
    self.output = output
    self.tests = tests
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

    /// An item; see the properties for what each value means.
    public init(
      name: String, number: String, score: Double, maxScore: Double, output: String,
      status: String
    ) {
      self.name = name
      self.number = number
      self.score = score
      self.maxScore = maxScore
      self.output = output
      self.status = status
    }

    enum CodingKeys: String, CodingKey {
      case name, number, score, output, status
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
