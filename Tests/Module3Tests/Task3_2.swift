import Module3
import TensorTestSupport
import TestSupport
import Testing

/// Task 3.2: batched matrix multiplication with Task 3.2's own loops (`matmulKernel: .plain`)
/// gives the oracle's products for every size, batch broadcast and layout, on one thread and in
/// parallel.
///
/// Two defining checks (the manifest's `definingChecks`: the task scores 0 unless both pass)
/// observe how: the rows of all products are shared among threads, and a broadcast batch is
/// read where it lies.
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

  @Test func everyRowLengthAndInnerSize() {
    // The inner loop runs along a row of C (p entries) or, for narrow C, along k (m entries):
    // every p up to 33 and inner sizes of 1, 2, 5 and 17, contiguous and in slices with gaps.
    for parallel in [Parallel(threshold: .max), Parallel(threshold: 1, grain: 7)] {
      let ops = Self.ops(parallel)
      for p in 1...33 {
        for (n, m) in [(1, 1), (3, 2), (1, 5), (3, 17)] {
          let (x, y) = (sampleValues(n * m, seed: 60), sampleValues(m * p, seed: 61))
          let expected = Oracle.matmul(
            Dense(values: x, shape: [n, m]), Dense(values: y, shape: [m, p]))
          expectClose(
            ops.matrixMultiply(TensorData(x, shape: [n, m]), TensorData(y, shape: [m, p])),
            expected, rtol: 1e-12, atol: 1e-12, "\(n)×\(m) · \(m)×\(p)")
          expectClose(
            ops.matrixMultiply(
              slice(x, [n, m], offset: 2, rowGap: 3), slice(y, [m, p], offset: 1, rowGap: 2)),
            expected, rtol: 1e-12, atol: 1e-12, "slices \(n)×\(m) · \(m)×\(p)")
        }
      }
    }
  }

  // MARK: Defining checks (assignments/tasks.json): Task 3.2 scores 0 unless both pass.

  @Test func rowsOfAllProductsAreSharedAmongThreads() {
    // With the threshold at 1, the rows of all products of a batch together are cut into
    // chunks through the given `Parallel` and run on several threads: one item per row at
    // least, so that a batch of small matrices is shared as well as one large matrix.
    let cases: [([Int], [Int], rows: Int)] = [
      ([6, 5, 7], [7, 9], 30), ([20, 7], [7, 9], 20), ([2, 3, 4, 3], [3, 2], 24),
    ]
    for (aShape, bShape, rows) in cases {
      let recorder = KernelRecorder()
      let a = TensorData(sampleValues(aShape.reduce(1, *), seed: 62), shape: aShape)
      let b = TensorData(sampleValues(bShape.reduce(1, *), seed: 63), shape: bShape)
      _ = recordingOps(recorder, grain: 8).matrixMultiply(a, b)
      let runs = recorder.runs.filter(\.inParallel).map(\.chunks.items)
      expectDefiningCheck(
        runs.contains { $0 >= rows },
        """
        matrixMultiply of \(aShape) · \(bShape): no run of chunks on several threads had an \
        item for each of its \(rows) rows (items of the parallel runs: \(runs)); share the rows \
        of all products in one parallel.forEachChunk. Defining check: Task 3.2 scores 0 until \
        it passes.
        """)
    }
  }

  @Test func broadcastBatchesAreReadWhereTheyLie() {
    // a [3, 1, 4, 5] · b [2, 5, 6] is 6 products, but a holds 3 matrices and b 2: each product
    // reads its matrices where they lie in the operands' storage (a StridedMatrix from the
    // matrix's start), never from a copy expanded to the batch shape. `plainMultiply` logs the
    // products it is handed.
    let cases: [([Int], [Int], products: Int)] = [
      ([3, 1, 4, 5], [2, 5, 6], 6), ([4, 6], [3, 6, 5], 3), ([2, 1, 3, 4], [1, 5, 4, 2], 10),
    ]
    for (aShape, bShape, count) in cases {
      let x = sampleValues(aShape.reduce(1, *), seed: 64)
      let y = sampleValues(bShape.reduce(1, *), seed: 65)
      for a in [TensorData(x, shape: aShape), slice(x, aShape, offset: 4, rowGap: 3)] {
        let b = TensorData(y, shape: bShape)
        let recorder = KernelRecorder()
        _ = recordingOps(recorder, grain: 8).matrixMultiply(a, b)
        let products = recorder.products.filter { $0.kernel == .plain }
        let (inA, inB) = (storageAddresses(a), storageAddresses(b))
        let copied = products.filter { !inA.contains($0.a) || !inB.contains($0.b) }.count
        expectDefiningCheck(
          products.count == count && copied == 0,
          """
          matrixMultiply of \(aShape) · \(bShape) (a from offset \(a.offset)) handed \
          \(products.count) products to plainMultiply (expected \(count)), \(copied) of them \
          with a matrix outside the operands' storage: describe each product's matrices where \
          they lie (a StridedMatrix from the operand's storage at the matrix's start), without \
          copying a broadcast batch. Defining check: Task 3.2 scores 0 until it passes.
          """)
      }
    }
  }
}
