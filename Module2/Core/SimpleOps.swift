/// The tensor backend written for reading: each operation is one loop over the output's
/// indices, with `toIndex`, `broadcastIndex` and `indexToPosition` doing the bookkeeping
/// (Task 2.3). Slow (it computes every index from scratch), and correct for every layout.
///
/// The index buffers are made once per operation and filled in place for each entry. An entry
/// of `a` at index i is read at storage position a.offset + indexToPosition(i, a.strides).
/// The layout operations (gather, scatterAdd, concatenate, scan) are `LayoutOps`' plain loops,
/// and everything runs on the calling thread.
public struct SimpleOps: TensorOps {
  /// The simple backend.
  public init() {}

  /// Task 2.3: out[i] = f(a[broadcastIndex(i)]) for every index i of the output shape.
  public func map(_ a: TensorData, to shape: [Int]? = nil, _ f: MapOperator) -> TensorData {
    let outShape = shape ?? a.shape
    precondition(
      (try? shapeBroadcast(a.shape, outShape)) == outShape,
      "map: shape \(a.shape) does not broadcast to \(outShape)")
    // BEGIN SOLUTION Task 2.3
    var out = [Double](repeating: 0, count: outShape.reduce(1, *))
    var outIndex = [Int](repeating: 0, count: outShape.count)
    var aIndex = [Int](repeating: 0, count: a.dims)
    for ordinal in out.indices {
      toIndex(ordinal, outShape, into: &outIndex)
      broadcastIndex(outIndex, outShape, a.shape, into: &aIndex)
      out[ordinal] = f(a.storage.values[a.offset + indexToPosition(aIndex, a.strides)])
    }
    return TensorData(out, shape: outShape)
    // END SOLUTION
  }

  /// Task 2.3: out[i] = f(a[i], b[i]) over the broadcast shape, each input read at its own
  /// broadcast index.
  public func zip(_ a: TensorData, _ b: TensorData, _ f: ZipOperator) -> TensorData {
    // BEGIN SOLUTION Task 2.3
    let outShape = broadcastShape(a.shape, b.shape, for: "zip")
    var out = [Double](repeating: 0, count: outShape.reduce(1, *))
    var outIndex = [Int](repeating: 0, count: outShape.count)
    var aIndex = [Int](repeating: 0, count: a.dims)
    var bIndex = [Int](repeating: 0, count: b.dims)
    for ordinal in out.indices {
      toIndex(ordinal, outShape, into: &outIndex)
      broadcastIndex(outIndex, outShape, a.shape, into: &aIndex)
      broadcastIndex(outIndex, outShape, b.shape, into: &bIndex)
      let x = a.storage.values[a.offset + indexToPosition(aIndex, a.strides)]
      let y = b.storage.values[b.offset + indexToPosition(bIndex, b.strides)]
      out[ordinal] = f(x, y)
    }
    return TensorData(out, shape: outShape)
    // END SOLUTION
  }

  /// Task 2.3: folds dimension `dim` with f, starting from `f.start`; the result keeps `dim`
  /// with size 1.
  public func reduce(_ a: TensorData, dim: Int, _ f: ReduceOperator) -> TensorData {
    precondition(
      a.shape.indices.contains(dim), "reduce: dimension \(dim) does not exist in shape \(a.shape)")
    // BEGIN SOLUTION Task 2.3
    var outShape = a.shape
    outShape[dim] = 1
    var out = [Double](repeating: f.start, count: outShape.reduce(1, *))
    var index = [Int](repeating: 0, count: a.dims)
    for ordinal in out.indices {
      toIndex(ordinal, outShape, into: &index)
      var accumulator = f.start
      for k in 0..<a.shape[dim] {
        index[dim] = k
        accumulator = f(accumulator, a.storage.values[a.offset + indexToPosition(index, a.strides)])
      }
      out[ordinal] = accumulator
    }
    return TensorData(out, shape: outShape)
    // END SOLUTION
  }

  /// The matrix product, one output entry at a time: out[…, i, j] = Σₖ a[…, i, k] · b[…, k, j],
  /// with the batch dimensions broadcast.
  public func matrixMultiply(_ a: TensorData, _ b: TensorData) -> TensorData {
    let outShape = matrixProductShape(a.shape, b.shape)
    let inner = a.shape[a.dims - 1]
    var out = [Double](repeating: 0, count: outShape.reduce(1, *))
    var outIndex = [Int](repeating: 0, count: outShape.count)
    var aIndex = [Int](repeating: 0, count: a.dims)
    var bIndex = [Int](repeating: 0, count: b.dims)
    for ordinal in out.indices {
      toIndex(ordinal, outShape, into: &outIndex)
      broadcastIndex(outIndex, outShape, a.shape, into: &aIndex)
      broadcastIndex(outIndex, outShape, b.shape, into: &bIndex)
      // broadcastIndex put j into a's last slot and i into b's row slot; set them properly.
      aIndex[a.dims - 2] = outIndex[outShape.count - 2]
      bIndex[b.dims - 1] = outIndex[outShape.count - 1]
      var sum = 0.0
      for k in 0..<inner {
        aIndex[a.dims - 1] = k
        bIndex[b.dims - 2] = k
        sum +=
          a.storage.values[a.offset + indexToPosition(aIndex, a.strides)]
          * b.storage.values[b.offset + indexToPosition(bIndex, b.strides)]
      }
      out[ordinal] = sum
    }
    return TensorData(out, shape: outShape)
  }
}
