// Reading an expression: the text is cut into tokens (numbers, names, symbols), then read by
// recursive descent, one function per precedence level:
//
//     sum      := product (('+' | '-') product)*          lowest: read last, left to right
//     product  := unary (('*' | '/' | '@') unary)*
//     unary    := '-' unary | atom
//     atom     := number | name | name '(' arguments ')' | '(' sum ')'
//
// A mistake stops the reading with the column where it is and what was expected there.

import Module2

extension MathExpression {
  /// Parses `text` (see `MathExpression.swift` for the language). Throws
  /// `LectureError.expression` with the column of the first mistake.
  public static func parse(_ text: String) throws -> MathExpression {
    var parser = try ExpressionParser(text)
    return try parser.parseAll()
  }
}

/// One piece of an expression's text.
struct Token: Equatable {
  /// What the piece is.
  enum Kind: Equatable {
    case number(Double)
    case name(String)
    case symbol(Character)
    case end
  }

  let kind: Kind
  /// Where it starts, from 1.
  let column: Int

  /// The token as the text writes it, for messages.
  var quoted: String {
    switch kind {
    case .number(let value): return "'\(shortNumber(value))'"
    case .name(let name): return "'\(name)'"
    case .symbol(let symbol): return "'\(symbol)'"
    case .end: return "the end"
    }
  }
}

/// Reads the tokens of one expression by recursive descent.
struct ExpressionParser {
  private let text: String
  private let tokens: [Token]
  private var next = 0

  /// Cuts `text` into tokens; throws at a character the language does not use.
  init(_ text: String) throws {
    self.text = text
    tokens = try Self.tokens(of: text)
  }

  /// The whole text as one expression.
  mutating func parseAll() throws -> MathExpression {
    if case .end = tokens[0].kind {
      throw error("the expression is empty; write one such as x * y + x * x", at: tokens[0])
    }
    let expression = try parseSum()
    let token = tokens[next]
    guard case .end = token.kind else {
      throw error(
        "expected an operator (+ - * / @) or the end of the expression, found \(token.quoted)",
        at: token)
    }
    return expression
  }

  private mutating func parseSum() throws -> MathExpression {
    var left = try parseProduct()
    while let op = symbol(in: "+-") {
      let right = try parseProduct()
      left = MathExpression(.binary(op.symbol, left, right), column: op.column)
    }
    return left
  }

  private mutating func parseProduct() throws -> MathExpression {
    var left = try parseUnary()
    while let op = symbol(in: "*/@") {
      let right = try parseUnary()
      left = MathExpression(.binary(op.symbol, left, right), column: op.column)
    }
    return left
  }

  private mutating func parseUnary() throws -> MathExpression {
    if let minus = symbol(in: "-") {
      return MathExpression(.negate(try parseUnary()), column: minus.column)
    }
    return try parseAtom()
  }

  private mutating func parseAtom() throws -> MathExpression {
    let token = tokens[next]
    switch token.kind {
    case .number(let value):
      next += 1
      return MathExpression(.number(value), column: token.column)
    case .name(let name):
      next += 1
      guard let open = symbol(in: "(") else {
        return MathExpression(.variable(name), column: token.column)
      }
      var arguments: [MathExpression] = []
      if symbol(in: ")") == nil {
        repeat {
          arguments.append(try parseSum())
        } while symbol(in: ",") != nil
        try expectClosing(openedAt: open.column, of: "the arguments of \(name)")
      }
      return MathExpression(.call(name, arguments), column: token.column)
    case .symbol("("):
      next += 1
      let inner = try parseSum()
      try expectClosing(openedAt: token.column, of: "the parenthesis")
      return inner
    default:
      let found = token.kind == .end ? "the expression ends" : "found \(token.quoted)"
      throw error("expected a number, a name or '(' here, but \(found)", at: token)
    }
  }

  /// Reads a ')' that closes the '(' at column `opening`, or throws naming that column.
  private mutating func expectClosing(openedAt opening: Int, of what: String) throws {
    guard symbol(in: ")") == nil else { return }
    let token = tokens[next]
    let found = token.kind == .end ? "the expression ends" : "found \(token.quoted)"
    throw error(
      "expected ')' to close \(what) opened at column \(opening), but \(found)", at: token)
  }

  /// Reads the next token when it is one of `symbols`.
  private mutating func symbol(in symbols: String) -> (symbol: Character, column: Int)? {
    guard case .symbol(let symbol) = tokens[next].kind, symbols.contains(symbol) else {
      return nil
    }
    defer { next += 1 }
    return (symbol, tokens[next].column)
  }

  private func error(_ message: String, at token: Token) -> LectureError {
    .expression(message: message, column: token.column, text: text)
  }

  /// The tokens of `text`, ending with `.end` one column past the last character.
  private static func tokens(of text: String) throws -> [Token] {
    let characters = Array(text)
    var tokens: [Token] = []
    var index = 0
    while index < characters.count {
      let character = characters[index]
      let column = index + 1
      if character.isWhitespace {
        index += 1
      } else if isDigit(character)
        || (character == "." && index + 1 < characters.count && isDigit(characters[index + 1]))
      {
        let start = index
        index = numberEnd(characters, from: index)
        let literal = String(characters[start..<index])
        guard let value = Double(literal), value.isFinite else {
          throw LectureError.expression(
            message: "'\(literal)' is not a number", column: column, text: text)
        }
        tokens.append(Token(kind: .number(value), column: column))
      } else if character.isLetter || character == "_" {
        let start = index
        while index < characters.count
          && (characters[index].isLetter || characters[index].isNumber || characters[index] == "_")
        {
          index += 1
        }
        tokens.append(Token(kind: .name(String(characters[start..<index])), column: column))
      } else if "+-*/@(),".contains(character) {
        tokens.append(Token(kind: .symbol(character), column: column))
        index += 1
      } else {
        let hint =
          character == "^" || character == "<" || character == ">" || character == "="
          ? "; comparisons are the functions lt, gt and eq, and there is no power operator" : ""
        throw LectureError.expression(
          message: "'\(character)' is not part of the language (use + - * / @, "
            + "parentheses and functions)\(hint)",
          column: column, text: text)
      }
    }
    tokens.append(Token(kind: .end, column: characters.count + 1))
    return tokens
  }

  /// Where the number starting at `start` ends: digits, a decimal point and digits, and an
  /// exponent (`1.5e-3`).
  private static func numberEnd(_ characters: [Character], from start: Int) -> Int {
    var index = start
    func digits() {
      while index < characters.count && isDigit(characters[index]) {
        index += 1
      }
    }
    digits()
    if index < characters.count && characters[index] == "." {
      index += 1
      digits()
    }
    if index < characters.count && (characters[index] == "e" || characters[index] == "E") {
      var look = index + 1
      if look < characters.count && (characters[look] == "+" || characters[look] == "-") {
        look += 1
      }
      if look < characters.count && isDigit(characters[look]) {
        index = look
        digits()
      }
    }
    return index
  }
}

/// Whether `character` is one of the digits 0-9.
func isDigit(_ character: Character) -> Bool {
  character.isASCII && character.isNumber
}
