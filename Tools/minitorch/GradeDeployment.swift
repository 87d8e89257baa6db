import Coursework
import Foundation

/// The options of `minitorch grade` for a deployed autograder (Gradescope's `run_autograder`,
/// GitHub Classroom's workflow), declared together, and what they set up: the grading user,
/// the time budget with its watchdog, the speed benchmark and the Classroom payload.
struct GradeDeployment {
  /// `--run-as USER`.
  static let runAsOption: Option<String?> = .text(
    "run-as", "USER", defaultText: "the grader's own user",
    "run the submission's build, its tests and the students' own tests as USER (root only, "
      + "Linux): the solutions, the reference copies and the logs stay root's, out of the "
      + "submission's reach (run_autograder)")
  /// `--budget S`.
  static let budgetOption: Option<Double?> = .number(
    "budget", "S", in: 10...86_400, defaultText: "no limit",
    "seconds the whole grading may take: no test starts after that, a task's tests stop after "
      + "repeated timeouts, and the results so far are written before the time is up")
  /// `--skip-benchmark`.
  static let skipBenchmarkOption: Option<Bool> = .flag(
    "skip-benchmark",
    "do not time the tasks with a speed setting in the manifest (release builds of the "
      + "submission and the reference); their speed points are not earned, and --expect full "
      + "does not ask for them")
  /// `--classroom FILE`.
  static let classroomOption: Option<OutputFile?> = .outputFile(
    "classroom", example: "classroom.json",
    "also write GitHub Classroom's payload (at most 60 KB of JSON)")

  /// The declarations of these options, for `grade`'s table.
  static let declarations = [
    runAsOption.declaration, budgetOption.declaration, skipBenchmarkOption.declaration,
    classroomOption.declaration,
  ]

  /// The user the submission's code runs as (`--run-as`).
  var runAs: String?
  /// The seconds the whole grading may take (`--budget`).
  var budget: Double?
  /// Whether speed is left unmeasured (`--skip-benchmark`).
  var skipsBenchmark: Bool
  /// Where GitHub Classroom's payload goes (`--classroom`).
  var classroom: OutputFile?

  /// The deployment options of a parsed `grade` command line.
  init(_ options: ParsedOptions) {
    runAs = options[Self.runAsOption]
    budget = options[Self.budgetOption]
    skipsBenchmark = options[Self.skipBenchmarkOption]
    classroom = options[Self.classroomOption]
  }

  /// Sets up `grader` for these options: the user (its home in the workspace), the budget
  /// from `start`, the benchmark, and a record of results for the watchdog. Throws a
  /// `CourseworkError` when the user cannot be used.
  func configure(_ grader: inout Autograder, workspace: GradingWorkspace, start: Date) throws {
    if let runAs {
      grader.user = try GradingUser(named: runAs, home: workspace.studentHome)
    }
    if let budget {
      grader.budget = GradingBudget(seconds: budget, start: start)
      grader.record = GradingRecord()
    }
    grader.measuresSpeed = !skipsBenchmark
  }

  /// Starts the watchdog of a grading with a budget: two seconds before the budget's end it
  /// writes the results so far to `outputs`, stops every program the grading started, and
  /// ends this process with status 0, so that Gradescope always finds results. Returns `nil`
  /// without a budget.
  func startWatchdog(for grader: Autograder, outputs: GradingOutputs, start: Date) -> Watchdog? {
    guard let budget, let record = grader.record else { return nil }
    let user = grader.user
    return Watchdog(deadline: start.addingTimeInterval(budget - 2)) {
      let reason =
        "Grading stopped at its time budget of \(Report.number(budget)) s (an endless loop "
        + "uses up the time); what did not run scores 0"
      // The results so far first, then stop what still runs (a test killed now would read as
      // crashed). When grading wrote its results first, it is finishing: leave it be.
      let report = record.report(stoppedBecause: reason)
      let results =
        report?.gradescope ?? GradescopeResults(score: 0, output: reason + ".", tests: [])
      guard (try? outputs.write(results)) != nil else { return }
      Subprocess.stopAllRunning()
      user?.stopEveryProcess()
      if let report {
        print(GradeCommand.describe(report))
      }
      printError("minitorch grade: \(reason).")
      fflush(nil)
      exit(0)
    }
  }

  /// The lines about speed for the printed report: each measured or skipped task, with its
  /// ratio and the numbers behind it; `nil` when no task has a speed setting.
  static func speedSection(_ report: Report) -> String? {
    let lines = report.results.compactMap { result -> String? in
      guard let speed = result.speed else { return nil }
      let ratio = speed.ratio.map { SpeedResult.format(ratio: $0) } ?? "not measured"
      return "  Task \(result.task.id) (\(speed.measure.title)): \(ratio); \(speed.detail)"
    }
    return lines.isEmpty
      ? nil : "Speed, against the reference built here:\n" + lines.joined(separator: "\n")
  }
}
