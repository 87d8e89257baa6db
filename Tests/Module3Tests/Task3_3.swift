import Module3
import TensorTestSupport
import TestSupport
import Testing

/// Task 3.3: the SIMD reduction gives the oracle's sums (up to rounding: it adds in another
/// order) and exactly its maxima, along every dimension of every layout, for runs shorter and
/// longer than a vector, split into many pieces or one.
@Suite("Task 3.3: SIMD sum and max", .explainsStops)
struct Task3_3 {
  static let shapes: [[Int]] = [
    [1], [3], [16], [17], [50], [3, 4], [2, 3, 4], [37, 5], [5, 37], [2, 40, 3], [3, 35, 2],
    [1, 19], [19, 1], [4, 1, 33],
  ]

  static func checkSums(_ ops: FastOps, _ shape: [Int], seed: UInt64) {
    let values = sampleValues(shape.reduce(1, *), seed: seed)
    let dense = Dense(values: values, shape: shape)
    for dim in shape.indices {
      let sum = Oracle.reduce(dense, dim: dim, start: 0, Operators.add)
      let max = Oracle.reduce(dense, dim: dim, start: -.infinity, Operators.max)
      for layout in Layout.allCases {
        let a = layout.make(values, shape)
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
}
