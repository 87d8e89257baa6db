/// What a function's forward pass leaves for its backward pass.
///
/// `forward` calls `saveForBackward` with the values the derivative will need (often its
/// inputs); `backward` reads them back from `savedValues`. When no input needs a gradient,
/// nothing is saved, because no backward pass will ever run.
public final class Context<Value> {
  /// Whether a backward pass may run for this function application.
  public let needsGrad: Bool

  /// The values saved by the forward pass, in the order they were given.
  public private(set) var savedValues: [Value] = []

  /// A context for one application of a function; `needsGrad` is false when no input
  /// requires a gradient.
  public init(needsGrad: Bool = true) {
    self.needsGrad = needsGrad
  }

  /// Keeps `values` for the backward pass (replacing anything saved before).
  public func saveForBackward(_ values: Value...) {
    guard needsGrad else { return }
    savedValues = values
  }
}
