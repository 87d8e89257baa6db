/// How one task of the manifest was graded: how many of its checks passed, the points that earns,
/// and an explanation for the student.
public struct TaskResult: Sendable, Equatable {
  /// The task.
  public var task: CourseTask
  /// The checks that passed: tests for a `code` task, credited tests for a `student-tests` task.
  public var passed: Int
  /// All checks of the task.
  public var total: Int
  /// What passed and what did not, and why; shown to the student.
  public var output: String
  /// The task's defining checks (`CourseTask.definingChecks`) that failed or did not run: any
  /// one of them makes the task score 0.
  public var failedDefiningChecks: [String] = []
  /// How its speed was measured, for a task with a `speed` setting.
  public var speed: SpeedResult?

  /// A graded task; see the properties for what each value means.
  public init(task: CourseTask, passed: Int, total: Int, output: String) {
    self.task = task
    self.passed = passed
    self.total = total
    self.output = output
  }

  /// Whether the grader scores this task (hand-graded tasks are scored by a person).
  public var isAutoGraded: Bool { task.kind != .handGraded }

  /// The points earned: the task's points (less its speed points) times the fraction of checks
  /// that passed, plus its speed points when every check passed and its speed reached the
  /// threshold, rounded to hundredths. A task without checks, one whose defining check failed,
  /// or one graded by hand, earns 0 here.
  public var score: Double {
    guard isAutoGraded, total > 0, failedDefiningChecks.isEmpty else { return 0 }
    let tests = (task.points - speedMaxScore) * Double(passed) / Double(total)
    return ((tests + speedScore) * 100).rounded() / 100
  }

  /// The points the task's speed may earn (0 without speed points).
  public var speedMaxScore: Double { task.speed?.speedPoints ?? 0 }

  /// The speed points earned: all of them when every check passed and the measured speed
  /// reached the task's threshold, else 0.
  public var speedScore: Double {
    guard let setting = task.speed, let threshold = setting.threshold, passed == total,
      speed?.reaches(threshold) == true
    else { return 0 }
    return setting.speedPoints
  }

  /// Records how the task's speed was measured, and adds a line saying so to the output.
  public mutating func record(speed: SpeedResult) {
    self.speed = speed
    if let setting = task.speed {
      output += (output.isEmpty ? "" : "\n") + speed.line(for: setting, earned: speedScore)
    }
  }

  /// The points the task is worth in the automatic grade (0 for hand-graded tasks).
  public var maxScore: Double { isAutoGraded ? task.points : 0 }
}
