/// A matrix that lies inside some storage: `rows` × `columns` entries, entry (i, j) at
/// `base[i · rowStride + j · columnStride]`. The pointer is only valid while the storage is
/// held (inside a `withUnsafeBufferPointer`).
public struct StridedMatrix {
  /// Where entry (0, 0) is.
  public let base: UnsafePointer<Double>
  /// How many rows.
  public let rows: Int
  /// How many columns.
  public let columns: Int
  /// The storage step from one row to the next.
  public let rowStride: Int
  /// The storage step from one column to the next.
  public let columnStride: Int

  /// A matrix at `base` with the given size and steps.
  public init(
    base: UnsafePointer<Double>, rows: Int, columns: Int, rowStride: Int, columnStride: Int
  ) {
    self.base = base
    self.rows = rows
    self.columns = columns
    self.rowStride = rowStride
    self.columnStride = columnStride
  }

  /// Entry (i, j).
  @inline(__always)
  public subscript(i: Int, j: Int) -> Double {
    base[i &* rowStride &+ j &* columnStride]
  }
}

/// One product of a batch, C = A B: A is n × m, B is m × p, and C (n × p, row-major and
/// contiguous) is written at `c`.
public struct MatrixProduct {
  /// The left factor.
  public let a: StridedMatrix
  /// The right factor.
  public let b: StridedMatrix
  /// Where the result goes: entry (i, j) at c[i · p + j].
  public let c: UnsafeMutablePointer<Double>

  /// The product `a` times `b`, written to `c`. The sizes must fit: a's columns are b's rows.
  public init(a: StridedMatrix, b: StridedMatrix, c: UnsafeMutablePointer<Double>) {
    precondition(
      a.columns == b.rows,
      "MatrixProduct: a \(a.rows) × \(a.columns) matrix cannot multiply a \(b.rows) × "
        + "\(b.columns) one")
    self.a = a
    self.b = b
    self.c = c
  }
}

extension FastOps {
  /// Task 3.2: the matrix product over the last two dimensions, a [..., n, m] times
  /// b [..., m, p] gives [..., n, p], the batch dimensions broadcast. Any strides work.
  ///
  /// Batched matrix multiplication: a [..., n, m] times b [..., m, p] is one n × p matrix product
  /// for every index of the batch dimensions (the dimensions before the last two), broadcast
  /// between the operands:
  ///
  ///     a [3, 1, 4, 5] · b [2, 5, 6] → [3, 2, 4, 6]: 6 products; a's matrix (i, 0) pairs with b's j.
  ///
  /// Each product is C = A B with C[i, j] = Σₖ A[i, k] · B[k, j]. The loops read A and B through
  /// their strides, so a permuted operand (a transpose, in a backward pass) needs no copy first.
  /// Task 3.2 writes the i-k-j loop, rows of C in parallel:
  ///
  ///     for k in 0..<m:  C[i, :] += A[i, k] · B[k, :]      (the inner loop runs along rows of B
  ///                                                         and C, which vectorises)
  ///
  /// and `FastOps` hands the products to Task 3.4's blocked kernel when they are large enough.
  ///
  /// With `matmulKernel: .blocked`, products large enough go to Task 3.4's kernel; otherwise
  /// (and always with `.plain`) to `plainMultiply`.
  ///
  /// - Complexity: O(batch · n · m · p), divided among the threads.
  public func matrixMultiply(_ a: TensorData, _ b: TensorData) -> TensorData {
    precondition(
      a.dims >= 2 && b.dims >= 2,
      "matmul needs at least 2 dimensions on each side, got shapes \(a.shape) and \(b.shape)")
    precondition(
      a.shape[a.dims - 1] == b.shape[b.dims - 2],
      "matmul: cannot multiply shapes \(a.shape) and \(b.shape): inner sizes "
        + "\(a.shape[a.dims - 1]) and \(b.shape[b.dims - 2]) differ")
    precondition(
      (try? shapeBroadcast(Array(a.shape.dropLast(2)), Array(b.shape.dropLast(2)))) != nil,
      "matmul: cannot broadcast the batch dimensions of shapes \(a.shape) and \(b.shape)")
    // BEGIN SOLUTION Task 3.2
    let (n, m, p) = (a.shape[a.dims - 2], a.shape[a.dims - 1], b.shape[b.dims - 1])
    let aBatch = Array(a.shape.dropLast(2))
    let bBatch = Array(b.shape.dropLast(2))
    let batchShape = try! shapeBroadcast(aBatch, bBatch)
    let batches = batchShape.reduce(1, *)
    let blocked = matmulKernel == .blocked && BlockedMatmul.pays(rows: n, inner: m, columns: p)
    // The blocked kernel computes whole micro-tiles (mr rows × nr columns), so a C of 8 rows
    // costs 12 rows' work with 6-row tiles; and when the rows of its B are not contiguous it
    // gathers B's numbers one by one into the panel, once per block of rows of C, at about the
    // cost of `gathered` multiply-adds each. Turned around, Cᵀ = Bᵀ Aᵀ adds the same products in
    // the same order (the same bits), fills the tiles differently and gathers Aᵀ instead (whose
    // rows are contiguous when A's columns are): when that costs at least 10% less, C is
    // computed transposed into `turnedC` and copied back. (A convolution's weight gradient,
    // dOut · columnsᵀ, gathers 576 × 32 numbers one way and 576 × 16 the other.)
    func padded(_ size: Int, _ tile: Int) -> Int { (size + tile - 1) / tile * tile }
    let (mr, nr) = (BlockedMatmul.microRows, BlockedMatmul.microColumns)
    let gathered = 32
    func cost(rows: Int, columns: Int, rowsOfBContiguous: Bool) -> Int {
      let blocks = (rows + BlockedMatmul.blockRows - 1) / BlockedMatmul.blockRows
      let gathering = rowsOfBContiguous ? 0 : gathered * blocks * m * padded(columns, nr)
      return padded(rows, mr) * padded(columns, nr) * m + gathering
    }
    let turned =
      blocked && BlockedMatmul.pays(rows: p, inner: m, columns: n)
      && 10 * cost(rows: p, columns: n, rowsOfBContiguous: a.strides[a.dims - 2] == 1)
        <= 9 * cost(rows: n, columns: p, rowsOfBContiguous: b.strides[b.dims - 1] == 1)
    // The i-k-j loop runs along rows of B: give it contiguous rows if B's are not. (A narrow
    // C takes dot products down B's columns instead, with no copy.)
    let b =
      blocked || b.strides[b.dims - 1] == 1 || p < Self.dotProductColumns
      ? b : TensorData(b.values, shape: b.shape)

    // Where each product's A and B start in storage: Module 2's broadcastIndex finds the
    // matrix of each operand that batch index `batch` uses.
    var aStarts = [Int](repeating: a.offset, count: batches)
    var bStarts = [Int](repeating: b.offset, count: batches)
    var index = [Int](repeating: 0, count: batchShape.count)
    var aIndex = [Int](repeating: 0, count: aBatch.count)
    var bIndex = [Int](repeating: 0, count: bBatch.count)
    for batch in 0..<batches {
      toIndex(batch, batchShape, into: &index)
      broadcastIndex(index, batchShape, aBatch, into: &aIndex)
      broadcastIndex(index, batchShape, bBatch, into: &bIndex)
      for d in aBatch.indices { aStarts[batch] += aIndex[d] * a.strides[d] }
      for d in bBatch.indices { bStarts[batch] += bIndex[d] * b.strides[d] }
    }

    // The blocked kernel writes every entry of C; the i-k-j loop adds into zeros.
    // (Cᵀ needs no zeros first either: the blocked kernel writes all of it.)
    let turnedCount = turned ? batches * n * p : 0
    var turnedC = [Double](unsafeUninitializedCapacity: turnedCount) { $1 = turnedCount }
    let out = [Double](unsafeUninitializedCapacity: batches * n * p) { c, initialized in
      if !blocked {
        c.initialize(repeating: 0)
      }
      a.storage.values.withUnsafeBufferPointer { aStorage in
        b.storage.values.withUnsafeBufferPointer { bStorage in
          turnedC.withUnsafeMutableBufferPointer { turnedC in
            let products = (0..<batches).map { batch in
              let (aBase, bBase) = (
                aStorage.baseAddress! + aStarts[batch], bStorage.baseAddress! + bStarts[batch]
              )
              let (aRow, aColumn) = (a.strides[a.dims - 2], a.strides[a.dims - 1])
              let (bRow, bColumn) = (b.strides[b.dims - 2], b.strides[b.dims - 1])
              return turned
                ? MatrixProduct(
                  a: StridedMatrix(
                    base: bBase, rows: p, columns: m, rowStride: bColumn, columnStride: bRow),
                  b: StridedMatrix(
                    base: aBase, rows: m, columns: n, rowStride: aColumn, columnStride: aRow),
                  c: turnedC.baseAddress! + batch * n * p)
                : MatrixProduct(
                  a: StridedMatrix(
                    base: aBase, rows: n, columns: m, rowStride: aRow, columnStride: aColumn),
                  b: StridedMatrix(
                    base: bBase, rows: m, columns: p, rowStride: bRow, columnStride: bColumn),
                  c: c.baseAddress! + batch * n * p)
            }
            if blocked {
              blockedMultiply(products)
            } else {
              plainMultiply(products)
            }
            // C[i, j] = Cᵀ[j, i], product by product (on several threads when they are many),
            // reading Cᵀ straight ahead.
            guard turned else { return }
            parallel.forEachChunk(parallel.chunks(of: batches, workPerItem: n * p)) { _, range in
              for batch in range {
                let start = batch * n * p
                let (source, target) = (turnedC.baseAddress! + start, c.baseAddress! + start)
                for j in 0..<p {
                  for i in 0..<n { target[i &* p &+ j] = source[j &* n &+ i] }
                }
              }
            }
          }
        }
      }
      initialized = batches * n * p
    }
    return TensorData(out, shape: batchShape + [n, p])
    // END SOLUTION
  }

  /// Below this many columns of C, `plainMultiply` computes each entry as one dot product
  /// (k innermost) rather than by the i-k-j loop, whose inner loop over a row of C would be too
  /// short to pay for itself: a matrix times a vector, in a layer with one output, has p = 1.
  public static let dotProductColumns = 4

  /// Task 3.2: C = A B for every product, by the i-k-j loop (by dot products when C has fewer
  /// than `dotProductColumns` columns); the rows of all products are shared among the threads.
  /// Each C must hold zeros on entry (the loop adds into it). Either way, every entry adds its
  /// products in the order k = 0, 1, 2, …, each by `multiplyAdd` (fused where the processor
  /// can), as Task 3.4's kernel does.
  ///
  /// - Complexity: O(products · n · m · p), divided among the threads.
  public func plainMultiply(_ products: [MatrixProduct]) {
    parallel.recorder?.record(products, kernel: .plain)
    guard !products.isEmpty else { return }
    // BEGIN SOLUTION Task 3.2
    let (n, m, p) = (products[0].a.rows, products[0].a.columns, products[0].b.columns)
    let rows = parallel.chunks(of: products.count * n, workPerItem: m * p)
    parallel.forEachChunk(rows) { _, range in
      for item in range {
        let (number, i) = item.quotientAndRemainder(dividingBy: n)
        let (a, b) = (products[number].a, products[number].b)
        let cRow = products[number].c + i * p
        if p < Self.dotProductColumns {
          // C[i, j] = Σₖ A[i, k] B[k, j], one running sum per entry, in the same order.
          for j in 0..<p {
            var sum = cRow[j]
            for k in 0..<m { sum = multiplyAdd(sum, a[i, k], b[k, j]) }
            cRow[j] = sum
          }
          continue
        }
        for k in 0..<m {
          let aik = a[i, k]
          let bRow = b.base + k &* b.rowStride
          if b.columnStride == 1 {
            for j in 0..<p { cRow[j] = multiplyAdd(cRow[j], aik, bRow[j]) }
          } else {
            for j in 0..<p { cRow[j] = multiplyAdd(cRow[j], aik, bRow[j &* b.columnStride]) }
          }
        }
      }
    }
    // END SOLUTION
  }
}
