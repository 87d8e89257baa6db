// Running a function on scalars: `Scalar.Mul().apply(x, y)`. The function computes on the plain
// numbers; `apply` wraps the result in a new `Scalar` that remembers the function, its context
// and its inputs, so that backpropagation can call `backward` later.

extension UnaryFunction where Value == Double {
  /// f(a) as a new `Scalar`, which remembers how it was made when `a` needs a gradient.
  public func apply(_ a: Scalar) -> Scalar {
    apply([a])
  }
}

extension BinaryFunction where Value == Double {
  /// f(a, b) as a new `Scalar`, which remembers how it was made when an input needs a gradient.
  public func apply(_ a: Scalar, _ b: Scalar) -> Scalar {
    apply([a, b])
  }
}

extension DifferentiableFunction where Value == Double {
  /// Runs the function on `inputs` and returns its output as a new `Scalar`.
  ///
  /// When some input needs a gradient, the output remembers this function, the context and the
  /// inputs, so that backpropagation can call `backward` later. When none does, or inside
  /// `withoutGradients { … }`, the output is a constant and nothing is remembered.
  public func apply(_ inputs: [Scalar]) -> Scalar {
    let enabled = GradientMode.isEnabled
    let ctx = Context<Double>(inputCount: inputs.count) { enabled && !inputs[$0].isConstant }
    let value = forward(ctx, inputs: inputs.map(\.data))
    guard ctx.needsGrad else { return Scalar(constant: value) }
    return Scalar(value, history: ScalarHistory(function: self, context: ctx, inputs: inputs))
  }
}

/// How a `Scalar` was computed: the function, the numbers its forward pass saved, and its input
/// scalars.
public typealias ScalarHistory = History<any DifferentiableFunction<Double>, Double, Scalar>
