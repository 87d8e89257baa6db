import Foundation

/// Adam (Kingma and Ba, 2015): gradient descent whose step adapts to each parameter entry.
///
/// SGD steps by rate · g: a parameter with tiny gradients barely moves, one with large gradients
/// overshoots, and noisy batches make it zig-zag. Adam keeps two running averages per entry,
///
///     m ← β₁ m + (1 − β₁) g          the mean gradient (momentum: smooths the zig-zag)
///     v ← β₂ v + (1 − β₂) g²         the mean squared gradient (its typical size)
///
/// and steps by the mean divided by its typical size, so every entry moves about `rate` per step
/// whatever the scale of its gradient. Both averages start at 0, which biases them towards 0 for
/// the first steps; dividing by 1 − βᵗ after t steps removes that bias:
///
///     m̂ = m / (1 − β₁ᵗ),   v̂ = v / (1 − β₂ᵗ),   x ← x − rate · m̂ / (√v̂ + ε)
///
/// On the first step m̂ = g and v̂ = g², so each entry moves by rate · sign(g) (almost exactly).
///
/// The Adam optimizer for parameters holding tensors: `zeroGrad()`, compute the loss,
/// `loss.backward()`, `step()`, exactly as with `SGD`. It keeps two running averages per
/// parameter entry, so make one per training run and keep it.
public final class Adam {
  /// The parameters being trained.
  public let parameters: [Parameter]
  /// The step size: about how far each entry moves per step.
  public var rate: Double
  /// How much of the running mean gradient is kept per step (β₁).
  public let beta1: Double
  /// How much of the running mean squared gradient is kept per step (β₂).
  public let beta2: Double
  /// Added to √v̂ so that an entry with no gradient yet is not divided by 0.
  public let epsilon: Double
  /// How many steps have been taken (t).
  public private(set) var steps = 0
  private var means: [[Double]?]
  private var squares: [[Double]?]

  /// Trains `parameters` (usually `model.parameters()`), each of which must hold a `Tensor`,
  /// with PyTorch's default settings unless given others.
  public init(
    _ parameters: [Parameter], rate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
    epsilon: Double = 1e-8
  ) {
    for parameter in parameters {
      precondition(
        parameter.value is Tensor,
        "Adam trains tensors, but parameter '\(parameter.name)' holds a "
          + "\(type(of: parameter.value)); use SGD for Scalars")
    }
    precondition(
      (0..<1).contains(beta1) && (0..<1).contains(beta2),
      "Adam: beta1 \(beta1) and beta2 \(beta2) must be in [0, 1)")
    self.parameters = parameters
    self.rate = rate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    means = Array(repeating: nil, count: parameters.count)
    squares = Array(repeating: nil, count: parameters.count)
  }

  /// Forgets every parameter's gradient, before the next loss is computed (the running
  /// averages stay).
  public func zeroGrad() {
    for parameter in parameters {
      parameter.value(as: Tensor.self).zeroGrad()
    }
  }

  /// Updates the running averages with every parameter's gradient and moves each parameter
  /// entry by rate · m̂ / (√v̂ + ε). A parameter without a gradient keeps its value and its
  /// averages.
  public func step() {
    steps += 1
    let correction1 = 1 - pow(beta1, Double(steps))
    let correction2 = 1 - pow(beta2, Double(steps))
    for (number, parameter) in parameters.enumerated() {
      let tensor = parameter.value(as: Tensor.self)
      guard let grad = tensor.grad?.data.values else { continue }
      var x = tensor.data.values
      var m = means[number] ?? Array(repeating: 0, count: x.count)
      var v = squares[number] ?? Array(repeating: 0, count: x.count)
      for i in x.indices {
        m[i] = beta1 * m[i] + (1 - beta1) * grad[i]
        v[i] = beta2 * v[i] + (1 - beta2) * grad[i] * grad[i]
        x[i] -= rate * (m[i] / correction1) / ((v[i] / correction2).squareRoot() + epsilon)
      }
      means[number] = m
      squares[number] = v
      parameter.update(
        Tensor(shape: tensor.shape, data: x, backend: tensor.backend, requiresGrad: true))
    }
  }
}
