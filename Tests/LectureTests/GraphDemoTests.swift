import Foundation
import Lecture
import Module2
import Testing

/// `minitorch graph`'s pictures and tables for f = x·y + x·x at (2, 4), where ∂f/∂x = y + 2x = 8
/// and ∂f/∂y = x = 2, and for a tensor expression.
@Suite("Computation graphs and traces")
struct GraphDemoTests {
  @Test("the DOT picture holds the operations, the values and, after backward, the gradients")
  func dotContent() throws {
    let before = try GraphDemo(
      expression: "x * y + x * x", values: "x=2,y=4", backward: false, trace: false)
    #expect(before.dot.hasPrefix("digraph computation {"))
    #expect(before.dot.contains("<B>x</B>") && before.dot.contains("<B>y</B>"))
    #expect(
      before.dot.contains("label=\"Add(a, b)\"") && before.dot.contains("label=\"Mul(a, b)\""))
    #expect(before.dot.contains("value 12") && before.dot.contains("value 8"))
    #expect(!before.dot.contains("grad "))

    let after = try GraphDemo(
      expression: "x * y + x * x", values: "x=2,y=4", backward: true, trace: false)
    let graph = after.result.graph
    #expect(graph.nodes.first { $0.name == "x" }?.gradient == "8")
    #expect(graph.nodes.first { $0.name == "y" }?.gradient == "2")
    // Intermediate gradients are retained: ∂f/∂(x·y) = 1.
    #expect(graph.nodes.filter { $0.kind == .computed }.allSatisfy { $0.gradient == "1" })
    #expect(after.dot.contains("grad 8") && after.dot.contains("grad 2"))
    #expect(after.report.contains("x: grad 8") && after.report.contains("y: grad 2"))
    // x is used three times: once by x·y, twice by x·x.
    #expect(graph.edges.filter { $0.input == graph.nodes.first { $0.name == "x" }?.id }.count == 3)
  }

  @Test("every edge into a function of several inputs says which input it is")
  func edgeLabels() throws {
    let demo = try GraphDemo(
      expression: "x * 2 + exp(y)", values: "x=3,y=4", backward: false, trace: false)
    let graph = demo.result.graph
    #expect(demo.dot == graph.dot, "the CLI writes the graph's own picture")
    let lines = graph.dot.split(separator: "\n")
    for edge in graph.edges {
      let line = try #require(lines.first { $0.contains("n\(edge.input) -> op\(edge.output)") })
      let inputs = graph.edges.filter { $0.output == edge.output }.count
      if inputs > 1 {
        #expect(line.contains("label=<<B>\(edge.name)</B>>"))
      } else {
        #expect(!line.contains("label"))
      }
    }
    // x · 2: x is Mul's first input (a), the constant its second (b); exp has one input.
    let x = try #require(graph.nodes.first { $0.name == "x" })
    let product = try #require(graph.nodes.first { $0.operation == "Mul" })
    let constant = try #require(graph.nodes.first { $0.kind == .constant })
    let xLine = try #require(lines.first { $0.contains("n\(x.id) -> op\(product.id)") })
    #expect(xLine.hasSuffix("[label=<<B>a</B>>];"))
    let constantLine = try #require(
      lines.first { $0.contains("n\(constant.id) -> op\(product.id)") })
    #expect(constantLine.hasSuffix("[label=<<B>b</B>>];"))
    #expect(graph.dot.contains("label=\"Mul(a, b)\"") && graph.dot.contains("label=\"Exp\""))
    #expect(graph.legend?.hasSuffix("a is the first input and b the second.") == true)
    #expect(graph.dot.contains("fontsize=16"), "edge labels larger than the nodes' text")
    // One input: no labels and no legend.
    let single = try GraphDemo(expression: "exp(x)", values: "x=1", backward: false, trace: false)
    #expect(single.result.graph.legend == nil)
  }

  @Test("edges carry the names a function gives its inputs")
  func declaredInputNames() throws {
    let demo = try GraphDemo(
      expression: "pow(x, y) + x", values: "x=[1,2],y=[3,4]", backward: false, trace: false)
    let graph = demo.result.graph
    let power = try #require(graph.nodes.first { $0.operation == "Pow" })
    #expect(power.inputNames == ["base", "exponent"])
    #expect(power.call == "Pow(base, exponent)")
    let x = try #require(graph.nodes.first { $0.name == "x" })
    let y = try #require(graph.nodes.first { $0.name == "y" })
    let intoPower = graph.edges.filter { $0.output == power.id }
    #expect(intoPower.map(\.name) == ["base", "exponent"])
    #expect(intoPower.map(\.input) == [x.id, y.id])
    #expect(demo.dot.contains("label=\"Pow(base, exponent)\""))
    #expect(demo.dot.contains("n\(y.id) -> op\(power.id) [label=<<B>exponent</B>>];"))
  }

  @Test("a tensor comparison reads as its operator, as a scalar one does")
  func comparisonsReadAsOperators() throws {
    let tensors = try GraphDemo(
      expression: "lt(x, y) + gt(x, y)", values: "x=[1,2],y=[2,1]", backward: false,
      trace: false)
    let scalars = try GraphDemo(
      expression: "lt(x, y) + gt(x, y)", values: "x=1,y=2", backward: false, trace: false)
    let spellings = [(tensors, "Compare(a, b, .lt)"), (scalars, "Compare(a, b, .lessThan)")]
    for (demo, spelled) in spellings {
      let titles = demo.result.graph.nodes.map(\.title)
      #expect(titles.contains("x < y") && titles.contains("y < x"), "\(titles)")
      #expect(demo.dot.contains("label=\"\(spelled)\""), "the function as the code spells it")
    }
    let x = Tensor([1, 2], requiresGrad: true, name: "x")
    #expect(x.eq(x).label() == "x == x" && x.isClose(x).label() == "x ≈ x")
  }

  @Test("argument names come from one place: declared names, else a, b, c, …")
  func argumentNames() {
    #expect((0..<3).map { ComputationGraph.argumentName(position: $0) } == ["a", "b", "c"])
    #expect(ComputationGraph.argumentName(position: 27) == "b1")
    #expect(ComputationGraph.argumentName(position: 1, declared: ["input", "weight"]) == "weight")
    #expect(ComputationGraph.argumentName(position: 2, declared: ["input", "weight"]) == "c")
    // A function of a list names each input; its settings follow the names in its call.
    let a = Tensor([1, 2], requiresGrad: true, name: "a")
    let joined = Tensor.concatenate([a, a * 2], dim: 0).graph()
    #expect(joined.nodes[0].call == "Concatenate(tensors[0], tensors[1], dim: 0, sizes: [2, 2])")
    #expect(joined.nodes.first { $0.name == "a" }?.call == nil)
  }

  @Test("Graphviz accepts the DOT text (skipped without dot)")
  func graphvizAccepts() throws {
    #expect(Graphviz.dotExecutable(path: "/nonexistent-folder") == nil)
    #expect(Graphviz.installHint.contains("graphviz"))
    guard let dot = Graphviz.dotExecutable() else {
      print("note: Graphviz's dot is not installed; the DOT file was not rendered")
      return
    }
    let demo = try GraphDemo(
      expression: "sigmoid(x * y) + log(x) - 1 / y", values: "x=2,y=4", backward: true,
      trace: false)
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("lecture-graph-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("g.dot")
    let output = folder.appendingPathComponent("g.svg")
    try demo.dot.write(to: input, atomically: true, encoding: .utf8)
    try Graphviz.renderSVG(dot: dot, input: input, output: output)
    let svg = try String(contentsOf: output, encoding: .utf8)
    #expect(svg.contains("<svg") && svg.contains("Sigmoid"))
  }

  @Test("the trace shows 8 arriving at x and 2 at y, and what each node passes on")
  func scalarTrace() throws {
    let x = Scalar(2, name: "x")
    let y = Scalar(4, name: "y")
    let f = x * y + x * x
    let trace = f.traceBackward()
    #expect(trace.steps(reaching: x).map(\.received) == [8])
    #expect(trace.steps(reaching: y).map(\.received) == [2])
    #expect(x.derivative == 8 && y.derivative == 2)
    // x·y passes y = 4 to x and x = 2 to y.
    let product = try #require(f.parents.first)
    let shares = try #require(trace.steps(reaching: product).first).shares
    #expect(shares.map(\.derivative) == [4, 2])
    #expect(trace.order.first === f)

    let rows = trace.table.split(separator: "\n").map(String.init)
    /// The row of the leaf `name`: step, name, "leaf", value, received, what it kept.
    func leafRow(_ name: String) -> [Substring]? {
      rows.map { $0.split(separator: " ") }.first {
        $0.count > 2 && $0[1] == name && $0[2] == "leaf"
      }
    }
    let xRow = try #require(leafRow("x"))
    #expect(xRow[3...].joined(separator: " ") == "2 8 kept: grad += 8")
    let yRow = try #require(leafRow("y"))
    #expect(yRow[3...].joined(separator: " ") == "4 2 kept: grad += 2")
    // The table is aligned: every "passes on" cell starts in the header's column.
    let header = try #require(rows.first { $0.hasPrefix("step") }.map(Array.init))
    let column = try #require(
      (0..<header.count).first { String(header[$0...]).hasPrefix("passes on") })
    for row in rows.filter({ $0.contains("←") }).map(Array.init) {
      #expect(row.count > column && row[column - 1] == " " && row[column] != " ")
    }
    // Each share is named by the input it goes to: x is Mul's a, y its b.
    #expect(trace.table.contains("a: x · y ← 1") && trace.table.contains("b: y ← 2"))
    // A constant input gets no share, and the others keep their own names: z is b of 2 · z.
    let z = Scalar(3, name: "z")
    #expect((2 * z).traceBackward().table.contains("b: z ← 2"))
  }

  @Test("the CLI report traces a tensor expression with shapes and values")
  func tensorTrace() throws {
    let demo = try GraphDemo(
      expression: "sum(x * w)", values: "x=[[1,2],[3,4]],w=[10,20]", backward: false, trace: true)
    #expect(demo.report.contains("[2, 2] [[1, 2], [3, 4]]"))
    // ∂/∂x of Σ x·w is w broadcast to x's shape; ∂/∂w sums x over the rows.
    #expect(demo.report.contains("x: grad [2, 2] [[10, 20], [10, 20]]"))
    #expect(demo.report.contains("w: grad [2] [4, 6]"))
    #expect(demo.report.contains("Sum"))
    #expect(demo.dot.contains("grad [2] [4, 6]"))
  }

  @Test("printed nodes name their operation")
  func debugDescriptions() {
    let x = Scalar(2, name: "x")
    let y = Scalar(4, name: "y")
    let product = x * y
    #expect(product.debugDescription.contains("made by Mul of x and y"))
    #expect(x.debugDescription == "Scalar(2.0, leaf x)")
    let sum = product + x
    #expect(sum.debugDescription.contains("Add"))
    #expect(sum.debugDescription != (x * y * x).debugDescription)
    let t = Tensor([[1, 2], [3, 4]], requiresGrad: true, name: "t")
    #expect(t.sum(dim: 0).debugDescription.contains("made by Sum(dim: 0) of t"))
  }

  @Test("evaluation errors point at the operation's column")
  func evaluationErrors() {
    func failure(_ text: String, _ values: String) -> LectureError? {
      do {
        _ = try GraphDemo(expression: text, values: values, backward: false, trace: false)
        return nil
      } catch {
        return error as? LectureError
      }
    }
    #expect(failure("x + foo(x)", "x=1")?.column == 5)
    #expect(failure("x @ y", "x=1,y=2")?.column == 3)
    #expect(failure("x + y", "x=[1,2],y=[1,2,3]")?.column == 3)
    #expect(failure("sum(x, 3)", "x=[[1,2]]")?.column == 8)
    #expect(failure("x + y", "x=1")?.description.contains("no value for y") == true)
    #expect(failure("2 * 3", "")?.description.contains("no variables") == true)
  }

  @Test("Module 2's other functions: the gradient matches NumPy's")
  func moreTensorFunctions() throws {
    // d/dx of Σ (xᵀ)² + tanh(x)·max(x, 0) + √|x| − sin x · cos x + x², entry by entry, from
    // NumPy: 2x + sech²(x)·max(x, 0) + tanh(x)·[x > 0] + sign(x) / (2√|x|) − cos 2x + 2x.
    let demo = try GraphDemo(
      expression:
        "sum(pow(transpose(x), 2) + tanh(x) * maximum(x, 0) + sqrt(abs(x)) - sin(x) * cos(x)"
        + " + square(x))",
      values: "x=[[1,-2],[3,4]]", backward: true, trace: false)
    guard case .tensors(_, let leaves) = demo.result else {
      Issue.record("a list value makes a tensor graph")
      return
    }
    let expected = [6.09771533, -7.69990977, 12.35315771, 17.40019314]
    let gradient = try #require(leaves.first?.grad).data.values
    #expect(zip(gradient, expected).allSatisfy { Swift.abs($0 - $1) < 1e-6 })
    #expect(demo.dot.contains("Transpose") || demo.dot.contains("Permute"))
    #expect(throws: LectureError.self) {
      try GraphDemo(expression: "tanh(x)", values: "x=1", backward: false, trace: false)
    }
  }
}
