import Dispatch

// Splitting work between threads so that the answer never depends on how many there are.
//
// A kernel cuts its items (entries of the output, rows, tiles) into chunks whose size depends
// only on the data: how many items there are and how much work each one is. Then it runs the
// chunks, one after another on one thread when the whole job is small, or spread over threads
// by `WorkerPool` (threads kept waiting) when it is large. Each chunk writes only its own part of
// the output, and whatever is combined across chunks (the partial sums of a long sum) is
// combined in chunk order. So one thread, two or sixty-four produce bit-identical results.
//
//   items:   0 1 2 3 4 5 6 7 8 9            (10 rows of 4 entries, grain 12)
//   chunks:  [0 1 2] [3 4 5] [6 7 8] [9]    (3 rows of work 4 make 12)
//
// Starting a thread's share of the work costs microseconds, so a chunk should hold tens of
// microseconds of work or more (the grain), and small jobs stay on the calling thread (the
// threshold).

/// The consecutive ranges that `0..<items` is cut into: `chunkSize` items each, the last one
/// possibly shorter. A collection of ranges, `chunks[2] == 6..<9`; which items share a chunk
/// depends on the sizes alone, never on the machine.
public struct Chunks: RandomAccessCollection, Sendable, Equatable {
  /// How many items are split.
  public let items: Int
  /// How many items each chunk holds (the last may hold fewer).
  public let chunkSize: Int
  /// The work one item costs, in entries read or written (or multiply-adds): what the parallel
  /// threshold is compared with, times `items`.
  public let workPerItem: Int

  /// `items` items cut into chunks of `chunkSize`.
  public init(items: Int, chunkSize: Int, workPerItem: Int) {
    precondition(items >= 0, "Chunks: the number of items cannot be negative, got \(items)")
    precondition(chunkSize > 0, "Chunks: a chunk must hold at least one item, got \(chunkSize)")
    self.items = items
    self.chunkSize = chunkSize
    self.workPerItem = Swift.max(1, workPerItem)
  }

  /// The first chunk's number, 0.
  public var startIndex: Int { 0 }
  /// One past the last chunk's number: ⌈items / chunkSize⌉.
  public var endIndex: Int { (items + chunkSize - 1) / chunkSize }

  /// The items of chunk `chunk`.
  public subscript(chunk: Int) -> Range<Int> {
    precondition(indices.contains(chunk), "Chunks: no chunk \(chunk) in 0..<\(endIndex)")
    let start = chunk * chunkSize
    return start..<Swift.min(items, start + chunkSize)
  }

  /// The work of all items together.
  public var work: Int { items * workPerItem }
}

/// How a fast kernel shares its work between threads: when it stays on one thread (`threshold`),
/// how much work goes in one chunk (`grain`), and at most how many threads run at once.
///
/// Results depend on the data and on `grain` only: not on `threshold`, `threads` or the number
/// of cores. Tests lower `threshold` (and `grain`) to run the parallel path on small tensors,
/// and attach a `recorder` to see how kernels shared their work; `minitorch bench` sets
/// `threads`.
public struct Parallel: Sendable, Equatable {
  /// Jobs with less work than this (entries read or written, or multiply-adds) run on the
  /// calling thread.
  public let threshold: Int
  /// The work in one chunk: enough that starting it on another thread is cheap beside it.
  public let grain: Int
  /// At most this many threads work at once; `nil` leaves it to Dispatch (one per core).
  public let threads: Int?
  /// Where the kernels that run with this setting log what they did (runs of chunks, products,
  /// packed panels), for the defining checks of Tasks 3.1–3.4; `nil`, the default, logs nothing.
  public let recorder: KernelRecorder?

  /// The default threshold: 2¹⁵ entries (or multiply-adds), some 15–30 µs of adding on one
  /// core. A run on `WorkerPool`'s waiting threads starts and ends in about a microsecond, so a
  /// LeNet step's mid-sized kernels (a batch of 16 small images) gain from the second core; with
  /// Dispatch waking its threads for every run (20–50 µs each way) the threshold had to be 2¹⁸,
  /// and those kernels stayed on one core.
  public static let defaultThreshold = 1 << 15
  /// The default grain: 2¹⁵ entries, 256 KiB of doubles.
  public static let defaultGrain = 1 << 15

  /// A setting with the given threshold, grain, thread limit and recorder.
  public init(
    threshold: Int = Parallel.defaultThreshold, grain: Int = Parallel.defaultGrain,
    threads: Int? = nil, recorder: KernelRecorder? = nil
  ) {
    precondition(threshold >= 1, "Parallel: the threshold must be at least 1, got \(threshold)")
    precondition(grain >= 1, "Parallel: the grain must be at least 1, got \(grain)")
    precondition(
      threads.map { $0 >= 1 } ?? true,
      "Parallel: at least 1 thread is needed, got \(threads ?? 0)")
    self.threshold = threshold
    self.grain = grain
    self.threads = threads
    self.recorder = recorder
  }

  /// Whether two settings split work alike and log to the same recorder (or both to none).
  public static func == (x: Parallel, y: Parallel) -> Bool {
    x.threshold == y.threshold && x.grain == y.grain && x.threads == y.threads
      && x.recorder === y.recorder
  }

  /// `items` items of `workPerItem` work each, cut into chunks of about `grain` work (at least
  /// one item per chunk).
  public func chunks(of items: Int, workPerItem: Int = 1) -> Chunks {
    Chunks(
      items: items, chunkSize: Swift.max(1, grain / Swift.max(1, workPerItem)),
      workPerItem: workPerItem)
  }

  /// Whether `chunks` would be spread over several threads: more than one chunk, at least
  /// `threshold` work, and more than one thread allowed.
  public func runsInParallel(_ chunks: Chunks) -> Bool {
    chunks.count > 1 && chunks.work >= threshold && (threads ?? 2) > 1
  }

  /// Runs `body(chunk, range)` once for every chunk: in order on the calling thread when the
  /// job is small, otherwise on several threads at once (and returns when all have finished).
  ///
  /// `body` may run on several threads at the same time, so each call must write only what
  /// belongs to its own chunk.
  ///
  /// - Complexity: the chunks' work, spread over at most `threads` threads; each parallel run
  ///   adds a few microseconds to start the threads.
  public func forEachChunk(_ chunks: Chunks, _ body: (_ chunk: Int, _ range: Range<Int>) -> Void) {
    recorder?.record(chunks, inParallel: runsInParallel(chunks))
    guard runsInParallel(chunks) else {
      for chunk in chunks.indices {
        body(chunk, chunks[chunk])
      }
      return
    }
    // The chunks go to the caller and the pool's waiting helpers (at most `threads` threads in
    // all), taken one at a time in order. When the pool is busy with another run (another
    // thread's kernel, or a kernel inside a chunk), Dispatch runs them instead: with a thread
    // limit, `workers` threads take every workers-th chunk; without one, Dispatch hands the
    // chunks out to its threads as they become free.
    let workers = Swift.min(chunks.count, threads ?? chunks.count)
    withoutActuallyEscaping(body) { body in
      // Each call writes only its own chunk's part of the output (the contract above).
      nonisolated(unsafe) let body = body
      if WorkerPool.shared.run(chunks.count, helperLimit: workers - 1, { body($0, chunks[$0]) }) {
        return
      }
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        for chunk in stride(from: worker, to: chunks.count, by: workers) {
          body(chunk, chunks[chunk])
        }
      }
    }
  }
}
