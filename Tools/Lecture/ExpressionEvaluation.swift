// Turning a parsed expression into a real computation graph: every variable becomes a named
// leaf that requires a gradient, every number a constant, every operator and function the
// `Scalar` (Module 1) or `Tensor` (Module 2) operation of the same name. When every value is a
// number the graph is made of scalars; when any value is a list it is made of tensors, and the
// numbers given for the other variables become one-entry tensors that broadcast.

import Module2

/// The result of evaluating an expression: the output node of a graph of scalars or of tensors,
/// with the named leaves it was made from.
public enum ExpressionGraph {
  /// A graph of `Scalar`s (every value was a number).
  case scalars(output: Scalar, leaves: [Scalar])
  /// A graph of `Tensor`s (some value was a list).
  case tensors(output: Tensor, leaves: [Tensor])

  /// The graph behind the output, as it is now (see `ComputationGraph`).
  public var graph: ComputationGraph {
    switch self {
    case .scalars(let output, _): return output.graph()
    case .tensors(let output, _): return output.graph()
    }
  }

  /// The output's value in one line.
  public var valueSummary: String {
    switch self {
    case .scalars(let output, _): return output.valueSummary
    case .tensors(let output, _): return output.valueSummary
    }
  }

  /// Keeps every intermediate gradient (`retainGradEverywhere`) and runs `backward()` from
  /// the output (1, or ones of its shape).
  public func backward() {
    switch self {
    case .scalars(let output, _):
      output.retainGradEverywhere()
      output.backward()
    case .tensors(let output, _):
      output.retainGradEverywhere()
      output.backward(output.backwardSeed)
    }
  }

  /// Keeps every intermediate gradient, runs the backward pass and returns its table (see
  /// `BackpropagationTrace`).
  public func traceBackward() -> String {
    switch self {
    case .scalars(let output, _):
      output.retainGradEverywhere()
      return output.traceBackward().table
    case .tensors(let output, _):
      output.retainGradEverywhere()
      return output.traceBackward().table
    }
  }

  /// Each leaf's name with its gradient in one line (`x  grad 8`), after `backward()`.
  public var leafGradients: [String] {
    switch self {
    case .scalars(_, let leaves):
      return leaves.map { "\($0.name ?? "?"): grad \($0.gradientSummary ?? "none")" }
    case .tensors(_, let leaves):
      return leaves.map { "\($0.name ?? "?"): grad \($0.gradientSummary ?? "none")" }
    }
  }
}

extension MathExpression {
  /// Builds the graph of this expression with `values` for its variables. Throws
  /// `LectureError.values` when a variable has no value (or a value is given that the
  /// expression does not use), and `LectureError.expression` at the column of a call to an
  /// unknown function, with the wrong number of arguments, or of a tensor-only function or `@`
  /// on numbers; `source`, the text the expression was parsed from, is quoted in that error.
  public func evaluate(_ values: [NamedValue], source: String = "") throws -> ExpressionGraph {
    do {
      return try build(values)
    } catch LectureError.expression(let message, let column, _) {
      throw LectureError.expression(message: message, column: column, text: source)
    }
  }

  /// The graph of this expression (see `evaluate(_:source:)`).
  private func build(_ values: [NamedValue]) throws -> ExpressionGraph {
    let used = variables
    guard !used.isEmpty else {
      throw LectureError.values(
        "the expression has no variables, so nothing receives a gradient; use a name such "
          + "as x and give its value, e.g. --values x=2")
    }
    for name in used where !values.contains(where: { $0.name == name }) {
      throw LectureError.values(
        "no value for \(name); give one with --values, e.g. "
          + (used.map { "\($0)=1" }.joined(separator: ",")))
    }
    for value in values where !used.contains(value.name) {
      throw LectureError.values(
        "\(value.name) has a value but the expression does not use it (it uses "
          + (used.isEmpty ? "no variables" : used.joined(separator: ", ")) + ")")
    }
    let usesTensors = values.contains {
      if case .tensor = $0.value { return true }
      return false
    }
    if usesTensors {
      var leaves: [String: Tensor] = [:]
      for value in values {
        switch value.value {
        case .number(let number):
          leaves[value.name] = Tensor(
            shape: [1], data: [number], requiresGrad: true, name: value.name)
        case .tensor(let shape, let numbers):
          leaves[value.name] = Tensor(
            shape: shape, data: numbers, requiresGrad: true, name: value.name)
        }
      }
      let output = try tensor(with: leaves)
      return .tensors(output: output, leaves: used.compactMap { leaves[$0] })
    }
    var leaves: [String: Scalar] = [:]
    for value in values {
      if case .number(let number) = value.value {
        leaves[value.name] = Scalar(number, name: value.name)
      }
    }
    let output = try scalar(with: leaves)
    return .scalars(output: output, leaves: used.compactMap { leaves[$0] })
  }

  /// The function called here, checked: known, with a fitting number of arguments.
  private func checkedFunction(_ name: String, _ count: Int) throws -> ExpressionFunctions.Function
  {
    guard let function = ExpressionFunctions.named(name) else {
      throw error(
        "unknown function '\(name)'; the functions are "
          + ExpressionFunctions.all.map(\.name).joined(separator: ", "))
    }
    guard function.arguments.contains(count) else {
      let expected =
        function.arguments.count == 1
        ? "\(function.arguments.lowerBound)"
        : "\(function.arguments.lowerBound) or \(function.arguments.upperBound)"
      throw error("\(name) takes \(expected) argument(s), but \(count) were given")
    }
    return function
  }

  private func error(_ message: String) -> LectureError {
    .expression(message: message, column: column, text: "")
  }

  /// The expression computed on scalars.
  private func scalar(with leaves: [String: Scalar]) throws -> Scalar {
    switch kind {
    case .number(let value):
      return Scalar(constant: value)
    case .variable(let name):
      return leaves[name]!
    case .negate(let operand):
      return -(try operand.scalar(with: leaves))
    case .binary(let op, let left, let right):
      let a = try left.scalar(with: leaves)
      let b = try right.scalar(with: leaves)
      switch op {
      case "+": return a + b
      case "-": return a - b
      case "*": return a * b
      case "/": return a / b
      default:
        throw error("'@' (the matrix product) needs tensors: give the values as lists, x=[[1,2]]")
      }
    case .call(let name, let arguments):
      let function = try checkedFunction(name, arguments.count)
      guard !function.needsTensors else {
        throw error(
          "\(name) needs tensors: give the values as lists, e.g. x=[1,2,3] instead of x=2")
      }
      let inputs = try arguments.map { try $0.scalar(with: leaves) }
      switch name {
      case "log": return inputs[0].log()
      case "exp": return inputs[0].exp()
      case "sigmoid": return inputs[0].sigmoid()
      case "relu": return inputs[0].relu()
      case "lt": return inputs[0].lt(inputs[1])
      case "gt": return inputs[0].gt(inputs[1])
      default: return inputs[0].eq(inputs[1])
      }
    }
  }

  /// The expression computed on tensors.
  private func tensor(with leaves: [String: Tensor]) throws -> Tensor {
    switch kind {
    case .number(let value):
      return Tensor(shape: [1], data: [value])
    case .variable(let name):
      return leaves[name]!
    case .negate(let operand):
      return -(try operand.tensor(with: leaves))
    case .binary(let op, let left, let right):
      let a = try left.tensor(with: leaves)
      let b = try right.tensor(with: leaves)
      if op == "@" {
        return try matrixProduct(a, b)
      }
      try checkBroadcast(a, b, op: String(op))
      switch op {
      case "+": return a + b
      case "-": return a - b
      case "*": return a * b
      default: return a / b
      }
    case .call(let name, let arguments):
      let function = try checkedFunction(name, arguments.count)
      if (name == "sum" || name == "mean") && arguments.count == 2 {
        let input = try arguments[0].tensor(with: leaves)
        guard case .number(let number) = arguments[1].kind, number == number.rounded(),
          number >= 0, Int(number) < input.dims
        else {
          throw arguments[1].error(
            "the dimension of \(name) must be a whole number from 0 to \(input.dims - 1) "
              + "(the input has shape \(input.shape))")
        }
        let dim = Int(number)
        return name == "sum" ? input.sum(dim: dim) : input.mean(dim: dim)
      }
      if name == "transpose" {
        let input = try arguments[0].tensor(with: leaves)
        guard input.dims >= 2 else {
          throw error("transpose needs two dimensions or more, but the shape is \(input.shape)")
        }
        return input.transposed()
      }
      if name == "pow", case .number(let exponent) = arguments[1].kind {
        return try arguments[0].tensor(with: leaves).pow(exponent)
      }
      let inputs = try arguments.map { try $0.tensor(with: leaves) }
      if function.arguments.upperBound == 2 && inputs.count == 2 && name != "matmul" {
        try checkBroadcast(inputs[0], inputs[1], op: name)
      }
      switch name {
      case "log": return inputs[0].log()
      case "exp": return inputs[0].exp()
      case "sigmoid": return inputs[0].sigmoid()
      case "relu": return inputs[0].relu()
      case "lt": return inputs[0].lt(inputs[1])
      case "gt": return inputs[0].gt(inputs[1])
      case "eq": return inputs[0].eq(inputs[1])
      case "sum": return inputs[0].sum()
      case "mean": return inputs[0].mean()
      case "tanh": return inputs[0].tanh()
      case "sqrt": return inputs[0].sqrt()
      case "square": return inputs[0].square()
      case "abs": return inputs[0].abs()
      case "sin": return inputs[0].sin()
      case "cos": return inputs[0].cos()
      case "pow": return inputs[0].pow(inputs[1])
      case "maximum": return inputs[0].maximum(inputs[1])
      default: return try matrixProduct(inputs[0], inputs[1])
      }
    }
  }

  /// `a @ b`, after checking that the shapes fit (two dimensions each, inner sizes equal).
  private func matrixProduct(_ a: Tensor, _ b: Tensor) throws -> Tensor {
    guard a.dims == 2, b.dims == 2, a.shape[1] == b.shape[0] else {
      throw error(
        "the matrix product needs shapes [n, k] and [k, m], but got \(a.shape) and \(b.shape)")
    }
    return a.matmul(b)
  }

  /// Throws at this operation's column when the shapes of `a` and `b` do not broadcast.
  private func checkBroadcast(_ a: Tensor, _ b: Tensor, op: String) throws {
    let dims = Swift.max(a.dims, b.dims)
    let left = Array(repeating: 1, count: dims - a.dims) + a.shape
    let right = Array(repeating: 1, count: dims - b.dims) + b.shape
    for (p, q) in zip(left, right) where p != q && p != 1 && q != 1 {
      throw error(
        "\(op) cannot broadcast shapes \(a.shape) and \(b.shape): sizes \(p) and \(q) differ "
          + "and neither is 1")
    }
  }
}
