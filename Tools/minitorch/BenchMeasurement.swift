import Foundation
import Module3

// Measuring for `minitorch bench`: the timed runs, the backends and networks they run on, and
// the progress line. The numbers go into a `BenchReport` (BenchResults.swift), printed by
// BenchTable.swift or as JSON.

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
  /// Timed runs per measurement.
  let repetitions: Int
  /// The fast backend's thread limits, each measured in turn (`nil`: all cores).
  let threads: [Int?]
  /// Whether the simple backend is measured too.
  let includesSimple: Bool
  /// The progress line on standard error.
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

  /// add, mul, exp, log, sigmoid, tanh and sum over `count` entries (random numbers from 0 to
  /// 1) through the `Tensor` API, result allocation included.
  mutating func wholeTensorOperations(_ count: Int) -> [ElementwiseResult] {
    let operations: [(String, (Tensor, Tensor) -> Tensor)] = [
      ("add", { $0 + $1 }), ("mul", { $0 * $1 }), ("exp", { x, _ in x.exp() }),
      ("log", { x, _ in x.log() }), ("sigmoid", { x, _ in x.sigmoid() }),
      ("tanh", { x, _ in x.tanh() }), ("sum", { x, _ in x.sum() }),
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

  /// The cores this process may use.
  var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

  /// `1 thread`, `2 threads` or `all cores`.
  func describe(_ limit: Int?) -> String {
    limit.map { counted($0, "thread") } ?? "all cores"
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
