extension Tensor {
  /// This tensor with `before` entries of `value` in front of and `after` behind each
  /// dimension, one pair per dimension in order, or one pair for all of them (NumPy's
  /// `np.pad(x, widths, constant_values=value)`; PyTorch's `torch.nn.functional.pad`, whose
  /// pairs start from the LAST dimension; MyGrad has none). Widths are 0 or more.
  /// Differentiable: the gradient is dOut without the padding.
  ///
  /// Padding with a constant: NumPy's `np.pad(x, widths, constant_values=c)`. Along each dimension
  /// `before` entries of c go in front and `after` behind:
  ///
  ///     x = [[1, 2],          x.pad([(1, 0), (0, 2)])  =  [[0, 0, 0, 0],
  ///          [3, 4]]                                       [1, 2, 0, 0],
  ///                                                        [3, 4, 0, 0]]
  ///
  /// It is `concatenate` with constant blocks, one dimension after the other, so the gradient is
  /// `concatenate`'s: x gets its own stretch of dOut, the padding nothing.
  public func pad(_ widths: [(before: Int, after: Int)], value: Double = 0) -> Tensor {
    let written = widths.map { "(\($0.before), \($0.after))" }.joined(separator: ", ")
    let call = "pad([\(written)], value: \(value))"
    precondition(
      widths.count == dims || widths.count == 1,
      "\(call): give one (before, after) pair for each of the \(dims) dimensions of shape "
        + "\(shape), or one pair for all")
    precondition(
      widths.allSatisfy { $0.before >= 0 && $0.after >= 0 }, "\(call): widths cannot be negative")
    var result = self
    for d in 0..<dims {
      let (before, after) = widths.count == 1 ? widths[0] : widths[d]
      var parts: [Tensor] = []
      for width in [before, after] where width > 0 {
        var blockShape = result.shape
        blockShape[d] = width
        parts.append(Tensor.full(blockShape, value, backend: backend))
      }
      guard !parts.isEmpty else { continue }
      let middle = before > 0 ? [parts[0], result] : [result]
      result = Tensor.concatenate(middle + (after > 0 ? [parts[parts.count - 1]] : []), dim: d)
    }
    return result
  }
}
