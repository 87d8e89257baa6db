import Foundation

/// The computation graph behind a result, as nodes and edges, and as Graphviz DOT text
/// (`dot`). Made by `ComputationGraph(of:)` or `result.graph()`; a snapshot, taken when made.
///
/// The graph behind a result, as nodes and edges: every node with its name (or the formula of
/// how it was made), its value and, after `backward()`, its gradient; between a computed node and
/// its inputs, the function that made it, each edge named by the argument it is. `dot` draws it
/// for Graphviz, as MyGrad and micrograd do.
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
    /// The names of a computed node's inputs, in order, as its function declares them (`a`,
    /// `b`; `base`, `exponent`), or a, b, c, … by position where it declares none; empty for a
    /// leaf.
    public let inputNames: [String]
    /// The value in one short line.
    public let value: String
    /// The gradient the node keeps (a leaf's, or a retained one), or `nil`.
    public let gradient: String?
    /// Whether this is the result the graph was drawn for.
    public let isOutput: Bool
  }

  /// An input of a computed node: `input` is argument number `position` (from 0), called
  /// `name`, of the function that made `output`.
  public struct Edge: Sendable, Equatable {
    /// The input node's `id`.
    public let input: Int
    /// The computed node's `id`.
    public let output: Int
    /// Which argument of the function the input is, from 0.
    public let position: Int
    /// The argument's name, as the function declares it (`a`, `exponent`).
    public let name: String
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
      let declared = node.operation?.inputNames ?? []
      let names = node.parents.indices.map {
        ComputationGraph.argumentName(position: $0, declared: declared)
      }
      nodes.append(
        Node(
          id: id, kind: kind, name: node.name, title: title, operation: node.operation?.name,
          inputNames: names, value: node.valueSummary, gradient: node.gradientSummary,
          isOutput: id == 0))
      for (position, input) in node.parents.enumerated() {
        edges.append(
          Edge(
            input: ids[input.uniqueID] ?? 0, output: id, position: position,
            name: names[position]))
      }
    }
    self.nodes = nodes
    self.edges = edges
  }

  /// The name of argument `position` (from 0): `declared[position]` when the function names
  /// its inputs, else a, b, c, … by position (a1, b1, … after z).
  public static func argumentName(position: Int, declared: [String] = []) -> String {
    if position < declared.count { return declared[position] }
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    let letter = String(letters[position % letters.count])
    return position < letters.count ? letter : letter + "\(position / letters.count)"
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
