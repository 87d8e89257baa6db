/// The tensor backend written for reading: each operation is one loop over the output's
/// indices, with `toIndex`, `broadcastIndex` and `indexToPosition` doing the bookkeeping
/// (Task 2.3). Slow (it computes every index from scratch), and correct for every layout.
public struct SimpleOps: TensorOps {
  /// The simple backend.
  public init() {}

  /// Task 2.3: out[i] = f(a[broadcastIndex(i)]) for every index i of the output shape.
  public func map(_ a: TensorData, to shape: [Int]? = nil, _ f: @Sendable (Double) -> Double)
    -> TensorData
  {
    let outShape = shape ?? a.shape
    precondition(
      (try? shapeBroadcast(a.shape, outShape)) == outShape,
      "map: shape \(a.shape) does not broadcast to \(outShape)")
    // BEGIN SOLUTION Task 2.3
    var out = [Double](repeating: 0, count: outShape.reduce(1, *))
    for ordinal in out.indices {
      let outIndex = toIndex(ordinal, outShape)
      let aIndex = broadcastIndex(outIndex, outShape, a.shape)
      out[ordinal] = f(a.storage.values[indexToPosition(aIndex, a.strides)])
    }
    return TensorData(out, shape: outShape)
    // END SOLUTION
  }

  /// Task 2.3: out[i] = f(a[i], b[i]) over the broadcast shape, each input read at its own
  /// broadcast index.
  public func zip(
    _ a: TensorData, _ b: TensorData, _ f: @Sendable (Double, Double) -> Double
  ) -> TensorData {
    // BEGIN SOLUTION Task 2.3
    let outShape = broadcastShape(a.shape, b.shape, for: "zip")
    var out = [Double](repeating: 0, count: outShape.reduce(1, *))
    for ordinal in out.indices {
      let outIndex = toIndex(ordinal, outShape)
      let x = a.storage.values[
        indexToPosition(broadcastIndex(outIndex, outShape, a.shape), a.strides)]
      let y = b.storage.values[
        indexToPosition(broadcastIndex(outIndex, outShape, b.shape), b.strides)]
      out[ordinal] = f(x, y)
    }
    return TensorData(out, shape: outShape)
    // END SOLUTION
  }

  /// Task 2.3: folds dimension `dim` with f, starting from `start`; the result keeps `dim`
  /// with size 1.
  public func reduce(
    _ a: TensorData, dim: Int, start: Double, _ f: @Sendable (Double, Double) -> Double
  ) -> TensorData {
    precondition(
      a.shape.indices.contains(dim), "reduce: dimension \(dim) does not exist in shape \(a.shape)")
    // BEGIN SOLUTION Task 2.3
    var outShape = a.shape
    outShape[dim] = 1
    var out = [Double](repeating: start, count: outShape.reduce(1, *))
    for ordinal in out.indices {
      var index = toIndex(ordinal, outShape)
      var accumulator = start
      for k in 0..<a.shape[dim] {
        index[dim] = k
        accumulator = f(accumulator, a.storage.values[indexToPosition(index, a.strides)])
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
    for ordinal in out.indices {
      let outIndex = toIndex(ordinal, outShape)
      var aIndex = broadcastIndex(outIndex, outShape, a.shape)
      var bIndex = broadcastIndex(outIndex, outShape, b.shape)
      // broadcastIndex put j into a's last slot and i into b's row slot; set them properly.
      aIndex[a.dims - 2] = outIndex[outShape.count - 2]
      bIndex[b.dims - 1] = outIndex[outShape.count - 1]
      var sum = 0.0
      for k in 0..<inner {
        aIndex[a.dims - 1] = k
        bIndex[b.dims - 2] = k
        sum +=
          a.storage.values[indexToPosition(aIndex, a.strides)]
          * b.storage.values[indexToPosition(bIndex, b.strides)]
      }
      out[ordinal] = sum
    }
    return TensorData(out, shape: outShape)
  }
}
