extension Tensor {
  /// The entries of the input that `positions` name, one per output entry, read from the
  /// input seen in row-major order as one dimension (`TakeAlong.positions` works them out).
  /// The derivative puts dOut back where each entry was read, adding where one is read twice.
  ///
  /// Reading one chosen entry per position along a dimension: NumPy's `take_along_axis`, PyTorch's
  /// `gather`. The indices are a tensor of whole numbers with as many dimensions as the source; along
  /// `dim` they say which entry to read, and the other dimensions broadcast with the source's:
  ///
  ///     x = [[10, 11, 12],        indices = [[2, 0],        take(along: indices, dim: 1)
  ///          [20, 21, 22]]                   [1, 1]]          = [[12, 10], [21, 21]]
  ///
  ///     out[i, …, k, …] = x[i, …, indices[i, …, k, …], …]
  ///
  /// Every output entry reads one source entry, so the backward pass adds each entry of dOut into
  /// zeros of the source's shape at the place it was read (twice read, twice added). Both passes are
  /// the backend's layout operations on the source seen as one dimension: the source position of
  /// every output entry is worked out once from the shapes and the indices, then `gather` reads
  /// them and `scatterAdd` puts dOut back.
  public struct TakeAlong: UnaryFunction {
    /// For each output entry, in row-major order, the row-major position of the input entry
    /// it reads.
    public let positions: [Int]
    /// The output's shape.
    public let shape: [Int]

    /// Reads the input at `positions` into a tensor of `shape`.
    public init(positions: [Int], shape: [Int]) {
      precondition(
        positions.count == shape.reduce(1, *),
        "TakeAlong: \(positions.count) positions for an output of shape \(shape)")
      self.positions = positions
      self.shape = shape
    }

    /// `gather` of the input seen as one dimension; keeps the input's shape
    /// (`ctx.inputShape`).
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      ctx.inputShape = a.shape
      if positions.isEmpty { return a.constant(.empty(shape)) }
      let flat = a.contiguousData.reshaped([a.size])
      let read = a.backend.ops.gather(flat, dim: 0, positions: positions)
      return a.constant(read.reshaped(shape))
    }

    /// `scatterAdd` of dOut, seen as one dimension, into zeros of the input's size.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      let inputShape: [Int] = ctx.inputShape
      if positions.isEmpty { return dOut.constant(.filled(inputShape, with: 0)) }
      let flat = dOut.contiguousData.reshaped([dOut.size])
      let placed = dOut.backend.ops.scatterAdd(
        flat, dim: 0, positions: positions, size: inputShape.reduce(1, *))
      return dOut.constant(placed.reshaped(inputShape))
    }

    /// The row-major position in a tensor of `shape` of every entry that `indices` (whole
    /// numbers, as many dimensions as `shape`, negative ones counted from the end) choose along
    /// `dim`, and the output's shape: the two shapes broadcast, except that `dim` has the
    /// indices' size. Stops with a message naming `call` for an index that is not a whole
    /// number in range, or shapes that do not fit.
    public static func positions(
      of indices: TensorData, along dim: Int, in shape: [Int], _ call: String
    ) -> (positions: [Int], shape: [Int]) {
      precondition(
        indices.dims == shape.count,
        "\(call): the indices have shape \(indices.shape), but a tensor of shape \(shape) "
          + "needs indices with \(shape.count) dimensions")
      var outShape = [Int](repeating: 0, count: shape.count)
      for d in shape.indices {
        let (n, m) = (d == dim ? 1 : shape[d], indices.shape[d])
        precondition(
          d == dim || n == m || n == 1 || m == 1,
          "\(call): the indices' shape \(indices.shape) does not broadcast with the shape "
            + "\(shape) outside dimension \(dim)")
        outShape[d] = d == dim ? m : Swift.max(n, m)
      }
      let strides = stridesFromShape(shape)
      let size = shape[dim]
      var positions = [Int](repeating: 0, count: outShape.reduce(1, *))
      var index = [Int](repeating: 0, count: shape.count)
      for ordinal in positions.indices {
        toIndex(ordinal, outShape, into: &index)
        let chosen = indices[index.indices.map { indices.shape[$0] == 1 ? 0 : index[$0] }]
        precondition(
          chosen == chosen.rounded() && chosen >= Double(-size) && chosen < Double(size),
          "\(call): index \(chosen) is not a whole number in -\(size)..<\(size), the size of "
            + "dimension \(dim) of shape \(shape)")
        var position = 0
        for d in shape.indices {
          let i = d == dim ? (Int(chosen) + size) % size : (shape[d] == 1 ? 0 : index[d])
          position += i * strides[d]
        }
        positions[ordinal] = position
      }
      return (positions, outShape)
    }
  }

  /// The entries `indices` choose along `dim`, one per entry of the indices (NumPy's
  /// `np.take_along_axis(x, indices, axis=dim)`, PyTorch's `torch.gather(x, dim, indices)`,
  /// MyGrad has none). `indices` holds whole numbers (as `argmaxIndices` and
  /// `topk` give them; negative ones count from the end) and has as many dimensions as this
  /// tensor; outside `dim` its sizes broadcast with this tensor's. Differentiable: each entry
  /// read gets its dOut, added up when it is read more than once.
  public func take(along indices: Tensor, dim: Int) -> Tensor {
    let call = "take(along: indices, dim: \(dim))"
    let d = checkedDim(dim, call)
    let (positions, shape) = TakeAlong.positions(of: indices.data, along: d, in: self.shape, call)
    return TakeAlong(positions: positions, shape: shape).apply(self)
  }

  /// This tensor's entries in a contiguous layout (a copy only when they are not already).
  var contiguousData: TensorData {
    data.isContiguous ? data : mapped(.id).data
  }
}

extension TensorData {
  /// The same entries, in row-major order, seen with `shape` (same size); the storage must be
  /// contiguous.
  func reshaped(_ shape: [Int]) -> TensorData {
    TensorData(storage: storage, shape: shape, offset: offset)
  }
}
