// How a `Tensor` shows in pictures of its graph (`ComputationGraph`) and in backpropagation
// tables (`BackpropagationTrace`): its shape and a few entries, `[2, 2] [[1, 2], [3, 4]]`, and
// the function that made it with its settings, `Sum(dim: 0)`.

extension Tensor: GraphNode {
  /// The shape and a few entries in one line (see `TensorData.summary`).
  public var valueSummary: String { data.summary() }

  /// The entries of a tensor of up to four (`[1, 2]`, or `2` for one), else `tensor[2, 3]`.
  public var formulaValue: String {
    guard size <= 4 else { return "tensor\(shape)" }
    return size == 1 ? shortNumber(data.values[0]) : data.nestedText
  }

  /// The gradient kept on this tensor, summarised; `nil` when it has none.
  public var gradientSummary: String? { grad?.data.summary() }

  /// Ones of this tensor's shape, as `backward()` starts from.
  public var backwardSeed: Tensor { Tensor.ones(shape, backend: backend) }

  /// A gradient summarised like a value.
  public static func summary(of derivative: Tensor) -> String { derivative.data.summary() }

  /// The function's type name with the settings it carries (`Sum(dim: 0)`,
  /// `Permute(order: [1, 0])`), its notation (`x · y`, `a @ b`, `sum(x)`) and its inputs' names
  /// (`a`, `b`; `base`, `exponent`). A comparison reads as its operator, `x < y`, as a scalar
  /// one does.
  public static func operation(of function: any DifferentiableFunction<Tensor>) -> GraphOperation {
    let typeName = String(describing: type(of: function))
    if let compare = function as? Compare {
      return GraphOperation(
        name: "Compare(.\(compare.comparison))", notation: .infix(compare.symbol),
        inputNames: compare.inputNames)
    }
    if typeName == "MatMul" {
      return GraphOperation(name: typeName, notation: .infix("@"), inputNames: function.inputNames)
    }
    let settings = Mirror(reflecting: function).children.compactMap { child -> String? in
      guard let label = child.label, let text = settingText(child.value) else { return nil }
      return "\(label): \(text)"
    }
    return .standard(
      typeName: typeName,
      settings: settings.isEmpty ? "" : "(" + settings.joined(separator: ", ") + ")",
      inputNames: function.inputNames)
  }

  /// A function's setting as text when it is a number, a flag or a list of whole numbers (an
  /// optional one only when present); `nil` for anything else.
  private static func settingText(_ value: Any) -> String? {
    let mirror = Mirror(reflecting: value)
    if mirror.displayStyle == .optional {
      return mirror.children.first.flatMap { settingText($0.value) }
    }
    switch value {
    case let number as Int: return "\(number)"
    case let number as Double: return shortNumber(number)
    case let flag as Bool: return "\(flag)"
    case let numbers as [Int]: return "\(numbers)"
    default: return nil
    }
  }
}

extension Tensor.Compare {
  /// How a formula writes the comparison: `<`, `==` or `≈` (is close).
  var symbol: String {
    switch comparison.kind {
    case .lt: "<"
    case .eq: "=="
    case .isClose: "≈"
    default: comparison.name
    }
  }
}

extension TensorData {
  /// The shape and the entries in one line, for pictures and tables: `[2, 2] [[1, 2], [3, 4]]`
  /// when there are at most `limit` entries, else the first and last few in row-major order,
  /// `[3, 4] 1, 2, 3, 4, …, 11, 12`. Numbers are short (`shortNumber`).
  public func summary(limit: Int = 8) -> String {
    guard size > limit else { return "\(shape) \(nestedText)" }
    let entries = values
    let first = entries.prefix(4).map(shortNumber)
    let last = entries.suffix(2).map(shortNumber)
    return "\(shape) " + (first + ["…"] + last).joined(separator: ", ")
  }

  /// Every entry as nested lists with short numbers: `[[1, 2], [3, 4]]`.
  var nestedText: String {
    let entries = values.map(shortNumber)
    func block(_ dimension: Int, _ start: Int) -> String {
      let step = shape[(dimension + 1)...].reduce(1, *)
      let items = (0..<shape[dimension]).map { i in
        dimension == dims - 1 ? entries[start + i] : block(dimension + 1, start + i * step)
      }
      return "[" + items.joined(separator: ", ") + "]"
    }
    return block(0, 0)
  }
}
