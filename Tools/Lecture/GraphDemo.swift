// What `minitorch graph` does with an expression, without files: parse it, build its graph
// from the given values, optionally run (and trace) the backward pass, and say what happened.
// The command writes `dot` to a file and renders it; the tests read `report` and `dot` here.

/// One run of `minitorch graph`: the text to print and the DOT picture to write.
public struct GraphDemo {
  /// The parsed expression.
  public let expression: MathExpression
  /// The graph, after the backward pass when one was asked for.
  public let result: ExpressionGraph
  /// What to print: how the expression was read, its value, and (after the backward pass)
  /// the trace table and every variable's gradient.
  public let report: String
  /// The graph as Graphviz DOT text, gradients included after the backward pass.
  public let dot: String

  /// Parses `expression`, reads `values` (`x=2,y=4` or `x=[[1,2],[3,4]]`), builds the graph
  /// and, when `backward` or `trace` is set, runs the backward pass keeping every intermediate
  /// gradient (`trace` also prints the table of `BackpropagationTrace`). Throws
  /// `LectureError` for a syntax error (with its column), a bad or missing value, or shapes
  /// that do not fit.
  public init(expression text: String, values valuesText: String, backward: Bool, trace: Bool)
    throws
  {
    expression = try MathExpression.parse(text)
    let values = valuesText.trimmingWhitespace.isEmpty ? [] : try NamedValue.parseList(valuesText)
    result = try expression.evaluate(values, source: text)
    var lines = [
      "expression: \(text)", "read as:    \(expression.parenthesized)",
      "value:      \(result.valueSummary)",
    ]
    if trace {
      lines += ["", result.traceBackward()]
    } else if backward {
      result.backward()
    }
    if backward || trace {
      lines += ["", "gradients of the output with respect to each variable:"]
      lines += result.leafGradients.map { "  " + $0 }
    }
    report = lines.joined(separator: "\n")
    dot = result.graph.dot
  }
}
