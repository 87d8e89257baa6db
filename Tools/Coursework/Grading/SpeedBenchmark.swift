import Foundation

/// Times the submission's kernels against the reference's, outside `swift test`: the speed of
/// the tasks with a `speed` setting (`SpeedSetting`), as ratios.
///
/// Both are built in release on this machine in this run: the reference in the workspace's
/// `speed-reference` copy of the official checkout, the submission in its own copy (as the
/// grading user, when there is one). Each is timed by its own `minitorch bench --json`, twice,
/// alternating reference and submission so that a burst of load on the machine falls on both;
/// the better run of each counts. Reading the tool's JSON, rather than calling its code, keeps
/// the measurement the one an instructor or student runs by hand.
struct SpeedBenchmark: Sendable {
  /// The official checkout.
  var official: URL
  /// The official checkout's files, relative to it.
  var officialFiles: [String]
  /// Where the copies live.
  var workspace: GradingWorkspace
  /// The `swift` executable.
  var swift: URL
  /// The grading user, who builds and runs the submission's code; `nil` for this process's.
  var user: GradingUser?
  /// The grading's time budget, if any.
  var budget: GradingBudget?
  /// Receives a line for each step.
  var progress: @Sendable (String) -> Void

  /// Seconds a benchmark needs at least (two release builds from warm copies, four short runs):
  /// with less left in the budget it is not started.
  static let minimumSeconds = 150.0
  /// Seconds one `minitorch bench` run may take.
  static let runTimeLimit = 180.0
  /// The options of every `minitorch bench` run: the fast backend only, one 256 × 256 product,
  /// a million entries, 15 timed repetitions after a warm-up (each run takes about a second).
  static let benchOptions = [
    "--json", "--skip-simple", "--sizes", "256", "--elements", "1000000", "--repetitions", "15",
    "--threads", "all",
  ]
  /// How many times each is timed, alternating.
  static let rounds = 5

  /// Measures `measures` and returns each one's result. Never throws: a build or run that fails
  /// is a result that says why.
  func measure(_ measures: [SpeedSetting.Measure]) -> [SpeedSetting.Measure: SpeedResult] {
    let start = Date()
    func failed(_ reason: String) -> [SpeedSetting.Measure: SpeedResult] {
      Dictionary(
        uniqueKeysWithValues: measures.map { ($0, SpeedResult(measure: $0, notMeasured: reason)) })
    }
    if let budget, budget.remaining < Self.minimumSeconds {
      return failed(
        "not enough of the grading's time budget was left (\(Int(budget.remaining)) s; it "
          + "needs about \(Int(Self.minimumSeconds)) s)")
    }
    do {
      progress("Speed: building the reference in release (\(workspace.speedReference.path))")
      var files: [String: URL] = [:]
      for path in officialFiles {
        files[path] = official.appendingPathComponent(path)
      }
      try FolderMirror.sync(files, into: workspace.speedReference)
      var referenceBuilder = PackageBuilder(
        swift: swift, packageFolder: workspace.speedReference, logFolder: workspace.logs)
      referenceBuilder.budget = budget
      let reference = try referenceBuilder.buildRelease(
        product: "minitorch", name: "speed-reference")
      guard reference.succeeded else {
        return failed(
          "the reference did not build in release (instructor: see \(reference.log.path))")
      }
      progress("Speed: building the submission in release")
      var builder = PackageBuilder(
        swift: swift, packageFolder: workspace.submission, logFolder: workspace.logs)
      builder.user = user
      builder.budget = budget
      let submission = try builder.buildRelease(product: "minitorch", name: "speed-submission")
      guard submission.succeeded else {
        return failed(
          "the submission does not build in release, tools included: "
            + submission.errors.prefix(3).joined(separator: "; "))
      }
      let built = Date()
      let parts = Array(Set(measures.map(\.benchPart))).sorted()
      var referenceRuns: [BenchReading] = []
      var submissionRuns: [BenchReading] = []
      for round in 1...Self.rounds {
        progress("Speed: timing the reference and the submission, round \(round) of \(Self.rounds)")
        referenceRuns.append(
          try run(tool(in: workspace.speedReference), parts: parts, as: nil, label: "reference"))
        submissionRuns.append(
          try run(tool(in: workspace.submission), parts: parts, as: user, label: "submission"))
      }
      progress(
        "Speed: builds took \(Int(built.timeIntervalSince(start))) s, timing "
          + "\(Int(Date().timeIntervalSince(built))) s")
      return Dictionary(
        uniqueKeysWithValues: measures.map { measure in
          (measure, Self.compare(measure, submission: submissionRuns, reference: referenceRuns))
        })
    } catch let error as CourseworkError {
      return failed(error.message)
    } catch {
      return failed("\(error)")
    }
  }

  /// The release build of the tool in the package at `folder`.
  func tool(in folder: URL) -> URL {
    folder.appendingPathComponent(".build/release/minitorch")
  }

  /// Runs `tool bench` on `parts` as `user` and reads its JSON. Throws a `CourseworkError` when
  /// it fails or prints no JSON that can be read.
  func run(_ tool: URL, parts: [String], as user: GradingUser?, label: String) throws
    -> BenchReading
  {
    let output = workspace.runs.appendingPathComponent("speed-\(label).json")
    let errors = workspace.runs.appendingPathComponent("speed-\(label).stderr")
    defer {
      try? FileManager.default.removeItem(at: output)
      try? FileManager.default.removeItem(at: errors)
    }
    guard let limit = budget?.timeLimit(upTo: Self.runTimeLimit) ?? Optional(Self.runTimeLimit)
    else {
      throw CourseworkError.grading("the grading's time budget ran out before the timing")
    }
    let termination = try Subprocess(
      tool, ["bench", "--parts", parts.joined(separator: ",")] + Self.benchOptions,
      in: user?.home ?? workspace.runs, output: .file(output), errors: .file(errors),
      timeLimit: limit, user: user
    ).run()
    guard termination == .exited(0) else {
      throw CourseworkError.grading(
        "the \(label)'s benchmark run did not finish (\(termination)): "
          + ErrorOutput.essentials(ofFile: errors, limit: 400))
    }
    guard let data = FileManager.default.contents(atPath: output.path),
      let reading = try? JSONDecoder().decode(BenchReading.self, from: data)
    else {
      throw CourseworkError.grading("the \(label)'s benchmark printed no results that can be read")
    }
    return reading
  }

  /// The result of `measure` from the runs of both: the best of each, as a ratio of speeds
  /// (higher is faster). Each run's fastest repetition counts, the steadiest number on a
  /// machine where other work only ever adds time.
  static func compare(
    _ measure: SpeedSetting.Measure, submission: [BenchReading], reference: [BenchReading]
  ) -> SpeedResult {
    let ours = submission.compactMap { $0.value(of: measure) }
    let theirs = reference.compactMap { $0.value(of: measure) }
    guard let best = BenchReading.best(ours, of: measure),
      let referenceBest = BenchReading.best(theirs, of: measure), best > 0, referenceBest > 0
    else {
      return SpeedResult(
        measure: measure, notMeasured: "the benchmark's output has no \(measure.title)")
    }
    let ratio = measure.higherIsFaster ? best / referenceBest : referenceBest / best
    return SpeedResult(
      measure: measure, ratio: ratio,
      detail:
        "yours \(measure.describe(best)), the reference's \(measure.describe(referenceBest)), "
        + "fastest of \(Self.rounds) runs each")
  }
}

extension SpeedSetting.Measure {
  /// Whether the bench's number for it grows with speed (GFLOP/s) rather than with time.
  var higherIsFaster: Bool { self == .matmul }

  /// A value of the bench's, with its unit.
  func describe(_ value: Double) -> String {
    switch self {
    case .matmul: return Report.number(value) + " GFLOP/s"
    case .reduction, .training:
      return value < 0.01
        ? Report.number(value * 1_000_000) + " µs" : Report.number(value * 1000) + " ms"
    }
  }
}

/// The parts of `minitorch bench --json` the grader reads; other fields are ignored, so the
/// tool may add more.
struct BenchReading: Decodable, Sendable {
  struct Timing: Decodable, Sendable { var fastest: Double }
  struct Product: Decodable, Sendable {
    var n: Int
    var backend: String
    var seconds: Timing
  }
  struct Operation: Decodable, Sendable {
    var operation: String
    var backend: String
    var seconds: Timing
  }
  struct Network: Decodable, Sendable {
    var network: String
    var backend: String
    var secondsPerEpoch: Timing
  }

  var matmul: [Product]?
  var elementwise: [Operation]?
  var networks: [Network]?

  /// The fast backend's number for `measure`, from its fastest repetition: GFLOP/s of the
  /// largest product (2n³ operations), or the seconds of a sum or of an epoch of Module 3's
  /// network.
  func value(of measure: SpeedSetting.Measure) -> Double? {
    switch measure {
    case .matmul:
      return matmul?.filter { $0.backend == "fast" }.max { $0.n < $1.n }.map {
        2 * pow(Double($0.n), 3) / $0.seconds.fastest / 1e9
      }
    case .reduction:
      return elementwise?.first { $0.backend == "fast" && $0.operation == "sum" }?.seconds.fastest
    case .training:
      return networks?.first { $0.backend == "fast" && $0.network.hasPrefix("Module 3") }?
        .secondsPerEpoch.fastest
    }
  }

  /// The best of `values`: the highest rate, or the shortest time.
  static func best(_ values: [Double], of measure: SpeedSetting.Measure) -> Double? {
    measure.higherIsFaster ? values.max() : values.min()
  }
}
