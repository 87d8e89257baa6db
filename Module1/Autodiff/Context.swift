/// What a function's forward pass leaves for its backward pass.
///
/// Values of the function's own kind (numbers for `Scalar`, tensors for `Tensor`) are saved with
/// `saveForBackward`, as in PyTorch, and read back as `savedValue` (one), `savedPair` (two) or
/// `savedValues` (a list). Other facts the backward pass needs, such as a shape or a flag, are
/// kept by name:
///
/// ```swift
/// func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
///   ctx.inputShape = a.shape          // a fact, by name
///   ctx.saveForBackward(a)            // a value
///   …
/// }
/// func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
///   let shape: [Int] = ctx.inputShape
///   let a = ctx.savedValue
///   …
/// }
/// ```
///
/// When no input needs a gradient, nothing is kept, because no backward pass will ever run.
@dynamicMemberLookup
public final class Context<Value> {
  /// Whether a backward pass may run for this function application.
  public let needsGrad: Bool

  /// The values saved by the forward pass, in the order they were given.
  public private(set) var savedValues: [Value] = []

  /// The facts kept by name (`ctx.inputShape = …`).
  private var facts: [String: Any] = [:]

  /// Bit i is set when input i needs a gradient (PyTorch's `ctx.needs_input_grad`, kept in one
  /// word so that recording it costs no allocation on every operation). An input after the
  /// 64th counts as needing one whenever any input does.
  @usableFromInline let inputsNeedingGradient: UInt64

  /// A context for one application of a function; `needsGrad` is false when no input
  /// requires a gradient.
  public init(needsGrad: Bool = true) {
    self.needsGrad = needsGrad
    self.inputsNeedingGradient = needsGrad ? ~0 : 0
  }

  /// A context for one application of a function to `inputCount` inputs, of which input i needs
  /// a gradient when `needsGradient(i)` is true; a backward pass may run when one does.
  /// (Inlinable: `apply` calls it on every operation, with its closure inlined.)
  @inlinable
  public init(inputCount: Int, needsGradient: (Int) -> Bool) {
    var mask: UInt64 = 0
    var any = false
    for index in 0..<inputCount where needsGradient(index) {
      any = true
      mask |= index < 64 ? 1 << UInt64(index) : 0
    }
    self.needsGrad = any
    self.inputsNeedingGradient = mask
  }

  /// Whether input `index` needs a gradient: a backward pass may skip the work of a gradient
  /// that nobody receives (it still returns one, of zeros or of anything: a constant input
  /// never receives it).
  public func needsGradient(ofInput index: Int) -> Bool {
    index < 64 ? inputsNeedingGradient & (1 << UInt64(index)) != 0 : needsGrad
  }

  /// Keeps `values` for the backward pass (replacing anything saved before).
  public func saveForBackward(_ values: Value...) {
    guard needsGrad else { return }
    savedValues = values
  }

  /// The one value the forward pass saved.
  public var savedValue: Value {
    precondition(
      savedValues.count == 1,
      "savedValue needs exactly 1 saved value, but forward saved \(savedValues.count)")
    return savedValues[0]
  }

  /// The two values the forward pass saved, in order: `let (a, b) = ctx.savedPair`.
  public var savedPair: (Value, Value) {
    precondition(
      savedValues.count == 2,
      "savedPair needs exactly 2 saved values, but forward saved \(savedValues.count)")
    return (savedValues[0], savedValues[1])
  }

  /// A fact kept by name: `ctx.inputShape = a.shape` keeps it, `let shape: [Int] =
  /// ctx.inputShape` reads it back. Reading a name that was never set, or with another type,
  /// stops with a message naming it.
  public subscript<Fact>(dynamicMember name: String) -> Fact {
    get {
      guard let fact = facts[name] else {
        preconditionFailure(
          "ctx.\(name) was never set: the forward pass must keep it (ctx.\(name) = …) "
            + "before the backward pass reads it")
      }
      guard let typed = fact as? Fact else {
        preconditionFailure("ctx.\(name) holds a \(type(of: fact)), not a \(Fact.self)")
      }
      return typed
    }
    set {
      guard needsGrad else { return }
      facts[name] = newValue
    }
  }
}
