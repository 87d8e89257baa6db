/// How a task's speed is measured and counted: a task's `speed` in `assignments/tasks.json`.
///
/// Speed is never a unit test. `minitorch grade` builds the submission and the reference in
/// release on the same machine, in the same run, times both with `minitorch bench`, and reports
/// the submission's speed as a ratio to the reference's (1 is as fast, 0.5 half as fast). The
/// ratio can go to Gradescope's leaderboard, and a code task can give part of its points for
/// it: `points` of the task's points at a ratio of at least `threshold`, and only when all its
/// tests pass (a wrong kernel can be as fast as it likes).
///
/// ```json
/// "speed": {"measure": "matmul", "points": 5, "threshold": 0.5, "leaderboard": true}
/// ```
public struct SpeedSetting: Codable, Sendable, Equatable {
  /// What is timed.
  public enum Measure: String, Codable, Sendable, CaseIterable {
    /// Task 3.3's reduction: `sum` of a million entries on the fast backend.
    case reduction
    /// Task 3.4's matrix product: GFLOP/s of a 256 × 256 product on the fast backend.
    case matmul
    /// Task 3.5's training: one epoch of Module 3's network in mini-batches.
    case training

    /// The part of `minitorch bench --parts` that measures it.
    public var benchPart: String {
      switch self {
      case .reduction: return "ops"
      case .matmul: return "matmul"
      case .training: return "training"
      }
    }

    /// What the leaderboard and the report call it.
    public var title: String {
      switch self {
      case .reduction: return "sum of 1,000,000 entries"
      case .matmul: return "256 × 256 matrix product"
      case .training: return "a training epoch in mini-batches"
      }
    }
  }

  /// What is timed.
  public var measure: Measure
  /// The points, out of the task's `points`, that speed earns; `nil` for none (the leaderboard
  /// only). Code tasks only.
  public var points: Double?
  /// The ratio to the reference's speed that earns `points` (0.5: half the reference's speed).
  public var threshold: Double?
  /// Whether the ratio goes to Gradescope's leaderboard.
  public var leaderboard: Bool?

  /// A setting; see the properties for what each value means.
  public init(
    measure: Measure, points: Double? = nil, threshold: Double? = nil, leaderboard: Bool? = nil
  ) {
    self.measure = measure
    self.points = points
    self.threshold = threshold
    self.leaderboard = leaderboard
  }

  /// The points speed is worth (0 when it earns none).
  public var speedPoints: Double { points ?? 0 }

  /// Whether the ratio goes to the leaderboard.
  public var isOnLeaderboard: Bool { leaderboard ?? false }

  /// Checks the setting of `task`: speed points only for code tasks, fewer than the task's
  /// points, with a threshold above 0. Throws a `CourseworkError` saying what to fix.
  func validate(for task: CourseTask) throws {
    guard let points else {
      guard threshold == nil else {
        throw CourseworkError.manifest(
          "task \(task.id): a speed 'threshold' needs speed 'points' to award")
      }
      return
    }
    guard task.kind == .code else {
      throw CourseworkError.manifest(
        "task \(task.id) is not a code task, so speed cannot earn it points (use only "
          + "'leaderboard')")
    }
    guard points > 0, points < task.points else {
      throw CourseworkError.manifest(
        "task \(task.id): speed 'points' must be above 0 and below the task's \(task.points)")
    }
    guard let threshold, threshold > 0, threshold <= 10 else {
      throw CourseworkError.manifest(
        "task \(task.id): speed points need a 'threshold', the ratio to the reference's speed "
          + "that earns them (for example 0.5), above 0 and at most 10")
    }
  }
}

/// How a test entry shows on Gradescope (`visibility` of a task in `assignments/tasks.json`).
public enum GradescopeVisibility: String, Codable, Sendable, CaseIterable {
  /// Shown as soon as the results are in (Gradescope's default).
  case visible
  /// Never shown to students.
  case hidden
  /// Shown once the due date has passed.
  case afterDueDate = "after_due_date"
  /// Shown once the grades are published.
  case afterPublished = "after_published"
}
