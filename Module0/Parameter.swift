/// A value that can be told to start tracking gradients.
///
/// When a value becomes a `Parameter`, the parameter sets `requiresGrad = true` on it, so that
/// training finds its gradient after `backward()`. Module1's `Scalar` and Module2's `Tensor`
/// conform; plain numbers do not need to.
public protocol GradientTracking: AnyObject {
  /// Whether backpropagation should compute a gradient for this value.
  var requiresGrad: Bool { get set }
}

/// A named, trainable value owned by a `Module` (Task 0.4).
///
/// A parameter wraps any value: a number, a `Scalar`, a `Tensor`. An optimiser reads the value,
/// computes a better one, and calls `update(_:)` to replace it. Identity matters here (a module
/// and an optimiser hold the same parameter), so `Parameter` is a class.
public final class Parameter: CustomStringConvertible {
  /// The wrapped value. Replace it with `update(_:)`.
  public private(set) var value: Any

  /// The parameter's name inside the module that owns it (for example `"weight"`); set when the
  /// module registers it.
  public internal(set) var name: String

  /// Wraps `value`. If the value tracks gradients, it is told to require them.
  public init(_ value: Any, name: String = "") {
    self.value = value
    self.name = name
    (value as? any GradientTracking)?.requiresGrad = true
  }

  /// Replaces the wrapped value with `newValue`, which is told to require gradients if it can.
  public func update(_ newValue: Any) {
    value = newValue
    (newValue as? any GradientTracking)?.requiresGrad = true
  }

  /// The wrapped value as a `T`. Traps with the actual type in the message if it is not one.
  public func value<T>(as type: T.Type) -> T {
    guard let typed = value as? T else {
      preconditionFailure(
        "parameter '\(name)' holds a \(Swift.type(of: value)), not a \(T.self)")
    }
    return typed
  }

  /// The wrapped value, printed.
  public var description: String { "\(value)" }
}
