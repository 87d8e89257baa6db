import Foundation
import Module3

/// `minitorch bench`: measures the backends on this machine: matrix multiply in GFLOP/s, whole
/// tensor operations in nanoseconds per entry, and training time per epoch.
enum BenchCommand {
  /// The command's entry in `minitorch help`.
  static let command = Command(
    name: "bench",
    summary: "measure the backends: matmul GFLOP/s, ns per entry, time per epoch",
    usage: """
      usage: minitorch bench [--sizes N,N,…] [--threads all|N,…] [--repetitions N]
                             [--elements N] [--parts LIST] [--skip-simple] [--json]

      Times the simple backend (Module 2) and the fast one (Module 3) on this machine and
      prints a table. Measure a release build: swift run -c release minitorch bench
      (MINITORCH_NATIVE=1 in front builds the fast kernels for this machine's CPU).

      Every number is the median of the repeated runs after one warm-up run; the spread is
      (slowest − fastest) / median. Other programs running at the same time slow it down: the
      table shows the load average, and repeating the run tells you how steady the numbers are.

        --sizes LIST      matrix sizes n for the n × n products; default 64,128,256,512,1024
                          (the simple backend only where one product takes under 2 s)
        --threads LIST    thread limits for the fast backend, each measured in turn: all
                          (every core) or a number; default all. Example: --threads 1,2
        --repetitions N   timed runs per measurement; default 7
        --elements N      entries of the whole-tensor operations (add, mul, exp, sum);
                          default 1000000
        --parts LIST      what to measure: matmul, ops (the whole-tensor operations),
                          training (an epoch of the Module 2 network on 150 points, and of
                          Module 3's in batches of 10, on the clock and in processor time),
                          convolution (Module 4: conv2d forward and backward, and a
                          LeNet-style training step); default all four
        --skip-simple     measure the fast backend only
        --json            print the results as JSON instead of the table
      """,
    run: run)

  static func run(_ options: inout Arguments) throws -> Int32 {
    let sizes = try list("sizes", try options.string("sizes") ?? "64,128,256,512,1024")
    let threads = try threadLimits(try options.string("threads") ?? "all")
    let repetitions = try options.int("repetitions", default: 7, in: 1...1000)
    let elements = try options.int("elements", default: 1_000_000, in: 1...100_000_000)
    let parts = try (options.string("parts") ?? "matmul,ops,training,convolution").split(
      separator: ","
    ).map {
      part in
      guard ["matmul", "ops", "training", "convolution"].contains(part) else {
        throw UsageError(
          "--parts lists matmul, ops, training or convolution, not '\(part)'")
      }
      return String(part)
    }
    let skipSimple = options.flag("skip-simple")
    let json = options.flag("json")
    try options.finish()

    var bench = Bench(repetitions: repetitions, threads: threads, includesSimple: !skipSimple)
    var report = BenchReport(machine: .current(threads: threads), repetitions: repetitions)
    if !json {
      print(report.machine.summary)
      if report.machine.build == "debug" {
        print(
          "This is a debug build, 10–100× slower than release: "
            + "run swift run -c release minitorch bench")
      }
    }
    if parts.contains("matmul") {
      report.matmul = bench.matrixProducts(sizes)
    }
    if parts.contains("ops") {
      report.elementwise = bench.wholeTensorOperations(elements)
    }
    if parts.contains("training") {
      report.networks = bench.networks()
    }
    if parts.contains("convolution") {
      report.convolutions = bench.convolutions()
    }
    bench.progress.finish()
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      print(String(decoding: try encoder.encode(report), as: UTF8.self))
    } else {
      print(report.table(threads: threads))
    }
    return 0
  }

  /// Positive whole numbers separated by commas.
  static func list(_ name: String, _ text: String) throws -> [Int] {
    let numbers = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard !numbers.isEmpty, numbers.allSatisfy({ ($0 ?? 0) > 0 }) else {
      throw UsageError("--\(name) must list positive whole numbers, like 64,128; not '\(text)'")
    }
    return numbers.compactMap { $0 }
  }

  /// `all` (no limit, written `nil`) or thread counts, separated by commas.
  static func threadLimits(_ text: String) throws -> [Int?] {
    try text.split(separator: ",").map { part -> Int? in
      if part == "all" { return nil }
      guard let count = Int(part), count > 0 else {
        throw UsageError("--threads must list 'all' or positive numbers, like 1,2; not '\(text)'")
      }
      return count
    }
  }
}

// MARK: Measuring

/// The timed runs of one measurement, in seconds.
struct Timing: Codable {
  /// The median run.
  let median: Double
  /// The fastest run.
  let fastest: Double
  /// The slowest run.
  let slowest: Double
  /// How many runs were timed (after one warm-up run).
  let runs: Int

  /// Seconds of each run, in any order.
  init(_ seconds: [Double]) {
    let sorted = seconds.sorted()
    let middle = sorted.count / 2
    median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    fastest = sorted[0]
    slowest = sorted[sorted.count - 1]
    runs = sorted.count
  }

  /// (slowest − fastest) / median.
  var spread: Double { (slowest - fastest) / median }
}

/// Runs the measurements, showing progress on standard error.
struct Bench {
  let repetitions: Int
  let threads: [Int?]
  let includesSimple: Bool
  var progress = BenchProgress()

  /// The backends to measure: the simple one (unless skipped) and the fast one for each thread
  /// limit, with their names and thread counts.
  var backends: [(name: String, threads: Int?, backend: TensorBackend)] {
    (includesSimple ? [("simple", 1, TensorBackend.simple)] : [])
      + threads.map { ("fast", $0, fast($0)) }
  }

  /// The fast backend limited to `threads` threads (all cores for `nil`).
  func fast(_ threads: Int?) -> TensorBackend {
    .fast(parallel: Parallel(threads: threads))
  }

  /// One warm-up run, then `runs` timed runs of `body`.
  func time(runs: Int, _ body: () -> Void) -> Timing {
    let clock = ContinuousClock()
    body()
    return Timing(
      (0..<runs).map { _ in
        let start = clock.now
        body()
        return (clock.now - start).seconds
      })
  }

  /// n × n times n × n for every size: the simple backend where one product takes under 2 s
  /// (judged from the size before), the fast one for every thread limit.
  mutating func matrixProducts(_ sizes: [Int]) -> [MatmulResult] {
    var results: [MatmulResult] = []
    var simpleSeconds: (n: Int, seconds: Double)?
    for n in sizes {
      let x = Tensor.rand([n, n], seed: 1, backend: .simple)
      let y = Tensor.rand([n, n], seed: 2, backend: .simple)
      let predicted = simpleSeconds.map { $0.seconds * pow(Double(n) / Double($0.n), 3) } ?? 0
      if includesSimple && predicted < 2 {
        progress.show("matmul \(n)×\(n), simple backend")
        // A few runs suffice for the slow products; the median is still of several.
        let runs = predicted > 0.2 ? Swift.min(repetitions, 3) : repetitions
        let timing = time(runs: runs) { _ = x.matmul(y) }
        simpleSeconds = (n, timing.median)
        results.append(MatmulResult(n: n, backend: "simple", threads: 1, seconds: timing))
      }
      for limit in threads {
        progress.show("matmul \(n)×\(n), fast backend, \(describe(limit))")
        let backend = fast(limit)
        let (a, b) = (Tensor(x.data, backend: backend), Tensor(y.data, backend: backend))
        let timing = time(runs: repetitions) { _ = a.matmul(b) }
        results.append(
          MatmulResult(n: n, backend: "fast", threads: limit ?? cores, seconds: timing))
      }
    }
    return results
  }

  /// add, mul, exp and sum over `count` entries through the `Tensor` API, result allocation
  /// included.
  mutating func wholeTensorOperations(_ count: Int) -> [ElementwiseResult] {
    let operations: [(String, (Tensor, Tensor) -> Tensor)] = [
      ("add", { $0 + $1 }), ("mul", { $0 * $1 }), ("exp", { x, _ in x.exp() }),
      ("sum", { x, _ in x.sum() }),
    ]
    let x = Tensor.rand([count], seed: 3)
    let y = Tensor.rand([count], seed: 4)
    var results: [ElementwiseResult] = []
    for (name, operation) in operations {
      for (backendName, limit, backend) in backends {
        progress.show("\(name) of \(count) entries, \(backendName) backend, \(describe(limit))")
        let (a, b) = (Tensor(x.data, backend: backend), Tensor(y.data, backend: backend))
        let timing = time(runs: repetitions) { _ = operation(a, b) }
        results.append(
          ElementwiseResult(
            operation: name, backend: backendName, threads: limit ?? cores, elements: count,
            seconds: timing))
      }
    }
    return results
  }

  /// The time per epoch of every network in `NetworkBenchmark.all`, on each backend.
  mutating func networks() -> [NetworkResult] {
    var results: [NetworkResult] = []
    for network in NetworkBenchmark.all {
      for (backendName, limit, backend) in backends {
        progress.show("\(network.name), \(backendName) backend, \(describe(limit))")
        // The first epoch is the warm-up.
        let epochs = network.train(backend, repetitions + 1).dropFirst()
        results.append(
          NetworkResult(
            network: network.name, backend: backendName, threads: limit ?? cores,
            secondsPerEpoch: Timing(epochs.map(\.seconds)),
            processorSecondsPerEpoch: Timing(epochs.map(\.processorSeconds))))
      }
    }
    return results
  }

  var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

  func describe(_ limit: Int?) -> String {
    limit.map { $0 == 1 ? "1 thread" : "\($0) threads" } ?? "all cores"
  }
}

/// A network whose training is timed per epoch. Module 2's network trains on the whole dataset
/// at once; Module 3's takes a step per mini-batch (Task 3.5). Each runs its real training
/// loop, the one `minitorch train` runs: the timed epochs take no path of their own.
struct NetworkBenchmark: Sendable {
  /// What the table calls it.
  let name: String
  /// Trains for the given number of epochs on the backend and returns each epoch's times.
  let train: @Sendable (TensorBackend, Int) -> [EpochTime]

  /// The networks `minitorch bench` times.
  static let all: [NetworkBenchmark] = [module2, module3]

  /// Task 2.5's `TensorNetwork`, 2-100-100-1, one step per epoch on all 150 points of `xor`.
  static let module2 = NetworkBenchmark(
    name: "Module 2 network, 2-100-100-1, 150 points, full batch"
  ) { backend, epochs in
    let dataset = Datasets.make("xor", points: 150, seed: 0)!
    let network = TensorNetwork(hidden: 100, seed: 0, backend: backend)
    var times = EpochTimer()
    // A rate of 0.5 does not diverge on xor; if it ever did, the times so far still count.
    _ = try? trainTensorNetwork(network, on: dataset, rate: 0.5, epochs: epochs) {
      times.record($0)
    }
    return times.epochs
  }

  /// Task 3.5's training: the same network, 15 steps per epoch on shuffled batches of 10 of
  /// the 150 points of `xor`, each step forward, loss, backward and update, then the epoch's
  /// measurement over all 150 points.
  static let module3 = NetworkBenchmark(
    name: "Module 3 network, 2-100-100-1, 150 points, batches of 10"
  ) { backend, epochs in
    let dataset = Datasets.make("xor", points: 150, seed: 0)!
    let network = TensorNetwork(hidden: 100, seed: 0, backend: backend)
    let settings = TensorNetwork.batchSettings(for: "xor")
    var times = EpochTimer()
    _ = try? trainInBatches(
      network, on: dataset, rate: settings.rate, epochs: epochs, batchSize: 10, seed: 0
    ) { times.record($0) }
    return times.epochs
  }
}

/// How long one epoch took: on the clock, and on the processor.
struct EpochTime {
  /// Seconds on the clock, as the training loop measured the epoch.
  let seconds: Double
  /// Seconds the process ran on any processor between the end of the previous epoch and the
  /// end of this one. Other programs do not add to it, so on a busy machine it is the steadier
  /// number; for work on one thread (small tensors) it is the epoch's own time.
  let processorSeconds: Double
}

/// Collects `EpochTime`s from a training loop's reports.
struct EpochTimer {
  private(set) var epochs: [EpochTime] = []
  private var lastProcessorTime = EpochTimer.processorTime()

  /// Records the epoch `report` describes, which has just ended.
  mutating func record(_ report: EpochReport) {
    let now = EpochTimer.processorTime()
    epochs.append(EpochTime(seconds: report.seconds, processorSeconds: now - lastProcessorTime))
    lastProcessorTime = now
  }

  /// The processor time this process has used so far, in seconds (all its threads).
  static func processorTime() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
  }
}

/// A progress line on standard error: redrawn in place on a terminal, one line per step
/// otherwise.
struct BenchProgress {
  private let interactive = isatty(STDERR_FILENO) == 1
  private var shown = false

  /// Shows what is being measured now.
  mutating func show(_ step: String) {
    let text = "bench: \(step)…"
    FileHandle.standardError.write(Data((interactive ? "\r\u{1B}[K\(text)" : text + "\n").utf8))
    shown = true
  }

  /// Clears the line on a terminal.
  func finish() {
    if interactive && shown {
      FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
  }
}

// MARK: Results

/// Everything `minitorch bench` measured, as `--json` prints it.
struct BenchReport: Codable {
  var machine: Machine
  var repetitions: Int
  var matmul: [MatmulResult] = []
  var elementwise: [ElementwiseResult] = []
  var networks: [NetworkResult] = []
  var convolutions: [ConvolutionResult] = []

  init(machine: Machine, repetitions: Int) {
    self.machine = machine
    self.repetitions = repetitions
  }
}

/// The machine and the build the numbers come from.
struct Machine: Codable {
  /// The processor's name, when the system says.
  let processor: String?
  /// Cores the system lets this process use.
  let cores: Int
  /// The thread limits measured (`nil`: all cores).
  let threads: [Int?]
  /// `release` or `debug`.
  let build: String
  /// `portable` or `host CPU` (built with MINITORCH_NATIVE=1).
  let target: String
  /// The CPU architecture.
  let architecture: String
  /// The system's load averages over 1, 5 and 15 minutes when the run started: anything near
  /// or above `cores` means other programs were competing for the processor.
  let loadAverage: [Double]?

  static func current(threads: [Int?]) -> Machine {
    #if DEBUG
      let build = "debug"
    #else
      let build = "release"
    #endif
    #if arch(x86_64)
      let architecture = "x86_64"
    #elseif arch(arm64)
      let architecture = "arm64"
    #else
      let architecture = "other"
    #endif
    var load = [0.0, 0.0, 0.0]
    let loadAverage = getloadavg(&load, 3) == 3 ? load : nil
    return Machine(
      processor: processorName(), cores: ProcessInfo.processInfo.activeProcessorCount,
      threads: threads, build: build,
      target: FastOps.compiledForHostCPU ? "host CPU" : "portable", architecture: architecture,
      loadAverage: loadAverage)
  }

  /// The model name from /proc/cpuinfo (Linux), else `nil`.
  static func processorName() -> String? {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else {
      return nil
    }
    let line = text.split(separator: "\n").first { $0.hasPrefix("model name") }
    return line.flatMap { $0.split(separator: ":", maxSplits: 1).last }
      .map { $0.trimmingCharacters(in: .whitespaces) }
  }

  /// Two lines for the top of the table.
  var summary: String {
    let used = threads.map { $0.map(String.init) ?? "all (\(cores))" }.joined(separator: ", ")
    let load = loadAverage.map { values in
      "; load average " + values.map { format($0, digits: 2) }.joined(separator: " ")
    }
    return "Machine: \(processor ?? architecture), \(cores) cores; fast backend threads: \(used)\n"
      + "Build: \(build), \(target) (\(architecture))\(load ?? "")"
  }
}

/// A measurement on one backend with a thread count: a cell of a table row.
protocol BackendResult {
  /// `simple` or `fast`.
  var backend: String { get }
  /// The threads the backend could use.
  var threads: Int { get }
}

/// One matrix size on one backend.
struct MatmulResult: Codable, BackendResult {
  let n: Int
  let backend: String
  let threads: Int
  let seconds: Timing
  /// 2n³ floating-point operations per median run time, in billions per second.
  let gflops: Double

  init(n: Int, backend: String, threads: Int, seconds: Timing) {
    self.n = n
    self.backend = backend
    self.threads = threads
    self.seconds = seconds
    gflops = 2 * pow(Double(n), 3) / seconds.median / 1e9
  }
}

/// One whole-tensor operation on one backend.
struct ElementwiseResult: Codable, BackendResult {
  let operation: String
  let backend: String
  let threads: Int
  let elements: Int
  let seconds: Timing
}

/// One network's training on one backend.
struct NetworkResult: Codable, BackendResult {
  let network: String
  let backend: String
  let threads: Int
  /// Time per epoch on the clock.
  let secondsPerEpoch: Timing
  /// Processor time per epoch, all threads of the process together.
  let processorSecondsPerEpoch: Timing
}

extension BenchReport {
  /// The report as text tables.
  func table(threads: [Int?]) -> String {
    let fastColumns = threads.map { limit in
      limit.map { "fast \($0)t" } ?? "fast all"
    }
    // One row's results: the simple backend's, then the fast one's for each thread limit.
    func columns<Result: BackendResult>(_ results: [Result], _ matches: (Result) -> Bool)
      -> [Result?]
    {
      let simple = results.first { matches($0) && $0.backend == "simple" }
      return [simple]
        + threads.map { limit in
          results.first {
            matches($0) && $0.backend == "fast" && $0.threads == (limit ?? machine.cores)
          }
        }
    }
    let widths = [6, 28] + Array(repeating: 28, count: threads.count)
    var lines = [
      "",
      "Median of \(repetitions) runs after a warm-up; ± is the spread (slowest − fastest) / median.",
    ]
    if !matmul.isEmpty {
      lines += ["", "Matrix multiply, float64, n × n times n × n: GFLOP/s = 2n³ / time"]
      lines.append(
        row(["n", "simple"] + fastColumns + ["fast/simple"], widths: matmulWidths(threads.count)))
      for n in Array(Set(matmul.map(\.n))).sorted() {
        let results = columns(matmul) { $0.n == n }
        var cells = [String(n)] + results.map { $0.map(rate) ?? "—" }
        if let simple = results[0],
          let best = results.dropFirst().compactMap({ $0 }).map(\.gflops).max()
        {
          cells.append(format(best / simple.gflops, digits: 1) + "×")
        }
        lines.append(row(cells, widths: matmulWidths(threads.count)))
      }
    }
    if let count = elementwise.first?.elements {
      lines += [
        "",
        "Whole-tensor operations on \(count) float64 entries through the Tensor API "
          + "(allocation included): the time, and the time per entry",
      ]
      lines.append(row(["", "simple"] + fastColumns, widths: widths))
      for operation in ["add", "mul", "exp", "sum"] {
        let cells = columns(elementwise) { $0.operation == operation }
        lines.append(row([operation] + cells.map { $0.map(perEntry) ?? "—" }, widths: widths))
      }
    }
    if !networks.isEmpty {
      lines += [
        "",
        "Training: ms per epoch, on the clock and in processor time (all threads; other "
          + "programs add to the clock only)",
      ]
      lines.append(row(["", "simple"] + fastColumns, widths: widths))
      for name in NetworkBenchmark.all.map(\.name) {
        lines.append("  \(name)")
        let results = columns(networks) { $0.network == name }
        let clock = results.map { $0.map { milliseconds($0.secondsPerEpoch) } ?? "—" }
        let processor = results.map {
          $0.map { milliseconds($0.processorSecondsPerEpoch) } ?? "—"
        }
        lines.append(row(["clock"] + clock, widths: widths))
        lines.append(row(["cpu"] + processor, widths: widths))
      }
    }
    if !convolutions.isEmpty {
      lines += ["", "Convolutional networks (Module 4): ms per call"]
      lines.append(row(["", "simple"] + fastColumns, widths: widths))
      for name in ConvolutionBenchmark.all.map(\.name) {
        lines.append("  \(name)")
        let results = columns(convolutions) { $0.name == name }
        lines.append(
          row(["time"] + results.map { $0.map { milliseconds($0.seconds) } ?? "—" }, widths: widths)
        )
      }
    }
    return lines.joined(separator: "\n")
  }

  private func matmulWidths(_ fastCount: Int) -> [Int] {
    [6, 14] + Array(repeating: 16, count: fastCount) + [12]
  }

  private func rate(_ result: MatmulResult) -> String {
    "\(format(result.gflops, digits: result.gflops < 10 ? 2 : 1)) ±\(percent(result.seconds))"
  }

  private func perEntry(_ result: ElementwiseResult) -> String {
    let timing = result.seconds
    let nanoseconds = timing.median * 1e9 / Double(result.elements)
    let ms = timing.median * 1000
    return "\(format(ms, digits: ms < 10 ? 3 : 1)) ms \(format(nanoseconds, digits: 2)) ns"
      + " ±\(percent(timing))"
  }

  private func milliseconds(_ timing: Timing) -> String {
    let ms = timing.median * 1000
    return "\(format(ms, digits: ms < 10 ? 3 : 1)) ±\(percent(timing))"
  }

  private func percent(_ timing: Timing) -> String {
    "\(Int((timing.spread * 100).rounded()))%"
  }

  /// Cells right-aligned in columns of the given widths (the first left-aligned).
  private func row(_ cells: [String], widths: [Int]) -> String {
    var line = ""
    for (index, cell) in cells.enumerated() {
      let width = index < widths.count ? widths[index] : 12
      let padding = String(repeating: " ", count: Swift.max(1, width - cell.count))
      line += index == 0 ? "  " + cell + padding : padding + cell
    }
    return line
  }
}
