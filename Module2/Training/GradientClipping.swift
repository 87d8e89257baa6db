/// Scales the gradients of `parameters` together so that their global norm is at most
/// `maxNorm`, and returns the norm they had before: PyTorch's
/// `torch.nn.utils.clip_grad_norm_(parameters, max_norm)` (norm type 2; NumPy and MyGrad have
/// none). With ‖g‖ = √(Σ g²) over every entry of every gradient, each gradient is multiplied by
/// min(1, maxNorm / (‖g‖ + 10⁻⁶)). Parameters without a gradient are skipped; every parameter
/// must hold a `Tensor`. A NaN or infinite gradient gives a NaN or infinite norm: the gradients
/// are then left as they are and the norm is returned for the caller to stop on (PyTorch's
/// default would turn them into NaN).
///
/// ```swift
/// loss.backward()
/// let norm = clipGradNorm(model.parameters(), maxNorm: 1)
/// optimizer.step()
/// ```
///
/// Gradient clipping by global norm. A single batch with an unusually steep loss can produce a
/// gradient so large that one step throws the parameters far away (and the loss to NaN). Clipping
/// looks at all gradients of a step together as one long vector g and shrinks it when it is
/// longer than `maxNorm`:
///
///     ‖g‖ = √(Σ over every parameter and entry of g²)
///     g ← g · min(1, maxNorm / (‖g‖ + 10⁻⁶))
///
/// The direction of the step is kept, only its length is capped; the 10⁻⁶ keeps the division
/// finite when every gradient is 0. Call it between `loss.backward()` and `optimizer.step()`.
@discardableResult
public func clipGradNorm(_ parameters: [Parameter], maxNorm: Double) -> Double {
  precondition(
    maxNorm > 0 && !maxNorm.isNaN, "clipGradNorm: maxNorm must be above 0, got \(maxNorm)")
  let tensors = parameters.map { parameter in
    guard let tensor = parameter.value as? Tensor else {
      preconditionFailure(
        "clipGradNorm clips tensors' gradients, but parameter '\(parameter.name)' holds a "
          + "\(type(of: parameter.value))")
    }
    return tensor
  }
  let squares = tensors.compactMap(\.grad).map { ($0 * $0).sum().item() }
  let norm = squares.reduce(0, +).squareRoot()
  let factor = Swift.min(1, maxNorm / (norm + 1e-6))
  if norm.isFinite && factor != 1 {
    for tensor in tensors {
      // The gradient becomes g + (factor − 1) · g = factor · g.
      if let gradient = tensor.grad {
        tensor.accumulateDerivative(gradient * (factor - 1))
      }
    }
  }
  return norm
}
