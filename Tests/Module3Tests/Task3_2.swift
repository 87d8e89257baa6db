import Module3
import TensorTestSupport
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

  /// Single products: the sizes the issue lists, and a few that are not multiples of anything.
  static let matrices: [([Int], [Int])] = [
    ([1, 1], [1, 1]), ([2, 2], [2, 2]), ([33, 33], [33, 33]), ([1, 7], [7, 1]), ([7, 1], [1, 5]),
    ([9, 13], [13, 6]),
  ]

  /// Batches: the (2, 45, 33) × (33, 40) and (3, 1, 4, 5) × (2, 5, 6), batches on
  /// both sides, and a matrix times a batch.
  static let batches: [([Int], [Int])] = [
    ([2, 45, 33], [33, 40]), ([3, 1, 4, 5], [2, 5, 6]), ([5, 3, 2], [5, 2, 9]),
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
  func singleProductsMatchTheOracle(parallel: Parallel) {
    Self.check(Self.ops(parallel), Self.matrices, "plain")
  }

  @Test(arguments: testedSettings())
  func batchedProductsMatchTheOracle(parallel: Parallel) {
    // A batch dimension of size 1 pairs with every matrix of the other side.
    Self.check(Self.ops(parallel), Self.batches, "plain")
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

  @Test(arguments: testedSettings())
  func theProductsOfTheBackwardPassMatchTheOracle(parallel: Parallel) {
    // For C = A B, the backward pass multiplies the incoming gradient dOut (of C's shape, in
    // any layout) by transposed views: dA = dOut · Bᵀ and dB = Aᵀ · dOut (before the batch
    // dimensions are summed back to the operands' shapes).
    let ops = Self.ops(parallel)
    for (aShape, bShape) in [
      ([2, 45, 33], [33, 40]), ([3, 1, 4, 5], [2, 5, 6]), ([6, 5], [5, 7]),
    ] {
      let x = sampleValues(aShape.reduce(1, *), seed: 17)
      let y = sampleValues(bShape.reduce(1, *), seed: 18)
      let cShape = Oracle.matmul(Dense(values: x, shape: aShape), Dense(values: y, shape: bShape))
        .shape
      let g = sampleValues(cShape.reduce(1, *), seed: 19)
      let aT = swappingLastTwo(Layout.contiguous.make(x, aShape))
      let bT = swappingLastTwo(Layout.strided.make(y, bShape))
      let dA = Oracle.matmul(Dense(values: g, shape: cShape), Dense(bT))
      let dB = Oracle.matmul(Dense(aT), Dense(values: g, shape: cShape))
      for layout in [Layout.contiguous, .permutedAndStrided] {
        let dOut = layout.make(g, cShape)
        expectClose(
          ops.matrixMultiply(dOut, bT), dA, rtol: 1e-12, atol: 1e-12,
          "dOut · Bᵀ for a \(layout) dOut \(cShape) and B \(bShape)")
        expectClose(
          ops.matrixMultiply(aT, dOut), dB, rtol: 1e-12, atol: 1e-12,
          "Aᵀ · dOut for A \(aShape) and a \(layout) dOut \(cShape)")
      }
    }
  }

  @Test(arguments: testedSettings())
  func slicesOfWiderMatricesMatchTheOracle(parallel: Parallel) {
    // Rows that are packed but lie further apart than their length: the columns 0..<m of a
    // wider matrix, from an offset. A row starts at i · rowStride, not at i · m.
    let ops = Self.ops(parallel)
    for (aShape, bShape) in [([5, 4], [4, 6]), ([2, 3, 7], [7, 9]), ([6, 1], [1, 3])] {
      let x = sampleValues(aShape.reduce(1, *), seed: 20)
      let y = sampleValues(bShape.reduce(1, *), seed: 21)
      let expected = Oracle.matmul(
        Dense(values: x, shape: aShape), Dense(values: y, shape: bShape))
      let a = slice(x, aShape, offset: 4, rowGap: 3)
      let b = slice(y, bShape, offset: 1, rowGap: 2)
      expectClose(
        ops.matrixMultiply(a, b), expected, rtol: 1e-12, atol: 1e-12,
        "slices \(aShape) · \(bShape)")
      expectClose(
        ops.matrixMultiply(Layout.contiguous.make(x, aShape), b), expected, rtol: 1e-12,
        atol: 1e-12, "contiguous \(aShape) · slice \(bShape)")
    }
  }

  @Test func rowsOfManyProductsAreSharedAmongChunks() {
    // 6 products of 9 rows with chunks of about one row: chunk boundaries fall inside products.
    Self.check(
      Self.ops(Parallel(threshold: 1, grain: 40)),
      [([6, 9, 5], [5, 8]), ([2, 3, 9, 5], [3, 5, 8])],
      "one row per chunk")
  }

  @Test func productsAreTheSameBitsInEverySetting() {
    // However the rows are shared among chunks and threads, each entry adds its products in
    // the order k = 0, 1, 2, …: the same bits in every setting.
    let a = Layout.contiguous.make(sampleValues(3 * 9 * 7, seed: 22), [3, 9, 7])
    let b = Layout.contiguous.make(sampleValues(7 * 10, seed: 23), [7, 10])
    let settings = [
      Parallel(threshold: .max), Parallel(threshold: 1, grain: 1),
      Parallel(threshold: 1, grain: 40, threads: 1), Parallel(threshold: 1, grain: 40, threads: 2),
      Parallel(threshold: 1, grain: 100, threads: 3),
    ]
    let results = settings.map { parallel in
      (setting: parallel, values: [Dense(Self.ops(parallel).matrixMultiply(a, b)).values])
    }
    expectSameBits(results, "[3, 9, 7] · [7, 10]")
  }
}
