/// A variable that can be drawn, traced and printed: what `ComputationGraph`,
/// `BackpropagationTrace` and the `debugDescription` of `Scalar` and `Tensor` need to know.
///
/// What a node of a computation graph shows when it is drawn (`ComputationGraph`), traced
/// (`BackpropagationTrace`) or printed (`debugDescription`): its name, the function that made it,
/// its value and its gradient. `Scalar` conforms here in Module 1, `Tensor` in Module 2; the
/// pictures and tables are written once, for any `GraphNode`.
///
/// A node is shown by its name when it has one (`Scalar(2, name: "x")`), and otherwise by a
/// short formula of how it was made, cut off after a few levels: the scalar made by `x * y + x * x`
/// reads `(x · y) + (x · x)`, so two nodes of one graph never look alike.
public protocol GraphNode: Variable {
  /// The name given by the user, shown in pictures and tables instead of a formula; `nil`
  /// unless given (`Scalar(2, name: "x")`, `Tensor(…, name: "w")`, or `named(_:)`).
  var name: String? { get set }

  /// The value in one short line: `12` for a scalar, the shape and a few entries for a tensor.
  var valueSummary: String { get }

  /// How an unnamed leaf reads inside a formula: its number, or a small tensor's entries.
  var formulaValue: String { get }

  /// The gradient kept on this node (a leaf's, or a retained one), in one short line; `nil`
  /// when it has none.
  var gradientSummary: String? { get }

  /// The derivative `backward()` starts from: 1, or ones of the tensor's shape.
  var backwardSeed: Derivative { get }

  /// A derivative in one short line, as `valueSummary` shows a value.
  static func summary(of derivative: Derivative) -> String

  /// How `function` reads in formulas and pictures.
  static func operation(of function: Function) -> GraphOperation
}

/// How a function that makes graph nodes reads: its name (`Mul`, `Sum(dim: 0)`) and the way a
/// formula writes it (`x · y`, `−x`, `log(x)`).
public struct GraphOperation: Sendable, Equatable {
  /// How a formula writes the function applied to its inputs.
  public enum Notation: Sendable, Equatable {
    /// Between two inputs: `x + y` for `.infix("+")`.
    case infix(String)
    /// Before one input: `−x` for `.prefix("−")`.
    case prefix(String)
    /// As a call: `log(x)` for `.call("log")`.
    case call(String)
  }

  /// The function's name as the code spells it, with its settings: `Add`, `Sum(dim: 0)`.
  public let name: String
  /// How a formula writes it.
  public let notation: Notation

  /// An operation called `name`, written in formulas with `notation`.
  public init(name: String, notation: Notation) {
    self.name = name
    self.notation = notation
  }

  /// The notation of the functions Module 1 and Module 2 share, by type name (`Add` is `+`,
  /// `Mul` is `·`, `Log` is `log(…)`); any other function is written as a call of its name.
  public static func standard(typeName: String, settings: String = "") -> GraphOperation {
    let notations: [String: Notation] = [
      "Add": .infix("+"), "Mul": .infix("·"), "LT": .infix("<"), "EQ": .infix("=="),
      "Neg": .prefix("−"), "Inv": .prefix("1/"), "Log": .call("log"), "Exp": .call("exp"),
      "Sigmoid": .call("sigmoid"), "ReLU": .call("relu"),
    ]
    let notation =
      notations[typeName] ?? .call(typeName.prefix(1).lowercased() + typeName.dropFirst())
    return GraphOperation(name: typeName + settings, notation: notation)
  }
}

extension GraphNode {
  /// The operation that made this node; `nil` for a leaf.
  public var operation: GraphOperation? {
    history.map { Self.operation(of: $0.function) }
  }

  /// How this node is shown in pictures, tables and formulas: its name, or else the formula of
  /// how it was made, `depth` levels deep (deeper parts read `…`), or a leaf's value.
  public func label(depth: Int = 2) -> String {
    if let name { return name }
    guard let history else { return formulaValue }
    guard depth > 0 else { return "…" }
    let operation = Self.operation(of: history.function)
    let inputs = history.inputs
    func operand(_ input: Self) -> String {
      let text = input.label(depth: depth - 1)
      // An unnamed input made by an infix function needs parentheses: x·(y + z).
      if input.name == nil, text != "…", case .infix = input.operation?.notation {
        return "(\(text))"
      }
      return text
    }
    switch operation.notation {
    case .infix(let symbol) where inputs.count == 2:
      return "\(operand(inputs[0])) \(symbol) \(operand(inputs[1]))"
    case .prefix(let symbol) where inputs.count == 1:
      return symbol + operand(inputs[0])
    case .infix(let symbol), .prefix(let symbol), .call(let symbol):
      return symbol + "(" + inputs.map { $0.label(depth: depth - 1) }.joined(separator: ", ") + ")"
    }
  }

  /// "made by Add of x · y and x · x": the operation and its inputs, for `debugDescription`.
  public var madeBy: String? {
    guard let history else { return nil }
    let inputs = history.inputs.map { $0.label(depth: 1) }
    let listed =
      inputs.count <= 1
      ? inputs.joined()
      : inputs.dropLast().joined(separator: ", ") + " and " + inputs[inputs.count - 1]
    return "made by \(Self.operation(of: history.function).name) of \(listed)"
  }

  /// Gives this node a name for pictures and tables, and returns it: `(x * y).named("h")`.
  @discardableResult
  public func named(_ name: String) -> Self {
    self.name = name
    return self
  }
}

/// A number in a few characters, for pictures and tables: whole numbers without a decimal point
/// (`12`), others rounded to four decimals, or four significant digits when they are smaller
/// (`0.7311`, `0.0001235`).
public func shortNumber(_ x: Double) -> String {
  guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
  let magnitude = Swift.abs(x)
  if x == x.rounded() && magnitude < 1e15 {
    return String(Int(x))
  }
  guard magnitude >= 1e-15 && magnitude < 1e15 else { return "\(x)" }
  var decimals = 4
  var scale = 1e4
  while magnitude * scale < 1000 && decimals < 15 {
    decimals += 1
    scale *= 10
  }
  return "\((x * scale).rounded() / scale)"
}
