import Foundation
import Lecture

/// `minitorch graph`: draws the computation graph of an expression, and its backward pass.
enum GraphCommand {
  /// The command's entry in `minitorch help`.
  static let command = Command(
    name: "graph",
    summary: "draw the computation graph of an expression, its gradients and the chain rule",
    usage: """
      usage: minitorch graph --expression TEXT --values NAME=VALUE,… [--backward] [--trace]
                             [--output FILE]

      Builds the computation graph of an expression with the Scalars of Module 1 (when every
      value is a number) or the Tensors of Module 2 (when a value is a list), prints its value
      and writes the graph as Graphviz DOT: each value a box with its name or formula, value
      and gradient, each function an ellipse. With Graphviz installed, an .svg is drawn next to
      it.

        --expression TEXT  e.g. "x * y + x * x", "sigmoid(w * x + b)", "sum(x @ w)"
        --values LIST      the variables' values: numbers (x=2,y=4) or nested lists for
                           tensors (x=[[1,2],[3,4]],w=[[1],[2]]); numbers with lists broadcast
        --backward         run backward() from the output, keeping every gradient
        --trace            run backward() and print the chain rule step by step: the order of
                           the walk, what each node receives and what it passes to each input
        --output FILE      where to write the DOT text (default: graph.dot); the picture goes
                           to the same name ending in .svg

      The language: + - * / and unary -, parentheses, numbers (constants: no gradient), @ for
      the matrix product, and the functions
      \(functionList)
      """,
    run: { options in try run(&options) })

  /// The functions of the expression language, one per line, for the usage text.
  static var functionList: String {
    ExpressionFunctions.all.map { function in
      let tensors = function.needsTensors ? " (tensors)" : ""
      return "  \(function.name): \(function.meaning)\(tensors)"
    }.joined(separator: "\n")
  }

  /// Reads the options, builds the graph, prints what happened and writes the pictures.
  static func run(_ options: inout Arguments) throws -> Int32 {
    guard let expression = try options.string("expression") else {
      throw UsageError("--expression is required, e.g. --expression \"x * y + x * x\"")
    }
    let values = try options.string("values") ?? ""
    let backward = options.flag("backward")
    let trace = options.flag("trace")
    let output = try options.string("output") ?? "graph.dot"
    try options.finish()
    let demo: GraphDemo
    do {
      demo = try GraphDemo(expression: expression, values: values, backward: backward, trace: trace)
    } catch let error as LectureError {
      throw UsageError(error.description)
    }
    print(demo.report)
    let dotFile = URL(fileURLWithPath: output)
    try demo.dot.write(to: dotFile, atomically: true, encoding: .utf8)
    print("\nwrote \(dotFile.path)")
    let svgFile = dotFile.deletingPathExtension().appendingPathExtension("svg")
    guard let dot = Graphviz.dotExecutable() else {
      print(Graphviz.installHint)
      return 0
    }
    try Graphviz.renderSVG(dot: dot, input: dotFile, output: svgFile)
    print("wrote \(svgFile.path)")
    return 0
  }
}
