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
  /// What a starter made with `--keep-earlier-solutions` must earn: every automatically graded
  /// task whose regions all hold a solution (the earlier modules it keeps) earns full marks,
  /// and every task with no solved region (its own module and every later one, a file missing
  /// included) earns 0.
  case starter

  /// The ways `report` of the submission at `submission` misses this expectation; empty when it
  /// is met. Throws when the submission's sources cannot be read.
  public func misses(in report: Report, submission: URL) throws -> [String] {
    // Speed points left unmeasured on purpose (--skip-benchmark) are not asked for.
    let expected = { (result: TaskResult) in
      result.maxScore - (result.speed?.wasSkipped == true ? result.speedMaxScore : 0)
    }
    let full = { (result: TaskResult) in
      "Task \(result.task.id) scored \(Report.number(result.score)) of "
        + Report.number(expected(result))
    }
    let zero = { (result: TaskResult) in
      "Task \(result.task.id) has only placeholders but scored \(Report.number(result.score))"
    }
    switch self {
    case .full:
      return report.results.filter { $0.isAutoGraded && $0.score != expected($0) }.map(full)
    case .zero:
      let unsolved = try Self.unsolvedTasks(in: submission)
      return report.results.filter { unsolved.contains($0.task.id) && $0.score != 0 }.map(zero)
    case .starter:
      let regions = try RegionStates(in: submission, among: ProjectFiles.list(in: submission))
      return report.results.filter(\.isAutoGraded).compactMap { result in
        let id = result.task.id
        if !regions.solved.contains(id) {
          return result.score == 0 ? nil : zero(result)
        }
        if !regions.placeholders.contains(id) {
          return result.score == expected(result) ? nil : full(result) + ", keeping the solution"
        }
        return nil
      }
    }
  }

  /// The tasks that have solution regions in the project at `root`, all of which hold just the
  /// starter's placeholder.
  public static func unsolvedTasks(in root: URL) throws -> Set<String> {
    try unsolvedTasks(in: root, among: ProjectFiles.list(in: root))
  }

  /// The tasks that have solution regions in the files `paths` of the project at `root`, all of
  /// which hold just the starter's placeholder.
  public static func unsolvedTasks(in root: URL, among paths: [String]) throws -> Set<String> {
    let regions = try RegionStates(in: root, among: paths)
    return regions.placeholders.subtracting(regions.solved)
  }

  /// Which tasks' regions hold a placeholder, and which hold something else (a solution).
  struct RegionStates {
    /// Tasks with at least one region holding just the starter's placeholder.
    var placeholders: Set<String> = []
    /// Tasks with at least one region holding anything else.
    var solved: Set<String> = []

    /// Reads the regions of the Swift files among `paths` of the project at `root`.
    init(in root: URL, among paths: [String]) throws {
      for path in paths where path.hasSuffix(".swift") {
        guard
          let text = try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8),
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
    }
  }
}
