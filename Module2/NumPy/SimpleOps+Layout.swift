// The layout operations of the simple backend, written for reading: each is one loop over the
// entries with `toIndex` and `indexToPosition` (Task 2.1) doing the bookkeeping, the way
// `map`, `zip` and `reduce` are written. Given code, not a task: the NumPy-style surface
// (slicing, integer-array indexing, concatenate, cumsum) is built on these.
//
//   gather([[1, 2, 3], [4, 5, 6]], dim: 1, positions: [2, 0, 2])  =  [[3, 1, 3], [6, 4, 6]]
//   scatterAdd([[1, 2, 3]], dim: 1, positions: [2, 0, 2], size: 4) =  [[2, 0, 4, 0]]
//   concatenate([[1, 2]], [[3]], dim: 1)                            =  [[1, 2, 3]]
//   scan([1, 2, 3, 4], dim: 0, .sum, reversed: false)               =  [1, 3, 6, 10]

extension SimpleOps {
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
}
