import Dispatch
import Foundation
import Module3
import Testing

/// The threads that run a fast kernel's chunks (Module3's `WorkerPool`, behind
/// `Parallel.forEachChunk`): every chunk runs exactly once whoever asks, from however many
/// threads at once, from inside another run's chunk, and on at most the threads allowed.
/// Not graded.
@Suite("Given code: the worker threads run every chunk once, for any caller", .explainsStops)
struct GivenWorkerPool {
  /// Counts, per item, how often a chunk covering it ran, under a lock.
  final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [Int]
    private var threadNames: Set<String> = []

    init(_ items: Int) { counts = Array(repeating: 0, count: items) }

    func add(_ range: Range<Int>) {
      let thread = "\(pthread_self())"
      lock.lock()
      defer { lock.unlock() }
      for item in range { counts[item] += 1 }
      threadNames.insert(thread)
    }

    var eachOnce: Bool {
      lock.lock()
      defer { lock.unlock() }
      return counts.allSatisfy { $0 == 1 }
    }

    var threads: Int {
      lock.lock()
      defer { lock.unlock() }
      return threadNames.count
    }
  }

  @Test func runsFromManyThreadsAtOnceEachCoverEveryChunkOnce() {
    // Eight callers at the same time: one gets the pool, the others go to Dispatch; each must
    // see all of its own chunks, once.
    let parallel = Parallel(threshold: 1, grain: 3)
    let counters = (0..<8).map { _ in Counter(5000) }
    DispatchQueue.concurrentPerform(iterations: counters.count) { caller in
      for _ in 0..<20 {
        let counter = Counter(5000)
        parallel.forEachChunk(parallel.chunks(of: 5000)) { _, range in counter.add(range) }
        #expect(counter.eachOnce, "caller \(caller)")
      }
      parallel.forEachChunk(parallel.chunks(of: 5000)) { _, range in
        counters[caller].add(range)
      }
    }
    #expect(counters.allSatisfy { $0.eachOnce })
  }

  @Test func aRunInsideAChunkCompletes() {
    // A kernel called inside another kernel's chunk (the pool is busy with the outer run).
    let parallel = Parallel(threshold: 1, grain: 1)
    let outer = Counter(6)
    let inner = (0..<6).map { _ in Counter(300) }
    parallel.forEachChunk(parallel.chunks(of: 6)) { chunk, range in
      outer.add(range)
      parallel.forEachChunk(parallel.chunks(of: 300)) { _, range in inner[chunk].add(range) }
    }
    #expect(outer.eachOnce)
    #expect(inner.allSatisfy { $0.eachOnce })
  }

  @Test(arguments: [1, 2])
  func aThreadLimitHolds(threads: Int) {
    // Chunks long enough that every waiting thread would have time to join.
    let parallel = Parallel(threshold: 1, grain: 1, threads: threads)
    let counter = Counter(64)
    parallel.forEachChunk(parallel.chunks(of: 64)) { _, range in
      let start = DispatchTime.now().uptimeNanoseconds
      while DispatchTime.now().uptimeNanoseconds - start < 200_000 {}
      counter.add(range)
    }
    #expect(counter.eachOnce)
    #expect(counter.threads <= threads, "\(counter.threads) threads ran chunks, limit \(threads)")
  }

  @Test func manyRunsInARowCoverEveryChunk() {
    // Back-to-back runs, as in a training step, with the helpers still looking for work.
    let parallel = Parallel(threshold: 1, grain: 16)
    for items in [1, 2, 17, 1000, 3, 64] {
      for _ in 0..<200 {
        let counter = Counter(items)
        parallel.forEachChunk(parallel.chunks(of: items)) { _, range in counter.add(range) }
        #expect(counter.eachOnce, "\(items) items")
      }
    }
  }
}
