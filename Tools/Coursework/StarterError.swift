/// A reason the starter generator refuses to run, said so that the reader knows what to fix.
public struct StarterError: Error, CustomStringConvertible, Equatable {
  /// What is wrong.
  public let description: String

  /// An error explained by `description`.
  public init(_ description: String) {
    self.description = description
  }
}
