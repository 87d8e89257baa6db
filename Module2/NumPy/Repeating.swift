extension Tensor {
  /// Each entry repeated `count` times in a row along `dim` (NumPy's `np.repeat(x, count,
  /// axis=dim)`, PyTorch's `torch.repeat_interleave`, MyGrad's `mg.repeat`); without `dim`, the
  /// entries in row-major order, shape [size · count]. Differentiable: an entry's gradient is
  /// the sum over its copies.
  ///
  /// Repeating entries, NumPy's two ways:
  ///
  ///     x = [1, 2, 3]     x.repeated(2)       = [1, 1, 2, 2, 3, 3]     (np.repeat: each entry)
  ///                       x.tiled(reps: [2])  = [1, 2, 3, 1, 2, 3]     (np.tile: the whole)
  ///
  /// Both are a broadcast along a new dimension of size 1 followed by a reshape that merges it with
  /// its neighbour: `repeated` puts the new dimension after `dim`, `tiled` before each dimension.
  /// The broadcast is a view with stride 0 (`Expand`), whose gradient sums dOut over the copies, so
  /// each entry gets the sum of the gradients of all its copies. (Task 4.3's `tile(_:kernel:)` is
  /// something else: it cuts an image into pooling blocks.)
  public func repeated(_ count: Int, dim: Int? = nil) -> Tensor {
    precondition(count >= 1, "repeated(\(count)): the count must be at least 1")
    guard let dim else {
      return reshape([size]).repeated(count, dim: 0)
    }
    let d = checkedDim(dim, "repeated(\(count), dim: \(dim))")
    var wide = shape
    wide.insert(count, at: d + 1)
    var merged = shape
    merged[d] *= count
    return unsqueeze(d + 1).broadcast(to: wide, operation: "repeated").reshape(merged)
  }

  /// The whole tensor repeated `reps[k]` times along dimension k (NumPy's `np.tile(x, reps)`,
  /// PyTorch's `x.tile(reps)`; MyGrad has none). With fewer reps than dimensions, the
  /// missing ones in front are 1; with more, the tensor first gets leading dimensions of size
  /// 1. Differentiable: an entry's gradient is the sum over its copies.
  public func tiled(reps: [Int]) -> Tensor {
    precondition(
      !reps.isEmpty && reps.allSatisfy { $0 >= 1 },
      "tiled(reps: \(reps)): give at least one count, each at least 1")
    let rank = Swift.max(dims, reps.count)
    let counts = Array(repeating: 1, count: rank - reps.count) + reps
    let sizes = Array(repeating: 1, count: rank - dims) + shape
    let interleaved = sizes.flatMap { [1, $0] }
    let spread = zip(counts, sizes).flatMap { [$0, $1] }
    let merged = zip(counts, sizes).map { $0 * $1 }
    let view = reshape(interleaved)
    return view.broadcast(to: spread, operation: "tiled(reps: \(reps))").reshape(merged)
  }
}
