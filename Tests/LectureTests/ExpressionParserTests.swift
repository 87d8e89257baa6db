import Lecture
import Testing

/// The expression language reads what a lecturer writes and points at the column of a mistake.
@Suite("Expression parser")
struct ExpressionParserTests {
  @Test("precedence: * before +, unary minus before *")
  func precedence() throws {
    #expect(try MathExpression.parse("x * y + x * x").parenthesized == "((x * y) + (x * x))")
    #expect(try MathExpression.parse("-x * y").parenthesized == "((-x) * y)")
    #expect(try MathExpression.parse("a - b - c").parenthesized == "((a - b) - c)")
    #expect(try MathExpression.parse("sigmoid(w * x + 1.5)").parenthesized == "sigmoid(((w * x) + 1.5))")
    #expect(try MathExpression.parse("x * y + x * x").variables == ["x", "y"])
  }
}
