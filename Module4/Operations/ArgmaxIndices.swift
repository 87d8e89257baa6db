extension Tensor {
  /// The index of the first maximum along `dim` (the lowest index when entries tie), as a
  /// constant tensor of whole numbers: the dimension stays with size 1 unless `keepDims` is
  /// false; without `dim`, the row-major index of the first maximum of every entry, shape [1]
  /// (NumPy's `np.argmax(x, axis=d, keepdims=True)`, PyTorch's `torch.argmax(x, d, keepdim=True)`,
  /// MyGrad's `mg.argmax`). A negative `dim` counts from the end. Built on Task 4.4's
  /// `firstMaximumMask`; entries must not be NaN.
  ///
  /// Where the maximum is, as a number: NumPy's and PyTorch's `argmax` give the index of the first
  /// maximum of each line, where Task 4.4's `argmax(dim:)` gives a one-hot mask of it. The index
  /// comes from that mask (Task 4.4's `firstMaximumMask`), so it works once the task is written:
  /// number the positions along the dimension 0, 1, …, n − 1 and add up the one position the mask
  /// keeps:
  ///
  ///     x           = [3, 7, 1, 7]
  ///     one-hot     = [0, 1, 0, 0]          (Task 4.4: the first maximum)
  ///     positions   = [0, 1, 2, 3]
  ///     index       = Σ one-hot · positions = 1
  ///
  /// Indices are tensors of whole numbers stored as Double (this library has no integer tensors),
  /// shaped like a reduction: the dimension stays with size 1 unless `keepDims` is false, and over
  /// every entry the index counts in row-major order, shape [1]. They have no gradient.
  public func argmaxIndices(dim: Int? = nil, keepDims: Bool = true) -> Tensor {
    guard let dim else {
      return reshape([size]).argmaxIndices(dim: 0)
    }
    let d = checkedDim(dim, "argmaxIndices(dim: \(dim))")
    checkNotEmpty("argmaxIndices(dim: \(dim))")
    let ops = backend.ops
    let mask = firstMaximumMask(data, dim: d, ops)
    let indices = Tensor(
      ops.reduce(ops.zip(mask, positions(along: d), .mul), dim: d, .sum),
      backend: backend)
    return keepDims ? indices : indices.droppingDim(d)
  }

  /// The index of the first minimum along `dim` (the lowest index when entries tie), shaped as
  /// `argmaxIndices(dim:keepDims:)` says (NumPy's `np.argmin`, PyTorch's `torch.argmin`,
  /// MyGrad's `mg.argmin`): the first maximum of −x. Built on Task 4.4's `firstMaximumMask`;
  /// entries must not be NaN.
  public func argminIndices(dim: Int? = nil, keepDims: Bool = true) -> Tensor {
    let negated = Tensor(backend.ops.map(data, to: nil, .neg), backend: backend)
    guard let dim else {
      return negated.argmaxIndices()
    }
    return negated.argmaxIndices(
      dim: checkedDim(dim, "argminIndices(dim: \(dim))"),
      keepDims: keepDims)
  }

  /// 0, 1, …, n − 1 along dimension `dim` (n its size), size 1 along every other one, so it
  /// broadcasts against this tensor.
  func positions(along dim: Int) -> TensorData {
    var shape = Array(repeating: 1, count: dims)
    shape[dim] = self.shape[dim]
    return TensorData((0..<self.shape[dim]).map(Double.init), shape: shape)
  }

  /// This tensor without dimension `dim`, which has size 1 (shape [1] when nothing is left).
  func droppingDim(_ dim: Int) -> Tensor {
    dims == 1 ? self : squeeze(dim: dim)
  }
}
