import Foundation

/// The one list of graded tasks: `assignments/tasks.json`.
///
/// Tests, the assignment pages, the starter generator and the autograder all read this file;
/// nothing else in the project spells out which tasks exist or what they are worth.
public struct TaskManifest: Codable, Sendable, Equatable {
  /// The course's name, shown in grading reports.
  public var course: String
  /// Every task, in the order students meet them.
  public var tasks: [CourseTask]

  /// A manifest for `course` listing `tasks`.
  public init(course: String, tasks: [CourseTask]) {
    self.course = course
    self.tasks = tasks
  }

  /// Where the manifest lives inside a checkout.
  public static let relativePath = "assignments/tasks.json"

  /// Reads and checks the manifest of the project at `root`.
  ///
  /// Throws a `CourseworkError` that says what to fix when the file is missing, is not valid
  /// JSON of the expected shape, or breaks a rule listed in `validate()`.
  public static func load(projectRoot root: URL) throws -> TaskManifest {
    let url = root.appendingPathComponent(relativePath)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw CourseworkError.manifest("no task manifest at \(url.path)")
    }
    let manifest: TaskManifest
    do {
      manifest = try JSONDecoder().decode(TaskManifest.self, from: data)
    } catch {
      throw CourseworkError.manifest("\(url.path) is not a valid task manifest: \(error)")
    }
    try manifest.validate()
    return manifest
  }

  /// Checks the rules every manifest keeps: ids are unique and look like "1.2", each task's
  /// module is the number before the dot, graded tasks name the suite `Task1_2`, hand-graded
  /// tasks say what to hand in, points are positive, and defining checks belong to code tasks
  /// and name distinct tests.
  public func validate() throws {
    var seen: Set<String> = []
    for task in tasks {
      guard seen.insert(task.id).inserted else {
        throw CourseworkError.manifest("task \(task.id) is listed twice")
      }
      let parts = task.id.split(separator: ".")
      guard parts.count == 2, let module = Int(parts[0]), Int(parts[1]) != nil else {
        throw CourseworkError.manifest("task id '\(task.id)' should look like '1.2'")
      }
      guard module == task.module else {
        throw CourseworkError.manifest(
          "task \(task.id) says module \(task.module), but its id says \(module)")
      }
      guard task.points > 0 else {
        throw CourseworkError.manifest("task \(task.id) must be worth more than 0 points")
      }
      try task.speed?.validate(for: task)
      switch task.kind {
      case .code, .studentTests:
        guard task.suite == task.expectedSuiteName else {
          throw CourseworkError.manifest(
            "task \(task.id) must name the test suite '\(task.expectedSuiteName)', "
              + "not '\(task.suite ?? "nothing")'")
        }
      case .handGraded:
        guard task.suite == nil, let handIn = task.handIn, !handIn.isEmpty else {
          throw CourseworkError.manifest(
            "hand-graded task \(task.id) needs 'handIn' and no 'suite'")
        }
      }
      if let checks = task.definingChecks {
        guard task.kind == .code, !checks.isEmpty, Set(checks).count == checks.count,
          checks.allSatisfy({ !$0.isEmpty && !$0.contains("(") })
        else {
          throw CourseworkError.manifest(
            "task \(task.id) lists 'definingChecks' \(checks); only code tasks have them, and "
              + "they name distinct test functions of the suite, without parentheses")
        }
      }
    }
  }

  /// The tasks of one module, in order.
  public func tasks(inModule module: Int) -> [CourseTask] {
    tasks.filter { $0.module == module }
  }

  /// The modules that have tasks, in increasing order.
  public var modules: [Int] {
    Array(Set(tasks.map(\.module))).sorted()
  }

  /// The task with this id ("1.2" or "Task 1.2"), if there is one.
  public func task(_ id: String) -> CourseTask? {
    let bare = id.hasPrefix("Task ") ? String(id.dropFirst(5)) : id
    return tasks.first { $0.id == bare }
  }
}
