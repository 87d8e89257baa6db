/// Something wrong with what a lecturer or student typed (an expression, its values, a layout
/// step) or with running Graphviz. The message says what is wrong and what to write instead;
/// a mistake in an expression also says where, by column, with a caret under the text.
public enum LectureError: Error, Equatable, CustomStringConvertible {
  /// A mistake in the expression `text` at `column` (counted from 1, in characters).
  case expression(message: String, column: Int, text: String)
  /// A mistake in the values given for the variables (`x=2,y=[1,2]`).
  case values(String)
  /// A layout step that cannot be drawn (a shape that does not fit, an order that is not a
  /// permutation, a slice outside the shape).
  case layout(String)
  /// Graphviz's `dot` ran but failed.
  case graphviz(String)

  /// The column of a mistake in an expression; `nil` for the other errors.
  public var column: Int? {
    if case .expression(_, let column, _) = self { return column }
    return nil
  }

  /// The message; for an expression, followed by the expression and a caret under the column:
  ///
  ///     column 7: expected a number, a name or '(' here
  ///       x * (y +
  ///               ^
  public var description: String {
    switch self {
    case .expression(let message, let column, let text):
      let caret = String(repeating: " ", count: Swift.max(0, column - 1)) + "^"
      return "column \(column): \(message)\n  \(text)\n  \(caret)"
    case .values(let message), .layout(let message), .graphviz(let message):
      return message
    }
  }
}
