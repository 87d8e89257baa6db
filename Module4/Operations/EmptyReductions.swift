// max and min of empty tensors, as NumPy has them: along a dimension of size 0 there is nothing
// to take the maximum of, which stops with a message; along another dimension of an empty tensor
// the result is empty too, and is made without calling the backend (whose `reduce` is Task 2.3's
// and need not handle empty tensors).

extension Tensor {
  /// `Max(dim:)` of this tensor, after checking that dimension `dim` is not empty (`call` names
  /// the caller in the message). An empty tensor whose dimension `dim` is not empty has an empty
  /// maximum, made by `sum(dim:)` (which computes nothing for an empty result and keeps the
  /// graph), so Task 4.4's `Max` never sees an empty tensor.
  func maxOfSomething(along dim: Int, _ call: String) -> Tensor {
    precondition(
      shape[dim] > 0,
      "\(call): dimension \(dim) of shape \(shape) is empty, and the maximum (or minimum) of "
        + "nothing is undefined")
    return isEmpty ? sum(dim: dim) : Max(dim: dim).apply(self)
  }

  /// Stops with a message naming `call` when this tensor is empty: the position of a maximum
  /// (argmax, argmaxIndices, topk) is not defined for nothing, and the mask is Task 4.4's code.
  func checkNotEmpty(_ call: @autoclosure () -> String) {
    precondition(
      !isEmpty, "\(call()): the tensor of shape \(shape) is empty, so nothing can be the largest")
  }
}
