import Foundation

/// Every task's state in a student's own checkout: passing, failing with the first reason, or
/// not written yet. What `minitorch status` prints.
///
/// The checkout is built as `swift build --build-tests` builds it (the same `.build`, so it
/// costs what `swift test` would), and each task's tests run in a process of their own; a test
/// that traps (an unwritten `notImplemented`, a failed precondition) ends only its own process,
/// and the other tests of its task run again one by one, so one trap never hides the rest.
public struct TaskStatus: Sendable {
  /// The student's checkout.
  public var checkout: URL
  /// Only tasks whose id, suite or title contains this text (`Task1`, `1.2`); all when `nil`.
  public var filter: String?
  /// Seconds one test may run.
  public var timeLimit: Double
  /// How many test processes run at once.
  public var workers: Int
  /// Receives a line for each step.
  public var progress: @Sendable (String) -> Void

  /// A status check; see the properties for what each value means.
  public init(
    checkout: URL, filter: String? = nil, timeLimit: Double = 60, workers: Int = 2,
    progress: @escaping @Sendable (String) -> Void = { _ in }
  ) {
    self.checkout = checkout.standardizedFileURL
    self.filter = filter
    self.timeLimit = timeLimit
    self.workers = workers
    self.progress = progress
  }

  /// The state of one task.
  public enum State: Sendable, Equatable {
    /// Every test passes; how many there are.
    case passing(Int)
    /// Some tests fail: how many pass, how many there are, and the first failure.
    case failing(passed: Int, total: Int, first: String)
    /// Its code (or its tests) still hold only the starter's placeholders.
    case notWritten
    /// Its tests stop in another task's unwritten code, which comes first.
    case needs(String)
    /// Graded by a person; whether its code is written.
    case byHand(written: Bool)
  }

  /// One line of the table.
  public struct Row: Sendable, Equatable {
    /// The task.
    public var task: CourseTask
    /// Its state.
    public var state: State

    /// A row saying `task` is in `state`.
    public init(task: CourseTask, state: State) {
      self.task = task
      self.state = state
    }
  }

  /// Builds the checkout, runs the tests of every task the filter keeps, and returns one row
  /// per task. Throws a `CourseworkError` with the compiler's first errors when the checkout
  /// does not compile, and when it is not a MiniTorch checkout.
  public func run() throws -> [Row] {
    try Checkout.check(checkout, role: "current folder", option: "cd")
    let manifest = try TaskManifest.load(projectRoot: checkout)
    let tasks = manifest.tasks.filter(isChosen)
    guard !tasks.isEmpty else {
      throw CourseworkError.grading(
        "no task matches '\(filter ?? "")'; try a task number such as 1.2 or a module such as "
          + "Task1")
    }
    let unwritten = try GradeExpectation.unsolvedTasks(in: checkout)
    let scratch = checkout.appendingPathComponent(".build/minitorch-status")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    var builder = PackageBuilder(
      swift: try BugCheck.swift(), packageFolder: checkout, logFolder: scratch)
    builder.manifestName = "Package.swift"
    progress("Building the code and its tests (swift build --build-tests)")
    let build = try builder.build(stages: nil, name: "status")
    guard build.succeeded else {
      throw CourseworkError.grading(
        "the code does not compile, so no test can run. First errors:\n  "
          + build.errors.joined(separator: "\n  "))
    }
    let binary = TestBinary(
      packageName: try builder.packageName(stages: nil), packageFolder: checkout,
      scratchFolder: scratch, timeLimit: timeLimit)
    let listed = try binary.listTests()
    // A task whose code still holds only placeholders is "not written yet" without a run.
    let tested = tasks.filter { $0.suite != nil && !unwritten.contains($0.id) }
    progress("Running the tests of \(tested.count) written tasks")
    let outcomes = parallelMap(Array(tested.enumerated()), workers: workers) { item in
      let tests = listed.filter { Autograder.isTest($0, of: item.element) }
      return binary.runTogether(tests, runNumber: item.offset)
    }
    var byTask: [String: [TestID: TestOutcome]] = [:]
    for (task, results) in zip(tested, outcomes) {
      byTask[task.id] = results
    }
    return tasks.map { task in
      guard task.suite != nil else {
        return Row(task: task, state: .byHand(written: !unwritten.contains(task.id)))
      }
      guard let results = byTask[task.id] else {
        return Row(task: task, state: .notWritten)
      }
      return Row(
        task: task,
        state: Self.state(of: task, results, isUnwritten: unwritten.contains(task.id)))
    }
  }

  /// The first module of the checkout's own work, as its starter recorded it
  /// (`CourseStartFile`); 0 for the reference and a starter of the whole course.
  public var startModule: Int { CourseStartFile.module(inCheckout: checkout) }

  /// Whether the filter keeps `task`.
  public func isChosen(_ task: CourseTask) -> Bool {
    guard let filter, !filter.isEmpty else { return true }
    let names = [task.id, "Task \(task.id)", task.expectedSuiteName, task.title]
    return names.contains { $0.localizedCaseInsensitiveContains(filter) }
  }

  /// The state of `task` from its tests' outcomes.
  public static func state(of task: CourseTask, _ results: [TestID: TestOutcome], isUnwritten: Bool)
    -> State
  {
    if isUnwritten {
      return .notWritten
    }
    let tests = results.keys.sorted()
    let failing = tests.filter { results[$0]?.isPassed != true }
    // A failing defining check is shown first: the task scores 0 until it passes.
    let gate = failing.first { task.isDefiningCheck($0.function) }
    guard let first = gate ?? failing.first, let outcome = results[first] else {
      return .passing(tests.count)
    }
    let explanation = outcome.explanation
    if let other = unwrittenTask(in: explanation), other != task.id {
      return .needs(other)
    }
    // A property's report starts "Property failed on case 1 of 100."; its "why:" line says more.
    let lines = explanation.split(separator: "\n").map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    let firstLine =
      lines.first { $0.hasPrefix("why:") }
      ?? lines.first {
        !$0.hasPrefix("crashed before") && !$0.hasPrefix("not written yet:") && !$0.isEmpty
      } ?? explanation
    return .failing(
      passed: tests.count - failing.count, total: tests.count,
      first: (gate == nil ? "" : "defining check (scores 0 until it passes) ")
        + "\(first.function): "
        + (firstLine.count > 140 ? firstLine.prefix(140) + "…" : firstLine))
  }

  /// The task named in a "Task X.Y is not implemented yet" message, if there is one.
  static func unwrittenTask(in text: String) -> String? {
    guard let range = text.range(of: " is not implemented yet") else { return nil }
    let before = text[..<range.lowerBound]
    guard let task = before.range(of: "Task ", options: .backwards) else { return nil }
    let id = before[task.upperBound...]
    return id.allSatisfy({ $0.isNumber || $0 == "." }) && !id.isEmpty ? String(id) : nil
  }

  /// The rows as a table, and a line saying what to run next, for a checkout whose own work
  /// starts at module `start`: when a task before it is not written, the next step is to bring
  /// the student's earlier work in with `minitorch sync`; otherwise it is the first task from
  /// `start` on that does not pass (or, when they all pass, the first earlier one).
  public static func table(_ rows: [Row], start: Int = 0) -> String {
    var lines = [["Task", "Title", "State"]]
    for row in rows {
      var state = describe(row)
      if row.task.module < start, row.state == .notWritten {
        state =
          "not written yet: your Module \(row.task.module) work, brought in with minitorch sync"
      }
      lines.append([row.task.id, row.task.title, state])
    }
    let widths = (0..<2).map { column in lines.map { $0[column].count }.max() ?? 0 }
    var text = lines.map { line in
      line[0].padding(toLength: widths[0], withPad: " ", startingAt: 0) + "  "
        + line[1].padding(toLength: widths[1], withPad: " ", startingAt: 0) + "  " + line[2]
    }.joined(separator: "\n")
    let open = rows.filter { row in
      switch row.state {
      case .passing, .byHand: return false
      default: return true
      }
    }
    if open.contains(where: { $0.task.module < start && $0.state == .notWritten }) {
      text +=
        "\n\nNext: this repository starts at Module \(start); bring your own code of the "
        + "modules before it first: swift run minitorch sync --from <your module \(start - 1) "
        + "repository>"
    } else if let next = open.first(where: { $0.task.module >= start }) ?? open.first {
      text += "\n\nNext: " + hint(for: next, start: start)
    } else if !rows.isEmpty {
      text += "\n\nEvery task shown passes its tests."
    }
    return text
  }

  /// A row's state in words.
  static func describe(_ row: Row) -> String {
    switch row.state {
    case .passing(let count):
      return "passing (\(count) test\(count == 1 ? "" : "s"))"
    case .failing(let passed, let total, let first):
      return "failing, \(passed) of \(total) pass; first: \(first)"
    case .notWritten:
      return row.task.kind == .studentTests ? "not written yet (your tests)" : "not written yet"
    case .needs(let other):
      return "waiting for Task \(other), whose code its tests use"
    case .byHand(let written):
      return "graded by hand\(written ? "" : "; its code is not written yet") (\(row.task.page))"
    }
  }

  /// What to run next for `row`, in a checkout whose own work starts at module `start`.
  static func hint(for row: Row, start: Int = 0) -> String {
    let suite = row.task.suite ?? row.task.expectedSuiteName
    switch row.state {
    case .needs(let other) where (Int(other.prefix { $0 != "." }) ?? start) < start:
      return
        "Task \(other) first, which is your Module \(other.prefix { $0 != "." }) work: "
        + "swift run minitorch sync --from <your module \(start - 1) repository>"
    case .needs(let other):
      return
        "Task \(other) first: swift test --filter Task\(other.replacingOccurrences(of: ".", with: "_"))"
    case .notWritten:
      return "Task \(row.task.id), see \(row.task.page); then swift test --filter \(suite)"
    default:
      let extra =
        row.task.kind == .studentTests ? " (and swift run minitorch practice)" : ""
      return "swift test --filter \(suite)\(extra)"
    }
  }
}
