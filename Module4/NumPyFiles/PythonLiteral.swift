// The header of a `.npy` file is a Python dictionary literal, such as
//
//     {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }
//
// NumPy reads it with Python's `ast.literal_eval`. This file reads the few kinds of literal such
// a header uses: strings, whole numbers (with Python 2's `L` suffix, which old files carry),
// `True`, `False`, `None`, tuples, lists and dictionaries with string keys. As in Python,
// parentheses around one value without a comma are only grouping: `(3)` is 3, `(3,)` a tuple.

/// A Python literal from a `.npy` header.
enum PythonLiteral: Equatable, CustomStringConvertible {
  /// `'<f8'`.
  case string(String)
  /// `3`.
  case integer(Int)
  /// `True` or `False`.
  case boolean(Bool)
  /// `None`.
  case none
  /// `(2, 3)`.
  case tuple([PythonLiteral])
  /// `[('x', '<f8')]`.
  case list([PythonLiteral])
  /// `{'shape': (2, 3)}`, its entries in the order written.
  case dictionary([Entry])

  /// One `key: value` of a dictionary.
  struct Entry: Equatable {
    let key: String
    let value: PythonLiteral
  }

  /// Reads `text`, one literal with nothing but white space around it. Throws a `ParseFailure`
  /// saying what was found where.
  static func parse(_ text: String) throws(ParseFailure) -> PythonLiteral {
    var parser = Parser(characters: Array(text.unicodeScalars))
    let value = try parser.value(depth: 0)
    parser.skipSpace()
    guard parser.position == parser.characters.count else {
      throw parser.failure("unexpected text after the dictionary")
    }
    return value
  }

  /// The literal as Python's `repr` writes it, for messages.
  var description: String {
    switch self {
    case .string(let text): "'\(text)'"
    case .integer(let number): String(number)
    case .boolean(let truth): truth ? "True" : "False"
    case .none: "None"
    case .tuple(let items):
      items.count == 1
        ? "(\(items[0]),)" : "(" + items.map(\.description).joined(separator: ", ") + ")"
    case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
    case .dictionary(let entries):
      "{" + entries.map { "'\($0.key)': \($0.value)" }.joined(separator: ", ") + "}"
    }
  }

  /// Why a header is not a literal this reader knows.
  struct ParseFailure: Error, Equatable {
    /// What was wrong and where, counting characters from 0.
    let reason: String
  }

  /// Reads literals one character at a time.
  private struct Parser {
    let characters: [Unicode.Scalar]
    var position = 0

    /// Deeper nesting than this is refused rather than read by ever deeper recursion.
    static let maximumDepth = 32

    init(characters: [Unicode.Scalar]) {
      self.characters = characters
    }

    func failure(_ what: String) -> ParseFailure {
      ParseFailure(reason: "\(what) at character \(position)")
    }

    var current: Unicode.Scalar? {
      position < characters.count ? characters[position] : nil
    }

    mutating func skipSpace() {
      while let character = current,
        character == " " || character == "\t" || character == "\n"
          || character == "\r"
      {
        position += 1
      }
    }

    mutating func value(depth: Int) throws(ParseFailure) -> PythonLiteral {
      guard depth < Self.maximumDepth else { throw failure("values nested too deeply") }
      skipSpace()
      guard let character = current else {
        throw failure("the header ends where a value should be")
      }
      switch character {
      case "{":
        position += 1
        var entries: [Entry] = []
        for item in try items(closedBy: "}", depth: depth).values {
          guard let key = item.key, case .string(let name) = key else {
            throw failure("a dictionary key that is not a string")
          }
          entries.append(Entry(key: name, value: item.value))
        }
        return .dictionary(entries)
      case "(":
        position += 1
        let (values, sawComma) = try items(closedBy: ")", depth: depth)
        return values.count == 1 && !sawComma ? values[0].value : .tuple(values.map(\.value))
      case "[":
        position += 1
        return .list(try items(closedBy: "]", depth: depth).values.map(\.value))
      case "'", "\"":
        return .string(try string())
      case "0"..."9", "-", "+":
        return .integer(try integer())
      default:
        var word = ""
        while let letter = current, letter.properties.isAlphabetic || letter == "_" {
          word.unicodeScalars.append(letter)
          position += 1
        }
        switch word {
        case "True": return .boolean(true)
        case "False": return .boolean(false)
        case "None": return .none
        case "": throw failure("unexpected '\(character)'")
        default: throw failure("unexpected name '\(word)'")
        }
      }
    }

    /// The comma-separated items up to `closing` (a trailing comma allowed), as `key: value`
    /// pairs inside a dictionary and as values (`key` nil) elsewhere; also whether a comma
    /// was seen, which makes `(3,)` a tuple.
    mutating func items(closedBy closing: Unicode.Scalar, depth: Int) throws(ParseFailure)
      -> (values: [(key: PythonLiteral?, value: PythonLiteral)], sawComma: Bool)
    {
      var values: [(key: PythonLiteral?, value: PythonLiteral)] = []
      var sawComma = false
      while true {
        skipSpace()
        if current == closing {
          position += 1
          return (values, sawComma)
        }
        var key: PythonLiteral?
        var value = try self.value(depth: depth + 1)
        if closing == "}" {
          skipSpace()
          guard current == ":" else { throw failure("expected ':' after a dictionary key") }
          position += 1
          key = value
          value = try self.value(depth: depth + 1)
        }
        values.append((key, value))
        skipSpace()
        if current == "," {
          position += 1
          sawComma = true
        } else if current != closing {
          throw failure("expected ',' or '\(closing)'")
        }
      }
    }

    mutating func string() throws(ParseFailure) -> String {
      let quote = characters[position]
      position += 1
      var text = ""
      while let character = current, character != quote {
        if character == "\\" {
          position += 1
          guard let escaped = current else { break }
          text.unicodeScalars.append(escaped == "n" ? "\n" : escaped == "t" ? "\t" : escaped)
        } else {
          text.unicodeScalars.append(character)
        }
        position += 1
      }
      guard current == quote else { throw failure("a string is not closed") }
      position += 1
      return text
    }

    mutating func integer() throws(ParseFailure) -> Int {
      let start = position
      if current == "-" || current == "+" { position += 1 }
      while let digit = current, ("0"..."9").contains(digit) {
        position += 1
      }
      let text = String(String.UnicodeScalarView(characters[start..<position]))
      guard let number = Int(text) else {
        throw failure("'\(text)' is not a whole number that fits in 64 bits")
      }
      if current == "L" || current == "l" {
        position += 1  // Python 2's long integers: 3L
      }
      if let next = current, next == "." || next == "e" || next == "E" {
        throw failure("a number that is not whole")
      }
      return number
    }
  }
}
