// The small expression language of `minitorch graph`: the operators and functions of Modules 1
// and 2, written as a lecturer writes them on the board.
//
//     x * y + x * x            + − * / and unary −, with the usual precedence; left to right
//     -(x - 3) / 2             parentheses; numbers are constants (they get no gradient)
//     sigmoid(w * x + b)       log, exp, sigmoid, relu: one argument
//     lt(x, y)  gt(x, 0)       comparisons as functions (1 or 0, derivative 0): lt, gt, eq
//     sum(x * x)  mean(x, 1)   tensors only: sum and mean, of everything or along a dimension
//     x @ w   matmul(x, w)     tensors only: the matrix product
//     tanh sqrt square abs     tensors only: more of Module 2's functions, and pow(x, p),
//     sin cos transpose        maximum(x, y) and transpose(x)
//
// Unary minus binds tighter than * and /, so -x * y is (−x)·y. A name followed by '(' is a
// function; any other name is a variable, whose value is given separately.

import Module2

/// An expression parsed from text (see `MathExpression.parse(_:)`): numbers, variables, operators
/// and function calls, each remembering the column where it starts, for error messages.
public struct MathExpression: Equatable, Sendable {
  /// What the expression is.
  public indirect enum Kind: Equatable, Sendable {
    /// A number written in the expression: a constant.
    case number(Double)
    /// A variable, whose value is given with the expression.
    case variable(String)
    /// −operand.
    case negate(MathExpression)
    /// left op right, where op is one of `+ - * / @`.
    case binary(Character, MathExpression, MathExpression)
    /// A function applied to its arguments: `log(x)`, `sum(x, 0)`.
    case call(String, [MathExpression])
  }

  /// What the expression is.
  public let kind: Kind
  /// Where it starts in the text, from 1 (for a binary operation: where its operator is).
  public let column: Int

  /// An expression of `kind` at `column`.
  public init(_ kind: Kind, column: Int) {
    self.kind = kind
    self.column = column
  }

  /// The expression with every operation in parentheses, to show how it was read:
  /// `x * y + x * x` is `((x * y) + (x * x))`, `-x * y` is `((-x) * y)`.
  public var parenthesized: String {
    switch kind {
    case .number(let value): return shortNumber(value)
    case .variable(let name): return name
    case .negate(let operand): return "(-\(operand.parenthesized))"
    case .binary(let op, let left, let right):
      return "(\(left.parenthesized) \(op) \(right.parenthesized))"
    case .call(let name, let arguments):
      return name + "(" + arguments.map(\.parenthesized).joined(separator: ", ") + ")"
    }
  }

  /// The variables the expression uses, each once, in the order they first appear.
  public var variables: [String] {
    var names: [String] = []
    func visit(_ expression: MathExpression) {
      switch expression.kind {
      case .number: break
      case .variable(let name): if !names.contains(name) { names.append(name) }
      case .negate(let operand): visit(operand)
      case .binary(_, let left, let right):
        visit(left)
        visit(right)
      case .call(_, let arguments): arguments.forEach(visit)
      }
    }
    visit(self)
    return names
  }
}

/// The functions an expression may call, with how many arguments each takes and what it does
/// (the list `minitorch help graph` prints).
public enum ExpressionFunctions {
  /// One function of the language.
  public struct Function: Sendable {
    /// Its name in an expression.
    public let name: String
    /// How many arguments it takes.
    public let arguments: ClosedRange<Int>
    /// Whether it needs tensors (values given as lists).
    public let needsTensors: Bool
    /// What it computes, for the help text.
    public let meaning: String
  }

  /// Every function, in the order the help lists them.
  public static let all: [Function] = [
    Function(name: "log", arguments: 1...1, needsTensors: false, meaning: "ln x"),
    Function(name: "exp", arguments: 1...1, needsTensors: false, meaning: "e^x"),
    Function(name: "sigmoid", arguments: 1...1, needsTensors: false, meaning: "1 / (1 + e^-x)"),
    Function(name: "relu", arguments: 1...1, needsTensors: false, meaning: "max(x, 0)"),
    Function(name: "lt", arguments: 2...2, needsTensors: false, meaning: "1 if x < y, else 0"),
    Function(name: "gt", arguments: 2...2, needsTensors: false, meaning: "1 if x > y, else 0"),
    Function(name: "eq", arguments: 2...2, needsTensors: false, meaning: "1 if x = y, else 0"),
    Function(
      name: "sum", arguments: 1...2, needsTensors: true,
      meaning: "sum(x): every entry; sum(x, d): along dimension d (kept with size 1)"),
    Function(
      name: "mean", arguments: 1...2, needsTensors: true,
      meaning: "mean(x): every entry; mean(x, d): along dimension d"),
    Function(
      name: "matmul", arguments: 2...2, needsTensors: true, meaning: "the matrix product, x @ y"),
    Function(name: "tanh", arguments: 1...1, needsTensors: true, meaning: "tanh x"),
    Function(name: "sqrt", arguments: 1...1, needsTensors: true, meaning: "√x"),
    Function(name: "square", arguments: 1...1, needsTensors: true, meaning: "x²"),
    Function(name: "abs", arguments: 1...1, needsTensors: true, meaning: "|x|"),
    Function(name: "sin", arguments: 1...1, needsTensors: true, meaning: "sin x"),
    Function(name: "cos", arguments: 1...1, needsTensors: true, meaning: "cos x"),
    Function(
      name: "pow", arguments: 2...2, needsTensors: true,
      meaning: "pow(x, p): x to a power p, a number or a tensor"),
    Function(
      name: "maximum", arguments: 2...2, needsTensors: true,
      meaning: "the larger of x and y, entry by entry"),
    Function(
      name: "transpose", arguments: 1...1, needsTensors: true,
      meaning: "the last two dimensions swapped (a view)"),
  ]

  /// The function called `name`, if the language has it.
  public static func named(_ name: String) -> Function? {
    all.first { $0.name == name }
  }
}
