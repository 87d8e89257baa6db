import Foundation
import Lecture

/// `minitorch graph`: draws the computation graph of an expression, and its backward pass.
enum GraphCommand {
  /// `--expression TEXT`.
  static let expression: Option<String> = .requiredText(
    "expression", example: "--expression \"x * y + x * x\"",
    "the expression to draw, e.g. \"x * y + x * x\", \"sigmoid(w * x + b)\", \"sum(x @ w)\"")
  /// `--values LIST`.
  static let values: Option<String?> = .text(
    "values", "LIST",
    "the variables' values: numbers (x=2,y=4) or nested lists for tensors "
      + "(x=[[1,2],[3,4]],w=[[1],[2]]); numbers with lists broadcast")
  /// `--backward`.
  static let backward: Option<Bool> = .flag(
    "backward", "run backward() from the output, keeping every gradient")
  /// `--trace`.
  static let trace: Option<Bool> = .flag(
    "trace",
    "run backward() and print the chain rule step by step: the order of the walk, what each "
      + "node receives and what it passes to each input")
  /// The file written when `--output` is not given, in the tools' output folder.
  static let defaultOutput = "graph.dot"
  /// `--output FILE`.
  static let output: Option<OutputFile?> = .outputFile(
    "output", example: "graph.dot",
    defaultText: "\(OutputFile.defaultFolder)/\(defaultOutput)",
    "where to write the DOT text; the picture goes to the same name ending in .svg")

  /// The command's options.
  static let table = OptionTable(
    "graph",
    [
      expression.declaration, values.declaration, backward.declaration, trace.declaration,
      output.declaration,
    ])

  /// The command's entry in `minitorch help`.
  static let command = Command(
    "graph",
    summary: "draw the computation graph of an expression, its gradients and the chain rule",
    table: table,
    about: """
      Builds the computation graph of an expression with the Scalars of Module 1 (when every
      value is a number) or the Tensors of Module 2 (when a value is a list), prints its value
      and writes the graph as Graphviz DOT: each value a box with its name or formula, value
      and gradient, each function an ellipse naming its inputs, each edge labelled with the
      input it is. With Graphviz installed, an .svg is drawn next to it.

      The language: + - * / and unary -, parentheses, numbers (constants: no gradient), @ for
      the matrix product, and the functions
      \(functionList)
      """,
    run: run)

  /// The functions of the expression language, one per line, for the usage text.
  static var functionList: String {
    ExpressionFunctions.all.map { function in
      let tensors = function.needsTensors ? " (tensors)" : ""
      return "  \(function.name): \(function.meaning)\(tensors)"
    }.joined(separator: "\n")
  }

  /// Builds the graph, prints what happened and writes the pictures.
  static func run(_ options: ParsedOptions) throws -> Int32 {
    let dotFile =
      try options[output] ?? OutputFile.inDefaultFolder(defaultOutput, option: "--output")
    let svgFile = try dotFile.sibling(pathExtension: "svg")
    let demo: GraphDemo
    do {
      demo = try GraphDemo(
        expression: options[expression], values: options[values] ?? "",
        backward: options[backward], trace: options[trace])
    } catch let error as LectureError {
      throw UsageError(error.description)
    }
    print(demo.report)
    let written = try dotFile.write(Data(demo.dot.utf8))
    print("\n" + written.note("the graph", asked: dotFile))
    guard written.problem == nil else { return 1 }
    guard let dot = Graphviz.dotExecutable() else {
      print(Graphviz.installHint)
      return 0
    }
    try svgFile.write { try Graphviz.renderSVG(dot: dot, input: written.url, output: $0) }
    print("Wrote the picture to \(svgFile.path).")
    return 0
  }
}
