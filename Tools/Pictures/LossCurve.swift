import Foundation

/// A picture in text of how the loss fell during training: one column of bars per group of
/// epochs, on a linear scale from 0 to the highest column, so the history of a run stays on
/// screen after it ends (`minitorch train`).
///
/// ```
/// loss per epoch: 34.3 at epoch 1 → 0.139 at epoch 500
///   34.3 ┤█
///        ┤█▆
///        ┤███▄▂▁
///        ┤███████▇▇▇▆▆▆▅▅▅▄▄▄▃▃▃▂▂▂▂▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁
///      0 └─────────────────────────────────────────
///         epoch 1                               500
/// ```
///
/// When there are more epochs than columns, each column shows the mean loss of its group of
/// epochs. Each line is eight steps of a bar (`▁` … `█`), so the picture resolves
/// 8 · `height` levels.
public struct LossCurve: Sendable {
  /// The loss of each epoch, from epoch 1.
  public let losses: [Double]
  /// Columns at most (fewer when there are fewer epochs).
  public let width: Int
  /// Lines of bars.
  public let height: Int

  /// A curve of `losses` (one per epoch, all finite and not negative) at most `width` columns
  /// wide and `height` lines tall.
  public init(losses: [Double], width: Int = 60, height: Int = 6) {
    precondition(
      width > 0 && height > 0, "a loss curve needs a positive size, got \(width) × \(height)")
    precondition(
      losses.allSatisfy { $0.isFinite && $0 >= 0 },
      "a loss curve needs finite losses that are not negative")
    self.losses = losses
    self.width = width
    self.height = height
  }

  /// The value each column shows: the mean loss of its group of consecutive epochs.
  public var columns: [Double] {
    let count = Swift.min(width, losses.count)
    return (0..<count).map { column in
      let group = losses[(column * losses.count / count)..<((column + 1) * losses.count / count)]
      return group.reduce(0, +) / Double(group.count)
    }
  }

  /// The picture: a caption with the first and last loss, the bars with the scale on the left,
  /// and the epochs along the bottom. An empty history gives a single line saying so.
  public func render() -> String {
    guard let first = losses.first, let last = losses.last else {
      return "loss per epoch: no epochs yet"
    }
    let values = columns
    let top = values.max() ?? 0
    let topLabel = Self.threeDigits(top)
    let margin = topLabel.count + 1
    let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    // Each column's height in eighths of a line; anything above 0 shows at least one eighth.
    let eighths = values.map { value -> Int in
      guard top > 0, value > 0 else { return 0 }
      return Swift.max(1, Int((value / top * Double(8 * height)).rounded()))
    }
    var lines = [
      "loss per epoch: \(Self.threeDigits(first)) at epoch 1 → \(Self.threeDigits(last)) at epoch "
        + "\(losses.count)"
    ]
    for line in (0..<height).reversed() {
      let label = line == height - 1 ? topLabel : ""
      let bars = eighths.map { blocks[Swift.min(8, Swift.max(0, $0 - 8 * line))] }
      lines.append(Self.padLeft(label, margin) + " ┤" + String(bars))
    }
    lines.append(Self.padLeft("0", margin) + " └" + String(repeating: "─", count: values.count))
    let start = "epoch 1"
    let end = losses.count > 1 ? String(losses.count) : ""
    let gap = Swift.max(1, values.count - start.count - end.count)
    lines.append(
      String(repeating: " ", count: margin + 2) + start + String(repeating: " ", count: gap) + end)
    return lines.map { line in String(line.reversed().drop { $0 == " " }.reversed()) }
      .joined(separator: "\n")
  }

  private static func padLeft(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: Swift.max(0, width - text.count)) + text
  }
}

extension LossCurve {
  /// `x` with three significant digits, as the curve's labels show it.
  fileprivate static func threeDigits(_ x: Double) -> String {
    String(format: "%.3g", x)
  }
}
