import Foundation
import Module3
import Testing

// What the defining checks of Tasks 3.1–3.4 observe a kernel with: operators whose functions
// count their calls, a `KernelRecorder` attached to the `Parallel` a kernel runs with, and lane
// operations that count how often their vector and number forms are called. Nothing here looks
// at the clock.

/// A count that several threads may increase at once.
final class CallCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0

  /// Adds one.
  func increment() {
    lock.lock()
    count += 1
    lock.unlock()
  }

  /// The count so far.
  var value: Int {
    lock.lock()
    defer { lock.unlock() }
    return count
  }
}

/// Records a failure unless `recorder` saw at least one run of chunks spread over several
/// threads, whose chunks together declare at least `work` entries of work (what the threshold
/// is compared with: a kernel that declares less never reaches it on a large tensor).
func expectSharedAmongThreads(
  _ recorder: KernelRecorder, work: Int, _ what: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let runs = recorder.runs
  let parallel = runs.filter(\.inParallel)
  let declared = parallel.map(\.chunks.work).reduce(0, +)
  var problem: String?
  if runs.isEmpty {
    problem =
      "no work went through parallel.forEachChunk; cut the work into "
      + "parallel.chunks(of:workPerItem:) and run them with parallel.forEachChunk"
  } else if parallel.isEmpty {
    let shown = runs.prefix(3).map { "\($0.chunks.count) chunks of work \($0.chunks.work)" }
    problem =
      "the work never ran on several threads with threshold 1 (runs: "
      + "\(shown.joined(separator: ", "))); it needs more than one chunk"
  } else if declared < work {
    problem =
      "the chunks that ran on several threads declare \(declared) entries of work, fewer than "
      + "the \(work) the kernel reads or writes; count them in workPerItem, or a large tensor "
      + "never reaches the threshold"
  }
  if let problem {
    Issue.record(Comment(rawValue: "\(what): \(problem)"), sourceLocation: sourceLocation)
  }
}

/// Records `message` as the failure of a defining check unless `holds`: the message alone,
/// without the expression, so that one failure reads in a line or two.
func expectDefiningCheck(
  _ holds: Bool, _ message: @autoclosure () -> String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  if !holds {
    Issue.record(Comment(rawValue: message()), sourceLocation: sourceLocation)
  }
}

/// A fast backend that logs to `recorder` and shares even tiny jobs among threads in chunks
/// of about `grain` entries; Tasks 3.1 and 3.2 use their own kernels (`.plain`).
func recordingOps(_ recorder: KernelRecorder, grain: Int = 16) -> FastOps {
  FastOps(
    parallel: Parallel(threshold: 1, grain: grain, recorder: recorder), reductionKernel: .plain,
    matmulKernel: .plain)
}

/// The first and one-past-the-last address of `data`'s storage.
func storageAddresses(_ data: TensorData) -> Range<UInt> {
  data.storage.values.withUnsafeBufferPointer { buffer in
    let start = UInt(bitPattern: buffer.baseAddress)
    return start..<(start + UInt(buffer.count * MemoryLayout<Double>.stride))
  }
}

/// How often each form of a counted lane operation was called, and the widest vector seen.
final class LaneCounts: @unchecked Sendable {
  private let lock = NSLock()
  private var counts = (lanes: 0, numbers: 0, widest: 0)

  func lanes(width: Int) {
    lock.lock()
    counts.lanes += 1
    counts.widest = Swift.max(counts.widest, width)
    lock.unlock()
  }

  func number() {
    lock.lock()
    counts.numbers += 1
    lock.unlock()
  }

  /// The counts so far, and zeros from now on.
  func take() -> (lanes: Int, numbers: Int, widest: Int) {
    lock.lock()
    defer {
      counts = (0, 0, 0)
      lock.unlock()
    }
    return counts
  }
}

/// `LaneSum`, counting its calls in `counts` (one test at a time uses it).
enum CountedSum: LaneOperation {
  static let counts = LaneCounts()
  static var start: Double { 0 }

  static func lanes<Vector: SIMD>(_ x: Vector, _ y: Vector) -> Vector
  where Vector.Scalar == Double {
    counts.lanes(width: Vector.scalarCount)
    return LaneSum.lanes(x, y)
  }

  static func combine(_ x: Double, _ y: Double) -> Double {
    counts.number()
    return LaneSum.combine(x, y)
  }
}

/// `LaneMax`, counting its calls in `counts` (one test at a time uses it).
enum CountedMax: LaneOperation {
  static let counts = LaneCounts()
  static var start: Double { -.infinity }

  static func lanes<Vector: SIMD>(_ x: Vector, _ y: Vector) -> Vector
  where Vector.Scalar == Double {
    counts.lanes(width: Vector.scalarCount)
    return LaneMax.lanes(x, y)
  }

  static func combine(_ x: Double, _ y: Double) -> Double {
    counts.number()
    return LaneMax.combine(x, y)
  }
}
