import Module0

extension Tensor {
  /// The chain rule for tensors: each non-constant input paired with its share of `dOut`, given
  /// by the function's `backward` and brought to exactly the input's shape by `unbroadcast`.
  ///
  /// This is the one place where broadcasting is undone; no function's `backward` has to care.
  /// Every share must have the input's shape or a shape the input broadcasts to. The first line
  /// keeps dOut when `retainGrad()` was called on this tensor.
  public func chainRule(_ dOut: Tensor) -> [(variable: Tensor, derivative: Tensor)] {
    retainDerivative(dOut)
    guard let history else {
      preconditionFailure("chainRule needs a computed tensor, but this one is a leaf")
    }
    let function = type(of: history.function)
    let shares = history.function.backward(history.context, dOut: dOut)
    precondition(
      shares.count == history.inputs.count,
      "\(function).backward returned \(shares.count) gradients "
        + "for \(history.inputs.count) inputs")
    var result: [(variable: Tensor, derivative: Tensor)] = []
    result.reserveCapacity(shares.count)
    for (input, share) in zip(history.inputs, shares) where !input.isConstant {
      if share.size == 0 {
        // An empty share sums to 0 over any broadcast copies (and an empty input's gradient is
        // empty): made here, so Task 2.4's `unbroadcast` never sees an empty tensor.
        _ = EmptyShapes.broadcast(input.shape, share.shape, "\(function).backward")
        result.append((input, Tensor.zeros(input.shape, backend: share.backend)))
        continue
      }
      precondition(
        input.shape == share.shape
          || (try? shapeBroadcast(input.shape, share.shape)) == share.shape,
        "\(function).backward returned a gradient of shape \(share.shape) for an input of "
          + "shape \(input.shape); it must have the input's shape or one the input broadcasts to")
      result.append((input, unbroadcast(share, to: input.shape)))
    }
    return result
  }
}

/// Task 2.4: the gradient of an input of shape `shape` that was broadcast to `grad.shape` in
/// the forward pass, undoing the broadcast.
///
/// Broadcasting used each entry of the input several times (shape [3] used as [2, 3] uses each
/// entry twice), so each entry's gradient is the *sum* of the gradient over its copies: add
/// `grad` up over the leading dimensions the input does not have, and over the dimensions
/// where the input has size 1 but `grad` does not. `shape` must broadcast to `grad.shape`.
public func unbroadcast(_ grad: Tensor, to shape: [Int]) -> Tensor {
  // BEGIN SOLUTION Task 2.4
  if grad.shape == shape {
    return grad
  }
  var result = grad
  let extra = grad.dims - shape.count
  for dimension in 0..<grad.dims where grad.shape[dimension] > 1 {
    if dimension < extra || shape[dimension - extra] == 1 {
      result = result.reduced(dim: dimension, .sum)
    }
  }
  // The leading dimensions now have size 1: drop them.
  return result.constant(TensorData(result.data.values, shape: shape))
  // END SOLUTION
}
