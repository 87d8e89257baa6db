import Foundation

// What a fast kernel did, seen through the given code it goes through. Tasks 3.1–3.4 are defined
// by how they compute, not only by what: a loop of its own for each operator, work shared among
// threads, products read where their matrices lie, panels packed once per block. None of that
// shows in the numbers a kernel returns, and timing it would make grades depend on the machine.
// So the given building blocks a kernel must use report to a recorder:
//
//   Parallel.forEachChunk       → a run: how the work was cut into chunks, and whether the
//                                 chunks ran on several threads
//   plainMultiply, blockedMultiply → the products they were handed: where A and B lie in memory
//   PackedPanel.startPacking    → a panel packed
//
// A recorder is attached to a `Parallel` (`Parallel(threshold: 1, recorder: KernelRecorder())`)
// by the tests' defining checks; by default there is none, and each building block pays one
// comparison with nil per call (per kernel, per product list, per packed panel: never per
// entry).

/// A log of what fast kernels did through the given building blocks: every run of chunks,
/// every product handed to a matrix kernel, every panel packed. Safe to share between threads.
///
/// ```swift
/// let recorder = KernelRecorder()
/// let ops = FastOps(parallel: Parallel(threshold: 1, grain: 16, recorder: recorder))
/// _ = ops.map(x, to: nil, .neg)
/// recorder.runs.contains { $0.inParallel }    // the work was shared among threads
/// ```
public final class KernelRecorder: @unchecked Sendable {
  /// One call of `Parallel.forEachChunk`: the chunks, and whether they ran on several threads.
  public struct Run: Sendable, Equatable {
    /// The chunks the work was cut into.
    public let chunks: Chunks
    /// Whether they were spread over several threads (`Parallel.runsInParallel`).
    public let inParallel: Bool
  }

  /// One matrix product handed to a matrix kernel, with the addresses its matrices start at.
  public struct Product: Sendable, Equatable {
    /// The kernel it was handed to.
    public let kernel: FastOps.MatmulKernel
    /// The address of A's entry (0, 0).
    public let a: UInt
    /// The address of B's entry (0, 0).
    public let b: UInt
    /// n, m and p: A is n × m, B is m × p.
    public let rows: Int
    /// m.
    public let inner: Int
    /// p.
    public let columns: Int
  }

  private let lock = NSLock()
  private var recordedRuns: [Run] = []
  private var recordedProducts: [Product] = []
  private var recordedPacks = 0

  /// An empty log.
  public init() {}

  /// Every run of chunks, in the order they started.
  public var runs: [Run] { locked { recordedRuns } }
  /// Every product handed to a matrix kernel, in order.
  public var products: [Product] { locked { recordedProducts } }
  /// How many times a `PackedPanel` was packed.
  public var packs: Int { locked { recordedPacks } }

  /// Forgets everything recorded so far.
  public func reset() {
    locked {
      recordedRuns = []
      recordedProducts = []
      recordedPacks = 0
    }
  }

  /// `body`'s result, computed while holding the lock.
  private func locked<T>(_ body: () -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body()
  }

  func record(_ chunks: Chunks, inParallel: Bool) {
    locked { recordedRuns.append(Run(chunks: chunks, inParallel: inParallel)) }
  }

  func record(_ products: [MatrixProduct], kernel: FastOps.MatmulKernel) {
    let records = products.map { product in
      Product(
        kernel: kernel, a: UInt(bitPattern: product.a.base), b: UInt(bitPattern: product.b.base),
        rows: product.a.rows, inner: product.a.columns, columns: product.b.columns)
    }
    locked { recordedProducts += records }
  }

  func recordPack() {
    locked { recordedPacks += 1 }
  }
}
