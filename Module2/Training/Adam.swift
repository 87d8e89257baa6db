import Foundation

/// The Adam optimizer for parameters holding tensors: `zeroGrad()`, compute the loss,
/// `loss.backward()`, `step()`, exactly as with `SGD`. It keeps two running averages and a step
/// count per parameter, so make one per training run and keep it.
///
/// Adam (Kingma and Ba, 2015) is gradient descent whose step adapts to each parameter entry.
/// SGD steps by rate · g: a parameter with tiny gradients barely moves, one with large gradients
/// overshoots, and noisy batches make it zig-zag. Adam keeps two running averages per entry,
///
///     m ← β₁ m + (1 − β₁) g          the mean gradient (momentum: smooths the zig-zag)
///     v ← β₂ v + (1 − β₂) g²         the mean squared gradient (its typical size)
///
/// and steps by the mean divided by its typical size, so every entry moves about `rate` per step
/// whatever the scale of its gradient. Both averages start at 0, which biases them towards 0 for
/// the first steps; dividing by 1 − βᵗ after a parameter's t-th step removes that bias:
///
///     m̂ = m / (1 − β₁ᵗ),   v̂ = v / (1 − β₂ᵗ),   x ← x − rate · m̂ / (√v̂ + ε)
///
/// On the first step m̂ = g and v̂ = g², so each entry moves by rate · sign(g) (almost exactly).
///
/// t counts the steps of each parameter, not of the optimizer, as PyTorch counts them: a
/// parameter that received no gradient in a step (it did not influence that loss) keeps its
/// value, its averages and its count. Counting the optimizer's steps instead would divide its
/// averages, which have seen t updates, by the correction for more, and shrink its next steps.
///
/// Each update is four operations of the parameter's backend over whole tensors: two zips that
/// update the averages, one that turns them into the step, and the addition of the step (and,
/// for `AdamW`, a map that decays the parameter first).
public final class Adam: Optimizer {
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
  /// How many steps each parameter has taken (its t), in the order of `parameters`: a step in
  /// which a parameter had no gradient does not count for it.
  public private(set) var stepCounts: [Int]
  /// The decoupled weight decay λ of `AdamW` (0 for Adam): each step also moves x by
  /// −rate · λ · x.
  var decoupledWeightDecay = 0.0
  /// Each parameter's running averages m and v, `nil` before its first step.
  private var averages: [(mean: TensorData, square: TensorData)?]

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
    stepCounts = Array(repeating: 0, count: parameters.count)
    averages = Array(repeating: nil, count: parameters.count)
  }

  /// Updates the running averages of every parameter that has a gradient and moves each of
  /// its entries by −rate · m̂ / (√v̂ + ε). A parameter without a gradient keeps its value, its
  /// averages and its step count.
  public func step() {
    for (number, parameter) in parameters.enumerated() {
      let x = parameter.value(as: Tensor.self)
      guard let g = x.grad?.data else { continue }
      stepCounts[number] += 1
      let ops = x.backend.ops
      let zero = TensorData.filled(x.shape, with: 0)
      let (previousMean, previousSquare) = averages[number] ?? (zero, zero)
      let (beta1, beta2, epsilon, rate) = (beta1, beta2, epsilon, rate)
      // AdamW shrinks x by rate · λ · x before the step: x ← x · (1 − rate · λ).
      let decay = 1 - rate * decoupledWeightDecay
      let start =
        decay == 1 ? x.data : ops.map(x.data, to: nil, MapOperator("x·(1 − rate·λ)") { $0 * decay })
      let mean = ops.zip(
        previousMean, g, ZipOperator("β₁·m + (1 − β₁)·g") { m, g in beta1 * m + (1 - beta1) * g })
      let square = ops.zip(
        previousSquare, g,
        ZipOperator("β₂·v + (1 − β₂)·g²") { v, g in beta2 * v + (1 - beta2) * g * g })
      let t = Double(stepCounts[number])
      let (correction1, correction2) = (1 - pow(beta1, t), 1 - pow(beta2, t))
      let step = ops.zip(
        mean, square,
        ZipOperator("−rate·m̂/(√v̂ + ε)") { m, v in
          -(rate * (m / correction1) / ((v / correction2).squareRoot() + epsilon))
        })
      averages[number] = (mean, square)
      parameter.update(
        Tensor(ops.zip(start, step, .add), backend: x.backend, requiresGrad: true))
    }
  }
}
