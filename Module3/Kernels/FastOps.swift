import Foundation

// The same three loops as `SimpleOps`, written so that the machine can run them fast.
//
// 1. Specialised loops. `SimpleOps` calls the operator's function for every entry; a function
//    that arrives as a value (`f.function`) is an indirect call the compiler cannot look into,
//    so the loop around it runs one entry at a time. Here each operator kind gets a loop of its
//    own with `Operators.add` (or `neg`, `exp`, …) written into it: the compiler sees the
//    operation, inlines it and processes several entries per instruction (vectorises). One
//    loop body marked `@inline(__always)` serves every kind: a row's code switches on the kind
//    and calls the loop with the operator itself, so each case gets its own copy with the
//    operator inlined. (The switch sits right next to the loop, inside the chunk: a function
//    passed into a closure that runs on another thread would arrive as a value again.) Only
//    `.custom` operators keep the call: for every other kind the function is never called.
// 2. No index arithmetic when it is not needed. When an operand has the output's shape and is
//    contiguous (possibly starting at an offset), output entry i reads storage position
//    offset + i; a one-entry operand reads the same position for every i. Otherwise the loop
//    walks rows (`RowWalk`): index arithmetic for a chunk's first row, then an odometer step
//    from each row to the next, in a buffer filled in place.
// 3. Threads. The output is cut into chunks by its size (`Parallel`), which run on several
//    threads when the job is large enough.
//
// Reductions for `sum` and `max` go to Task 3.3's SIMD kernel (`reductionKernel: .simd`), matrix
// products to Task 3.2's loops and, where it pays, Task 3.4's blocked kernel.

/// Task 3.1: the fast CPU backend. The same results as `SimpleOps` (up to rounding where a
/// kernel adds in another order), computed with specialised loops, on several threads.
///
/// ```swift
/// let x = Tensor.rand([1000, 1000], seed: 1, backend: .fast)
/// let y = (x * 2 + 1).exp().sum()     // every step on FastOps
/// ```
public struct FastOps: TensorOps {
  /// Which kernel computes `sum` and `max` reductions.
  public enum ReductionKernel: Sendable, Equatable {
    /// Task 3.1's loops: each entry folded in turn, in the same order as `SimpleOps`.
    case plain
    /// Task 3.3's SIMD kernel: several accumulators and a tree of partial results.
    case simd
  }

  /// Which kernel multiplies matrices.
  public enum MatmulKernel: Sendable, Equatable {
    /// Task 3.2's i-k-j loops.
    case plain
    /// Task 3.4's blocked SIMD kernel, for every product large enough to profit from it.
    case blocked
  }

  /// How work is split between threads.
  public let parallel: Parallel
  /// The kernel for `sum` and `max`.
  public let reductionKernel: ReductionKernel
  /// The kernel for matrix products.
  public let matmulKernel: MatmulKernel

  /// A fast backend. Tests lower `parallel`'s threshold to run the threaded paths on small
  /// tensors, and choose the plain kernels to test Tasks 3.1 and 3.2 on their own. The first
  /// one created asks the C library to keep freed memory for reuse (`FreedMemory`).
  public init(
    parallel: Parallel = Parallel(), reductionKernel: ReductionKernel = .simd,
    matmulKernel: MatmulKernel = .blocked
  ) {
    self.parallel = parallel
    self.reductionKernel = reductionKernel
    self.matmulKernel = matmulKernel
    // Large buffers freed by one step are reused by the next (see `FreedMemory`).
    _ = FreedMemory.kept
  }

  /// Whether Module3 was compiled for everything the building machine's CPU has
  /// (`MINITORCH_NATIVE=1`), rather than for its vector unit (AVX-512, or AVX2 and FMA: the
  /// default on an x86-64 machine with them; `ProcessorCheck.requiredFeatures` says) or any CPU
  /// of its architecture.
  public static var compiledForHostCPU: Bool {
    #if MINITORCH_NATIVE
      return true
    #else
      return false
    #endif
  }

  // MARK: map

  /// Task 3.1: out[i] = f(a[i]) over `shape` (a's own when `nil`), in parallel chunks, with a
  /// loop of its own for each operator kind.
  ///
  /// - Complexity: O(size of the output), divided among the threads.
  public func map(_ a: TensorData, to shape: [Int]? = nil, _ f: MapOperator) -> TensorData {
    let outShape = shape ?? a.shape
    precondition(
      (try? shapeBroadcast(a.shape, outShape)) == outShape,
      "map: shape \(a.shape) does not broadcast to \(outShape)")
    // BEGIN SOLUTION Task 3.1
    // out[j] = g(x[j · step]) for j in 0..<count, with a version for each common step. Inlined
    // into each case of `row`, so that g is known inside it.
    @inline(__always)
    func loop(
      _ out: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, _ step: Int,
      _ count: Int, _ g: (Double) -> Double
    ) {
      switch step {
      case 1:
        for j in 0..<count { out[j] = g(x[j]) }
      case 0:
        let value = g(x[0])
        for j in 0..<count { out[j] = value }
      default:
        for j in 0..<count { out[j] = g(x[j &* step]) }
      }
    }
    // out[j] = f(x[j · step]) for j in 0..<count, by the loop specialised for f's kind.
    func row(
      _ out: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, _ step: Int, _ count: Int
    ) {
      switch f.kind {
      case .id: loop(out, x, step, count, Operators.id)
      case .neg: loop(out, x, step, count, Operators.neg)
      case .inv: loop(out, x, step, count, Operators.inv)
      // exp, log, sigmoid and tanh a vector at a time (given: VectorMath), within 2 ulps.
      case .exp where step == 1: VectorMath.exp(out, x, count)
      case .exp: loop(out, x, step, count, Operators.exp)
      case .log where step == 1: VectorMath.log(out, x, count)
      case .log: loop(out, x, step, count, Operators.log)
      case .relu: loop(out, x, step, count, Operators.relu)
      case .sigmoid where step == 1: VectorMath.sigmoid(out, x, count)
      case .sigmoid: loop(out, x, step, count, Operators.sigmoid)
      case .tanh where step == 1: VectorMath.tanh(out, x, count)
      case .tanh: loop(out, x, step, count) { Foundation.tanh($0) }
      case .sqrt: loop(out, x, step, count) { $0.squareRoot() }
      case .square: loop(out, x, step, count) { $0 * $0 }
      case .abs: loop(out, x, step, count) { Swift.abs($0) }
      case .custom: loop(out, x, step, count, f.function)
      }
    }

    let size = outShape.reduce(1, *)
    let rowLength = outShape[outShape.count - 1]
    // Entry i reads position offset + i · step: step 0 for one number, 1 for a contiguous
    // operand of the output's shape. Otherwise the loop walks rows.
    let flatStep = a.size == 1 ? 0 : a.shape == outShape && a.isContiguous ? 1 : nil
    let values = [Double](unsafeUninitializedCapacity: size) { buffer, initialized in
      let out = buffer.baseAddress!
      a.storage.values.withUnsafeBufferPointer { storage in
        let x = storage.baseAddress!
        if let step = flatStep {
          parallel.forEachChunk(parallel.chunks(of: size)) { _, range in
            let start = range.lowerBound
            row(out + start, x + a.offset + start * step, step, range.count)
          }
        } else {
          let walk = RowWalk(a, over: outShape)
          let rows = parallel.chunks(of: size / rowLength, workPerItem: rowLength)
          parallel.forEachChunk(rows) { _, range in
            // The chunk's first row from its number, each next one by an odometer step.
            var index = [Int](repeating: 0, count: walk.outer.count)
            var start = walk.start(ofRow: range.lowerBound, index: &index)
            for number in range {
              row(out + number * rowLength, x + start, walk.step, rowLength)
              walk.advance(&start, &index)
            }
          }
        }
      }
      initialized = size
    }
    return TensorData(values, shape: outShape)
    // END SOLUTION
  }

  // MARK: zip

  /// Task 3.1: out[i] = f(a[i], b[i]) over the broadcast shape, in parallel chunks, with a loop
  /// of its own for each operator kind.
  ///
  /// - Complexity: O(size of the output), divided among the threads.
  public func zip(_ a: TensorData, _ b: TensorData, _ f: ZipOperator) -> TensorData {
    precondition(
      (try? shapeBroadcast(a.shape, b.shape)) != nil,
      "zip: cannot broadcast shapes \(a.shape) and \(b.shape)")
    // BEGIN SOLUTION Task 3.1
    // out[j] = g(x[j · xStep], y[j · yStep]) for j in 0..<count, with a version for each common
    // pair of steps (both 1; one of them 0, a number broadcast along the row). Inlined into each
    // case of `row`.
    @inline(__always)
    func loop(
      _ out: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, _ xStep: Int,
      _ y: UnsafePointer<Double>, _ yStep: Int, _ count: Int, _ g: (Double, Double) -> Double
    ) {
      switch (xStep, yStep) {
      case (1, 1):
        for j in 0..<count { out[j] = g(x[j], y[j]) }
      case (1, 0):
        let y0 = y[0]
        for j in 0..<count { out[j] = g(x[j], y0) }
      case (0, 1):
        let x0 = x[0]
        for j in 0..<count { out[j] = g(x0, y[j]) }
      default:
        for j in 0..<count { out[j] = g(x[j &* xStep], y[j &* yStep]) }
      }
    }
    // out[j] = f(x[j · xStep], y[j · yStep]) for j in 0..<count, by the loop for f's kind.
    func row(
      _ out: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, _ xStep: Int,
      _ y: UnsafePointer<Double>, _ yStep: Int, _ count: Int
    ) {
      switch f.kind {
      case .add: loop(out, x, xStep, y, yStep, count, Operators.add)
      case .mul: loop(out, x, xStep, y, yStep, count, Operators.mul)
      case .lt: loop(out, x, xStep, y, yStep, count, Operators.lt)
      case .eq: loop(out, x, xStep, y, yStep, count, Operators.eq)
      case .isClose: loop(out, x, xStep, y, yStep, count, Operators.isClose)
      case .max: loop(out, x, xStep, y, yStep, count, Operators.max)
      case .min: loop(out, x, xStep, y, yStep, count) { $0 < $1 ? $0 : $1 }
      case .logBack: loop(out, x, xStep, y, yStep, count, Operators.logBack)
      case .invBack: loop(out, x, xStep, y, yStep, count, Operators.invBack)
      case .reluBack: loop(out, x, xStep, y, yStep, count, Operators.reluBack)
      case .custom: loop(out, x, xStep, y, yStep, count, f.function)
      }
    }

    let shape = try! shapeBroadcast(a.shape, b.shape)
    let size = shape.reduce(1, *)
    let rowLength = shape[shape.count - 1]
    // As in map: step 0 for one number, 1 for a contiguous operand of the output's shape.
    let aFlat = a.size == 1 ? 0 : a.shape == shape && a.isContiguous ? 1 : nil
    let bFlat = b.size == 1 ? 0 : b.shape == shape && b.isContiguous ? 1 : nil
    let values = [Double](unsafeUninitializedCapacity: size) { buffer, initialized in
      let out = buffer.baseAddress!
      a.storage.values.withUnsafeBufferPointer { aStorage in
        b.storage.values.withUnsafeBufferPointer { bStorage in
          let (x, y) = (aStorage.baseAddress!, bStorage.baseAddress!)
          if let aStep = aFlat, let bStep = bFlat {
            parallel.forEachChunk(parallel.chunks(of: size)) { _, range in
              let start = range.lowerBound
              row(
                out + start, x + a.offset + start * aStep, aStep,
                y + b.offset + start * bStep, bStep, range.count)
            }
          } else {
            let (aWalk, bWalk) = (RowWalk(a, over: shape), RowWalk(b, over: shape))
            let rows = parallel.chunks(of: size / rowLength, workPerItem: rowLength)
            parallel.forEachChunk(rows) { _, range in
              // The chunk's first row from its number, each next one by an odometer step.
              var aIndex = [Int](repeating: 0, count: aWalk.outer.count)
              var bIndex = aIndex
              var aStart = aWalk.start(ofRow: range.lowerBound, index: &aIndex)
              var bStart = bWalk.start(ofRow: range.lowerBound, index: &bIndex)
              for number in range {
                row(
                  out + number * rowLength, x + aStart, aWalk.step, y + bStart, bWalk.step,
                  rowLength)
                aWalk.advance(&aStart, &aIndex)
                bWalk.advance(&bStart, &bIndex)
              }
            }
          }
        }
      }
      initialized = size
    }
    return TensorData(values, shape: shape)
    // END SOLUTION
  }

  // MARK: reduce

  /// Task 3.1: folds dimension `dim` with f, starting from `f.start`; the result keeps `dim`
  /// with size 1. Sums and maxima go to Task 3.3's SIMD kernel unless `reductionKernel` is
  /// `.plain`.
  ///
  /// Each output entry folds its entries in order, as `SimpleOps` does. When `dim` is not the
  /// last dimension, a whole row of outputs is folded at once, one input row after another:
  /// that vectorises along the row without changing any entry's order of operations.
  ///
  /// - Complexity: O(size of `a`), divided among the threads.
  public func reduce(_ a: TensorData, dim: Int, _ f: ReduceOperator) -> TensorData {
    precondition(
      a.shape.indices.contains(dim), "reduce: dimension \(dim) does not exist in shape \(a.shape)")
    // Sums and maxima have a SIMD kernel; every other kind folds below.
    if reductionKernel == .simd, f.kind == .sum { return simdReduce(a, dim: dim, .sum) }
    if reductionKernel == .simd, f.kind == .max { return simdReduce(a, dim: dim, .max) }
    // BEGIN SOLUTION Task 3.1
    // With one output, out[0] = g(…g(out[0], x[0])…, x[(count − 1) · step]); with a row of
    // `count` outputs, out[j] = g(out[j], x[j · step]). Inlined into each case of `fold`.
    @inline(__always)
    func loop(
      _ out: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, _ step: Int,
      _ count: Int, _ outputs: Int, _ g: (Double, Double) -> Double
    ) {
      if outputs == 1 {
        var accumulator = out[0]
        for k in 0..<count { accumulator = g(accumulator, x[k &* step]) }
        out[0] = accumulator
      } else if step == 1 {
        for j in 0..<count { out[j] = g(out[j], x[j]) }
      } else {
        for j in 0..<count { out[j] = g(out[j], x[j &* step]) }
      }
    }
    // Folds `count` entries x[j · step] into the outputs, by the loop for f's kind.
    func fold(
      _ out: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, _ step: Int,
      _ count: Int, outputs: Int
    ) {
      switch f.kind {
      case .sum: loop(out, x, step, count, outputs, Operators.add)
      case .max: loop(out, x, step, count, outputs, Operators.max)
      case .all: loop(out, x, step, count, outputs) { $0 != 0 && $1 != 0 ? 1 : 0 }
      case .custom: loop(out, x, step, count, outputs, f.function)
      }
    }

    var shape = a.shape
    shape[dim] = 1
    let size = a.size / a.shape[dim]
    let (along, stride) = (a.shape[dim], a.strides[dim])
    let rowLength = shape[shape.count - 1]
    // Index 0 along `dim` in the output is the first entry folded; a's own strides find it.
    let walk = RowWalk(shape: shape, strides: a.strides, offset: a.offset)
    let values = [Double](unsafeUninitializedCapacity: size) { buffer, initialized in
      let out = buffer.baseAddress!
      a.storage.values.withUnsafeBufferPointer { storage in
        let x = storage.baseAddress!
        // An item is a block of up to `blockLength` outputs of one row of the output, so that
        // even a single row of outputs (a sum down the columns) is shared among threads.
        let blockLength =
          rowLength == 1 ? 1 : Swift.min(rowLength, Swift.max(16, parallel.grain / along))
        let blocks = (rowLength + blockLength - 1) / blockLength
        let items = parallel.chunks(of: size / rowLength * blocks, workPerItem: blockLength * along)
        parallel.forEachChunk(items) { _, range in
          var index = [Int](repeating: 0, count: walk.outer.count)
          for item in range {
            let (row, block) = item.quotientAndRemainder(dividingBy: blocks)
            let left = block * blockLength
            let count = Swift.min(blockLength, rowLength - left)
            let first = x + walk.start(ofRow: row, index: &index) + left * walk.step
            let results = out + row * rowLength + left
            for j in 0..<count { results[j] = f.start }
            if rowLength == 1 {
              // One output per row (`dim` is the last dimension): a plain fold along `dim`.
              fold(results, first, stride, along, outputs: 1)
            } else {
              // A block of outputs, folded one input row at a time.
              for k in 0..<along {
                fold(results, first + k &* stride, walk.step, count, outputs: count)
              }
            }
          }
        }
      }
      initialized = size
    }
    return TensorData(values, shape: shape)
    // END SOLUTION
  }
}
