/// A solution marker in a source file that the starter generator cannot use, with the place to
/// fix it.
public struct RegionError: Error, CustomStringConvertible, Equatable {
  /// The file, relative to the project root.
  public let file: String
  /// The line (counting from 1) of the marker that is wrong.
  public let line: Int
  /// What is wrong and how to fix it.
  public let message: String

  /// An error at `file:line` explained by `message`.
  public init(file: String, line: Int, _ message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  /// `file:line: message`, the form editors and compilers use.
  public var description: String { "\(file):\(line): \(message)" }
}
