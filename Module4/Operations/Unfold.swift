extension Tensor {
  /// The differentiable unfolding of an input (batch, channels, sizes…) into the columns
  /// (batch, channels · taps, positions) of `geometry` (whose weight's channel count must be
  /// the input's; its number of filters does not matter): entry [b, c · K + t, p] is what kernel
  /// tap t of channel c reads at output position p, 0 in the padding. PyTorch's
  /// `torch.nn.functional.unfold` for a 2-D geometry. The work is the geometry's `unfold` and,
  /// backwards, its `fold`: the student's Tasks 4.1 and 4.2.
  ///
  /// The unfolding of a convolution (im2col) as a differentiable function of its own, PyTorch's
  /// `torch.nn.functional.unfold`. A convolution unfolds its input and multiplies the columns by
  /// the weight; pooling over sliding windows needs only the first half, the columns, and then
  /// reduces each window:
  ///
  ///     forward:   columns = unfold(x)        [B, C·K, L]   tap t of channel c at position p
  ///     backward:  dx      = fold(dColumns)                 each entry's share added back
  ///
  /// fold is unfold's adjoint (the transpose of the linear map that copies entries into columns),
  /// so it is exactly the backward pass. Both are the geometry's, which means the student's
  /// `unfoldChannel` and `foldChannel` (Tasks 4.1 and 4.2) do the work: until those are written,
  /// nothing built on this function works.
  public struct Unfold<Geometry: ConvolutionGeometry>: UnaryFunction {
    /// The shapes and settings: which input entry each column entry copies.
    public let geometry: Geometry

    /// The unfolding over `geometry`.
    public init(_ geometry: Geometry) {
      self.geometry = geometry
    }

    /// The input's columns (`geometry.unfold`).
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      precondition(
        a.shape == geometry.inputShape,
        "unfold (\(Geometry.operation)): the input has shape \(a.shape), the geometry expects "
          + "\(geometry.inputShape)")
      return Tensor(geometry.unfold(a.data, a.backend.ops), backend: a.backend)
    }

    /// dOut of the columns folded back onto the input (`geometry.fold`), adding up where
    /// windows overlap.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      Tensor(geometry.fold(dOut.data, dOut.backend.ops), backend: dOut.backend)
    }
  }
}
