#if arch(x86_64) && !MINITORCH_AVX2
  /// The SIMD vector the micro-kernel works with: one row of a micro-tile.
  typealias PanelVector = SIMD4<Double>
  /// The accumulators of a micro-tile: one vector per row.
  typealias MicroTile = InlineArray<4, PanelVector>
  /// How many times the packed panel of A holds each number.
  private let packedCopies = 2

  /// The packed number at `a` in every lane (it is stored twice: load the pair, use it twice).
  @inline(__always)
  private func broadcastPacked(_ a: UnsafePointer<Double>) -> PanelVector {
    let pair = UnsafeRawPointer(a).loadUnaligned(as: SIMD2<Double>.self)
    return PanelVector(lowHalf: pair, highHalf: pair)
  }
#else
  #if MINITORCH_AVX512
    /// The SIMD vector the micro-kernel works with: one row of a micro-tile.
    typealias PanelVector = SIMD16<Double>
    /// The accumulators of a micro-tile: one vector per row.
    typealias MicroTile = InlineArray<8, PanelVector>
  #elseif MINITORCH_AVX2
    /// The SIMD vector the micro-kernel works with: one row of a micro-tile.
    typealias PanelVector = SIMD8<Double>
    /// The accumulators of a micro-tile: one vector per row.
    typealias MicroTile = InlineArray<6, PanelVector>
  #else
    /// The SIMD vector the micro-kernel works with: one row of a micro-tile.
    typealias PanelVector = SIMD8<Double>
    /// The accumulators of a micro-tile: one vector per row.
    typealias MicroTile = InlineArray<4, PanelVector>
  #endif
  /// How many times the packed panel of A holds each number.
  private let packedCopies = 1

  /// The packed number at `a` in every lane.
  @inline(__always)
  private func broadcastPacked(_ a: UnsafePointer<Double>) -> PanelVector {
    PanelVector(repeating: a[0])
  }
#endif

/// The block sizes of Task 3.4's kernel.
public enum BlockedMatmul {
  /// Rows of C in a micro-tile (its accumulators live in registers): 4, 6 or 8.
  public static let microRows = MicroTile.count
  /// Columns of C in a micro-tile: the width of one SIMD vector (4, 8 or 16).
  public static let microColumns = PanelVector.scalarCount
  /// Rows of A in a packed block (a multiple of `microRows`).
  public static let blockRows = 24 * microRows
  /// Entries of the shared dimension in a packed block.
  public static let blockDepth = 256
  /// Columns of B in a packed panel (a multiple of `microColumns`).
  public static let blockColumns = 256
  /// Products whose shared dimension is at most this deep read B's contiguous rows in place
  /// (a convolution's input gradient, Wᵀ · dOut, is as deep as the layer has filters).
  public static let shallowDepth = 16

  /// Whether packing pays for itself in an n × m by m × p product: C must fill at least half
  /// of a micro-tile each way and the product hold at least 4096 multiply-adds; smaller ones go
  /// to Task 3.2's loop. (Half: a convolution with 6 filters fills 6 of the 8 rows of an AVX-512
  /// micro-tile, and the wasted quarter still leaves the blocked kernel several times faster
  /// than the loop, which loads and stores C for every multiply-add.)
  public static func pays(rows n: Int, inner m: Int, columns p: Int) -> Bool {
    2 * n >= microRows && 2 * p >= microColumns && n * m * p >= 4096
  }
}

extension FastOps {
  /// Task 3.4: C = A B for every product (A, B any strides; C row-major), by packed blocks and
  /// a SIMD micro-kernel; the tiles of C, of all products together, run in parallel. Edges that
  /// are not multiples of the block or micro-tile sizes are handled. The previous contents of
  /// C do not matter. Blocks of A and panels of B are packed into `PackedPanel`s, once per block.
  ///
  /// A blocked matrix multiply, the CPU counterpart of a shared-memory GPU kernel.
  ///
  /// The i-k-j loop of Task 3.2 does two loads and one store for every multiply-add: it is limited
  /// by memory, not by arithmetic. A fast kernel reuses every number it loads many times:
  ///
  /// 1. Register blocking (the micro-kernel). A micro-tile of C, `microRows` × `microColumns`
  ///    (from 4 × 4 to 8 × 16 doubles, see below), lives in SIMD registers while k runs over the
  ///    shared dimension: each step loads one row piece of B (one vector) and one number of A per
  ///    row, and does one vector multiply-add per row with them. Nothing is stored until the end.
  /// 2. Packing. Before the micro-kernels run, a block of A (`blockRows` × `blockDepth`) and a panel
  ///    of B (`blockDepth` × `blockColumns`) are copied into buffers in exactly the order the
  ///    micro-kernel reads them, so it walks memory straight ahead whatever A's and B's strides
  ///    are. Packing costs O(n · m) per block beside the O(n · m · p) work, and it pads the edges
  ///    with zeros, so the micro-kernel never needs to check where a matrix ends.
  /// 3. Cache blocking. The sizes are chosen so that the B strip a micro-kernel reads (blockDepth ×
  ///    microColumns) stays in the level-1 cache and the packed block of A in the level-2 cache.
  ///
  ///     C tile (blockRows × blockColumns)        for each depth block k0..<k0+blockDepth:
  ///     ┌────┬────┬────┐                           pack A[tile rows, k block], B[k block, tile columns]
  ///     │6×8 │6×8 │    │                           for each micro-column strip s, micro-row strip r:
  ///     ├────┼────┼────┤                             C[r, s] (+)= packedA[r] · packedB[s]
  ///     │    │    │    │
  ///     └────┴────┴────┘
  ///
  /// Tiles of C are independent, so they run in parallel. Each entry of C adds its products in
  /// the order k = 0, 1, 2, … (the micro-kernel continues from the value the previous depth block
  /// left in C), exactly as Task 3.2's loop does: both kernels give the same bits.
  ///
  /// The micro-tile is as large as the registers allow, so that each number loaded is used as
  /// often as possible. With AVX2 and FMA (the default build on most x86-64 machines: 16 registers
  /// of 4 doubles) it is 6 rows of 8: 12 registers of accumulators, 2 for the row piece of B, one
  /// for a number of A. With AVX-512 (the default build on a machine that has it: 32 registers of
  /// 8) it is 8 rows of 16. arm64 (32 registers of 2) takes 4 rows of 8. On the x86-64 baseline
  /// (SSE2, a portable build) there are 16 registers of 2, a 4 × 4 tile keeps its 8 accumulators
  /// in them, and since SSE2 cannot load one number into both halves of a register in one
  /// instruction, the packing writes every number of A twice and the micro-kernel loads each pair
  /// ready-made (about 20% faster). Each step is `multiplyAdd` (given): a fused multiply-add where
  /// the processor has one, a multiplication and an addition where it does not.
  ///
  /// - Complexity: O(products · n · m · p) multiply-adds, divided among the threads, plus
  ///   O(products · (n · m · ⌈p / blockColumns⌉ + m · p · ⌈n / blockRows⌉)) for packing.
  public func blockedMultiply(_ products: [MatrixProduct]) {
    parallel.recorder?.record(products, kernel: .blocked)
    guard !products.isEmpty else { return }
    // BEGIN SOLUTION Task 3.4
    typealias Sizes = BlockedMatmul
    typealias V = PanelVector
    // Each function below reads the block sizes itself: constants the compiler folds into its
    // loops, where values captured from this scope would be variables.

    // The micro-kernel: the mr × nr tile at c (rows `cRowStride` apart) becomes (c if
    // `accumulate`, else 0) + Σₖ a[k] bₖ, where a[k] is a column of mr numbers of A, row i of it
    // at `a + i · aRowStep + k · aDepthStep` (packed: side by side, one column after the other;
    // read in place: A's own strides), and bₖ the row piece of B at `b + k · bDepthStep` (packed:
    // one after the other; in place: B's rows). The tile stays in mr SIMD accumulators
    // throughout: mr · depth vector multiply-adds, (mr + 1) · depth loads, mr stores.
    @inline(__always)
    func microKernel(
      _ depth: Int, _ a: UnsafePointer<Double>, _ aRowStep: Int, _ aDepthStep: Int,
      _ b: UnsafePointer<Double>, _ bDepthStep: Int, _ c: UnsafeMutablePointer<Double>,
      _ cRowStride: Int, accumulate: Bool
    ) {
      var tile = MicroTile(repeating: V())
      if accumulate {
        for i in tile.indices {
          tile[i] = UnsafeRawPointer(c + i * cRowStride).loadUnaligned(as: V.self)
        }
      }
      var (ak, bk) = (a, b)
      for _ in 0..<depth {
        let row = UnsafeRawPointer(bk).loadUnaligned(as: V.self)
        for i in tile.indices {
          tile[i] = multiplyAdd(tile[i], broadcastPacked(ak + i &* aRowStep), row)
        }
        ak += aDepthStep
        bk += bDepthStep
      }
      for i in tile.indices {
        UnsafeMutableRawPointer(c + i * cRowStride).storeBytes(of: tile[i], as: V.self)
      }
    }

    // Copies A[rows, depths] into `panel` in strips of mr rows: for each k, the strip's entries
    // A[top + 0, k], …, A[top + 3, k] side by side (each `packedCopies` times), zeros below A's
    // last row.
    func packA(
      _ a: StridedMatrix, _ rows: Range<Int>, _ depths: Range<Int>,
      into panel: UnsafeMutablePointer<Double>
    ) {
      let mr = Sizes.microRows
      var out = panel
      for top in stride(from: rows.lowerBound, to: rows.upperBound, by: mr) {
        let height = Swift.min(mr, rows.upperBound - top)
        for k in depths {
          if height == mr {
            // A whole strip: no row to check, a loop the compiler unrolls.
            for i in 0..<mr {
              for copy in 0..<packedCopies { out[i &* packedCopies &+ copy] = a[top &+ i, k] }
            }
          } else {
            for i in 0..<mr {
              let value = i < height ? a[top + i, k] : 0
              for copy in 0..<packedCopies { out[i * packedCopies + copy] = value }
            }
          }
          out += mr * packedCopies
        }
      }
    }

    // Copies B[depths, columns] into `panel` in strips of nr columns: for each k, the strip's
    // piece of row k side by side, zeros right of B's last column. Row k of B is read straight
    // ahead, every strip's piece in turn: reading one strip down all the rows instead would
    // touch a new memory page at every k once a row of B is 4 KB long, and wait for each.
    func packB(
      _ b: StridedMatrix, _ depths: Range<Int>, _ columns: Range<Int>,
      into panel: UnsafeMutablePointer<Double>
    ) {
      let nr = Sizes.microColumns
      let depth = depths.count
      for (step, k) in depths.enumerated() {
        var strip = 0
        for left in stride(from: columns.lowerBound, to: columns.upperBound, by: nr) {
          let width = Swift.min(nr, columns.upperBound - left)
          let row = b.base + k &* b.rowStride + left &* b.columnStride
          let out = panel + (strip &* depth &+ step) &* nr
          if width == nr && b.columnStride == 1 {
            out.update(from: row, count: nr)
          } else {
            for j in 0..<width { out[j] = row[j &* b.columnStride] }
            for j in width..<nr { out[j] = 0 }
          }
          strip += 1
        }
      }
    }

    // C[rows, columns] = A[rows, :] B[:, columns], one depth block at a time: each block of A and
    // panel of B packed once, then every micro-tile of the tile computed from them.
    //
    // A thin tile would read each packed number once, so packing would copy it for nothing. A
    // tile one micro-tile wide (a convolution's few filters, a layer's few outputs) reads the
    // whole strips of A in place, through A's strides; a tile one micro-tile high, or a product
    // with a shared dimension of at most `Sizes.shallowDepth` (whose strips of B are a few cache
    // lines wherever they lie), reads the whole strips of B in place when B's rows are
    // contiguous. Only what the edge of C cuts is packed (with zeros beyond it). SSE2's pairs of
    // A need packing, so it always packs A.
    func multiplyTile(
      _ product: MatrixProduct, rows: Range<Int>, columns: Range<Int>,
      _ aPanel: PackedPanel, _ bPanel: PackedPanel, _ edge: UnsafeMutablePointer<Double>
    ) {
      let (mr, nr) = (Sizes.microRows, Sizes.microColumns)
      let (a, b) = (product.a, product.b)
      let (m, p) = (a.columns, b.columns)
      let wholeRows = packedCopies == 1 && columns.count <= nr ? rows.count / mr * mr : 0
      let shallow = m <= Sizes.shallowDepth
      let wholeColumns =
        (rows.count <= mr || shallow) && b.columnStride == 1 ? columns.count / nr * nr : 0
      for k0 in stride(from: 0, to: m, by: Sizes.blockDepth) {
        let depths = k0..<Swift.min(m, k0 + Sizes.blockDepth)
        let depth = depths.count
        if wholeRows < rows.count {
          let packed = (rows.lowerBound + wholeRows)..<rows.upperBound
          packA(a, packed, depths, into: aPanel.startPacking())
        }
        if wholeColumns < columns.count {
          let packed = (columns.lowerBound + wholeColumns)..<columns.upperBound
          packB(b, depths, packed, into: bPanel.startPacking())
        }
        // The first depth block starts each entry of C from zero; later ones continue from it.
        let accumulate = k0 > 0
        for s in stride(from: 0, to: columns.count, by: nr) {
          // Row k of this strip of B: at bk + k · bStep.
          var bk = UnsafePointer(bPanel.base + (s - wholeColumns) * depth)
          var bStep = nr
          if s < wholeColumns {
            bk = b.base + (k0 &* b.rowStride &+ columns.lowerBound &+ s)
            bStep = b.rowStride
          }
          for r in stride(from: 0, to: rows.count, by: mr) {
            // Row i, depth k of this strip of A: at ak + i · aRowStep + k · aDepthStep.
            var ak = UnsafePointer(aPanel.base + (r - wholeRows) * depth * packedCopies)
            var (aRowStep, aDepthStep) = (packedCopies, mr * packedCopies)
            if r < wholeRows {
              ak = a.base + ((rows.lowerBound &+ r) &* a.rowStride &+ k0 &* a.columnStride)
              (aRowStep, aDepthStep) = (a.rowStride, a.columnStride)
            }
            let c = product.c + (rows.lowerBound + r) * p + columns.lowerBound + s
            let (height, width) = (Swift.min(mr, rows.count - r), Swift.min(nr, columns.count - s))
            if height < mr || width < nr {
              edgeKernel(
                depth, ak, aRowStep, aDepthStep, bk, bStep, c, p, height, width, accumulate)
            } else if r >= wholeRows && s >= wholeColumns {
              // Both packed, the usual case: steps the compiler knows, in the inner loop.
              microKernel(
                depth, ak, packedCopies, mr * packedCopies, bk, nr, c, p, accumulate: accumulate)
            } else {
              microKernel(
                depth, ak, aRowStep, aDepthStep, bk, bStep, c, p, accumulate: accumulate)
            }
          }
        }
      }

      // An edge of the tile: run the whole micro-tile on `edge`, keep the part inside C.
      func edgeKernel(
        _ depth: Int, _ a: UnsafePointer<Double>, _ aRowStep: Int, _ aDepthStep: Int,
        _ b: UnsafePointer<Double>, _ bDepthStep: Int, _ c: UnsafeMutablePointer<Double>,
        _ p: Int, _ height: Int, _ width: Int, _ accumulate: Bool
      ) {
        if accumulate {
          for i in 0..<mr {
            for j in 0..<nr { edge[i * nr + j] = i < height && j < width ? c[i * p + j] : 0 }
          }
        }
        microKernel(
          depth, a, aRowStep, aDepthStep, b, bDepthStep, edge, nr, accumulate: accumulate)
        for i in 0..<height {
          for j in 0..<width { c[i * p + j] = edge[i * nr + j] }
        }
      }
    }

    let (mr, nr) = (Sizes.microRows, Sizes.microColumns)
    let (n, m, p) = (products[0].a.rows, products[0].a.columns, products[0].b.columns)
    var tilesDown = (n + Sizes.blockRows - 1) / Sizes.blockRows
    let tilesAcross = (p + Sizes.blockColumns - 1) / Sizes.blockColumns
    // One product that fits in one tile (n = 128) would run on one thread: with at least 2¹⁹
    // multiply-adds its rows are cut in two, and two threads share it (each half packs B again,
    // a fifth of its work at n = 128, for half the time).
    if products.count * tilesDown * tilesAcross == 1 && n >= 2 * mr && n * m * p >= 1 << 19 {
      tilesDown = 2
    }
    // The rows (columns) are shared out among the tiles as evenly as whole micro-tiles allow, so
    // that no thread is left waiting for another's larger tile: 512 rows make tiles of 132, 132,
    // 132 and 116 rather than 144, 144, 144 and 80.
    let tileRows = Swift.min(n, ((n + tilesDown - 1) / tilesDown + mr - 1) / mr * mr)
    let tileColumns = Swift.min(p, ((p + tilesAcross - 1) / tilesAcross + nr - 1) / nr * nr)
    let tiles = parallel.chunks(
      of: products.count * tilesDown * tilesAcross, workPerItem: tileRows * tileColumns * m)
    parallel.forEachChunk(tiles) { _, range in
      // Buffers for one tile, reused by every tile of this chunk.
      let depth = Swift.min(m, Sizes.blockDepth)
      let roundedRows = (tileRows + mr - 1) / mr * mr
      let roundedColumns = (tileColumns + nr - 1) / nr * nr
      let aPanel = packedPanel(capacity: roundedRows * depth * packedCopies)
      let bPanel = packedPanel(capacity: depth * roundedColumns)
      let edge = UnsafeMutablePointer<Double>.allocate(capacity: mr * nr)
      defer { edge.deallocate() }
      for item in range {
        let (number, tile) = item.quotientAndRemainder(dividingBy: tilesDown * tilesAcross)
        let (down, across) = tile.quotientAndRemainder(dividingBy: tilesAcross)
        let top = down * tileRows
        let left = across * tileColumns
        multiplyTile(
          products[number], rows: top..<Swift.min(n, top + tileRows),
          columns: left..<Swift.min(p, left + tileColumns), aPanel, bPanel, edge)
      }
    }
    // END SOLUTION
  }
}
