// Raw layout helpers for the kernels of this stage: they work on `TensorData` with a backend's
// operations and record nothing (the differentiable `view` and `contiguous` are Module 2's).

extension TensorData {
  /// The same entries in row-major order as a contiguous layout: this one when it already is,
  /// otherwise a copy made by the backend (`map` with the identity), so the fast backend's
  /// loop does the copying.
  func contiguous(_ ops: any TensorOps) -> TensorData {
    isContiguous ? self : ops.map(self, to: nil, .id)
  }

  /// The entries in row-major order seen with `shape`, which must have as many entries:
  /// the same storage when this layout is contiguous, otherwise a contiguous copy first.
  func reshaped(_ shape: [Int], _ ops: any TensorOps) -> TensorData {
    precondition(
      shape.reduce(1, *) == size,
      "cannot reshape \(self.shape) (\(size) entries) to \(shape) (\(shape.reduce(1, *)) entries)")
    let data = contiguous(ops)
    return TensorData(storage: data.storage, shape: shape, offset: data.offset)
  }
}
