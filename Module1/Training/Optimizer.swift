/// A rule for training: it turns gradients into better parameters, moving each parameter
/// against its gradient. `SGD` (here) and `Adam` (Module 2) are optimizers; the training loop
/// takes any of them.
///
/// Every optimizer is used the same way, as in PyTorch:
///
///     optimizer.zeroGrad()      forget the gradients of the last step
///     let loss = …              compute the loss
///     loss.backward()           fill in every parameter's gradient
///     optimizer.step()          move every parameter that received one
///
/// They differ only in how `step()` turns a gradient into a move: `SGD` moves against the gradient
/// (with momentum, against a running sum of gradients), Module 2's `Adam` scales each entry's move
/// by the typical size of its gradient. What an optimizer remembers between steps (a velocity,
/// Adam's averages) it keeps per parameter, so make one optimizer per training run and keep it.
public protocol Optimizer: AnyObject {
  /// The parameters it trains, in the order it keeps their state.
  var parameters: [Parameter] { get }

  /// The learning rate: how far a step moves. It may be changed between steps (a schedule
  /// lowers it as training goes on).
  var rate: Double { get set }

  /// Moves every parameter that received a gradient since the last `zeroGrad()`. A parameter
  /// without one (it did not influence the loss) keeps its value and its state.
  func step()

  /// Forgets every parameter's gradient, before the next loss is computed.
  func zeroGrad()
}

extension Optimizer {
  /// Forgets the gradient of every parameter.
  public func zeroGrad() {
    for parameter in parameters {
      (parameter.value as? any Descendable)?.zeroGrad()
    }
  }
}

/// A value an optimizer can move: it knows its gradient and makes the next value, a new leaf,
/// from a step. `Scalar` conforms here; Module2's `Tensor` conforms too.
public protocol Descendable: AnyObject {
  /// What the gradient is, and every step made from it: `Double` for a `Scalar`, a constant
  /// `Tensor` of the same shape for a `Tensor`.
  associatedtype Gradient: GradientArithmetic

  /// The gradient collected since `zeroGrad()`; `nil` when none has arrived (the value did not
  /// influence the loss).
  var gradient: Gradient? { get }

  /// A new leaf holding this value plus `step`: x + step (an optimizer passes a step against
  /// the gradient, such as −rate · ∂L/∂x).
  func moved(by step: Gradient) -> Self

  /// Forgets the gradient collected so far.
  func zeroGrad()
}

/// The arithmetic optimizers do with gradients: adding two of them and multiplying one by a
/// number (a running sum of gradients is v ← μ · v + g).
public protocol GradientArithmetic: DerivativeValue {
  /// This value times `factor`, entry by entry.
  func scaled(by factor: Double) -> Self
}

extension Double: GradientArithmetic {
  /// `self · factor`.
  public func scaled(by factor: Double) -> Double { self * factor }
}

extension Scalar: Descendable {
  /// The derivative collected since `zeroGrad()`.
  public var gradient: Double? { derivative }

  /// `Scalar(data + step)`, a new leaf.
  public func moved(by step: Double) -> Scalar {
    Scalar(data + step)
  }
}
