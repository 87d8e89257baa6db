extension TensorData {
  /// A layout of `shape`, which has a dimension of size 0: no entries.
  static func empty(_ shape: [Int]) -> TensorData {
    TensorData([], shape: shape)
  }
}

/// Shape rules written for empty tensors, so that they never reach Task 2.2's `shapeBroadcast`
/// (which a student may have written for positive sizes only).
enum EmptyShapes {
  /// NumPy's broadcast of two shapes, sizes of 0 included: aligned from the right, two sizes
  /// agree when equal or when one is 1 (a size of 1 against 0 gives 0). Stops with a message
  /// naming `operation` otherwise.
  static func broadcast(_ a: [Int], _ b: [Int], _ operation: String) -> [Int] {
    let rank = Swift.max(a.count, b.count)
    let left = Array(repeating: 1, count: rank - a.count) + a
    let right = Array(repeating: 1, count: rank - b.count) + b
    return zip(left, right).map { n, m in
      precondition(
        n == m || n == 1 || m == 1,
        "\(operation): shapes \(a) and \(b) do not broadcast (sizes \(n) and \(m))")
      return n == 1 ? m : n
    }
  }
}

extension Tensor {
  /// Whether this tensor has no entries (a dimension of size 0), as NumPy's `x.size == 0`.
  ///
  /// Empty tensors: a dimension of size 0, as NumPy and PyTorch allow (`np.zeros((0, 3))`, a batch
  /// of no rows, a selection of nothing). They hold no entry, so there is nothing to compute: the
  /// given wrappers (`mapped`, `zipped`, `reduced`, matmul, concatenate, indexing) make the empty
  /// result themselves and never call the backend with one, so no student task has to handle them.
  ///
  /// What an operation on nothing gives follows NumPy:
  ///
  ///     a map or zip of an empty tensor          empty, of the broadcast shape
  ///     sum / prod / all along a dimension of 0  0 / 1 / 1 (the fold's start)
  ///     mean along a dimension of 0              NaN (0 / 0)
  ///     max / min / argmax along a dimension of 0  stops: the maximum of nothing is undefined
  ///     [n, 0] · [0, p]                          zeros [n, p]: each entry is a sum of nothing
  public var isEmpty: Bool { size == 0 }

  /// The matrix product when an operand is empty: [..., n, k] · [..., k, p] as a sum over k of
  /// the broadcast products, which is zeros [..., n, p] when k = 0 and empty when n or p is 0.
  /// Built from `*` and `sum`, so it is differentiable and never calls the backend's
  /// `matrixMultiply` with an empty operand.
  func emptyMatrixProduct(_ other: Tensor) -> Tensor {
    precondition(
      shape[dims - 1] == other.shape[other.dims - 2],
      "matmul: shapes \(shape) and \(other.shape) do not fit: \(shape[dims - 1]) columns "
        + "against \(other.shape[other.dims - 2]) rows")
    return (unsqueeze(-1) * other.unsqueeze(-3)).sum(dim: -2, keepDims: false)
  }
}
