import Foundation

/// A grade the instructor expects, checked after grading (`minitorch grade --expect …`): the
/// reference must earn full marks, and a fresh starter must earn nothing. CI uses it for the
/// round trip, and an instructor can use it before handing out a starter.
public enum GradeExpectation: String, Sendable, CaseIterable {
  /// Every automatically graded task earns all its points.
  case full
  /// Every task whose solution regions in the submission all still hold the starter's
  /// placeholder earns 0.
  case zero

  /// The ways `report` of the submission at `submission` misses this expectation; empty when it
  /// is met. Throws when the submission's sources cannot be read.
  public func misses(in report: Report, submission: URL) throws -> [String] {
    switch self {
    case .full:
      // Speed points left unmeasured on purpose (--skip-benchmark) are not asked for.
      let expected = { (result: TaskResult) in
        result.maxScore - (result.speed?.wasSkipped == true ? result.speedMaxScore : 0)
      }
      return report.results.filter { $0.isAutoGraded && $0.score != expected($0) }.map {
        "Task \($0.task.id) scored \(Report.number($0.score)) of \(Report.number(expected($0)))"
      }
    case .zero:
      let unsolved = try Self.unsolvedTasks(in: submission)
      return report.results.filter { unsolved.contains($0.task.id) && $0.score != 0 }.map {
        "Task \($0.task.id) has only placeholders but scored \(Report.number($0.score))"
      }
    }
  }

  /// The tasks that have solution regions in the project at `root`, all of which hold just the
  /// starter's placeholder.
  public static func unsolvedTasks(in root: URL) throws -> Set<String> {
    var placeholders: Set<String> = []
    var solved: Set<String> = []
    for path in try ProjectFiles.list(in: root) where path.hasSuffix(".swift") {
      guard let text = try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8),
        text.contains(SolutionRegion.beginMarker)
      else { continue }
      let placeholder = Placeholder(forFileAt: path)
      for region in try SolutionRegion.regions(in: text, file: path) {
        if placeholder.isPlaceholder(region.body, taskID: region.taskID) {
          placeholders.insert(region.taskID)
        } else {
          solved.insert(region.taskID)
        }
      }
    }
    return placeholders.subtracting(solved)
  }
}
