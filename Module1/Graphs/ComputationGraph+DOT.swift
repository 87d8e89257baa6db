// The picture of a computation graph, as Graphviz DOT text: each value a box (its name or
// formula, value and gradient), each function an ellipse written as a call on its inputs' names,
// `Mul(a, b)` or `Pow(base, exponent)`, and each edge into a function of several inputs labelled
// with the argument it is, so a viewer reads which value was subtracted from which. A note under
// the graph says what the labels mean. `minitorch graph` writes this text, and so does
// `f.graph().dot` in code.

extension ComputationGraph.Node {
  /// The function that made this node written as a call on its inputs' names: `Mul(a, b)`,
  /// `Pow(base, exponent)`, `Conv(input, weight, stride: 2)` when the operation already has
  /// settings in parentheses; just the operation for a function of one input (`Exp`,
  /// `Sum(dim: 0)`). `nil` for a leaf.
  public var call: String? {
    guard let operation else { return nil }
    guard inputNames.count > 1 else { return operation }
    let names = inputNames.joined(separator: ", ")
    if operation.hasSuffix(")"), let open = operation.firstIndex(of: "(") {
      let settings = operation[
        operation.index(after: open)..<operation.index(before: operation.endIndex)]
      return operation[..<open] + "(\(names), \(settings))"
    }
    return "\(operation)(\(names))"
  }
}

extension ComputationGraph {
  /// The graph as Graphviz DOT text, laid out left to right from the inputs to the output.
  /// Render it with `dot -Tsvg graph.dot -o graph.svg`.
  public var dot: String {
    var lines = [
      "digraph computation {",
      "  rankdir=LR;",
      "  node [fontname=\"Helvetica\", fontsize=14];",
      "  edge [color=\"#555555\", fontname=\"Helvetica\", fontsize=16, fontcolor=\"#8a1c1c\"];",
    ]
    for node in nodes {
      var rows = ["<B>\(htmlEscaped(node.title))</B>"]
      rows.append("value \(htmlEscaped(node.value))")
      if let gradient = node.gradient {
        rows.append("grad \(htmlEscaped(gradient))")
      }
      let table =
        "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\">"
        + rows.map { "<TR><TD>\($0)</TD></TR>" }.joined() + "</TABLE>"
      let style: String
      switch node.kind {
      case .variable: style = "style=\"rounded,filled\", fillcolor=\"#dbe9f6\""
      case .constant: style = "style=\"rounded,filled,dashed\", fillcolor=\"#f2f2f2\""
      case .computed: style = "style=\"rounded,filled\", fillcolor=\"#ffffff\""
      }
      let output = node.isOutput ? ", penwidth=2.5, color=\"#c0504d\"" : ""
      lines.append("  n\(node.id) [shape=box, \(style)\(output), label=<\(table)>];")
      if let call = node.call {
        lines.append(
          "  op\(node.id) [shape=ellipse, style=filled, fillcolor=\"#f4e7b8\", "
            + "label=\"\(quotedEscaped(call))\"];")
        lines.append("  op\(node.id) -> n\(node.id);")
      }
    }
    for edge in edges {
      // A function of one input needs no label: there is only one thing the edge can be.
      let label =
        nodes[edge.output].inputNames.count > 1
        ? " [label=<<B>\(htmlEscaped(edge.name))</B>>]" : ""
      lines.append("  n\(edge.input) -> op\(edge.output)\(label);")
    }
    if let legend {
      lines.append(
        "  legend [shape=plaintext, fontsize=13, label=\"\(quotedEscaped(legend))\"];")
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  /// The note under the picture saying what the edge labels mean, from the first function of
  /// several inputs in the graph; `nil` when no function has more than one.
  public var legend: String? {
    guard let node = nodes.first(where: { $0.inputNames.count > 1 }), let call = node.call
    else { return nil }
    let names = node.inputNames
    return "An edge's label names the input it is: into \(call), \(names[0]) is the first input "
      + "and \(names[1]) the second."
  }
}

/// Text made safe inside a Graphviz HTML-like label.
private func htmlEscaped(_ text: String) -> String {
  text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}

/// Text made safe inside a quoted Graphviz string.
private func quotedEscaped(_ text: String) -> String {
  text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
}
