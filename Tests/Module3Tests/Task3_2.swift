import Module3
import TestSupport
import Testing

/// Task 3.2: batched matrix multiplication with Task 3.2's own loops (`matmulKernel: .plain`)
/// gives the oracle's products for every size, batch broadcast and layout, on one thread and in
/// parallel.
@Suite("Task 3.2: batched matrix multiplication", .explainsStops)
struct Task3_2 {
  static func ops(_ parallel: Parallel) -> FastOps {
    FastOps(parallel: parallel, reductionKernel: .plain, matmulKernel: .plain)
  }

  /// The shapes the issue lists, and a few more whose sizes are not multiples of anything.
  static let shapes: [([Int], [Int])] = [
    ([1, 1], [1, 1]), ([2, 2], [2, 2]), ([33, 33], [33, 33]), ([2, 45, 33], [33, 40]),
    ([3, 1, 4, 5], [2, 5, 6]), ([1, 7], [7, 1]), ([7, 1], [1, 5]), ([5, 3, 2], [5, 2, 9]),
    ([4, 6], [3, 6, 5]),
  ]

  /// Multiplies each pair of shapes in every layout and compares with the oracle.
  static func check(_ ops: FastOps, _ shapes: [([Int], [Int])], _ what: String) {
    for (aShape, bShape) in shapes {
      let x = sampleValues(aShape.reduce(1, *), seed: 11)
      let y = sampleValues(bShape.reduce(1, *), seed: 12)
      let expected = Oracle.matmul(
        Dense(values: x, shape: aShape), Dense(values: y, shape: bShape))
      for first in Layout.allCases {
        for second in [Layout.contiguous, first] {
          expectClose(
            ops.matrixMultiply(first.make(x, aShape), second.make(y, bShape)), expected,
            rtol: 1e-12, atol: 1e-12, "\(what): \(first) \(aShape) · \(second) \(bShape)")
        }
      }
    }
  }

  @Test(arguments: testedSettings())
  func productsMatchTheOracle(parallel: Parallel) {
    Self.check(Self.ops(parallel), Self.shapes, "plain")
  }

  @Test(arguments: testedSettings())
  func transposedOperandsNeedNoCopy(parallel: Parallel) {
    // The views a backward pass makes: Aᵀ and Bᵀ, read through swapped strides.
    let ops = Self.ops(parallel)
    let x = sampleValues(6 * 4, seed: 13)
    let y = sampleValues(5 * 6, seed: 14)
    let a = TensorData(x, shape: [6, 4]).transposed()  // [4, 6], strides [1, 4]
    let b = TensorData(y, shape: [5, 6]).transposed()  // [6, 5], strides [1, 6]
    let expected = Oracle.matmul(Dense(a), Dense(b))
    expectClose(ops.matrixMultiply(a, b), expected, rtol: 1e-12, atol: 1e-12, "Aᵀ Bᵀ")
    let batched = TensorData(sampleValues(2 * 3 * 4, seed: 15), shape: [2, 3, 4]).permute([
      2, 0, 1,
    ])  // [4, 2, 3]
    let other = TensorData(sampleValues(3 * 5, seed: 16), shape: [3, 5])
    expectClose(
      ops.matrixMultiply(batched, other), Oracle.matmul(Dense(batched), Dense(other)),
      rtol: 1e-12, atol: 1e-12, "a permuted batch")
  }

  @Test func rowsOfManyProductsAreSharedAmongChunks() {
    // 6 products of 9 rows with chunks of about one row: chunk boundaries fall inside products.
    Self.check(
      Self.ops(Parallel(threshold: 1, grain: 40)),
      [([6, 9, 5], [5, 8]), ([2, 3, 9, 5], [3, 5, 8])],
      "one row per chunk")
  }
}
