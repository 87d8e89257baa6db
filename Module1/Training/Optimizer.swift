/// A value that gradient descent can improve: it knows its gradient and can make the next,
/// improved copy of itself. `Scalar` conforms here; Module2's `Tensor` conforms too.
public protocol Descendable: AnyObject {
  /// A new leaf one gradient step downhill: x − rate · ∂L/∂x; `nil` when no gradient has
  /// arrived (the value did not influence the loss).
  func descended(rate: Double) -> Self?

  /// Forgets the gradient collected so far.
  func zeroGrad()
}

extension Scalar: Descendable {
  /// `Scalar(data − rate · derivative)`, or `nil` without a derivative.
  public func descended(rate: Double) -> Scalar? {
    derivative.map { Scalar(data - rate * $0) }
  }
}

/// Stochastic gradient descent: each `step()` moves every parameter against its gradient,
/// x ← x − rate · ∂L/∂x.
///
/// A training step is: `zeroGrad()`, compute the loss, `loss.backward()`, `step()`.
public final class SGD {
  /// The parameters being trained.
  public let parameters: [Parameter]
  /// The learning rate: how far each step moves along the negative gradient.
  public var rate: Double

  /// Trains `parameters` (usually `model.parameters()`) with learning rate `rate`.
  ///
  /// Every parameter must hold a value that gradient descent can move (a `Scalar` or a
  /// `Tensor`); anything else is a programming error, reported with the parameter's name.
  public init(_ parameters: [Parameter], rate: Double) {
    for parameter in parameters {
      precondition(
        parameter.value is any Descendable,
        "SGD cannot train parameter '\(parameter.name)', which holds a "
          + "\(type(of: parameter.value)); wrap the value in a Scalar or a Tensor")
    }
    self.parameters = parameters
    self.rate = rate
  }

  /// Forgets every parameter's gradient, before the next loss is computed.
  public func zeroGrad() {
    for parameter in parameters {
      (parameter.value as? any Descendable)?.zeroGrad()
    }
  }

  /// Moves every parameter that has a gradient one step downhill.
  public func step() {
    for parameter in parameters {
      if let value = parameter.value as? any Descendable, let next = value.descended(rate: rate) {
        parameter.update(next)
      }
    }
  }
}
