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
  /// Throws a `ManifestError` that says what to fix when the file is missing, is not valid
  /// JSON of the expected shape, or breaks a rule listed in `validate()`.
  public static func load(projectRoot root: URL) throws -> TaskManifest {
    let url = root.appendingPathComponent(relativePath)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw ManifestError("no task manifest at \(url.path)")
    }
    let manifest: TaskManifest
    do {
      manifest = try JSONDecoder().decode(TaskManifest.self, from: data)
    } catch {
      throw ManifestError("\(url.path) is not a valid task manifest: \(error)")
    }
    try manifest.validate()
    return manifest
  }

  /// Checks the rules every manifest keeps: ids are unique and look like "1.2", each task's
  /// module is the number before the dot, graded tasks name the suite `Task1_2`, hand-graded
  /// tasks say what to hand in, and points are positive.
  public func validate() throws {
    var seen: Set<String> = []
    for task in tasks {
      guard seen.insert(task.id).inserted else {
        throw ManifestError("task \(task.id) is listed twice")
      }
      let parts = task.id.split(separator: ".")
      guard parts.count == 2, let module = Int(parts[0]), Int(parts[1]) != nil else {
        throw ManifestError("task id '\(task.id)' should look like '1.2'")
      }
      guard module == task.module else {
        throw ManifestError("task \(task.id) says module \(task.module), but its id says \(module)")
      }
      guard task.points > 0 else {
        throw ManifestError("task \(task.id) must be worth more than 0 points")
      }
      switch task.kind {
      case .code, .studentTests:
        guard task.suite == task.expectedSuiteName else {
          throw ManifestError(
            "task \(task.id) must name the test suite '\(task.expectedSuiteName)', "
              + "not '\(task.suite ?? "nothing")'")
        }
      case .handGraded:
        guard task.suite == nil, let handIn = task.handIn, !handIn.isEmpty else {
          throw ManifestError("hand-graded task \(task.id) needs 'handIn' and no 'suite'")
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

/// One graded task of the course.
public struct CourseTask: Codable, Sendable, Equatable {
  /// The task's number, for example "1.2".
  public var id: String
  /// The stage it belongs to (the `Module<k>` target).
  public var module: Int
  /// A short title, for example "Operators".
  public var title: String
  /// What the task is worth.
  public var points: Double
  /// The test suite that grades it (`Task1_2`); `nil` for hand-graded tasks.
  public var suite: String?
  /// How the task is graded.
  public var kind: Kind
  /// For hand-graded tasks: what students hand in.
  public var handIn: String?

  /// A task; see the properties for what each field means.
  public init(
    id: String, module: Int, title: String, points: Double, suite: String?, kind: Kind,
    handIn: String? = nil
  ) {
    self.id = id
    self.module = module
    self.title = title
    self.points = points
    self.suite = suite
    self.kind = kind
    self.handIn = handIn
  }

  /// How a task is graded.
  public enum Kind: String, Codable, Sendable {
    /// Students write library code; the suite's tests grade it.
    case code
    /// Students write the suite's tests; the grader checks that they pass on the reference code
    /// and catch planted bugs.
    case studentTests = "student-tests"
    /// Graded by a person from what students hand in.
    case handGraded = "hand-graded"
  }

  /// The suite name that belongs to this id: "1.2" → "Task1_2".
  public var expectedSuiteName: String {
    "Task" + id.replacingOccurrences(of: ".", with: "_")
  }

  /// The test target that holds the suite, for example "Module1Tests".
  public var testTarget: String { "Module\(module)Tests" }

  /// Where the suite's source file lives inside a checkout, for example
  /// "Tests/Module1Tests/Task1_2.swift"; `nil` for hand-graded tasks.
  public var suitePath: String? {
    suite.map { "Tests/\(testTarget)/\($0).swift" }
  }

  /// The assignment page that explains the task, for example "assignments/module1.md".
  public var page: String { "assignments/module\(module).md" }
}

/// A problem with the task manifest, described so that the reader knows what to fix.
public struct ManifestError: Error, CustomStringConvertible, Equatable {
  /// What is wrong.
  public let description: String

  /// An error explained by `description`.
  public init(_ description: String) {
    self.description = description
  }
}
