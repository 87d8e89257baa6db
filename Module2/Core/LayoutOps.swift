// The layout operations: what map, zip and reduce cannot express, because an output entry reads
// an input entry chosen by a list of positions, or by which input it lies in, or depends on every
// entry before it. Every backend has them without writing them: the defaults below are plain
// loops, written once for reading, with `toIndex` and `indexToPosition` (Task 2.1) doing the
// bookkeeping the way Task 2.3's `map`, `zip` and `reduce` do. A fast backend may replace any of
// them (Module3's `FastOps+Layout.swift` does, with parallel kernels giving the same bits). The
// NumPy-style surface (slicing, integer-array indexing, concatenate, cumsum) is built on them.
//
//   gather([[1, 2, 3], [4, 5, 6]], dim: 1, positions: [2, 0, 2])  =  [[3, 1, 3], [6, 4, 6]]
//   scatterAdd([[1, 2, 3]], dim: 1, positions: [2, 0, 2], size: 4) =  [[2, 0, 4, 0]]
//   concatenate([[1, 2]], [[3]], dim: 1)                            =  [[1, 2, 3]]
//   scan([1, 2, 3, 4], dim: 0, .sum, reversed: false)               =  [1, 3, 6, 10]
//
// With them comes the one loop of given code that a backend runs: `forEachChunk(of:workPerItem:)`,
// on the calling thread by default, shared among threads by a parallel backend (within its thread
// limit), so that the loops of later stages' kernels (unfold, fold) follow the tensor's backend.

/// The operations every backend has without writing them, each with a plain default that a fast
/// backend may replace: the layout operations, and the loop given kernels run their items in.
/// `TensorOps` refines it, so `SimpleOps` and a backend of your own get the defaults.
public protocol LayoutOps: Sendable {
  /// The entries of `a` at `positions` along dimension `dim`, in that order (positions may
  /// repeat): out[…, k, …] = a[…, positions[k], …]. The result has a's shape with
  /// `positions.count` at `dim` and is contiguous (NumPy's `take(a, positions, axis=dim)`).
  ///
  /// - Complexity: O(size of the output).
  func gather(_ a: TensorData, dim: Int, positions: [Int]) -> TensorData

  /// The adjoint of `gather`: a contiguous result of `values`' shape with `size` at `dim`, zero
  /// except out[…, positions[k], …] += values[…, k, …]. Repeated positions add up (NumPy's
  /// `np.add.at`), so the gradient of an entry gathered twice is the sum of both.
  ///
  /// - Complexity: O(size of `values` + size of the output).
  func scatterAdd(_ values: TensorData, dim: Int, positions: [Int], size: Int) -> TensorData

  /// The tensors laid end to end along `dim`: every other size must agree, and the result,
  /// contiguous, has the sum of their sizes at `dim`. Entry k of part p along `dim` lands at
  /// k + (sizes of the parts before p).
  ///
  /// - Complexity: O(size of the output).
  func concatenate(_ parts: [TensorData], dim: Int) -> TensorData

  /// The running fold along `dim` (a prefix scan, NumPy's `ufunc.accumulate`): a's shape, with
  /// out[…, k, …] = f(…f(f(f.start, a[…, 0, …]), a[…, 1, …])…, a[…, k, …]); with `reversed`, the
  /// fold runs from the last entry, so out[…, k, …] folds a[…, n − 1, …] down to a[…, k, …].
  /// `scan(a, dim: d, .sum, reversed: false)` is the cumulative sum. The result is contiguous.
  ///
  /// - Complexity: O(size of `a`).
  func scan(_ a: TensorData, dim: Int, _ f: ReduceOperator, reversed: Bool) -> TensorData

  /// Runs `body` on consecutive ranges of items that together cover `0..<count` once each; an
  /// item costs about `workPerItem` entries read or written. The default runs `body(0..<count)`
  /// on the calling thread; a parallel backend may cut the items into chunks and run them on
  /// several threads at once, so each call must write only its own items' part of the output.
  ///
  /// - Complexity: O(count · workPerItem), divided among the threads a backend allows.
  func forEachChunk(of count: Int, workPerItem: Int, _ body: (Range<Int>) -> Void)
}

extension LayoutOps {
  /// out[…, k, …] = a[…, positions[k], …]: for each output index, the input index with the
  /// entry at `dim` replaced by the position it names.
  ///
  /// - Complexity: O(size of the output · dimensions).
  public func gather(_ a: TensorData, dim: Int, positions: [Int]) -> TensorData {
    let outShape = a.gatheredShape(dim: dim, positions: positions)
    var out = [Double](repeating: 0, count: outShape.reduce(1, *))
    var index = [Int](repeating: 0, count: a.dims)
    for ordinal in out.indices {
      toIndex(ordinal, outShape, into: &index)
      index[dim] = positions[index[dim]]
      out[ordinal] = a.storage.values[a.offset + indexToPosition(index, a.strides)]
    }
    return TensorData(out, shape: outShape)
  }

  /// Zeros, then out[…, positions[k], …] += values[…, k, …] for every entry of `values`, in
  /// row-major order (so an output entry adds its contributions in increasing k).
  ///
  /// - Complexity: O(size of `values` · dimensions + size of the output).
  public func scatterAdd(_ values: TensorData, dim: Int, positions: [Int], size: Int)
    -> TensorData
  {
    let outShape = values.scatteredShape(dim: dim, positions: positions, size: size)
    let outStrides = stridesFromShape(outShape)
    var out = [Double](repeating: 0, count: outShape.reduce(1, *))
    var index = [Int](repeating: 0, count: values.dims)
    for ordinal in 0..<values.size {
      toIndex(ordinal, values.shape, into: &index)
      let value = values.storage.values[values.offset + indexToPosition(index, values.strides)]
      index[dim] = positions[index[dim]]
      out[indexToPosition(index, outStrides)] += value
    }
    return TensorData(out, shape: outShape)
  }

  /// Each part's entries copied to its place in the output: entry k of part p along `dim`
  /// moves by the sizes of the parts before p.
  ///
  /// - Complexity: O(size of the output · dimensions).
  public func concatenate(_ parts: [TensorData], dim: Int) -> TensorData {
    let outShape = TensorData.concatenatedShape(parts, dim: dim)
    let outStrides = stridesFromShape(outShape)
    var out = [Double](repeating: 0, count: outShape.reduce(1, *))
    var index = [Int](repeating: 0, count: outShape.count)
    var start = 0
    for part in parts {
      for ordinal in 0..<part.size {
        toIndex(ordinal, part.shape, into: &index)
        let value = part.storage.values[part.offset + indexToPosition(index, part.strides)]
        index[dim] += start
        out[indexToPosition(index, outStrides)] = value
      }
      start += part.shape[dim]
    }
    return TensorData(out, shape: outShape)
  }

  /// For each line along `dim`: a running fold from `f.start`, each step's result written at
  /// that step's position (walking from the end when `reversed`).
  ///
  /// - Complexity: O(size of `a` · dimensions).
  public func scan(_ a: TensorData, dim: Int, _ f: ReduceOperator, reversed: Bool) -> TensorData {
    a.checkDimension(dim, "scan")
    var lineShape = a.shape
    lineShape[dim] = 1
    let outStrides = stridesFromShape(a.shape)
    var out = [Double](repeating: 0, count: a.size)
    var index = [Int](repeating: 0, count: a.dims)
    let steps = reversed ? Array((0..<a.shape[dim]).reversed()) : Array(0..<a.shape[dim])
    for line in 0..<lineShape.reduce(1, *) {
      toIndex(line, lineShape, into: &index)
      var accumulator = f.start
      for k in steps {
        index[dim] = k
        accumulator = f(accumulator, a.storage.values[a.offset + indexToPosition(index, a.strides)])
        out[indexToPosition(index, outStrides)] = accumulator
      }
    }
    return TensorData(out, shape: a.shape)
  }

  /// The whole range at once, on the calling thread: a backend without threads.
  public func forEachChunk(of count: Int, workPerItem: Int, _ body: (Range<Int>) -> Void) {
    precondition(count >= 0, "forEachChunk: the number of items cannot be negative, got \(count)")
    if count > 0 { body(0..<count) }
  }
}
