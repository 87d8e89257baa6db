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
  /// For code tasks defined by how they compute (the fast kernels of Module 3): the tests of
  /// the suite, by function name, that observe that property. They gate the task: it scores 0
  /// unless every one of them passes, whatever else passes. `nil` when the task has none.
  public var definingChecks: [String]?
  /// How the task's speed is measured and counted (`SpeedSetting`); `nil` when it is not.
  public var speed: SpeedSetting?
  /// How the task's entry shows on Gradescope; `nil` is Gradescope's default (visible).
  public var visibility: GradescopeVisibility?

  /// A task; see the properties for what each field means.
  public init(
    id: String, module: Int, title: String, points: Double, suite: String?, kind: Kind,
    handIn: String? = nil, definingChecks: [String]? = nil
  ) {
    self.id = id
    self.module = module
    self.title = title
    self.points = points
    self.suite = suite
    self.kind = kind
    self.handIn = handIn
    self.definingChecks = definingChecks
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

  /// Whether the test function `function` of the suite ("name()" or "name(x:)", as test ids
  /// list it) is one of the task's defining checks.
  public func isDefiningCheck(_ function: String) -> Bool {
    definingChecks?.contains(String(function.prefix { $0 != "(" })) ?? false
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
