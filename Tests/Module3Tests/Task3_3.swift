import Module3
import TensorTestSupport
import TestSupport
import Testing

/// Task 3.3: the SIMD reduction gives the oracle's sums (up to rounding: it adds in another
/// order) and exactly its maxima, along every dimension of every layout, for every run length
/// up to 64, split into many pieces or one.
///
/// Three defining checks (the manifest's `definingChecks`: the task scores 0 unless all pass)
/// observe how: several independent vector accumulators, a vector main loop, and long runs
/// folded on several threads.
@Suite("Task 3.3: SIMD sum and max", .explainsStops)
struct Task3_3 {
  static let shapes: [[Int]] = [
    [1], [3], [16], [17], [50], [3, 4], [2, 3, 4], [37, 5], [5, 37], [2, 40, 3], [3, 35, 2],
    [1, 19], [19, 1], [4, 1, 33],
  ]

  static func checkSums(_ ops: FastOps, _ shape: [Int], seed: UInt64) {
    let values = sampleValues(shape.reduce(1, *), seed: seed)
    let dense = Dense(values: values, shape: shape)
    // The four layouts, and packed rows with gaps from an offset (contiguous runs that do not
    // start at a multiple of a vector).
    let layouts =
      Layout.allCases.map { ($0.description, $0.make(values, shape)) } + [
        ("slice with gaps", slice(values, shape, offset: 3, rowGap: 2))
      ]
    for dim in shape.indices {
      let sum = Oracle.reduce(dense, dim: dim, start: 0, Operators.add)
      let max = Oracle.reduce(dense, dim: dim, start: -.infinity, Operators.max)
      for (layout, a) in layouts {
        // Reordered additions: within 1e-12 of the entries' scale.
        expectClose(
          ops.simdReduce(a, dim: dim, .sum), sum, rtol: 1e-12, atol: 1e-12 * Double(shape[dim]),
          "sum along \(dim) of a \(layout) \(shape)")
        expectClose(
          ops.simdReduce(a, dim: dim, .max), max, "max along \(dim) of a \(layout) \(shape)")
      }
    }
  }

  @Test(arguments: testedSettings())
  func sumsAndMaximaMatchTheOracle(parallel: Parallel) {
    let ops = FastOps(parallel: parallel)
    for shape in Self.shapes {
      Self.checkSums(ops, shape, seed: 21)
    }
  }

  @Test func longRunsAreCutIntoPiecesAndCombined() {
    // 1000 numbers in pieces of 7, 64 or 1000: a tree of 143, 16 or 1 partial results.
    for grain in [7, 64, 1000] {
      let ops = FastOps(parallel: Parallel(threshold: 1, grain: grain))
      Self.checkSums(ops, [1000], seed: 22)
      Self.checkSums(ops, [3, 333], seed: 23)
    }
  }

  @Test func longRowsOfOutputsAreCutIntoBlocks() {
    // Sums down the columns of a [5, 600] matrix: 600 outputs per row, in blocks.
    let ops = FastOps(parallel: Parallel(threshold: 1, grain: 100))
    Self.checkSums(ops, [5, 600], seed: 25)
    Self.checkSums(ops, [2, 3, 300], seed: 26)
  }

  @Test func theMaximumOfNegativeNumbersIsNotZero() {
    // An accumulator started at 0 instead of −∞ would report 0.
    let ops = FastOps(parallel: Parallel(threshold: 1, grain: 8))
    let values = (0..<40).map { -1 - Double($0 % 13) }
    let a = TensorData(values, shape: [40])
    #expect(ops.simdReduce(a, dim: 0, .max).values == [-1])
    let rows = TensorData(values, shape: [2, 20])
    expectClose(
      ops.simdReduce(rows, dim: 1, .max),
      Oracle.reduce(Dense(rows), dim: 1, start: -.infinity, Operators.max), "row maxima")
  }

  @Test func fastOpsUsesTheSIMDKernelForSumAndMax() {
    let ops = FastOps(parallel: Parallel(threshold: 1, grain: 16))
    let values = sampleValues(300, seed: 24)
    let a = Layout.strided.make(values, [10, 30])
    let dense = Dense(values: values, shape: [10, 30])
    expectClose(
      ops.reduce(a, dim: 1, .sum), Oracle.reduce(dense, dim: 1, start: 0, Operators.add),
      rtol: 1e-12, atol: 1e-12, "reduce(.sum)")
    expectClose(
      ops.reduce(a, dim: 0, .max),
      Oracle.reduce(dense, dim: 0, start: -.infinity, Operators.max), "reduce(.max)")
  }

  @Test func sumsAreTheSameBitsOnAnyNumberOfThreads() {
    // The pieces depend on the grain alone, and their partial sums are combined by the same
    // tree whichever thread computed them: with one grain, one thread or three give the same
    // bits, along every dimension and in every layout.
    let settings = [
      Parallel(threshold: .max, grain: 16), Parallel(threshold: 1, grain: 16),
      Parallel(threshold: 1, grain: 16, threads: 1), Parallel(threshold: 1, grain: 16, threads: 2),
      Parallel(threshold: 1, grain: 16, threads: 3),
    ]
    for shape in [[1000], [3, 333], [5, 600], [7, 50, 3]] {
      let values = sampleValues(shape.reduce(1, *), seed: 27)
      for layout in [Layout.contiguous, .permutedAndStrided] {
        let a = layout.make(values, shape)
        let results = settings.map { parallel in
          let ops = FastOps(parallel: parallel)
          return (
            setting: parallel,
            values: shape.indices.map { Dense(ops.simdReduce(a, dim: $0, .sum)).values }
          )
        }
        expectSameBits(results, "sums along every dimension of a \(layout) \(shape)")
      }
    }
  }

  @Test func everyRunLengthUpToSixtyFour() {
    // A main loop that folds several vectors per step leaves a remainder when the length is not
    // a multiple of its width: every length up to twice the widest step the guide allows (32
    // numbers), as a run of one output, runs in rows, and rows of outputs.
    for parallel in [Parallel(threshold: .max), Parallel(threshold: 1, grain: 7)] {
      let ops = FastOps(parallel: parallel)
      for length in 1...64 {
        for shape in [[length], [2, length], [3, length]] {
          Self.checkSums(ops, shape, seed: UInt64(length))
        }
      }
    }
  }

  // MARK: Defining checks (assignments/tasks.json): Task 3.3 scores 0 unless all three pass.

  @Test func sumsKeepSeveralVectorAccumulators() {
    // [1, 1, 1, 1, then 128 × 2⁻⁵³]: 2⁻⁵³ is half the spacing of numbers near 1, so 1 + 2⁻⁵³
    // rounds back to 1. One accumulator, or one vector whose lanes each start with a 1, loses
    // every tiny entry and returns exactly 4; several independent vector accumulators sum the
    // tiny entries in lanes of their own and return more than 4.
    let run = [1.0, 1, 1, 1] + Array(repeating: 0x1p-53, count: 128)
    let ops = FastOps(parallel: Parallel(threshold: .max))  // one piece per run
    let cases: [(String, TensorData, Int)] = [
      ("a run", TensorData(run, shape: [132]), 0),
      ("rows", TensorData(run + run, shape: [2, 132]), 1),
      ("rows from an offset, with gaps", slice(run + run, [2, 132], offset: 3, rowGap: 5), 1),
    ]
    for (what, a, dim) in cases {
      let sums = Dense(ops.simdReduce(a, dim: dim, .sum)).values
      expectDefiningCheck(
        sums.allSatisfy { $0 > 4 },
        """
        the sums of \(what) of [1, 1, 1, 1, then 128 × 2⁻⁵³] are \(sums), not more than 4: \
        each tiny entry was added to an accumulator that already held a 1, and lost to rounding. \
        Keep several independent vector accumulators (16 lanes, entry i in lane i mod 16). \
        Defining check: Task 3.3 scores 0 until it passes.
        """)
    }
  }

  @Test func foldsRunThroughVectors() {
    // The operation's two forms count their calls: a vector main loop folds most entries with
    // `lanes`; only a remainder, the accumulators' lanes and the partial results go through
    // `combine`, one number at a time.
    func expectVectors<Operation: LaneOperation>(
      _ operation: Operation.Type, _ counts: LaneCounts, _ name: String
    ) {
      let ops = FastOps(parallel: Parallel(threshold: .max))
      for (shape, dim) in [([203], 0), ([3, 203], 1), ([40, 67], 0)] {
        let size = shape.reduce(1, *)
        let a = TensorData(sampleValues(size, seed: 70), shape: shape)
        _ = counts.take()
        _ = ops.simdReduce(a, dim: dim, operation)
        let (lanes, numbers, widest) = counts.take()
        expectDefiningCheck(
          lanes > 0 && widest >= 2 && 4 * numbers <= size,
          """
          \(name) along \(dim) of \(shape): \(lanes) vector operations (widest \(widest) \
          lanes) and \(numbers) number operations for \(size) entries; fold whole SIMD vectors \
          with Operation.lanes in the main loop and leave at most a remainder to \
          Operation.combine. Defining check: Task 3.3 scores 0 until it passes.
          """)
      }
    }
    expectVectors(CountedSum.self, CountedSum.counts, "the sum")
    expectVectors(CountedMax.self, CountedMax.counts, "the max")
  }

  @Test func longRunsAreFoldedOnSeveralThreads() {
    // With the threshold at 1 and pieces of 64 numbers, a long run and a wide row of outputs
    // are both cut into chunks through the given `Parallel` and run on several threads.
    let recorder = KernelRecorder()
    let ops = FastOps(parallel: Parallel(threshold: 1, grain: 64, recorder: recorder))
    for (shape, dim) in [([1000], 0), ([3, 400], 1), ([5, 600], 0)] {
      let size = shape.reduce(1, *)
      for reduction in [SIMDReduction.sum, .max] {
        recorder.reset()
        _ = ops.simdReduce(
          TensorData(sampleValues(size, seed: 71), shape: shape), dim: dim, reduction)
        expectSharedAmongThreads(
          recorder, work: size,
          "simdReduce(.\(reduction)) along \(dim) of \(shape) (defining check: Task 3.3 scores 0 "
            + "until it passes)")
      }
    }
  }
}
