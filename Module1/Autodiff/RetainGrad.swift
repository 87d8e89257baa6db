extension Variable {
  /// Makes this computed variable keep its derivative during every later `backward()`, as a
  /// leaf does (PyTorch's `retain_grad()`; MyGrad keeps every one). Call it before `backward()`;
  /// on a leaf that requires a gradient it changes nothing.
  ///
  /// Retained gradients: the derivative of the output with respect to a computed variable, kept
  /// after `backward()` so that it can be looked at (MyGrad and PyTorch show `f.grad` on an
  /// intermediate result `f`).
  ///
  /// Backpropagation (Task 1.4) already computes that number: when it reaches a computed variable,
  /// every path from the output has added its share, and it hands the total to the variable's
  /// `chainRule` to split among the parents. So the chain rule is where the total can be kept.
  /// Every type's `chainRule` starts with one line of given code, outside the task's solution
  /// region, `retainDerivative(dOut)`, which stores dOut with `accumulateDerivative` when
  /// `retainGrad()` was called. Nothing else changes: whoever wrote `backpropagate` (the reference
  /// or a student) feeds it just by calling `chainRule`, which it must do anyway.
  ///
  /// Retained derivatives follow the leaves' rules: they add up over `backward()` calls until
  /// `zeroGrad()`. Should a backpropagation call `chainRule` several times on one variable with
  /// parts of its derivative, the parts add up to the same total.
  ///
  /// ```swift
  /// let x = Scalar(3), f = x * x
  /// f.retainGrad()
  /// (f * 2).backward()
  /// f.derivative          // 2
  /// x.derivative          // 12
  /// ```
  public func retainGrad() {
    precondition(
      !isConstant,
      "retainGrad() on a constant: it never receives a derivative. Make the values it is "
        + "computed from require gradients first.")
    guard !isLeaf else { return }
    retainsGrad = true
  }

  /// The first line of every `chainRule`: keeps `dOut`, the whole derivative that backpropagation
  /// brought to this variable, when `retainGrad()` asked for it; otherwise does nothing.
  @inlinable
  public func retainDerivative(_ dOut: Derivative) {
    if retainsGrad {
      accumulateDerivative(dOut)
    }
  }
}
