/// A reason grading could not run at all (as opposed to a submission that earns few points),
/// said so that the reader knows what to fix.
public struct GradingError: Error, CustomStringConvertible, Equatable {
  /// What is wrong.
  public let description: String

  /// An error explained by `description`.
  public init(_ description: String) {
    self.description = description
  }
}
