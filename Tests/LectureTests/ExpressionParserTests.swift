import Lecture
import Testing

/// The expression language reads what a lecturer writes and points at the column of a mistake.
@Suite("Expression parser")
struct ExpressionParserTests {
  @Test("precedence: * before +, unary minus before *, left to right")
  func precedence() throws {
    #expect(try MathExpression.parse("x * y + x * x").parenthesized == "((x * y) + (x * x))")
    #expect(try MathExpression.parse("-x * y").parenthesized == "((-x) * y)")
    #expect(try MathExpression.parse("a - b - c").parenthesized == "((a - b) - c)")
    #expect(try MathExpression.parse("x @ w + b").parenthesized == "((x @ w) + b)")
    #expect(
      try MathExpression.parse("sigmoid(w * x + 1.5)").parenthesized
        == "sigmoid(((w * x) + 1.5))")
    #expect(try MathExpression.parse("sum(x, 0)").parenthesized == "sum(x, 0)")
    #expect(try MathExpression.parse("x * y + x * x").variables == ["x", "y"])
  }

  /// The column of the error `text` raises, with its message.
  func failure(_ text: String) -> (column: Int?, message: String) {
    do {
      _ = try MathExpression.parse(text)
      return (nil, "")
    } catch let error as LectureError {
      return (error.column, error.description)
    } catch {
      return (nil, "\(error)")
    }
  }

  @Test("a syntax error names its column and draws a caret under it")
  func columns() {
    let open = failure("x * (y + ")
    #expect(open.column == 10)
    #expect(open.message.contains("the expression ends"))
    #expect(open.message.hasSuffix("\n  x * (y + \n           ^"))

    #expect(failure("x + * y").column == 5)
    #expect(failure("x y").column == 3)
    #expect(failure("x y").message.contains("found 'y'"))

    let power = failure("x ^ 2")
    #expect(power.column == 3)
    #expect(power.message.contains("no power operator"))

    let unclosed = failure("(x + y")
    #expect(unclosed.column == 7)
    #expect(unclosed.message.contains("opened at column 1"))

    #expect(failure("log(x, ").column == 8)
    #expect(failure("").message.contains("empty"))
  }

  @Test("values: numbers are scalars, nested lists tensors of their shape")
  func values() throws {
    let values = try NamedValue.parseList("x=2, y=[[1,2],[3,4]],z=[0.5, -1]")
    #expect(values.map(\.name) == ["x", "y", "z"])
    #expect(values[0].value == .number(2))
    #expect(values[1].value == .tensor(shape: [2, 2], values: [1, 2, 3, 4]))
    #expect(values[2].value == .tensor(shape: [2], values: [0.5, -1]))
  }

  @Test("bad values are named with what is wrong")
  func badValues() {
    func message(_ text: String) -> String {
      do {
        _ = try NamedValue.parseList(text)
        return ""
      } catch {
        return "\(error)"
      }
    }
    #expect(message("x=[[1,2],[3]]").contains("ragged"))
    #expect(message("x=two").contains("'two' is not a number"))
    #expect(message("x=1,x=2").contains("more than once"))
    #expect(message("x").contains("no '='"))
    #expect(message("x=[]").contains("empty list"))
  }
}
