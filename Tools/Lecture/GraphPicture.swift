// The lecture picture of a computation graph, as Graphviz DOT: each value a box (its name or
// formula, value and gradient), each function an ellipse written as a call with its inputs
// named, `Sub(a, b)`, and each edge into a function labelled with the input it is, so a viewer
// reads which value was subtracted from which. A note under the graph says what the labels
// mean.
//
// Every label of an input comes from `ArgumentLabel`, the one place that names them: today by
// position (a, b, c, …); once functions declare named inputs it takes those names.

import Module2

/// The names a picture gives a function's inputs.
public enum ArgumentLabel {
  /// The name of input `position` (from 0): `declared[position]` when the function names its
  /// inputs, else a, b, c, … by position (a1, b1, … after z).
  public static func name(position: Int, declared: [String]? = nil) -> String {
    if let declared, position < declared.count { return declared[position] }
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    let letter = String(letters[position % letters.count])
    return position < letters.count ? letter : letter + "\(position / letters.count)"
  }

  /// `operation` written as a call on its `count` inputs: `Sub(a, b)`, `Conv(a, b, stride:
  /// 2)` when the operation's text already has settings in parentheses.
  public static func call(_ operation: String, inputs count: Int, declared: [String]? = nil)
    -> String
  {
    guard count > 1 else { return operation }
    let names = (0..<count).map { name(position: $0, declared: declared) }.joined(separator: ", ")
    if operation.hasSuffix(")"), let open = operation.firstIndex(of: "(") {
      let settings = operation[
        operation.index(after: open)..<operation.index(before: operation.endIndex)]
      return operation[..<open] + "(\(names), \(settings))"
    }
    return "\(operation)(\(names))"
  }
}

/// A computation graph drawn for a lecture (see `GraphPicture.swift`).
public struct GraphPicture {
  /// The graph drawn.
  public let graph: ComputationGraph

  /// The picture of `graph`.
  public init(_ graph: ComputationGraph) {
    self.graph = graph
  }

  /// How many inputs each computed node's function has, by the node's id.
  private var inputCounts: [Int: Int] {
    Dictionary(grouping: graph.edges, by: \.output).mapValues(\.count)
  }

  /// The graph as Graphviz DOT text, laid out left to right from the inputs to the output.
  /// Render it with `dot -Tsvg graph.dot -o graph.svg`.
  public var dot: String {
    var lines = [
      "digraph computation {",
      "  rankdir=LR;",
      "  node [fontname=\"Helvetica\", fontsize=14];",
      "  edge [color=\"#555555\", fontname=\"Helvetica\", fontsize=16, fontcolor=\"#8a1c1c\"];",
    ]
    let counts = inputCounts
    for node in graph.nodes {
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
      if let operation = node.operation {
        let call = ArgumentLabel.call(operation, inputs: counts[node.id] ?? 0)
        lines.append(
          "  op\(node.id) [shape=ellipse, style=filled, fillcolor=\"#f4e7b8\", "
            + "label=\"\(quotedEscaped(call))\"];")
        lines.append("  op\(node.id) -> n\(node.id);")
      }
    }
    for edge in graph.edges {
      // A function of one input needs no label: there is only one thing the edge can be.
      let label =
        (counts[edge.output] ?? 0) > 1
        ? " [label=<<B>\(htmlEscaped(ArgumentLabel.name(position: edge.position)))</B>>]" : ""
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
    let counts = inputCounts
    guard
      let node = graph.nodes.first(where: { ($0.operation != nil) && (counts[$0.id] ?? 0) > 1 }),
      let operation = node.operation, let count = counts[node.id]
    else { return nil }
    let names = (0..<count).map { ArgumentLabel.name(position: $0) }
    return
      "An edge's label names the input it is: into \(ArgumentLabel.call(operation, inputs: count)), "
      + "\(names[0]) is the first input and \(names[1]) the second."
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
