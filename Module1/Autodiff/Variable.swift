/// A value a derivative can take: a number for `Scalar`, a tensor for `Tensor`. Derivatives
/// flowing into the same variable along different paths are added.
public protocol DerivativeValue {
  /// The sum of two derivatives of the same variable.
  static func + (lhs: Self, rhs: Self) -> Self
}

extension Double: DerivativeValue {}

/// How a variable was computed: the function, what its forward pass saved, and its inputs.
///
/// Shared by `Scalar` and Module2's `Tensor`, whose functions are `DifferentiableFunction`
/// values computing with numbers and with tensors. A class, so that the graph teardown can
/// empty it in place (see `releaseHistory()`).
public final class History<Function, Saved, Node: AnyObject> {
  /// The function that produced the variable.
  public let function: Function
  /// What the function's forward pass saved for its backward pass.
  public let context: Context<Saved>
  /// The variables the function was applied to, in order: the variable's parents.
  public private(set) var inputs: [Node]

  /// A record of `function` applied to `inputs`, with its `context`.
  public init(function: Function, context: Context<Saved>, inputs: [Node]) {
    self.function = function
    self.context = context
    self.inputs = inputs
  }

  /// Hands over the inputs and forgets them (used only while a graph is being freed).
  @usableFromInline
  func takeInputs() -> [Node] {
    defer { inputs = [] }
    return inputs
  }
}

/// A node of a computation graph that backpropagation can walk: the one interface that
/// `topologicalSort` and `backpropagate` need, shared by Module1's `Scalar` and Module2's
/// `Tensor`.
///
/// A variable made by the user is a *leaf*: it has no history. A variable made by a function
/// has a history: the function, what it saved, and its inputs (the variable's *parents*). A
/// *constant* is a leaf that does not require a gradient; it never receives one. Variables
/// are objects because identity matters: the same variable may be used twice in one graph.
///
/// A conforming type stores `requiresGrad`, `retainsGrad` and `history`, and writes the two steps
/// that depend on what its values are: `chainRule` (Task 1.3) and `accumulateDerivative`.
/// Everything else (`isLeaf`, `isConstant`, `parents`, `retainGrad()`, freeing the graph) is
/// written once, below and in `RetainGrad.swift` and `GraphTeardown.swift`.
public protocol Variable: AnyObject {
  /// What the derivative of the output with respect to this variable looks like.
  associatedtype Derivative: DerivativeValue
  /// What made a computed variable: a `DifferentiableFunction` value.
  associatedtype Function
  /// What a function's forward pass saves for its backward pass.
  associatedtype Saved

  /// Whether a leaf should receive a derivative (a computed variable always passes one on).
  var requiresGrad: Bool { get }

  /// Whether this computed variable keeps the derivative that reaches it during backpropagation,
  /// as a leaf does; set by `retainGrad()`.
  var retainsGrad: Bool { get set }

  /// How this variable was computed; `nil` for a leaf.
  var history: History<Function, Saved, Self>? { get }

  /// Splits the derivative `dOut` of the output with respect to this variable into the
  /// derivatives with respect to each non-constant parent, by the chain rule (Task 1.3).
  func chainRule(_ dOut: Derivative) -> [(variable: Self, derivative: Derivative)]

  /// Adds `derivative` to the derivative stored on this leaf (or on a computed variable that
  /// retains its gradient, see `retainGrad()`).
  func accumulateDerivative(_ derivative: Derivative)
}

extension Variable {
  /// Whether this variable was made by the user rather than computed by a function.
  @inlinable
  public var isLeaf: Bool { history == nil }

  /// Whether this variable is a leaf that does not require a gradient.
  @inlinable
  public var isConstant: Bool { isLeaf && !requiresGrad }

  /// The variables this one was computed from (none for a leaf).
  @inlinable
  public var parents: [Self] { history?.inputs ?? [] }

  /// An identifier that tells this variable apart from every other variable alive now.
  @inlinable
  public var uniqueID: ObjectIdentifier { ObjectIdentifier(self) }
}
