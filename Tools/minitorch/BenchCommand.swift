import Foundation
import Module3

/// `minitorch bench`: measures the backends on this machine: matrix multiply in GFLOP/s, whole
/// tensor operations in nanoseconds per entry, and training time per epoch. The measuring is
/// in BenchMeasurement.swift, the results in BenchResults.swift, the tables in
/// BenchTable.swift and the comparison with an earlier run in BenchComparison.swift.
enum BenchCommand {
  /// `--sizes LIST`.
  static let sizes: Option<[Int]> = .integers(
    "sizes", in: 1...8192, default: [64, 128, 256, 512, 1024],
    "matrix sizes n for the n × n products (the simple backend only where one product takes "
      + "under 2 s)")
  /// `--threads LIST`.
  static let threads: Option<[Int?]> = .custom(
    "threads", "LIST", allowed: "all, or whole numbers from 1", defaultText: "all",
    absent: [nil],
    "thread limits for the fast backend, each measured in turn: all (every core) or a number; "
      + "for example 1,2"
  ) { text throws(UsageError) in
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    var limits: [Int?] = []
    for part in parts {
      if part == "all" {
        limits.append(nil)
      } else if let count = Int(part), count > 0 {
        limits.append(count)
      } else {
        throw UsageError("--threads must list 'all' or positive numbers, like 1,2; not '\(text)'")
      }
    }
    return limits
  }
  /// `--repetitions N`.
  static let repetitions: Option<Int> = .integer(
    "repetitions", in: 1...1000, default: 7, "timed runs per measurement")
  /// `--elements N`.
  static let elements: Option<Int> = .integer(
    "elements", in: 1...100_000_000, default: 1_000_000,
    "entries of the whole-tensor operations (add, mul, exp, log, sigmoid, tanh, sum)")
  /// The parts `--parts` may name, in the order they run.
  static let allParts = ["matmul", "ops", "training", "convolution"]
  /// `--parts LIST`.
  static let parts: Option<[String]> = .choices(
    "parts", from: allParts, default: allParts,
    "what to measure: matmul, ops (the whole-tensor operations), training (an epoch of the "
      + "Module 2 network on 150 points, and of Module 3's in batches of 10, on the clock and "
      + "in processor time), convolution (Module 4: conv2d forward and backward, and a "
      + "LeNet-style training step)")
  /// `--skip-simple`.
  static let skipSimple: Option<Bool> = .flag("skip-simple", "measure the fast backend only")
  /// `--json`.
  static let json: Option<Bool> = .flag(
    "json",
    "print the results as JSON instead of the tables: the machine (processor, cores, system), "
      + "the build, the commit of the current folder's checkout, and every measurement")
  /// `--save FILE`.
  static let save: Option<OutputFile?> = .outputFile(
    "save", example: "bench.json",
    "also write the results as JSON to FILE, to compare a later run with (--compare FILE)")
  /// `--compare FILE`.
  static let compare: Option<URL?> = .path(
    "compare", "FILE",
    "show each figure's ratio to the same figure of an earlier run, read from FILE (written "
      + "by --save or --json); with --json, the ratios go into the JSON")

  /// The command's options.
  static let table = OptionTable(
    "bench",
    [
      sizes.declaration, threads.declaration, repetitions.declaration, elements.declaration,
      parts.declaration, skipSimple.declaration, json.declaration, save.declaration,
      compare.declaration,
    ])

  /// The command's entry in `minitorch help`.
  static let command = Command(
    "bench",
    summary: "measure the backends: matmul GFLOP/s, ns per entry, time per epoch",
    table: table,
    about: """
      Times the simple backend (Module 2) and the fast one (Module 3) on this machine and
      prints a table. Measure a release build: swift run -c release minitorch bench
      (MINITORCH_NATIVE=1 in front builds the fast kernels for this machine's CPU).

      Every number is the median of the repeated runs after one warm-up run; the spread is
      (slowest − fastest) / median. Other programs running at the same time slow it down: the
      table shows the load average, and repeating the run tells you how steady the numbers are.
      Keep a run with --save FILE and compare a later one with --compare FILE: a figure more
      than its spread (and 5%) slower is marked.
      """,
    run: run)

  /// Measures what the options ask for and prints (and saves) the results.
  static func run(_ options: ParsedOptions) throws -> Int32 {
    // The earlier run is read before anything is measured, so a bad file ends the command at
    // once.
    let earlier = try options[compare].map { file throws(UsageError) in
      try BenchReport.read(file, option: "--compare")
    }
    let threads = options[Self.threads]
    let json = options[Self.json]
    let chosen = options[parts]
    var bench = Bench(
      repetitions: options[repetitions], threads: threads, includesSimple: !options[skipSimple])
    var report = BenchReport(
      machine: .current(threads: threads), repetitions: options[repetitions],
      commit: Commit.of(URL(fileURLWithPath: FileManager.default.currentDirectoryPath)))
    if !json {
      print(report.machine.summary)
      if report.machine.build == "debug" {
        print(
          "This is a debug build, 10–100× slower than release: "
            + "run swift run -c release minitorch bench")
      }
    }
    if chosen.contains("matmul") {
      report.matmul = bench.matrixProducts(options[sizes])
    }
    if chosen.contains("ops") {
      report.elementwise = bench.wholeTensorOperations(options[elements])
    }
    if chosen.contains("training") {
      report.networks = bench.networks()
    }
    if chosen.contains("convolution") {
      report.convolutions = bench.convolutions()
    }
    bench.progress.finish()
    if let earlier {
      report.comparison = report.compared(with: earlier)
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let encoded = try encoder.encode(report)
    if json {
      print(String(decoding: encoded, as: UTF8.self))
    } else {
      print(report.table(threads: threads))
      if let earlier {
        print(report.comparisonTable(with: earlier))
      }
    }
    guard let file = options[save] else { return 0 }
    let written = try file.write(encoded)
    printError(written.note("the results", asked: file))
    return written.problem == nil ? 0 : 1
  }
}
