import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The threads that `Parallel` runs its chunks on: one per core besides the calling thread,
/// started once and kept waiting, so that a parallel run starts in about a microsecond.
///
/// Why not `DispatchQueue.concurrentPerform` alone: it wakes its threads from sleep for every
/// call, and on a busy laptop (or a virtual machine) the second thread starts 20–40 µs late and
/// the call returns 20–30 µs after the last chunk ends. A LeNet step runs dozens of parallel
/// kernels of 50–200 µs each, so that overhead ate the second core's whole gain. Here a helper
/// that finishes a run keeps looking for the next one for a short while (`spinTime`) before it
/// sleeps, the way OpenMP's and PyTorch's thread pools do; between the kernels of a training
/// step it never sleeps.
///
///     caller:   publish run ─ take chunks ─┬─ wait until every chunk is done ─ return
///     helper:   (looking) ── take chunks ──┘  (looking, then asleep)
///
/// Chunks are taken one at a time under a lock, in order; which thread runs a chunk never changes
/// the result (`Parallel` makes each chunk write only its own part). One run at a time: a run
/// asked for while another is going on (a test on another thread, a kernel inside a chunk) goes
/// to `concurrentPerform` instead.
final class WorkerPool: @unchecked Sendable {
  /// The pool the fast kernels share: one helper per core beyond the first, at most
  /// `maximumHelpers`.
  static let shared = WorkerPool(
    helpers: Swift.min(maximumHelpers, ProcessInfo.processInfo.activeProcessorCount - 1))

  /// At most this many helpers: every helper looks for work after each run, and on a server
  /// with dozens of cores that many threads taking one lock would cost more than they bring to
  /// the course's mid-sized kernels (a laptop has 4 to 16 cores).
  static let maximumHelpers = 15

  /// How long a helper (and the caller, waiting for the last chunks) keeps looking before it
  /// sleeps: long enough to bridge the gap between two kernels of a step, short enough that an
  /// idle program stops using the processor almost at once.
  static let spinTime: UInt64 = 200_000  // nanoseconds

  /// How many helper threads there are.
  let helpers: Int

  // Everything below is read and written with `mutex` held.
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let runPublished = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private let runFinished = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  /// Counts the runs published; a helper compares it with the last one it saw.
  private var generation = 0
  /// Whether a run is going on.
  private var busy = false
  /// The current run: its chunk body, how many chunks, the next one to take, how many are done.
  private var body: ((Int) -> Void)?
  private var count = 0
  private var next = 0
  private var done = 0
  /// How many helpers joined the current run, and how many may.
  private var joined = 0
  private var mayJoin = 0

  /// A pool with `helpers` threads (none when `helpers` ≤ 0: runs stay on the caller).
  init(helpers: Int) {
    self.helpers = Swift.max(0, helpers)
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(runPublished, nil)
    pthread_cond_init(runFinished, nil)
    for number in 0..<self.helpers {
      let thread = Thread { [self] in helperLoop() }
      thread.name = "minitorch helper \(number + 1)"
      thread.start()
    }
  }

  /// Runs `body(i)` for every i in 0..<count, on the calling thread and on up to `helperLimit`
  /// helpers, and returns when all are done. Returns false, running nothing, when another run
  /// is going on.
  func run(_ count: Int, helperLimit: Int, _ body: (Int) -> Void) -> Bool {
    withoutActuallyEscaping(body) { body in
      lock()
      guard !busy else {
        unlock()
        return false
      }
      busy = true
      self.body = body
      self.count = count
      (next, done, joined) = (0, 0, 0)
      mayJoin = Swift.min(helperLimit, helpers)
      generation &+= 1
      pthread_cond_broadcast(runPublished)
      takeChunks()
      // The helpers finish their last chunks.
      wait(while: { done < count }, wake: runFinished)
      self.body = nil
      busy = false
      unlock()
      return true
    }
  }

  /// What each helper does for ever: wait for a run, join it if there is room, take chunks.
  private func helperLoop() {
    var seen = 0
    lock()
    while true {
      wait(while: { generation == seen }, wake: runPublished)
      seen = generation
      if joined < mayJoin {
        joined += 1
        takeChunks()
      }
    }
  }

  /// Takes the run's chunks one by one until none is left (called and returning with the lock
  /// held; each chunk runs without it).
  private func takeChunks() {
    while next < count, let body {
      let chunk = next
      next += 1
      unlock()
      body(chunk)
      lock()
      done += 1
      if done == count {
        // Wakes the caller if it went to sleep (without a sleeper, a check of a counter).
        pthread_cond_signal(runFinished)
      }
    }
  }

  /// Waits (called and returning with the lock held) while `condition` holds: looking again
  /// and again for `spinTime`, then asleep until `wake` is signalled.
  private func wait(while condition: () -> Bool, wake: UnsafeMutablePointer<pthread_cond_t>) {
    let start = DispatchTime.now().uptimeNanoseconds
    while condition() {
      if DispatchTime.now().uptimeNanoseconds - start < Self.spinTime {
        pause()
      } else {
        pthread_cond_wait(wake, mutex)
      }
    }
  }

  /// Lets go of the lock for a moment while looking for work, so that the thread publishing a
  /// run or finishing a chunk can take it, and yields the processor to anything else waiting.
  private func pause() {
    unlock()
    sched_yield()
    lock()
  }

  private func lock() { pthread_mutex_lock(mutex) }
  private func unlock() { pthread_mutex_unlock(mutex) }
}
