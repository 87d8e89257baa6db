// The one shape every differentiable function has, in Module 1 and in every stage after it, as
// PyTorch's `torch.autograd.Function` and minitorch's `ScalarFunction` read:
//
//   forward(ctx, a, b)    computes the output from the input values and saves in `ctx` what
//                         the derivative will need;
//   backward(ctx, dOut)   returns, for each input, dOut · ∂output/∂input: one gradient per
//                         input, in a tuple for a function of two inputs.
//
// The functions are values (structs), so a function can carry a setting: an exponent, a
// dimension. `Value` is what they compute with: `Double` for `Scalar` (Module 1) and `Tensor`
// for `Tensor` (Module 2). `apply` runs a function on variables and records the graph: it is
// written once per kind of variable (`Scalar` here, `Tensor` in Module 2).

/// A differentiable function of any number of inputs: what backpropagation and the graph
/// pictures see of every function.
///
/// Most functions take one or two inputs and conform to `UnaryFunction` or `BinaryFunction`,
/// which name their inputs and supply these array forms. A function of a list of inputs (a
/// concatenation, an `einsum`) conforms to this protocol directly.
public protocol DifferentiableFunction<Value> {
  /// What the function computes with: `Double` for `Scalar`, `Tensor` for `Tensor`.
  associatedtype Value

  /// The names of the inputs, in order, as graph pictures label their edges (`["a", "b"]`).
  var inputNames: [String] { get }

  /// The output for `inputs`, saving in `ctx` what `backward` will need.
  func forward(_ ctx: Context<Value>, inputs: [Value]) -> Value

  /// dOut times the derivative of the output with respect to each input, in input order.
  func backward(_ ctx: Context<Value>, dOut: Value) -> [Value]
}

/// A differentiable function of one input, f(a).
///
/// ```swift
/// /// f(a) = −a, f′ = −1.
/// struct Neg: UnaryFunction {
///   func forward(_ ctx: Context<Double>, _ a: Double) -> Double { -a }
///   func backward(_ ctx: Context<Double>, _ dOut: Double) -> Double { -dOut }
/// }
/// ```
public protocol UnaryFunction<Value>: DifferentiableFunction {
  /// What the function computes with.
  associatedtype Value

  /// f(a), saving in `ctx` what `backward` will need.
  func forward(_ ctx: Context<Value>, _ a: Value) -> Value

  /// dOut · f′(a).
  func backward(_ ctx: Context<Value>, _ dOut: Value) -> Value
}

extension UnaryFunction {
  /// One input, called `a`.
  public var inputNames: [String] { ["a"] }

  /// `forward(ctx, a)` for the one input.
  public func forward(_ ctx: Context<Value>, inputs: [Value]) -> Value {
    precondition(inputs.count == 1, "\(Self.self) takes 1 input, but was given \(inputs.count)")
    return forward(ctx, inputs[0])
  }

  /// `[backward(ctx, dOut)]`.
  public func backward(_ ctx: Context<Value>, dOut: Value) -> [Value] {
    let da: Value = backward(ctx, dOut)
    return [da]
  }
}

/// A differentiable function of two inputs, f(a, b).
///
/// ```swift
/// /// f(a, b) = a · b, with ∂f/∂a = b and ∂f/∂b = a.
/// struct Mul: BinaryFunction {
///   func forward(_ ctx: Context<Double>, _ a: Double, _ b: Double) -> Double {
///     ctx.saveForBackward(a, b)
///     return a * b
///   }
///   func backward(_ ctx: Context<Double>, _ dOut: Double) -> (Double, Double) {
///     let (a, b) = ctx.savedPair
///     return (dOut * b, dOut * a)
///   }
/// }
/// ```
public protocol BinaryFunction<Value>: DifferentiableFunction {
  /// What the function computes with.
  associatedtype Value

  /// f(a, b), saving in `ctx` what `backward` will need.
  func forward(_ ctx: Context<Value>, _ a: Value, _ b: Value) -> Value

  /// (dOut · ∂f/∂a, dOut · ∂f/∂b).
  func backward(_ ctx: Context<Value>, _ dOut: Value) -> (Value, Value)
}

extension BinaryFunction {
  /// Two inputs, called `a` and `b`.
  public var inputNames: [String] { ["a", "b"] }

  /// `forward(ctx, a, b)` for the two inputs.
  public func forward(_ ctx: Context<Value>, inputs: [Value]) -> Value {
    precondition(inputs.count == 2, "\(Self.self) takes 2 inputs, but was given \(inputs.count)")
    return forward(ctx, inputs[0], inputs[1])
  }

  /// `[da, db]` from `backward(ctx, dOut)`.
  public func backward(_ ctx: Context<Value>, dOut: Value) -> [Value] {
    let (da, db) = backward(ctx, dOut)
    return [da, db]
  }
}
