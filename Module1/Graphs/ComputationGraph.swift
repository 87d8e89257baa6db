import Foundation

/// The computation graph behind a result, as nodes and edges, and as Graphviz DOT text
/// (`dot`). Made by `ComputationGraph(of:)` or `result.graph()`; a snapshot, taken when made.
///
/// A picture of the graph behind a result, for Graphviz: every node with its name (or the formula
/// of how it was made), its value and, after `backward()`, its gradient; between a computed node
/// and its inputs, the function that made it. MyGrad and micrograd draw the same picture.
///
///     let x = Scalar(2, name: "x"), y = Scalar(4, name: "y")
///     let f = x * y + x * x
///     f.retainGradEverywhere()      // keep the intermediate gradients for the picture
///     f.backward()
///     try f.graph().dot.write(toFile: "f.dot", atomically: true, encoding: .utf8)
///     // then, with Graphviz installed: dot -Tsvg f.dot -o f.svg
///
/// The picture needs no task beyond the graph itself (Task 1.2): it finds the nodes by following
/// inputs from the output, not with Task 1.4's topological sort, and it draws constants too.
public struct ComputationGraph: Sendable {
  /// What a node of the graph is.
  public enum Kind: Sendable, Equatable {
    /// A leaf that requires a gradient: a value the user made.
    case variable
    /// A leaf that never receives a gradient.
    case constant
    /// A value a function made.
    case computed
  }

  /// One value of the graph.
  public struct Node: Sendable {
    /// The node's number: 0 for the output, then in the order the walk from it met them.
    public let id: Int
    /// Leaf, constant or computed.
    public let kind: Kind
    /// The name the user gave, if any.
    public let name: String?
    /// The name, or the formula of how the node was made (`(x · y) + (x · x)`), or "leaf"/"constant".
    public let title: String
    /// The function that made a computed node, with its settings (`Mul`, `Sum(dim: 0)`).
    public let operation: String?
    /// The value in one short line.
    public let value: String
    /// The gradient the node keeps (a leaf's, or a retained one), or `nil`.
    public let gradient: String?
    /// Whether this is the result the graph was drawn for.
    public let isOutput: Bool
  }

  /// An input of a computed node: `input` is argument number `position` (from 0) of the
  /// function that made `output`.
  public struct Edge: Sendable, Equatable {
    /// The input node's `id`.
    public let input: Int
    /// The computed node's `id`.
    public let output: Int
    /// Which argument of the function the input is, from 0.
    public let position: Int
  }

  /// Every node the output depends on, constants included, the output first.
  public let nodes: [Node]
  /// Every input of every computed node, in argument order (a value used twice has two).
  public let edges: [Edge]

  /// The graph behind `output`, as it is now: values, names and kept gradients.
  public init<V: GraphNode>(of output: V) {
    let found = nodesReached(from: output)
    var ids: [ObjectIdentifier: Int] = [:]
    for (id, node) in found.enumerated() {
      ids[node.uniqueID] = id
    }
    var nodes: [Node] = []
    var edges: [Edge] = []
    for (id, node) in found.enumerated() {
      let kind: Kind = node.isLeaf ? (node.isConstant ? .constant : .variable) : .computed
      let title =
        kind == .computed ? node.label() : (node.name ?? (kind == .constant ? "constant" : "leaf"))
      nodes.append(
        Node(
          id: id, kind: kind, name: node.name, title: title, operation: node.operation?.name,
          value: node.valueSummary, gradient: node.gradientSummary, isOutput: id == 0))
      for (position, input) in node.parents.enumerated() {
        edges.append(Edge(input: ids[input.uniqueID] ?? 0, output: id, position: position))
      }
    }
    self.nodes = nodes
    self.edges = edges
  }

  /// The graph as Graphviz DOT text, laid out left to right from the inputs to the output.
  /// Each value is a box (name or formula, value, gradient); each function an ellipse between
  /// a computed value and its inputs, whose edges are numbered when it has several. Render it
  /// with `dot -Tsvg graph.dot -o graph.svg`.
  public var dot: String {
    var lines = [
      "digraph computation {",
      "  rankdir=LR;",
      "  node [fontname=\"Helvetica\", fontsize=12];",
      "  edge [color=\"#555555\", fontname=\"Helvetica\", fontsize=9];",
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
      if let operation = node.operation {
        lines.append(
          "  op\(node.id) [shape=ellipse, style=filled, fillcolor=\"#f4e7b8\", "
            + "label=\"\(quotedEscaped(operation))\"];")
        lines.append("  op\(node.id) -> n\(node.id);")
      }
    }
    let inputCounts = Dictionary(grouping: edges, by: \.output).mapValues(\.count)
    for edge in edges {
      let numbered = (inputCounts[edge.output] ?? 0) > 1 ? " [label=\"\(edge.position + 1)\"]" : ""
      lines.append("  n\(edge.input) -> op\(edge.output)\(numbered);")
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }
}

extension GraphNode {
  /// The computation graph behind this value, as it is now (see `ComputationGraph`).
  public func graph() -> ComputationGraph {
    ComputationGraph(of: self)
  }
}

extension Variable {
  /// Calls `retainGrad()` on this variable and on every computed variable it was made from, so
  /// that after `backward()` each of them keeps its gradient, for a picture or a table (MyGrad
  /// keeps them all; PyTorch only where asked). Call it before `backward()`.
  public func retainGradEverywhere() {
    for node in nodesReached(from: self) where !node.isLeaf {
      node.retainGrad()
    }
  }
}

/// Every node `root` depends on, constants included, `root` first, each once, in the order a
/// breadth-first walk along inputs meets them. Not a topological order (that is Task 1.4's).
func nodesReached<V: Variable>(from root: V) -> [V] {
  var seen: Set<ObjectIdentifier> = [root.uniqueID]
  var found = [root]
  var next = 0
  while next < found.count {
    for input in found[next].parents where seen.insert(input.uniqueID).inserted {
      found.append(input)
    }
    next += 1
  }
  return found
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
