/// A value a derivative can take: a number for `Scalar`, a tensor for `Tensor`. Derivatives
/// flowing into the same variable along different paths are added.
public protocol DerivativeValue {
  /// The sum of two derivatives of the same variable.
  static func + (lhs: Self, rhs: Self) -> Self
}

extension Double: DerivativeValue {}

/// A node of a computation graph that backpropagation can walk: the one interface that
/// `topologicalSort` and `backpropagate` need, shared by Module1's `Scalar` and Module2's
/// `Tensor`.
///
/// A variable made by the user is a *leaf*: it has no history. A variable made by a function
/// has a history: the function, what it saved, and its inputs (the variable's *parents*). A
/// *constant* is a leaf that does not require a gradient; it never receives one. Variables
/// are objects because identity matters: the same variable may be used twice in one graph.
public protocol Variable: AnyObject {
  /// What the derivative of the output with respect to this variable looks like.
  associatedtype Derivative: DerivativeValue

  /// Whether this variable was made by the user rather than computed by a function.
  var isLeaf: Bool { get }

  /// Whether this variable is a leaf that does not require a gradient.
  var isConstant: Bool { get }

  /// The variables this one was computed from (none for a leaf).
  var parents: [Self] { get }

  /// Splits the derivative `dOut` of the output with respect to this variable into the
  /// derivatives with respect to each non-constant parent, by the chain rule (Task 1.3).
  func chainRule(_ dOut: Derivative) -> [(variable: Self, derivative: Derivative)]

  /// Adds `derivative` to the derivative stored on this leaf.
  func accumulateDerivative(_ derivative: Derivative)
}

extension Variable {
  /// An identifier that tells this variable apart from every other variable alive now.
  public var uniqueID: ObjectIdentifier { ObjectIdentifier(self) }
}
