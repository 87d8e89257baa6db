import Foundation

/// The grade of one submission: every task's result, notes about the build, the table printed
/// for people and the JSON written for Gradescope.
public struct Report: Sendable, Equatable {
  /// The course, from the manifest.
  public var course: String
  /// Every task of the manifest, in order.
  public var results: [TaskResult]
  /// Notes about the whole grading, such as a module that did not compile, shown above the
  /// tasks.
  public var notes: [String]

  /// A report; see the properties for what each value means.
  public init(course: String, results: [TaskResult], notes: [String] = []) {
    self.course = course
    self.results = results
    self.notes = notes
  }

  /// Most bytes of one task's output in the JSON; a longer output is cut with a note.
  public static let outputLimit = 8 * 1024

  /// The points earned by all automatically graded tasks.
  public var score: Double {
    (results.map(\.score).reduce(0, +) * 100).rounded() / 100
  }

  /// The points all automatically graded tasks are worth.
  public var maxScore: Double {
    results.map(\.maxScore).reduce(0, +)
  }

  /// The table printed after grading: task, title, checks passed, points.
  public var table: String {
    var rows = [["Task", "Title", "Passed", "Points"]]
    for result in results {
      if result.isAutoGraded {
        rows.append([
          result.task.id, result.task.title,
          result.total == 0 ? "-" : "\(result.passed)/\(result.total)",
          "\(Self.number(result.score))/\(Self.number(result.maxScore))",
        ])
      } else {
        rows.append([result.task.id, result.task.title, "-", "by hand"])
      }
    }
    rows.append(["", "Total", "", "\(Self.number(score))/\(Self.number(maxScore))"])
    let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.map { row in
      var line = zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
        .joined(separator: "  ")
      while line.hasSuffix(" ") {
        line.removeLast()
      }
      return line
    }.joined(separator: "\n")
  }

  /// The results in the JSON format Gradescope's autograder reads (`results.json`).
  ///
  /// One test entry per automatically graded task, named "Task 0.1: Operators", with `score`,
  /// `max_score` and `output` (cut to `outputLimit` bytes). Hand-graded tasks are left out, so
  /// that their points can be a separate, manually graded question on Gradescope; the overall
  /// `output` says what to hand in for them.
  public var gradescope: GradescopeResults {
    var overall = notes
    for result in results where !result.isAutoGraded {
      overall.append(
        "Task \(result.task.id) (\(result.task.title)) is graded by hand: "
          + (result.task.handIn ?? "see \(result.task.page)"))
    }
    let tests = results.filter(\.isAutoGraded).map { result in
      GradescopeResults.Test(
        name: "Task \(result.task.id): \(result.task.title)", number: result.task.id,
        score: result.score, maxScore: result.maxScore,
        output: Truncation.keepingHead(result.output, limit: Self.outputLimit),
        status: result.score == result.maxScore ? "passed" : "failed",
        visibility: result.task.visibility)
    }
    return GradescopeResults(
      score: score,
      output: Truncation.keepingHead(overall.joined(separator: "\n\n"), limit: Self.outputLimit),
      tests: tests, leaderboard: leaderboard)
  }

  /// The speed ratios of the tasks whose `speed` goes to the leaderboard and was measured;
  /// `nil` when there are none.
  public var leaderboard: [GradescopeResults.LeaderboardEntry]? {
    let entries = results.compactMap { result -> GradescopeResults.LeaderboardEntry? in
      guard result.task.speed?.isOnLeaderboard == true, let speed = result.speed,
        let ratio = speed.ratio
      else { return nil }
      return GradescopeResults.LeaderboardEntry(
        name: "Task \(result.task.id) speed, \(speed.measure.title) (× reference)",
        value: (ratio * 1000).rounded() / 1000)
    }
    return entries.isEmpty ? nil : entries
  }

  /// A number as a report shows it: whole numbers without a decimal point, others with at most
  /// two decimals ("10", "3.33").
  public static func number(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    if rounded == rounded.rounded() {
      return String(Int(rounded))
    }
    return String(format: "%.2f", rounded).replacingOccurrences(
      of: "0$", with: "", options: .regularExpression)
  }
}
