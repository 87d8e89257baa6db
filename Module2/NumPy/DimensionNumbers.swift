extension Tensor {
  /// `dim` counted from the front: a negative `dim` counts from the end (-1 is the last
  /// dimension), as NumPy's `normalize_axis_index` and PyTorch's `dim=-1` do. Stops with a
  /// message naming `call` (how the caller was called, such as `"sum(dim: 3)"`), the number
  /// and this tensor's shape when the dimension does not exist.
  ///
  /// Dimension numbers, NumPy's way: every function that takes a dimension also takes a negative
  /// one, counted from the end, so -1 is the last dimension of any tensor:
  ///
  ///     shape [2, 3, 4]     dimension   0   1   2
  ///                         from end   -3  -2  -1
  ///
  /// A dimension d of a tensor with n dimensions is accepted when -n ≤ d < n and means d + n when
  /// negative. A new dimension (`unsqueeze`, `stack`) may go in any of n + 1 places, so there
  /// -(n + 1) ≤ d ≤ n, and a negative one means d + n + 1: -1 puts it at the end.
  ///
  /// Every public function that takes a dimension passes it through `checkedDim` first, so the
  /// functions underneath (`Sum`, `Max`, the backend's `reduce`) only ever see 0..<n, and a wrong
  /// number stops with one message that names the call, the number and the shape.
  public func checkedDim(_ dim: Int, _ call: @autoclosure () -> String) -> Int {
    precondition(
      dim >= -dims && dim < dims,
      "\(call()): a tensor of shape \(shape) has dimensions 0..<\(dims), not \(dim) "
        + "(a negative dimension counts from the end: -\(dims)..<0)")
    return dim < 0 ? dim + dims : dim
  }

  /// `dims` counted from the front, each checked by `checkedDim`; stops with a message naming
  /// `call` when the list is empty or names one dimension twice (as 1 and -2 may).
  public func checkedDims(_ dims: [Int], _ call: @autoclosure () -> String) -> [Int] {
    precondition(!dims.isEmpty, "\(call()): name at least one dimension, or leave dims out")
    let resolved = dims.map { checkedDim($0, call()) }
    precondition(
      Set(resolved).count == resolved.count,
      "\(call()): a dimension is listed more than once (dimensions \(resolved) of shape "
        + "\(shape))")
    return resolved
  }

  /// Where a new dimension goes among 0...dims (a negative `dim` counts from the end, -1
  /// appending it last), as `unsqueeze` and `stack` take it; stops with a message naming
  /// `call` and the shape otherwise.
  func checkedNewDim(_ dim: Int, _ call: @autoclosure () -> String) -> Int {
    precondition(
      dim >= -(dims + 1) && dim <= dims,
      "\(call()): a tensor of shape \(shape) takes a new dimension at 0...\(dims), not \(dim) "
        + "(a negative one counts from the end: -\(dims + 1)...-1)")
    return dim < 0 ? dim + dims + 1 : dim
  }
}
