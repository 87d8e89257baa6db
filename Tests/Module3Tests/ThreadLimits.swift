import Module3
import TensorTestSupport
import TestSupport
import Testing

/// One thing a tensor program asks of a backend, run on the operations it is given (as a tensor
/// holds them, `any TensorOps`, so a fast backend's own layout kernels must be the ones that
/// run), with a `ThreadLog` for the operators that can note their calls.
struct BackendWorkload: Sendable, CustomTestStringConvertible {
  let name: String
  let run: @Sendable (any TensorOps, ThreadLog) -> Void

  var testDescription: String { name }

  /// 2¹⁷ entries: more than the default threshold, so that a loop that ignored the backend's
  /// `Parallel` and made a default one would start threads.
  static var big: TensorData { matrix(256, 512, seed: 61) }
  /// A matrix for the operations that do not note their calls.
  static var small: TensorData { matrix(24, 40, seed: 62) }
  static let positions = [3, 0, 0, 23, 7, 11, 2, 19, 5, 5, 1, 20]

  /// Sample entries (`sampleValues`) of the given shape.
  static func matrix(_ shape: Int..., seed: UInt64) -> TensorData {
    TensorData(sampleValues(shape.reduce(1, *), seed: seed), shape: shape)
  }

  static let all: [BackendWorkload] = [
    BackendWorkload(name: "map") { ops, log in _ = ops.map(big, to: nil, log.map) },
    BackendWorkload(name: "zip") { ops, log in
      _ = ops.zip(big, big.transposed().transposed(), log.zip)
    },
    BackendWorkload(name: "reduce") { ops, log in _ = ops.reduce(big, dim: 0, log.fold) },
    BackendWorkload(name: "SIMD sum") { ops, _ in _ = ops.reduce(big, dim: 1, .sum) },
    BackendWorkload(name: "matmul") { ops, _ in
      // Task 3.2's loops for a small product, Task 3.4's blocked kernel for a batch of three.
      _ = ops.matrixMultiply(matrix(3, 5, seed: 63), matrix(5, 2, seed: 64))
      _ = ops.matrixMultiply(matrix(3, 8, 40, seed: 65), small.transposed())
    },
    BackendWorkload(name: "gather") { ops, _ in
      _ = ops.gather(small, dim: 0, positions: positions)
      _ = ops.gather(small, dim: 1, positions: positions)
    },
    BackendWorkload(name: "scatterAdd") { ops, _ in
      let values = ops.gather(small, dim: 0, positions: positions)
      _ = ops.scatterAdd(values, dim: 0, positions: positions, size: 24)
      _ = ops.scatterAdd(small.transposed(), dim: 1, positions: Array(0..<24), size: 30)
    },
    BackendWorkload(name: "concatenate") { ops, _ in
      _ = ops.concatenate([small, small, small], dim: 0)
    },
    BackendWorkload(name: "scan") { ops, log in
      _ = ops.scan(big, dim: 1, log.fold, reversed: false)
      _ = ops.scan(small, dim: 0, .sum, reversed: true)
    },
    BackendWorkload(name: "forEachChunk") { ops, log in
      ops.forEachChunk(of: 1 << 17, workPerItem: 1) { range in
        for _ in range { log.note() }
      }
    },
    BackendWorkload(name: "a network's forward and backward pass") { ops, _ in
      let backend = TensorBackend(name: "fast", ops: ops)
      let network = TensorNetwork(hidden: 16, seed: 1, backend: backend)
      let x = Tensor.rand([40, 2], seed: 2, backend: backend)
      network.forward(x).sum().backward()
    },
    BackendWorkload(name: "slicing, concatenate and cumsum on tensors") { ops, _ in
      let backend = TensorBackend(name: "fast", ops: ops)
      let x = Tensor(small, backend: backend, requiresGrad: true)
      let y = Tensor.concatenate([x[slice: .all, .every(-1)], x[slice: [1, 1, 0]]], dim: 0)
      y.cumsum(dim: 1).sum().backward()
    },
  ]
}

/// Every threaded loop of Modules 2 and 3 runs on the backend's `Parallel`: a thread limit holds
/// for every operation, the layout kernels and the loop of given code included, and what runs on
/// several threads is what the backend allows (see also "the simple backend computes on the
/// calling thread" in Module 2's given-code tests). Not graded.
@Suite("Given code: a fast backend's thread limit holds for every operation", .explainsStops)
struct ThreadLimits {
  /// `threads` threads at most, with a threshold of 1 and small chunks, so that every operation
  /// would share its work if the limit allowed it.
  static func ops(threads: Int, recorder: KernelRecorder) -> any TensorOps {
    FastOps(parallel: Parallel(threshold: 1, grain: 64, threads: threads, recorder: recorder))
  }

  @Test(arguments: BackendWorkload.all)
  func oneThreadKeepsTheWorkOnTheCallingThread(_ workload: BackendWorkload) {
    let (recorder, log) = (KernelRecorder(), ThreadLog())
    workload.run(Self.ops(threads: 1, recorder: recorder), log)
    #expect(
      !recorder.runs.isEmpty, "\(workload.name) did not go through the backend's Parallel")
    #expect(
      recorder.runs.allSatisfy { !$0.inParallel },
      "\(workload.name) ran chunks on several threads with a limit of 1")
    #expect(log.callsElsewhere == 0, "\(workload.name): \(log.callsElsewhere) calls elsewhere")
  }

  @Test(arguments: BackendWorkload.all)
  func twoThreadsShareTheWork(_ workload: BackendWorkload) {
    // The same workload with the limit raised: the check above could fail.
    let (recorder, log) = (KernelRecorder(), ThreadLog())
    workload.run(Self.ops(threads: 2, recorder: recorder), log)
    #expect(
      recorder.runs.contains { $0.inParallel },
      "\(workload.name) never shared its work among threads")
  }

  @Test func theLoopCoversEveryItemOnceOnAnyNumberOfThreads() {
    for threads in [1, 2, 3] {
      let ops = FastOps(parallel: Parallel(threshold: 1, grain: 7, threads: threads))
      var counts = [Int](repeating: 0, count: 1000)
      counts.withUnsafeMutableBufferPointer { buffer in
        let counts = buffer.baseAddress!
        ops.forEachChunk(of: 1000, workPerItem: 2) { range in
          for item in range { counts[item] += 1 }
        }
      }
      #expect(counts == Array(repeating: 1, count: 1000), "\(threads) threads")
    }
  }
}
