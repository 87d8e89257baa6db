extension Tensor {
  /// Consecutive pieces along `dim` with the given sizes, which must add up to the size of
  /// `dim` (PyTorch's `torch.split(x, sizes, dim)`; NumPy's `np.split(x, np.cumsum(sizes)[:-1],
  /// axis=dim)`; MyGrad through NumPy's slicing). Each piece is a view; a negative `dim` counts
  /// from the end. Differentiable: each piece's gradient goes back to its stretch.
  ///
  /// Cutting a tensor into consecutive pieces along a dimension: PyTorch's `split` (by sizes) and
  /// `chunk` (into a number of pieces). Each piece is a slice, `x[slice: …, start..<end]`, so it is
  /// a view sharing the storage, and its gradient is its stretch of dOut put back in place:
  ///
  ///     x: [5, 2]     x.split([2, 3])      [2, 2] rows 0..<2, [3, 2] rows 2..<5
  ///                   x.chunk(2)           [3, 2] rows 0..<3, [2, 2] rows 3..<5
  public func split(_ sizes: [Int], dim: Int = 0) -> [Tensor] {
    let call = "split(\(sizes), dim: \(dim))"
    let d = checkedDim(dim, call)
    precondition(
      !sizes.isEmpty && sizes.allSatisfy { $0 >= 1 } && sizes.reduce(0, +) == shape[d],
      "\(call): the sizes must be at least 1 and add up to \(shape[d]), the size of dimension "
        + "\(d) of shape \(shape)")
    var start = 0
    return sizes.map { size in
      defer { start += size }
      let items = Array(repeating: TensorIndex.all, count: d)
      return indexed(by: items + [.positions(from: start, to: start + size)])
    }
  }

  /// `count` consecutive pieces along `dim` of ⌈n / count⌉ entries each, the last one smaller
  /// when n does not divide (PyTorch's `torch.chunk`, which then may give fewer than `count`
  /// pieces: 5 rows in chunks of ⌈5/4⌉ = 2 are 3 pieces; NumPy's `np.array_split` balances the
  /// sizes instead). Each piece is a view; see `split(_:dim:)`.
  public func chunk(_ count: Int, dim: Int = 0) -> [Tensor] {
    let d = checkedDim(dim, "chunk(\(count), dim: \(dim))")
    precondition(count >= 1, "chunk(\(count), dim: \(dim)): the count must be at least 1")
    let n = shape[d]
    let step = (n + count - 1) / count
    let sizes = stride(from: 0, to: n, by: step).map { Swift.min(step, n - $0) }
    return split(sizes, dim: d)
  }
}
