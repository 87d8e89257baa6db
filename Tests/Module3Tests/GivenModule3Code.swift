import Foundation
import Module3
import TestSupport
import Testing

/// The code students are given in Module 3: the chunking helper, the building blocks the
/// defining checks observe (the recorder, packed panels, lane operations, and operators that
/// count their calls), the `.fast` backend, and the promise that results do not depend on how
/// many threads computed them. Not graded.
@Suite("Given code: fast kernels and their building blocks", .explainsStops)
struct GivenModule3Code {
  @Test func chunksCoverEveryItemOnceInOrder() {
    for (items, size) in [(0, 3), (1, 3), (10, 3), (12, 3), (12, 12), (5, 100)] {
      let chunks = Chunks(items: items, chunkSize: size, workPerItem: 1)
      let covered = chunks.flatMap { Array($0) }
      #expect(covered == Array(0..<items), "\(items) items in chunks of \(size)")
      #expect(chunks.allSatisfy { !$0.isEmpty && $0.count <= size })
    }
  }

  @Test func chunkSizesDependOnTheWorkAlone() {
    let parallel = Parallel(grain: 100)
    #expect(parallel.chunks(of: 1000).chunkSize == 100)
    #expect(parallel.chunks(of: 1000, workPerItem: 30).chunkSize == 3)
    #expect(parallel.chunks(of: 1000, workPerItem: 500).chunkSize == 1)
    #expect(Parallel(grain: 100, threads: 1).chunks(of: 1000) == parallel.chunks(of: 1000))
  }

  @Test func smallJobsStayOnOneThread() {
    let parallel = Parallel(threshold: 1000, grain: 10)
    #expect(!parallel.runsInParallel(parallel.chunks(of: 999)))
    #expect(parallel.runsInParallel(parallel.chunks(of: 1000)))
    #expect(!parallel.runsInParallel(parallel.chunks(of: 10)))  // one chunk
    #expect(
      !Parallel(threshold: 1, grain: 10, threads: 1).runsInParallel(parallel.chunks(of: 1000)))
  }

  @Test(arguments: [nil, 1, 2, 3] as [Int?])
  func everyChunkRunsExactlyOnce(threads: Int?) {
    let parallel = Parallel(threshold: 1, grain: 7, threads: threads)
    let chunks = parallel.chunks(of: 1000)
    var runs = [Int](repeating: 0, count: 1000)
    var ranges = [Range<Int>](repeating: 0..<0, count: chunks.count)
    runs.withUnsafeMutableBufferPointer { counts in
      ranges.withUnsafeMutableBufferPointer { seen in
        let (counts, seen) = (counts.baseAddress!, seen.baseAddress!)
        parallel.forEachChunk(chunks) { chunk, range in
          seen[chunk] = range
          for i in range { counts[i] += 1 }
        }
      }
    }
    #expect(runs == Array(repeating: 1, count: 1000))
    #expect(ranges == Array(chunks))
  }

  @Test func aRecorderLogsEveryRunOfChunks() {
    let recorder = KernelRecorder()
    let parallel = Parallel(threshold: 100, grain: 10, recorder: recorder)
    parallel.forEachChunk(parallel.chunks(of: 1000)) { _, _ in }
    parallel.forEachChunk(parallel.chunks(of: 50)) { _, _ in }
    #expect(recorder.runs.map(\.chunks) == [parallel.chunks(of: 1000), parallel.chunks(of: 50)])
    #expect(recorder.runs.map(\.inParallel) == [true, false])
    recorder.reset()
    #expect(recorder.runs.isEmpty && recorder.products.isEmpty && recorder.packs == 0)
    // A setting without a recorder logs nothing, and settings compare by their recorder too.
    #expect(Parallel(threshold: 100, grain: 10) != parallel)
    #expect(Parallel(threshold: 100, grain: 10, recorder: recorder) == parallel)
  }

  @Test func packedPanelsCountTheirPackings() {
    let recorder = KernelRecorder()
    let ops = FastOps(parallel: Parallel(recorder: recorder))
    let panel = ops.packedPanel(capacity: 12)
    #expect(panel.capacity == 12)
    for round in 0..<3 {
      let out = panel.startPacking()
      #expect(out == panel.base)
      for i in 0..<12 { out[i] = Double(round * i) }
    }
    #expect(recorder.packs == 3)
    #expect(panel.base[11] == 22)
    _ = FastOps().packedPanel(capacity: 4).startPacking()  // no recorder: nothing to log
    #expect(recorder.packs == 3)
  }

  @Test func laneOperationsAgreeWithTheirNumberForm() {
    let x = SIMD4<Double>(1, -2, .infinity, 0)
    let y = SIMD4<Double>(3, -5, 2, -0.0)
    #expect(LaneSum.start == 0 && LaneMax.start == -.infinity)
    for i in 0..<4 {
      #expect(LaneSum.lanes(x, y)[i] == LaneSum.combine(x[i], y[i]))
      #expect(LaneMax.lanes(x, y)[i].bitPattern == LaneMax.combine(x[i], y[i]).bitPattern)
    }
  }

  @Test func operatorsListEveryKindAndCountCalls() {
    // Module 2's operators, as the defining checks of Task 3.1 use them: one standard operator
    // per kind but .custom, and a copy that reports every call of its function.
    for kind in MapOperator.Kind.allCases {
      #expect((MapOperator.standard(kind)?.kind ?? .custom) == kind)
    }
    for kind in ZipOperator.Kind.allCases {
      #expect((ZipOperator.standard(kind)?.kind ?? .custom) == kind)
    }
    for kind in ReduceOperator.Kind.allCases {
      #expect((ReduceOperator.standard(kind)?.kind ?? .custom) == kind)
    }
    let calls = CallCounter()
    let neg = MapOperator.neg.observingCalls { calls.increment() }
    let add = ZipOperator.add.observingCalls { calls.increment() }
    let all = ReduceOperator.all.observingCalls { calls.increment() }
    #expect(neg.kind == .neg && neg(2) == -2 && add.kind == .add && add(2, 3) == 5)
    #expect(all.kind == .all && all.start == 1 && all(1, 0) == 0)
    #expect(calls.value == 3)
  }

  @Test func resultsAreTheSameBitsOnAnyNumberOfThreads() {
    // The same chunks (the default grain) run on one thread, on every thread, and on two.
    let settings = [
      Parallel(threshold: .max), Parallel(threshold: 1), Parallel(), Parallel(threads: 1),
      Parallel(threshold: 1, threads: 2),
    ]
    let x = TensorData(sampleValues(200_000, seed: 41), shape: [200_000])
    let rows = TensorData(sampleValues(300 * 70, seed: 42), shape: [300, 70])
    let matrix = TensorData(sampleValues(70 * 90, seed: 43), shape: [70, 90])
    var answers: [[[Double]]] = []
    for parallel in settings {
      let ops = FastOps(parallel: parallel)
      answers.append([
        ops.reduce(x, dim: 0, .sum).values,
        ops.reduce(rows, dim: 0, .sum).values,
        ops.zip(rows, rows.transposed().transposed(), .mul).values,
        ops.matrixMultiply(rows, matrix).values,
      ])
    }
    for (parallel, answer) in Swift.zip(settings, answers) {
      #expect(answer == answers[0], "\(parallel) differs from running on one thread")
    }
  }

  @Test func theFastBackendRunsTheTensorAPI() {
    let x = Tensor(shape: [2, 3], data: [1, -2, 3, -4, 5, -6], backend: .fast, requiresGrad: true)
    let y = (x * x + 1).relu().sum()
    y.backward()
    #expect(y.item() == 97)
    #expect(y.backend.name == "fast")
    #expect(x.grad?.data.values == [2, -4, 6, -8, 10, -12])
    #expect(TensorBackend.fast(parallel: Parallel(threads: 1)).name == "fast")
  }

  @Test func theFastAndSimpleBackendsTrainTheSameNetwork() throws {
    let dataset = Datasets.make("xor", points: 30, seed: 3)!
    var simple: [Double] = []
    var fast: [Double] = []
    try trainTensorNetwork(
      TensorNetwork(hidden: 10, backend: .simple), on: dataset, rate: 0.5, epochs: 5
    ) {
      simple.append($0.evaluation.totalLoss)
    }
    let threaded = TensorBackend.fast(parallel: Parallel(threshold: 1, grain: 50))
    try trainTensorNetwork(
      TensorNetwork(hidden: 10, backend: threaded), on: dataset, rate: 0.5, epochs: 5
    ) {
      fast.append($0.evaluation.totalLoss)
    }
    #expect(simple.count == 5)
    for (a, b) in Swift.zip(simple, fast) {
      #expect(abs(a - b) <= 1e-9 * abs(a), "loss \(b) on .fast, \(a) on .simple")
    }
  }
}
