import Module0

extension Tensor {
  /// The chain rule for tensors: each non-constant input paired with its share of `dOut`, given
  /// by the function's `backward`, brought to exactly the input's shape by `gradient(_:shapedLike:)`.
  ///
  /// This is the one place where broadcasting is undone; no function's `backward` has to care.
  public func chainRule(_ dOut: Tensor) -> [(variable: Tensor, derivative: Tensor)] {
    guard let history else {
      preconditionFailure("chainRule needs a computed tensor, but this one is a leaf")
    }
    let shares = history.function.backward(history.context, dOut)
    precondition(
      shares.count == history.inputs.count,
      "\(type(of: history.function)).backward returned \(shares.count) gradients "
        + "for \(history.inputs.count) inputs")
    var result: [(variable: Tensor, derivative: Tensor)] = []
    for (input, share) in zip(history.inputs, shares) where !input.isConstant {
      result.append((input, gradient(share, shapedLike: input.shape)))
    }
    return result
  }
}

/// Task 2.4: brings a gradient to the shape of the input it belongs to, undoing broadcasting.
///
/// If the input was broadcast in the forward pass (shape [3] used as [2, 3]), each of its
/// entries was used several times, so its gradient is the *sum* of the gradient over the copies:
/// add up over the leading dimensions the input did not have and over the dimensions where it
/// had size 1. If the gradient is smaller than the input (the gradient of a sum, with size 1
/// where the input had a whole dimension), each entry of the input gets the same share: repeat
/// it along those dimensions.
public func gradient(_ grad: Tensor, shapedLike shape: [Int]) -> Tensor {
  // BEGIN SOLUTION Task 2.4
  if grad.shape == shape {
    return grad
  }
  var result = grad
  let extra = grad.dims - shape.count
  for dimension in 0..<grad.dims where grad.shape[dimension] > 1 {
    if dimension < extra || shape[dimension - extra] == 1 {
      result = result.reduced(dim: dimension, start: 0, Operators.add)
    }
  }
  // Drop the leading dimensions, now of size 1, then repeat where the input is bigger.
  let kept = Array(result.shape.dropFirst(Swift.max(extra, 0)))
  result = result.constant(TensorData(result.data.values, shape: kept.isEmpty ? [1] : kept))
  if result.shape != shape {
    result = result.mapped(to: shape, Operators.id)
  }
  return result
  // END SOLUTION
}
