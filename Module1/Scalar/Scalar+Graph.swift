// How a `Scalar` shows in pictures of its graph, in backpropagation tables and when printed
// with `debugDescription`: `Scalar(12.0, made by Add of x · y and x · x)`.

extension Scalar: GraphNode {
  /// The number, in a few characters (`12`, `0.7311`).
  public var valueSummary: String { shortNumber(data) }

  /// The number, as an unnamed leaf reads in a formula (`2·x`).
  public var formulaValue: String { shortNumber(data) }

  /// The derivative kept on this scalar, in a few characters; `nil` when it has none.
  public var gradientSummary: String? { derivative.map(shortNumber) }

  /// 1: `backward()` starts from ∂out/∂out.
  public var backwardSeed: Double { 1 }

  /// The derivative in a few characters.
  public static func summary(of derivative: Double) -> String { shortNumber(derivative) }

  /// The function's type name (`Add`), its notation (`+`) and its inputs' names (`a`, `b`); a
  /// comparison reads as its operator (`x < y`).
  public static func operation(of function: any DifferentiableFunction<Double>) -> GraphOperation {
    if let compare = function as? Compare {
      return GraphOperation(
        name: "Compare(.\(compare.comparison))", notation: .infix(compare.comparison.rawValue),
        inputNames: compare.inputNames)
    }
    return .standard(
      typeName: String(describing: type(of: function)), inputNames: function.inputNames)
  }
}

extension Scalar: CustomDebugStringConvertible {
  /// The value with its name and how it was made, short enough for a list:
  /// `Scalar(2.0, leaf x)`, `Scalar(2.5, constant)`, `Scalar(12.0, made by Add of x · y and x · x)`,
  /// and after `backward()` the derivative it kept: `Scalar(2.0, leaf x, derivative 8.0)`.
  public var debugDescription: String {
    var parts = ["\(data)"]
    if let madeBy {
      parts.append(name.map { "\($0), \(madeBy)" } ?? madeBy)
    } else {
      let kind = isConstant ? "constant" : "leaf"
      parts.append(name.map { "\(kind) \($0)" } ?? kind)
    }
    if let derivative {
      parts.append("derivative \(derivative)")
    }
    return "Scalar(" + parts.joined(separator: ", ") + ")"
  }
}
