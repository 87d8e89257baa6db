import Foundation
import Testing

@testable import Coursework

/// What a deployed autograder adds around grading: speed points and the leaderboard, per-task
/// visibility, the time budget, the record a watchdog writes from, the solution scrub, the
/// bounded Classroom payload and the submission's intake.
@Suite("Deployed grading")
struct DeploymentTests {
  /// A manifest with a code task whose speed earns 5 of its 15 points, a code task on the
  /// leaderboard only, hidden until the due date, and a hand-graded task on the leaderboard.
  let manifest = try! JSONDecoder().decode(
    TaskManifest.self,
    from: Data(
      """
      {"course": "C", "tasks": [
        {"id": "3.3", "module": 3, "title": "Sum", "points": 10, "suite": "Task3_3",
         "kind": "code", "speed": {"measure": "reduction", "leaderboard": true},
         "visibility": "after_due_date"},
        {"id": "3.4", "module": 3, "title": "Matmul", "points": 15, "suite": "Task3_4",
         "kind": "code",
         "speed": {"measure": "matmul", "points": 5, "threshold": 0.5, "leaderboard": true}},
        {"id": "3.5", "module": 3, "title": "Train", "points": 10, "kind": "hand-graded",
         "handIn": "runs", "speed": {"measure": "training", "leaderboard": true}}
      ]}
      """.utf8))

  func task(_ id: String) -> CourseTask { manifest.task(id)! }

  func speed(_ ratio: Double) -> SpeedResult {
    SpeedResult(measure: .matmul, ratio: ratio, detail: "yours, theirs")
  }

  @Test func speedPointsNeedEveryTestAndTheThreshold() {
    var fast = TaskResult(task: task("3.4"), passed: 4, total: 4, output: "")
    fast.record(speed: speed(0.8))
    #expect(fast.score == 15)
    var slow = TaskResult(task: task("3.4"), passed: 4, total: 4, output: "")
    slow.record(speed: speed(0.4))
    #expect(slow.score == 10)
    #expect(slow.output.contains("0 of 5 speed points"))
    // A wrong kernel may be as fast as it likes: speed counts only when every test passes.
    var wrong = TaskResult(task: task("3.4"), passed: 3, total: 4, output: "")
    wrong.record(speed: speed(2))
    #expect(wrong.score == 7.5)
    let unmeasured = TaskResult(task: task("3.4"), passed: 4, total: 4, output: "")
    #expect(unmeasured.score == 10)
  }

  @Test func aSkippedBenchmarkIsNotMissingFromAFullGrade() throws {
    var result = TaskResult(task: task("3.4"), passed: 4, total: 4, output: "")
    result.record(speed: SpeedResult(measure: .matmul, notMeasured: "skipped", skipped: true))
    let report = Report(course: "C", results: [result])
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    #expect(try GradeExpectation.full.misses(in: report, submission: folder.url).isEmpty)
    var failed = result
    failed.speed = SpeedResult(measure: .matmul, notMeasured: "the build failed")
    let strict = Report(course: "C", results: [failed])
    #expect(try GradeExpectation.full.misses(in: strict, submission: folder.url).count == 1)
  }

  @Test func leaderboardAndVisibilityReachGradescope() throws {
    var sum = TaskResult(task: task("3.3"), passed: 2, total: 2, output: "")
    sum.record(speed: SpeedResult(measure: .reduction, ratio: 1.23456, detail: "d"))
    var matmul = TaskResult(task: task("3.4"), passed: 1, total: 1, output: "")
    matmul.record(speed: SpeedResult(measure: .matmul, notMeasured: "no time"))
    var training = TaskResult(task: task("3.5"), passed: 0, total: 0, output: "by hand")
    training.record(speed: SpeedResult(measure: .training, ratio: 0.5, detail: "d"))
    let data = try Report(course: "C", results: [sum, matmul, training]).gradescope.encoded()
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let board = try #require(json["leaderboard"] as? [[String: Any]])
    #expect(board.count == 2)
    #expect(board[0]["value"] as? Double == 1.235)
    #expect((board[0]["name"] as? String)?.hasPrefix("Task 3.3 speed") == true)
    #expect(board[1]["value"] as? Double == 0.5)
    let tests = try #require(json["tests"] as? [[String: Any]])
    #expect(tests[0]["visibility"] as? String == "after_due_date")
    #expect(tests[1]["visibility"] == nil)
  }

  @Test func speedSettingsAreChecked() throws {
    func load(_ speed: String, kind: String = "code") throws {
      let text = """
        {"course": "C", "tasks": [{"id": "3.4", "module": 3, "title": "M", "points": 15,
          "suite": "Task3_4", "kind": "\(kind)", "handIn": "x", "speed": \(speed)}]}
        """
      let folder = try TemporaryFolder()
      defer { folder.remove() }
      try folder.write(TaskManifest.relativePath, text)
      _ = try TaskManifest.load(projectRoot: folder.url)
    }
    try load(#"{"measure": "matmul", "points": 5, "threshold": 0.5}"#)
    #expect(throws: CourseworkError.self) { try load(#"{"measure": "matmul", "points": 5}"#) }
    #expect(throws: CourseworkError.self) {
      try load(#"{"measure": "matmul", "points": 15, "threshold": 0.5}"#)
    }
    #expect(throws: CourseworkError.self) { try load(#"{"measure": "matmul", "threshold": 1}"#) }
    #expect(throws: CourseworkError.self) {
      try load(#"{"measure": "matmul", "points": 5, "threshold": 0.5}"#, kind: "student-tests")
    }
  }

  @Test func theShippedManifestTimesTheFastKernels() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let shipped = try TaskManifest.load(projectRoot: root)
    #expect(shipped.task("3.3")?.speed?.measure == .reduction)
    #expect(shipped.task("3.4")?.speed?.measure == .matmul)
    #expect(shipped.task("3.5")?.speed?.measure == .training)
    #expect(shipped.task("3.5")?.speed?.speedPoints == 0)
  }

  // MARK: The benchmark's numbers

  /// `minitorch bench --json` as it prints them (other fields left out: they are ignored).
  static let benchJSON = """
    {"matmul": [{"n": 128, "backend": "fast", "threads": 2, "gflops": 9.0,
                 "seconds": {"median": 0.1, "fastest": 0.1}},
                {"n": 256, "backend": "fast", "threads": 2, "gflops": 12.0,
                 "seconds": {"median": 0.004, "fastest": 0.0025}}],
     "elementwise": [{"operation": "sum", "backend": "fast", "elements": 1000000,
                      "threads": 2, "seconds": {"median": 0.0005, "fastest": 0.0004}},
                     {"operation": "add", "backend": "fast", "elements": 1000000,
                      "threads": 2, "seconds": {"median": 0.003, "fastest": 0.003}}],
     "networks": [{"network": "Module 2 network", "backend": "fast", "threads": 2,
                   "secondsPerEpoch": {"median": 0.5, "fastest": 0.5},
                   "processorSecondsPerEpoch": {"median": 1, "fastest": 1}},
                  {"network": "Module 3 network, batches of 10", "backend": "fast",
                   "threads": 2, "secondsPerEpoch": {"median": 0.03, "fastest": 0.02},
                   "processorSecondsPerEpoch": {"median": 1, "fastest": 1}}],
     "machine": {"cores": 2}, "somethingNew": 1}
    """

  @Test func benchNumbersAreReadAndComparedAsSpeedRatios() throws {
    let reading = try JSONDecoder().decode(BenchReading.self, from: Data(Self.benchJSON.utf8))
    // 2 · 256³ operations in the fastest 2.5 ms: 13.42 GFLOP/s.
    #expect(abs((reading.value(of: .matmul) ?? 0) - 13.4217728) < 1e-6)
    #expect(reading.value(of: .reduction) == 0.0004)
    #expect(reading.value(of: .training) == 0.02)
    var slower = reading
    slower.matmul = [BenchReading.Product(n: 256, backend: "fast", seconds: .init(fastest: 0.005))]
    slower.elementwise = [
      BenchReading.Operation(operation: "sum", backend: "fast", seconds: .init(fastest: 0.0008))
    ]
    // Half the reference's GFLOP/s, twice its time: both are half as fast.
    let matmul = SpeedBenchmark.compare(.matmul, submission: [slower], reference: [reading])
    #expect(matmul.ratio == 0.5)
    let sum = SpeedBenchmark.compare(.reduction, submission: [slower], reference: [reading])
    #expect(sum.ratio == 0.5)
    // The better of two runs counts.
    let best = SpeedBenchmark.compare(
      .matmul, submission: [slower, reading], reference: [reading])
    #expect(best.ratio == 1)
    let missing = SpeedBenchmark.compare(.training, submission: [slower], reference: [])
    #expect(missing.ratio == nil)
  }

  /// The tool's real JSON, from a tiny debug run, reads the same way: the grader and
  /// `minitorch bench` cannot drift apart.
  @Test(.enabled(if: DeploymentTests.builtTool != nil))
  func theToolsOwnBenchJSONCanBeRead() throws {
    let tool = try #require(Self.builtTool)
    let output = try Subprocess.output(
      of: tool,
      [
        "bench", "--json", "--skip-simple", "--parts", "matmul,ops,training", "--sizes", "16",
        "--elements", "1000", "--repetitions", "1",
      ], in: FileManager.default.temporaryDirectory)
    let reading = try JSONDecoder().decode(BenchReading.self, from: Data(output.utf8))
    for measure in SpeedSetting.Measure.allCases {
      #expect((reading.value(of: measure) ?? 0) > 0, "no \(measure)")
    }
  }

  /// The `minitorch` this package built, if it is there.
  static let builtTool: URL? = {
    let tool = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent(".build/debug/minitorch")
    return FileManager.default.isExecutableFile(atPath: tool.path) ? tool : nil
  }()
}
