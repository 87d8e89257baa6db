// The values of an expression's variables, as one line: `x=2,y=4` (numbers: scalars) or
// `x=[[1,2],[3,4]],w=[0.5,-1]` (nested lists: tensors). Commas inside brackets belong to the
// list; commas outside separate the variables.

/// A value given for a variable: a number, which becomes a `Scalar`, or nested lists of numbers,
/// which become a `Tensor` of their shape.
public enum VariableValue: Equatable, Sendable {
  /// A number: `x=2`.
  case number(Double)
  /// Nested lists, as a shape and the numbers in row-major order: `x=[[1,2],[3,4]]`.
  case tensor(shape: [Int], values: [Double])
}

/// A variable's name and its value.
public struct NamedValue: Equatable, Sendable {
  /// The variable's name, as the expression writes it.
  public let name: String
  /// Its value.
  public let value: VariableValue

  /// `name` with `value`.
  public init(name: String, value: VariableValue) {
    self.name = name
    self.value = value
  }

  /// Parses `x=2,y=[[1,2],[3,4]]` into its variables, in order. Throws `LectureError.values`
  /// naming the variable and what is wrong: no `=`, a name that is not one, a name given twice,
  /// something that is not a number, ragged or empty lists.
  public static func parseList(_ text: String) throws -> [NamedValue] {
    var result: [NamedValue] = []
    for part in splitOutsideBrackets(text) {
      let item = part.trimmingWhitespace
      guard !item.isEmpty else {
        throw LectureError.values(
          "an empty item in '\(text)'; write the values as name=value, separated by commas, "
            + "e.g. x=2,y=[1,2]")
      }
      guard let equals = item.firstIndex(of: "=") else {
        throw LectureError.values("'\(item)' has no '='; write name=value, e.g. x=2 or x=[1,2]")
      }
      let name = String(item[..<equals]).trimmingWhitespace
      let valueText = String(item[item.index(after: equals)...]).trimmingWhitespace
      guard let first = name.first, first.isLetter || first == "_",
        name.allSatisfy({ $0.isLetter || isDigit($0) || $0 == "_" })
      else {
        throw LectureError.values(
          "'\(name)' is not a variable name (letters, digits and _, starting with a letter)")
      }
      guard !result.contains(where: { $0.name == name }) else {
        throw LectureError.values("\(name) is given more than once")
      }
      result.append(NamedValue(name: name, value: try parseValue(valueText, of: name)))
    }
    return result
  }

  /// A number, or nested lists of numbers of one shape.
  static func parseValue(_ text: String, of name: String) throws -> VariableValue {
    guard text.hasPrefix("[") else {
      guard let number = Double(text), number.isFinite else {
        throw LectureError.values(
          "\(name)=\(text): '\(text)' is not a number; give a number (x=2) or nested lists "
            + "(x=[[1,2],[3,4]])")
      }
      return .number(number)
    }
    var reader = ListReader(characters: Array(text), name: name)
    let (shape, values) = try reader.readList()
    reader.skipSpaces()
    guard reader.index == reader.characters.count else {
      throw LectureError.values(
        "\(name)=\(text): unexpected '\(reader.characters[reader.index])' after the list")
    }
    return .tensor(shape: shape, values: values)
  }

  /// `text` cut at the commas that are outside brackets.
  static func splitOutsideBrackets(_ text: String) -> [String] {
    var parts: [String] = []
    var current = ""
    var depth = 0
    for character in text {
      if character == "[" { depth += 1 }
      if character == "]" { depth -= 1 }
      if character == "," && depth == 0 {
        parts.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    parts.append(current)
    return parts
  }
}

/// Reads one nested list of numbers, checking that every row has the same shape.
private struct ListReader {
  let characters: [Character]
  let name: String
  var index = 0

  mutating func skipSpaces() {
    while index < characters.count && characters[index].isWhitespace {
      index += 1
    }
  }

  /// A list starting at `index`: its shape and its numbers in row-major order.
  mutating func readList() throws -> (shape: [Int], values: [Double]) {
    skipSpaces()
    guard index < characters.count, characters[index] == "[" else { throw problem("expected '['") }
    index += 1
    var items: [(shape: [Int], values: [Double])] = []
    skipSpaces()
    if index < characters.count && characters[index] == "]" {
      throw problem("an empty list; a tensor needs at least one number in every list")
    }
    while true {
      skipSpaces()
      if index < characters.count && characters[index] == "[" {
        items.append(try readList())
      } else {
        items.append(([], [try readNumber()]))
      }
      if let first = items.first, let last = items.last, last.shape != first.shape {
        throw problem(
          "ragged lists: item \(items.count - 1) of a list has shape \(last.shape) but item 0 "
            + "has \(first.shape); every row must have the same length")
      }
      skipSpaces()
      guard index < characters.count else { throw problem("a list is not closed with ']'") }
      if characters[index] == "]" {
        index += 1
        break
      }
      guard characters[index] == "," else {
        throw problem("expected ',' or ']', found '\(characters[index])'")
      }
      index += 1
    }
    return ([items.count] + items[0].shape, items.flatMap(\.values))
  }

  /// A number starting at `index`.
  mutating func readNumber() throws -> Double {
    let start = index
    while index < characters.count && !",[] ".contains(characters[index]) {
      index += 1
    }
    let text = String(characters[start..<index])
    guard let number = Double(text), number.isFinite else {
      throw problem(text.isEmpty ? "expected a number" : "'\(text)' is not a number")
    }
    return number
  }

  func problem(_ message: String) -> LectureError {
    .values("\(name)=\(String(characters)): \(message) (at character \(index + 1))")
  }
}

extension String {
  /// The text without spaces, tabs or line breaks at either end.
  var trimmingWhitespace: String {
    String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
  }
}
