/// What one backward pass did, step by step: made by `traceBackward()`, which runs the pass.
/// `description` (what `print(trace)` shows) is the table.
///
/// Task 1.4's walk made visible: the chain rule, step by step, as a table.
///
/// `f.traceBackward()` runs the real backward pass, the `backpropagate` of Task 1.4 with its
/// `topologicalSort`, each node's real `chainRule` (Task 1.3) and `accumulateDerivative`, and
/// writes down what happened: the order of the walk, the derivative each node received and the
/// share it passed to each input. Nothing is worked out again on the side. To watch the real
/// walk, the trace gives `backpropagate` a mirror of the graph: one `TracedNode` per node, with
/// the same function, context and inputs, whose `chainRule` and `accumulateDerivative` call the
/// real node's and note the call. The leaves' gradients are then what `backward()` leaves.
///
///     step  node               made by  value  receives  passes on
///     1     (x · y) + (x · x)  Add      12     1         x · y ← 1
///                                                        x · x ← 1
///     2     x · y              Mul      8      1         x ← 4
///     …
///     5     x                  leaf     2      8         kept: grad += 8
public struct BackpropagationTrace<Node: GraphNode> {
  /// One call the backward pass made: a computed node splitting the derivative it received
  /// among its inputs (`chainRule`), or a leaf keeping it (`accumulateDerivative`).
  public struct Step {
    /// The node.
    public let node: Node
    /// The derivative of the output with respect to this node that the walk brought to it.
    public let received: Node.Derivative
    /// Each input's share, dOut · ∂node/∂input, as `chainRule` returned it (constants get none);
    /// empty for a leaf.
    public let shares: [(input: Node, derivative: Node.Derivative)]

    /// Whether the node is a leaf, which keeps what it received.
    public var isLeaf: Bool { node.isLeaf }
  }

  /// The output the pass started from.
  public let output: Node
  /// The derivative the pass started with (1, or ones of the output's shape).
  public let seed: Node.Derivative
  /// The order `topologicalSort(output)` gives: output first, each node before its inputs.
  public let order: [Node]
  /// Every call, in the order the pass made them.
  public let steps: [Step]

  /// Runs `backpropagate(output, seed)` (Task 1.4) and records each `chainRule` and each
  /// `accumulateDerivative` it calls. Leaves (and retained nodes) keep their derivatives, as
  /// after `output.backward(seed)`.
  public init(of output: Node, seed: Node.Derivative) {
    precondition(
      !output.isConstant,
      "traceBackward() on a constant: nothing it was computed from requires a gradient")
    let recorder = TraceRecorder<Node>()
    let root = recorder.mirror(output)
    self.output = output
    self.seed = seed
    self.order = topologicalSort(root).map(\.base)
    backpropagate(root, seed)
    self.steps = recorder.steps
  }

  /// The steps that reached `node`, in order (usually one).
  public func steps(reaching node: Node) -> [Step] {
    steps.filter { $0.node === node }
  }

  /// The walk as an aligned table: step, node, the function that made it, its value, the
  /// derivative it received, and the share it passed to each input (or, for a leaf, that it
  /// kept it), with the topological order above.
  public var table: String {
    var rows: [[String]] = [["step", "node", "made by", "value", "receives", "passes on"]]
    for (number, step) in steps.enumerated() {
      let node = step.node
      let first = [
        "\(number + 1)", node.label(), node.operation?.name ?? "leaf", node.valueSummary,
        Node.summary(of: step.received),
      ]
      if step.isLeaf {
        rows.append(first + ["kept: grad += \(Node.summary(of: step.received))"])
        continue
      }
      let shares = step.shares.map {
        "\($0.input.label(depth: 1)) ← \(Node.summary(of: $0.derivative))"
      }
      let kept = node.retainsGrad ? ["kept: retained grad"] : []
      let lines = shares + kept
      rows.append(first + [lines.first ?? "nothing (every input is a constant)"])
      for line in lines.dropFirst() {
        rows.append(["", "", "", "", "", line])
      }
    }
    let heading = [
      "Backpropagation from \(output.label()) with seed \(Node.summary(of: seed))",
      "topological order: " + order.map { $0.label() }.joined(separator: ", "),
      "",
    ]
    return (heading + alignedColumns(rows)).joined(separator: "\n")
  }
}

extension BackpropagationTrace: CustomStringConvertible {
  /// The table (see `table`).
  public var description: String { table }
}

extension GraphNode {
  /// Runs `backward()` and returns what each step of it did (see `BackpropagationTrace`):
  /// derivatives arrive where `backward()` puts them, and the trace shows how they got there.
  public func traceBackward() -> BackpropagationTrace<Self> {
    BackpropagationTrace(of: self, seed: backwardSeed)
  }
}

/// Rows of cells padded so that their columns line up, two spaces between columns, no trailing
/// spaces: the tables of the backpropagation trace and of `minitorch strides`.
public func alignedColumns(_ rows: [[String]]) -> [String] {
  let columns = rows.map(\.count).max() ?? 0
  var widths = Array(repeating: 0, count: columns)
  for row in rows {
    for (column, cell) in row.enumerated() {
      widths[column] = Swift.max(widths[column], cell.count)
    }
  }
  return rows.map { row in
    var line = ""
    for (column, cell) in row.enumerated() {
      let isLast = column == row.count - 1
      line += isLast ? cell : cell + String(repeating: " ", count: widths[column] - cell.count + 2)
    }
    return String(line.reversed().drop { $0 == " " }.reversed())
  }
}

/// Keeps one mirror node per real node and the calls the backward pass makes on them.
final class TraceRecorder<Base: GraphNode> {
  private var mirrors: [ObjectIdentifier: TracedNode<Base>] = [:]
  private(set) var steps: [BackpropagationTrace<Base>.Step] = []

  /// The mirror of `node` (the same one every time).
  func mirror(_ node: Base) -> TracedNode<Base> {
    if let mirror = mirrors[node.uniqueID] { return mirror }
    let mirror = TracedNode(node, recorder: self)
    mirrors[node.uniqueID] = mirror
    return mirror
  }

  /// Notes a call.
  func record(_ step: BackpropagationTrace<Base>.Step) {
    steps.append(step)
  }
}

/// A stand-in for one node of a graph that `backpropagate` can walk: the same function, context
/// and inputs (as stand-ins), and `chainRule` and `accumulateDerivative` that call the real
/// node's and tell the recorder.
final class TracedNode<Base: GraphNode>: Variable {
  typealias Derivative = Base.Derivative
  typealias Function = Base.Function
  typealias Saved = Base.Saved

  /// The real node.
  let base: Base
  private unowned let recorder: TraceRecorder<Base>

  init(_ base: Base, recorder: TraceRecorder<Base>) {
    self.base = base
    self.recorder = recorder
  }

  var requiresGrad: Bool { base.requiresGrad }

  var retainsGrad: Bool {
    get { base.retainsGrad }
    set { base.retainsGrad = newValue }
  }

  /// The real node's history with its inputs replaced by their stand-ins, made when first asked
  /// for (`.some(nil)` for a leaf).
  private var mirroredHistory: History<Function, Saved, TracedNode>??

  var history: History<Function, Saved, TracedNode>? {
    if let made = mirroredHistory { return made }
    let made = base.history.map {
      History(function: $0.function, context: $0.context, inputs: $0.inputs.map(recorder.mirror))
    }
    mirroredHistory = .some(made)
    return made
  }

  func chainRule(_ dOut: Derivative) -> [(variable: TracedNode, derivative: Derivative)] {
    let shares = base.chainRule(dOut)
    recorder.record(
      .init(
        node: base, received: dOut,
        shares: shares.map { (input: $0.variable, derivative: $0.derivative) }))
    return shares.map { (recorder.mirror($0.variable), $0.derivative) }
  }

  func accumulateDerivative(_ derivative: Derivative) {
    base.accumulateDerivative(derivative)
    recorder.record(.init(node: base, received: derivative, shares: []))
  }

  /// Frees the mirrored graph one node at a time, if it was made (see `releaseHistory()`).
  deinit {
    if mirroredHistory != nil {
      releaseHistory()
    }
  }
}
