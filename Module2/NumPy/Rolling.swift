extension Tensor {
  /// The entries shifted by `shift` places along `dim` (negative: towards the front), those
  /// pushed off one end coming back at the other (NumPy's `np.roll(x, shift, axis=dim)`,
  /// PyTorch's `torch.roll`; MyGrad has none). Without `dim`, the entries are rolled in
  /// row-major order and the shape kept. Differentiable: dOut rolled back.
  ///
  /// Rolling: the entries shifted along a dimension, those pushed off the end coming back at the
  /// front (NumPy's `np.roll`). With n entries and shift s (taken mod n), entry i moves to
  /// (i + s) mod n, which is the last s entries followed by the first n − s:
  ///
  ///     x = [1, 2, 3, 4, 5]     x.roll(2) = [4, 5, 1, 2, 3]     x.roll(-1) = [2, 3, 4, 5, 1]
  ///
  /// Two slices joined with `concatenate`, so each entry's gradient is dOut at the place it moved
  /// to.
  public func roll(_ shift: Int, dim: Int? = nil) -> Tensor {
    guard let dim else {
      return reshape([size]).roll(shift, dim: 0).reshape(shape)
    }
    let d = checkedDim(dim, "roll(\(shift), dim: \(dim))")
    let n = shape[d]
    let s = ((shift % n) + n) % n
    guard s != 0 else { return self }
    let pieces = split([n - s, s], dim: d)
    return Tensor.concatenate([pieces[1], pieces[0]], dim: d)
  }
}
