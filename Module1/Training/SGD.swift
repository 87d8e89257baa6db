/// Stochastic gradient descent: each `step()` moves every parameter that has a gradient against
/// it, x ← x − rate · ∂L/∂x, or, with `momentum` μ > 0, against a velocity b ← μ · b + ∂L/∂x
/// kept per parameter (`nesterov` moves along ∂L/∂x + μ · b instead): PyTorch's
/// `torch.optim.SGD` with dampening 0.
///
/// Plain SGD moves every parameter a small step against its gradient g = ∂L/∂x:
///
///     x ← x − rate · g
///
/// With momentum μ it keeps, per parameter, a velocity b, the gradients of past steps with each
/// older one weighed μ times less, and moves along that instead:
///
///     b ← g on the parameter's first step, then b ← μ · b + g
///     x ← x − rate · b
///
/// Gradients that keep pointing the same way add up (up to 1/(1 − μ) times one step: 10 for
/// μ = 0.9), and gradients that flip sign from step to step cancel, so a narrow valley is crossed
/// less and followed more. Nesterov's variant looks one velocity step ahead: it moves along
/// g + μ · b instead of b. A parameter without a gradient in a step neither moves nor updates its
/// velocity.
///
/// A training step is: `zeroGrad()`, compute the loss, `loss.backward()`, `step()`.
public final class SGD: Optimizer {
  /// The parameters being trained.
  public let parameters: [Parameter]
  /// The learning rate: how far each step moves along the negative gradient (or velocity).
  public var rate: Double
  /// How much of the velocity each step keeps (μ); 0 for plain SGD.
  public let momentum: Double
  /// Whether steps follow Nesterov's look-ahead, g + μ · b, rather than the velocity b.
  public let nesterov: Bool
  /// Each parameter's velocity b, a value of its gradient's type; `nil` before its first step.
  private var velocities: [Any?]

  /// Trains `parameters` (usually `model.parameters()`) with learning rate `rate`, and with
  /// `momentum` μ (0, plain SGD, unless given; PyTorch's usual choice is 0.9), Nesterov's
  /// variant when `nesterov` is true (it needs momentum).
  ///
  /// Every parameter must hold a value that gradient descent can move (a `Scalar` or a
  /// `Tensor`); anything else is a programming error, reported with the parameter's name.
  public init(_ parameters: [Parameter], rate: Double, momentum: Double = 0, nesterov: Bool = false)
  {
    for parameter in parameters {
      precondition(
        parameter.value is any Descendable,
        "SGD cannot train parameter '\(parameter.name)', which holds a "
          + "\(type(of: parameter.value)); wrap the value in a Scalar or a Tensor")
    }
    precondition(
      momentum >= 0 && momentum.isFinite, "SGD: momentum must be 0 or more, got \(momentum)")
    precondition(
      !nesterov || momentum > 0, "SGD: Nesterov's variant needs a momentum above 0, got 0")
    self.parameters = parameters
    self.rate = rate
    self.momentum = momentum
    self.nesterov = nesterov
    velocities = Array(repeating: nil, count: parameters.count)
  }

  /// Moves every parameter that has a gradient one step downhill.
  public func step() {
    for index in parameters.indices {
      guard let value = parameters[index].value as? any Descendable else { continue }
      if let next = moved(value, velocity: &velocities[index]) {
        parameters[index].update(next)
      }
    }
  }

  /// The next value of `value`, −rate · direction away from it, where the direction is the
  /// gradient, or with momentum the updated `velocity` (Nesterov: gradient + μ · velocity);
  /// `nil` without a gradient, leaving the velocity as it was.
  private func moved<Value: Descendable>(_ value: Value, velocity: inout Any?) -> Value? {
    guard let gradient = value.gradient else { return nil }
    var direction = gradient
    if momentum > 0 {
      let previous = velocity as? Value.Gradient
      let current = previous.map { $0.scaled(by: momentum) + gradient } ?? gradient
      velocity = current
      direction = nesterov ? gradient + current.scaled(by: momentum) : current
    }
    return value.moved(by: direction.scaled(by: -rate))
  }
}
