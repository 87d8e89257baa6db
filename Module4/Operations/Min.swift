extension Tensor {
  /// The smallest entry along `dim`, which stays with size 1 unless `keepDims` is false; of
  /// every entry, as shape [1], when `dim` is `nil`. Computed as −max(−x), so its gradient goes
  /// to the first minimum of each line when entries tie.
  ///
  /// The smallest entry is the largest of the negated entries, negated back:
  ///
  ///     min(x) = −max(−x)
  ///
  /// so min is built on Task 4.4's max rather than written again, and inherits its gradient: all of
  /// dOut goes to the first minimum of each line (the first maximum of −x) when entries tie,
  /// MyGrad's rule. PyTorch's `min(dim)` picks one index too; its `min()` and `amin` share dOut
  /// among the tied entries instead.
  public func min(dim: Int? = nil, keepDims: Bool = true) -> Tensor {
    -(-self).max(dim: dim, keepDims: keepDims)
  }

  /// The smallest entry over `dims` together (each kept with size 1 unless `keepDims` is
  /// false), as −max(−x); when entries tie the gradient goes to the first minimum in row-major
  /// order.
  public func min(dims: [Int], keepDims: Bool = true) -> Tensor {
    -(-self).max(dims: dims, keepDims: keepDims)
  }
}
