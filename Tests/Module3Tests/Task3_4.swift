import Module3
import TensorTestSupport
import TestSupport
import Testing

/// Task 3.4: the blocked kernel gives the oracle's products for sizes that are and are not
/// multiples of the micro-tile and the blocks, for any strides, and the same bits as Task 3.2's
/// loop (both add each entry's products in the order k = 0, 1, 2, …).
///
/// Two defining checks (the manifest's `definingChecks`: the task scores 0 unless both pass)
/// observe how: blocks are packed into `PackedPanel`s once per block, and tiles are shared
/// among threads.
@Suite("Task 3.4: blocked matrix multiplication", .explainsStops)
struct Task3_4 {
  /// C = A B for two matrices, straight through `blockedMultiply` (whatever their size).
  static func blocked(_ ops: FastOps, _ a: TensorData, _ b: TensorData) -> TensorData {
    let (n, m, p) = (a.shape[0], a.shape[1], b.shape[1])
    var out = [Double](repeating: .nan, count: n * p)  // the kernel must overwrite everything
    out.withUnsafeMutableBufferPointer { c in
      a.storage.values.withUnsafeBufferPointer { x in
        b.storage.values.withUnsafeBufferPointer { y in
          let product = MatrixProduct(
            a: StridedMatrix(
              base: x.baseAddress! + a.offset, rows: n, columns: m, rowStride: a.strides[0],
              columnStride: a.strides[1]),
            b: StridedMatrix(
              base: y.baseAddress! + b.offset, rows: m, columns: p, rowStride: b.strides[0],
              columnStride: b.strides[1]),
            c: c.baseAddress!)
          ops.blockedMultiply([product])
        }
      }
    }
    return TensorData(out, shape: [n, p])
  }

  /// The products a[i] · b[i] of two batches ([k, n, m] and [k, m, p], any strides), straight
  /// through one call of `blockedMultiply`.
  static func blockedBatch(_ ops: FastOps, _ a: TensorData, _ b: TensorData) -> TensorData {
    let (k, n, m, p) = (a.shape[0], a.shape[1], a.shape[2], b.shape[2])
    var out = [Double](repeating: .nan, count: k * n * p)
    out.withUnsafeMutableBufferPointer { c in
      a.storage.values.withUnsafeBufferPointer { x in
        b.storage.values.withUnsafeBufferPointer { y in
          ops.blockedMultiply(
            (0..<k).map { i in
              MatrixProduct(
                a: StridedMatrix(
                  base: x.baseAddress! + a.offset + i * a.strides[0], rows: n, columns: m,
                  rowStride: a.strides[1], columnStride: a.strides[2]),
                b: StridedMatrix(
                  base: y.baseAddress! + b.offset + i * b.strides[0], rows: m, columns: p,
                  rowStride: b.strides[1], columnStride: b.strides[2]),
                c: c.baseAddress! + i * n * p)
            })
        }
      }
    }
    return TensorData(out, shape: [k, n, p])
  }

  static let mr = BlockedMatmul.microRows
  static let nr = BlockedMatmul.microColumns

  @Test(arguments: testedSettings())
  func smallAndRaggedSizesMatchTheOracle(parallel: Parallel) {
    let ops = FastOps(parallel: parallel)
    let (mr, nr) = (Self.mr, Self.nr)
    let sizes = [
      (1, 1, 1), (2, 2, 2), (mr, 3, nr), (mr + 1, 5, nr + 1), (mr - 1, 7, nr - 1), (33, 33, 33),
      (2 * mr, 1, 3 * nr), (1, 40, 1), (9, 2, 17),
      // Two rows left over under full-width columns (a batch of 10 in tiles of 4 rows).
      (mr + 2, 7, 2 * nr), (2, 3, nr),
    ]
    for (n, m, p) in sizes {
      let x = sampleValues(n * m, seed: 31)
      let y = sampleValues(m * p, seed: 32)
      let expected = Oracle.matmul(
        Dense(values: x, shape: [n, m]), Dense(values: y, shape: [m, p]))
      for layout in Layout.allCases {
        expectClose(
          Self.blocked(ops, layout.make(x, [n, m]), layout.make(y, [m, p])), expected,
          rtol: 1e-12, atol: 1e-12, "\(layout) \(n)×\(m) · \(m)×\(p)")
      }
    }
  }

  @Test func sizesAcrossBlockBoundaries() {
    // One more than a block in every direction: edge tiles, a second depth block, and the
    // same bits as the plain loop.
    let (n, m, p) = (BlockedMatmul.blockRows + 3, BlockedMatmul.blockDepth + 5, Self.nr + 3)
    let x = sampleValues(n * m, seed: 33)
    let y = sampleValues(m * p, seed: 34)
    let expected = Oracle.matmul(Dense(values: x, shape: [n, m]), Dense(values: y, shape: [m, p]))
    for parallel in [Parallel(threshold: 1, grain: 1), Parallel()] {
      let ops = FastOps(parallel: parallel)
      let a = Layout.permutedAndStrided.make(x, [n, m])
      let b = Layout.strided.make(y, [m, p])
      let result = Self.blocked(ops, a, b)
      expectClose(result, expected, rtol: 1e-12, atol: 1e-12, "\(n)×\(m) · \(m)×\(p)")
      let plain = FastOps(parallel: parallel, matmulKernel: .plain).matrixMultiply(a, b)
      #expect(result.values == plain.values, "the blocked and plain kernels differ in bits")
    }
  }

  @Test(arguments: testedSettings())
  func fastOpsUsesTheBlockedKernelForBatches(parallel: Parallel) {
    let ops = FastOps(parallel: parallel)
    let shapes: [([Int], [Int])] = [
      ([33, 33], [33, 33]), ([2, 45, 33], [33, 40]), ([3, 1, 9, 5], [2, 5, 13]),
      ([2, 17, 12], [2, 12, 9]),
    ]
    for (aShape, bShape) in shapes {
      let x = sampleValues(aShape.reduce(1, *), seed: 35)
      let y = sampleValues(bShape.reduce(1, *), seed: 36)
      let expected = Oracle.matmul(
        Dense(values: x, shape: aShape), Dense(values: y, shape: bShape))
      for layout in [Layout.contiguous, .permuted, .permutedAndStrided] {
        expectClose(
          ops.matrixMultiply(layout.make(x, aShape), layout.make(y, bShape)), expected,
          rtol: 1e-12, atol: 1e-12, "\(layout) \(aShape) · \(bShape)")
      }
    }
  }

  @Test(arguments: testedSettings())
  func theProductsOfTheBackwardPassMatchTheOracle(parallel: Parallel) {
    // dOut · Bᵀ and Aᵀ · dOut (see Task 3.2's suite), large enough for the blocked kernel:
    // transposed views are packed like any other strides.
    let ops = FastOps(parallel: parallel)
    for (aShape, bShape) in [([2, 45, 33], [33, 40]), ([33, 33], [33, 33])] {
      let x = sampleValues(aShape.reduce(1, *), seed: 37)
      let y = sampleValues(bShape.reduce(1, *), seed: 38)
      let cShape = Array(aShape.dropLast()) + [bShape[bShape.count - 1]]
      let g = sampleValues(cShape.reduce(1, *), seed: 39)
      let aT = swappingLastTwo(Layout.permuted.make(x, aShape))
      let bT = swappingLastTwo(Layout.contiguous.make(y, bShape))
      let dA = Oracle.matmul(Dense(values: g, shape: cShape), Dense(bT))
      let dB = Oracle.matmul(Dense(aT), Dense(values: g, shape: cShape))
      for layout in [Layout.contiguous, .strided] {
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

  @Test func sameBitsAsThePlainKernelInEverySetting() {
    // Whole micro-tiles (sizes that are multiples of mr × nr), one depth block, and a product
    // of 128 × 64 × 64 (large enough for its rows to be shared among threads): every entry
    // adds its products in the order k = 0, 1, 2, … in both kernels, on any number of threads.
    let (mr, nr) = (Self.mr, Self.nr)
    for (n, m, p) in [(2 * mr, 64, 2 * nr), (4 * mr, 37, 3 * nr), (mr, 200, nr), (128, 64, 64)] {
      let a = Layout.contiguous.make(sampleValues(n * m, seed: 40), [n, m])
      let b = Layout.contiguous.make(sampleValues(m * p, seed: 41), [m, p])
      let plain = Dense(FastOps(matmulKernel: .plain).matrixMultiply(a, b)).values
      var results = [(setting: Parallel(threshold: .max), values: [plain])]
      for parallel in [
        Parallel(threshold: 1, grain: 1), Parallel(threshold: 1, grain: 1, threads: 2), Parallel(),
      ] {
        results.append((parallel, [Dense(Self.blocked(FastOps(parallel: parallel), a, b)).values]))
      }
      expectSameBits(results, "\(n)×\(m) · \(m)×\(p), blocked against plain (the first)")
    }
  }

  @Test func everyMicroTileEdge() {
    // n and p from 1 to twice the micro-tile and one more, with short inner sizes: micro-tiles
    // cut by the edge of C in every way, contiguous and from offsets with gaps and steps.
    let ops = FastOps(parallel: Parallel(threshold: .max))
    for n in 1...(2 * Self.mr + 1) {
      for p in 1...(2 * Self.nr + 1) {
        for m in [1, 2, 3, 5] {
          let (x, y) = (sampleValues(n * m, seed: 80), sampleValues(m * p, seed: 81))
          let expected = Oracle.matmul(
            Dense(values: x, shape: [n, m]), Dense(values: y, shape: [m, p]))
          let pairs = [
            ("contiguous", TensorData(x, shape: [n, m]), TensorData(y, shape: [m, p])),
            ("strided", slice(x, [n, m], offset: 2, rowGap: 3), Layout.strided.make(y, [m, p])),
          ]
          for (layout, a, b) in pairs {
            expectClose(
              Self.blocked(ops, a, b), expected, rtol: 1e-12, atol: 1e-12,
              "\(layout) \(n)×\(m) · \(m)×\(p)")
          }
        }
      }
    }
  }

  // MARK: Defining checks (assignments/tasks.json): Task 3.4 scores 0 unless both pass.

  @Test func panelsArePackedOncePerBlock() {
    // A block of A and a panel of B are packed into `PackedPanel`s (given; they count their
    // packings) once per tile and depth block, then read by every micro-tile of the tile. An
    // unblocked product packs nothing; packing per micro-tile or per entry packs far more.
    typealias Sizes = BlockedMatmul
    let cases = [
      (2, Sizes.blockRows + 5, Sizes.blockDepth + 3, 2 * Self.nr + 1),
      (1, 3 * Self.mr, 20, 3 * Self.nr),
    ]
    for (count, n, m, p) in cases {
      let blocks =
        count * ((n + Sizes.blockRows - 1) / Sizes.blockRows)
        * ((p + Sizes.blockColumns - 1) / Sizes.blockColumns)
        * ((m + Sizes.blockDepth - 1) / Sizes.blockDepth)
      let recorder = KernelRecorder()
      let ops = FastOps(parallel: Parallel(threshold: 1, grain: 1, recorder: recorder))
      let a = TensorData(sampleValues(count * n * m, seed: 82), shape: [count, n, m])
      let b = TensorData(sampleValues(count * m * p, seed: 83), shape: [count, m, p])
      _ = Self.blockedBatch(ops, a, b)
      expectDefiningCheck(
        (1...(2 * blocks)).contains(recorder.packs),
        """
        \(count) product\(count == 1 ? "" : "s") of \(n)×\(m) · \(m)×\(p) packed \
        \(recorder.packs) panels for \(blocks) pairs of a tile and a depth block: pack each \
        block of A and panel of B into a PackedPanel (packedPanel(capacity:), then \
        startPacking()) once per block, at most 2 per pair. Defining check: Task 3.4 scores 0 \
        until it passes.
        """)
    }
  }

  @Test func tilesAreSharedAmongThreads() {
    // With the threshold at 1, the tiles of C of all products together are cut into chunks
    // through the given `Parallel` and run on several threads: one item per tile at least.
    let recorder = KernelRecorder()
    let ops = FastOps(parallel: Parallel(threshold: 1, grain: 1, recorder: recorder))
    let (count, n, m, p) = (3, Self.mr, 7, Self.nr)
    let a = TensorData(sampleValues(count * n * m, seed: 84), shape: [count, n, m])
    let b = TensorData(sampleValues(count * m * p, seed: 85), shape: [count, m, p])
    _ = Self.blockedBatch(ops, a, b)
    let runs = recorder.runs.filter(\.inParallel).map(\.chunks.items)
    expectDefiningCheck(
      runs.contains { $0 >= count },
      """
      3 products of one tile each: no run of chunks on several threads had an item for each \
      tile (items of the parallel runs: \(runs)); share the tiles of all products in one \
      parallel.forEachChunk. Defining check: Task 3.4 scores 0 until it passes.
      """)
  }
}
