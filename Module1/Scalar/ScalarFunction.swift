/// A differentiable function of one or more numbers: the unit that `Scalar` graphs are built
/// from.
///
/// A conforming type writes two static functions on plain `Double`s:
/// - `forward(ctx, inputs)` computes the output and saves in `ctx` what the derivative needs;
/// - `backward(ctx, dOut)` returns, for each input, dOut · ∂output/∂input.
///
/// and gets `apply` for free, which runs `forward` on `Scalar`s and records the history that
/// `backward` will need.
public protocol ScalarFunction {
  /// The function's value at `inputs`.
  static func forward(_ ctx: Context<Double>, _ inputs: [Double]) -> Double

  /// The derivative of the output with respect to each input, times `dOut`, in input order.
  static func backward(_ ctx: Context<Double>, _ dOut: Double) -> [Double]
}

extension ScalarFunction {
  /// Runs the function on `inputs` and returns its output as a new `Scalar`.
  ///
  /// When some input needs a gradient, the output remembers this function, the context and
  /// the inputs, so that backpropagation can call `backward` later. When none does, or inside
  /// `withoutGradients { … }`, the output is a constant and nothing is remembered.
  public static func apply(_ inputs: Scalar...) -> Scalar {
    apply(inputs)
  }

  /// Runs the function on a list of inputs; see `apply(_:)`.
  public static func apply(_ inputs: [Scalar]) -> Scalar {
    let needsGrad = inputs.contains { !$0.isConstant } && GradientMode.isEnabled
    let ctx = Context<Double>(needsGrad: needsGrad)
    let value = forward(ctx, inputs.map(\.data))
    guard needsGrad else { return Scalar(constant: value) }
    return Scalar(value, history: ScalarHistory(function: self, context: ctx, inputs: inputs))
  }
}

/// How a `Scalar` was computed: the `ScalarFunction` type, the numbers its forward pass saved,
/// and its input scalars.
public typealias ScalarHistory = History<any ScalarFunction.Type, Double, Scalar>
