extension Tensor {
  /// The running sum along `dim`: out[…, k, …] = Σ_{j ≤ k} a[…, j, …]. Its backward pass is the
  /// running sum of dOut from the end.
  public struct CumulativeSum: UnaryFunction {
    /// The dimension summed along (not negative).
    public let dim: Int

    /// A running sum along `dim`.
    public init(dim: Int) {
      self.dim = dim
    }

    /// `scan` with `.sum` from the start.
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      a.isEmpty ? a : a.constant(a.backend.ops.scan(a.data, dim: dim, .sum, reversed: false))
    }

    /// `scan` of dOut with `.sum` from the end.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      dOut.isEmpty
        ? dOut : dOut.constant(dOut.backend.ops.scan(dOut.data, dim: dim, .sum, reversed: true))
    }
  }

  /// The running sum along `dim` (negative counts from the end), keeping the shape; without
  /// `dim`, the running sum of every entry in row-major order, shape [size] (NumPy's `cumsum`
  /// without an axis).
  ///
  /// The cumulative sum: y_k = x_0 + x_1 + … + x_k along a dimension (NumPy's and PyTorch's
  /// `cumsum`). It is the backend's `scan` with `.sum`, a running fold no map, zip or reduce can
  /// express.
  ///
  /// Each x_j appears in every y_k with k ≥ j, so ∂L/∂x_j = Σ_{k ≥ j} ∂L/∂y_k: the cumulative sum
  /// of dOut taken from the other end, the same scan reversed.
  public func cumsum(dim: Int? = nil) -> Tensor {
    guard let dim else {
      return CumulativeSum(dim: 0).apply(flatten())
    }
    return CumulativeSum(dim: checkedDim(dim, "cumsum(dim: \(dim))")).apply(self)
  }
}
