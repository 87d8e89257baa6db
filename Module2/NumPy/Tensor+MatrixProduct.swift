// Products NumPy users reach for besides einsum: `matmul` with vectors, as NumPy defines it,
// and the trace. Both are built from functions that exist already (Task 2.3's `MatMul`,
// `unsqueeze`/`squeeze` views, einsum), so their gradients need no code of their own.

extension Tensor {
  /// The trace of a matrix, Σᵢ aᵢᵢ, shape [1]: `einsum("ii", a)`.
  public func trace() -> Tensor {
    precondition(dims == 2, "trace() needs a matrix, but the tensor has shape \(shape)")
    return einsum("ii", self)
  }

  /// The matrix product as NumPy's `matmul` defines it: over the last two dimensions with
  /// batch dimensions broadcast, and a 1-D operand taken as a vector. vector · vector is the
  /// dot product, shape [1] (NumPy gives a 0-d array); matrix · vector has the matrix's rows,
  /// vector · matrix its columns (the vector's dimension of 1 is added and then dropped again).
  func matrixProduct(_ other: Tensor) -> Tensor {
    switch (dims, other.dims) {
    case (1, 1):
      precondition(
        shape == other.shape,
        "matmul: vectors of shapes \(shape) and \(other.shape) have different lengths")
      return matrixProduct2D(unsqueeze(0), other.unsqueeze(1)).reshape([1])
    case (1, _):
      precondition(
        shape[0] == other.shape[other.dims - 2],
        "matmul: cannot multiply a vector of shape \(shape) by shape \(other.shape): it needs "
          + "\(shape[0]) rows, not \(other.shape[other.dims - 2])")
      return matrixProduct2D(unsqueeze(0), other).squeeze(dim: -2)
    case (_, 1):
      precondition(
        shape[dims - 1] == other.shape[0],
        "matmul: cannot multiply shape \(shape) by a vector of shape \(other.shape): it needs "
          + "\(shape[dims - 1]) entries, not \(other.shape[0])")
      return matrixProduct2D(self, other.unsqueeze(1)).squeeze(dim: -1)
    default:
      return matrixProduct2D(self, other)
    }
  }

  /// `MatMul` of two operands of two dimensions or more, or `emptyMatrixProduct` when one is
  /// empty (so the backend never multiplies an empty matrix).
  func matrixProduct2D(_ a: Tensor, _ b: Tensor) -> Tensor {
    a.isEmpty || b.isEmpty ? a.emptyMatrixProduct(b) : MatMul().apply(a, b)
  }
}
