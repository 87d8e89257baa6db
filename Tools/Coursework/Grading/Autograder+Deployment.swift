import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The parts of grading a deployed autograder needs around the grading itself: taking in the
/// submission safely, and timing the submission's kernels.
extension Autograder {
  /// Closes the workspace to the grading user when there is one, then copies the submission's
  /// regular files into the workspace (`SubmissionIntake`). Returns the copy, which is graded
  /// from then on, and a note naming what was left out. Throws a `CourseworkError` when the
  /// submission's folder is itself a link or cannot be read.
  func takeIn(_ submission: URL) throws -> (URL, String?) {
    if let user {
      try workspace.protect(for: user)
    }
    var status = stat()
    guard lstat(submission.path, &status) == 0,
      (status.st_mode & mode_t(S_IFMT)) == mode_t(S_IFDIR)
    else {
      throw CourseworkError.grading(
        "the submission \(submission.path) is a symbolic link, not a folder; links are not "
          + "graded")
    }
    progress("Copying the submission's files into \(workspace.intake.path)")
    let intake = try SubmissionIntake.copy(submission, into: workspace.intake)
    return (workspace.intake, intake.note)
  }

  /// Times the tasks of `manifest` that have a `speed` setting, when `measuresSpeed` is set,
  /// and records each one's result in `results`. A code task is timed only when all its tests
  /// pass; a hand-graded one (leaderboard only) when every code task of its module passes.
  func measureSpeed(
    of manifest: TaskManifest, _ officialFiles: [String], into results: inout [String: TaskResult]
  ) {
    let timed = manifest.tasks.filter { $0.speed != nil }
    guard !timed.isEmpty else { return }
    var reasons: [String: String] = [:]
    for task in timed {
      let needed =
        task.kind == .code
        ? [task] : manifest.tasks(inModule: task.module).filter { $0.kind == .code }
      let failing = needed.filter { task in
        guard let result = results[task.id] else { return true }
        return result.total == 0 || result.passed < result.total
      }
      if !measuresSpeed {
        reasons[task.id] = "the benchmark was skipped (--skip-benchmark)"
      } else if !failing.isEmpty {
        let names = failing.map { "Task \($0.id)" }.joined(separator: ", ")
        reasons[task.id] = "timed only when every test of \(names) passes"
      }
    }
    let measures = Array(
      Set(timed.filter { reasons[$0.id] == nil }.compactMap { $0.speed?.measure })
    ).sorted { $0.rawValue < $1.rawValue }
    var measured: [SpeedSetting.Measure: SpeedResult] = [:]
    if !measures.isEmpty, let swift = Subprocess.findExecutable("swift") {
      let benchmark = SpeedBenchmark(
        official: official, officialFiles: officialFiles, workspace: workspace, swift: swift,
        user: user, budget: budget, progress: progress)
      measured = benchmark.measure(measures)
    }
    for task in timed {
      guard let setting = task.speed else { continue }
      let speed =
        reasons[task.id].map {
          SpeedResult(measure: setting.measure, notMeasured: $0, skipped: !measuresSpeed)
        } ?? measured[setting.measure]
        ?? SpeedResult(measure: setting.measure, notMeasured: "the benchmark did not run")
      var result =
        results[task.id] ?? TaskResult(task: task, passed: 0, total: 0, output: "")
      result.record(speed: speed)
      results[task.id] = result
      record?.record(result)
    }
  }
}
