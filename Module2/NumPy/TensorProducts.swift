extension Tensor {
  /// Every entry of this tensor times every entry of `other`, both seen as vectors in row-major
  /// order: shape [size, other.size] (NumPy's `np.outer`, PyTorch's `torch.outer` for vectors,
  /// MyGrad's `mg.einsum("i,j", a, b)`). Differentiable in both.
  ///
  /// Products of whole tensors beyond `matmul`: the outer product and NumPy's `tensordot`.
  ///
  ///     outer(a, b)ᵢⱼ = aᵢ · bⱼ                 (a and b seen as vectors)
  ///     tensordot(a, b, axes: ([1], [0]))        Σₖ a[i, k] · b[k, j]: the matrix product
  ///
  /// tensordot sums over pairs of dimensions, one of a and one of b of equal size: a's summed
  /// dimensions are moved to its end and b's to its front, each side is reshaped to a matrix
  /// (kept dimensions × summed ones), and one `matmul` does the work; the result is reshaped to a's
  /// kept dimensions followed by b's. Every step is differentiable, so the gradients come from
  /// `permute`, `reshape` and `MatMul`.
  public func outer(_ other: Tensor) -> Tensor {
    reshape([size, 1]) * other.reshape([1, other.size])
  }

  /// The sum of products over the last `axes` dimensions of this tensor and the first `axes`
  /// of `other` (NumPy's `np.tensordot(a, b, axes=n)`, PyTorch's `torch.tensordot`, MyGrad's
  /// `mg.einsum`); `axes: 1` of two matrices is the matrix product.
  public func tensordot(_ other: Tensor, axes: Int) -> Tensor {
    precondition(
      axes >= 0 && axes <= dims && axes <= other.dims,
      "tensordot(axes: \(axes)): shapes \(shape) and \(other.shape) do not have \(axes) "
        + "dimensions each")
    return tensordot(other, axes: (Array((dims - axes)..<dims), Array(0..<axes)))
  }

  /// The sum of products over the dimensions `axes.0` of this tensor paired with `axes.1` of
  /// `other`, which must have the same sizes (NumPy's `np.tensordot(a, b, axes=(da, db))`,
  /// PyTorch's `torch.tensordot(a, b, dims=(da, db))`, MyGrad's `mg.einsum`). The result
  /// has this tensor's other dimensions, then `other`'s (shape [1] when none are left).
  /// Negative dimensions count from the end. Differentiable in both.
  public func tensordot(_ other: Tensor, axes: ([Int], [Int])) -> Tensor {
    let call = "tensordot(axes: (\(axes.0), \(axes.1)))"
    let summedA = axes.0.isEmpty ? [] : checkedDims(axes.0, call)
    let summedB = axes.1.isEmpty ? [] : other.checkedDims(axes.1, call)
    precondition(
      summedA.map { shape[$0] } == summedB.map { other.shape[$0] },
      "\(call): the summed dimensions have sizes \(summedA.map { shape[$0] }) in \(shape) "
        + "and \(summedB.map { other.shape[$0] }) in \(other.shape); they must agree")
    let keptA = (0..<dims).filter { !summedA.contains($0) }
    let keptB = (0..<other.dims).filter { !summedB.contains($0) }
    let k = summedA.reduce(1) { $0 * shape[$1] }
    let m = keptA.reduce(1) { $0 * shape[$1] }
    let n = keptB.reduce(1) { $0 * other.shape[$1] }
    let left = Permute(order: keptA + summedA).apply(self).reshape([m, k])
    let right = Permute(order: summedB + keptB).apply(other).reshape([k, n])
    let outShape = keptA.map { shape[$0] } + keptB.map { other.shape[$0] }
    return left.matmul(right).reshape(outShape.isEmpty ? [1] : outShape)
  }
}
