/// A number that remembers how it was computed, so that derivatives can flow back through it.
///
/// `Scalar(2.0)` makes a leaf that requires a gradient: a variable. Arithmetic on scalars builds a
/// graph: every result records the function and the inputs that made it. `backward()` then
/// fills in `derivative` on every leaf, the derivative of this scalar with respect to that leaf.
///
/// ```swift
/// let x = Scalar(2.0), y = Scalar(4.0)
/// let f = x * y + x * x       // 12
/// f.backward()
/// x.derivative                // 8 = y + 2x
/// y.derivative                // 2 = x
/// ```
///
/// A float literal where a `Scalar` is expected (`let w: Scalar = 0.5`) is a variable too.
/// Plain numbers mixed into arithmetic (`x * 3`, `2.5 + x`, `x.lt(c)`) become constants, which
/// never receive a derivative. A scalar is a class because it is a node of a graph: identity
/// matters.
public final class Scalar: Variable, GradientTracking, CustomStringConvertible {
  /// The number itself.
  public let data: Double

  /// The derivative of the last `backward()` output with respect to this scalar, summed over
  /// every `backward()` since the last `zeroGrad()`; `nil` until one arrives. Only leaves
  /// receive derivatives, and computed scalars after `retainGrad()`.
  public private(set) var derivative: Double?

  /// Whether backpropagation computes a derivative for this scalar (when it is a leaf).
  public var requiresGrad: Bool

  /// Whether this computed scalar keeps its derivative too (see `retainGrad()`).
  public var retainsGrad = false

  /// How this scalar was computed; `nil` for a leaf.
  public let history: ScalarHistory?

  /// A name for pictures and printed graphs (`Scalar(2, name: "x")`); `nil` unless given.
  public var name: String?

  /// A leaf holding `data` that requires a gradient, called `name` in pictures of its graphs.
  public init(_ data: Double, name: String? = nil) {
    self.data = data
    self.name = name
    self.requiresGrad = true
    self.history = nil
  }

  /// A constant holding `data`: a leaf that never receives a derivative.
  public init(constant data: Double) {
    self.data = data
    self.requiresGrad = false
    self.history = nil
  }

  /// A scalar computed by a function, remembering how (used by a function's `apply`).
  public init(_ data: Double, history: ScalarHistory) {
    self.data = data
    self.requiresGrad = true
    self.history = history
  }

  // MARK: Variable

  /// Task 1.3: the chain rule. Given dOut, the derivative of the output with respect to this
  /// scalar, returns each non-constant input xᵢ of the function f that made it, paired with
  /// dOut · ∂f/∂xᵢ (which is what `f.backward(ctx, dOut)` computes).
  ///
  /// The first line is given: it keeps dOut when `retainGrad()` was called on this scalar.
  public func chainRule(_ dOut: Double) -> [(variable: Scalar, derivative: Double)] {
    retainDerivative(dOut)
    // BEGIN SOLUTION Task 1.3
    guard let history else {
      preconditionFailure("chainRule needs a computed scalar, but \(self) is a leaf")
    }
    let derivatives = history.function.backward(history.context, dOut: dOut)
    precondition(
      derivatives.count == history.inputs.count,
      "\(type(of: history.function)).backward returned \(derivatives.count) derivatives "
        + "for \(history.inputs.count) inputs")
    var result: [(variable: Scalar, derivative: Double)] = []
    for (input, derivative) in zip(history.inputs, derivatives) where !input.isConstant {
      result.append((input, derivative))
    }
    return result
    // END SOLUTION
  }

  /// Adds `derivative` to this leaf's derivative (or to a computed scalar's that retains it).
  public func accumulateDerivative(_ derivative: Double) {
    precondition(
      isLeaf || retainsGrad,
      "only leaves accumulate derivatives; \(self) was computed (call retainGrad() on it to "
        + "keep its derivative)")
    self.derivative = (self.derivative ?? 0) + derivative
  }

  // MARK: Backpropagation

  /// Fills in the derivative of this scalar with respect to every leaf it depends on (times
  /// `dOut`, which defaults to 1). Derivatives add up over calls until `zeroGrad()`.
  public func backward(_ dOut: Double = 1) {
    precondition(
      !isConstant,
      "backward() on a constant: nothing it was computed from requires a derivative. "
        + "Make the inputs with Scalar(_:) rather than Scalar(constant:).")
    backpropagate(self, dOut)
  }

  /// Forgets the accumulated derivative.
  public func zeroGrad() {
    derivative = nil
  }

  /// `Scalar(2.0)`.
  public var description: String { "Scalar(\(data))" }

  /// Frees the graph behind this scalar one node at a time (see `releaseHistory()`).
  deinit {
    releaseHistory()
  }
}

extension Scalar: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
  /// A leaf that requires a gradient, from a literal such as `2.5` (Swift also reads
  /// `Scalar(2.5)` this way).
  public convenience init(floatLiteral value: Double) {
    self.init(value)
  }

  /// A leaf that requires a gradient, from a literal such as `2`.
  public convenience init(integerLiteral value: Int) {
    self.init(Double(value))
  }
}
