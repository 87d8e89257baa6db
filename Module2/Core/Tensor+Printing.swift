extension TensorData: CustomStringConvertible {
  /// The entries as nested lists, as NumPy and minitorch print them, in the form of a Swift
  /// literal: `[[1.0, 2.0], [3.0, 4.0]]` printed one row per line. Large tensors show their first
  /// and last three entries along each dimension, with `...` between.
  public var description: String {
    let entries = values
    let summarise = size > 1000
    let texts = entries.map { "\($0)" }
    let width = texts.map(\.count).max() ?? 0
    func padded(_ text: String) -> String {
      String(repeating: " ", count: width - text.count) + text
    }
    // Prints the block of dimension `dimension` starting at row-major offset `offset`.
    func block(_ dimension: Int, _ offset: Int, indent: Int) -> String {
      let count = shape[dimension]
      let step = shape[(dimension + 1)...].reduce(1, *)
      var shown = Array(0..<count)
      if summarise && count > 6 {
        shown = [0, 1, 2, -1, count - 3, count - 2, count - 1]
      }
      if dimension == dims - 1 {
        let items = shown.map { $0 < 0 ? "..." : padded(texts[offset + $0]) }
        return "[" + items.joined(separator: ", ") + "]"
      }
      let separator =
        ",\n" + String(repeating: "\n", count: dims - dimension - 2)
        + String(repeating: " ", count: indent + 1)
      let items = shown.map {
        $0 < 0 ? "..." : block(dimension + 1, offset + $0 * step, indent: indent + 1)
      }
      return "[" + items.joined(separator: separator) + "]"
    }
    return block(0, 0, indent: 0)
  }
}

extension Tensor: CustomStringConvertible, CustomDebugStringConvertible {
  /// The entries as nested lists (see `TensorData.description`).
  public var description: String { data.description }

  /// Everything a lecturer needs to explain a tensor: its name if it has one, shape, strides,
  /// whether the layout is contiguous, the raw storage it reads, the entries, and how it was
  /// made (`made by Mul of x and w`).
  public var debugDescription: String {
    let named = name.map { "name: \"\($0)\", " } ?? ""
    var lines = [
      "Tensor(\(named)shape: \(shape), strides: \(data.strides), "
        + "contiguous: \(data.isContiguous), backend: \(backend))",
      "storage (\(data.storage.values.count) numbers): \(data.storage.values)",
      "entries:",
      data.description,
    ]
    if let madeBy {
      lines.append(madeBy)
    } else {
      lines.append("leaf, requiresGrad: \(requiresGrad)")
    }
    if let grad {
      lines.append("grad:\n\(grad.data)")
    }
    return lines.joined(separator: "\n")
  }
}
