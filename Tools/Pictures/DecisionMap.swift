import Module1

/// A picture in text of what a binary classifier predicts over the unit square, with the
/// dataset's points on top, for watching a decision boundary form (`minitorch train`).
///
/// Each character stands for the centre of its cell: `▒` where the classifier predicts label 1
/// (probability above 0.5), `·` where it predicts 0. Each point is `x` (label 1) or `o`
/// (label 0), in capitals where the prediction at the point is wrong. x₁ grows to the right and
/// x₂ upwards. The last line is the legend.
///
/// ```
/// +------------------------------------------------+
/// |··········o···········▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒x▒▒▒▒▒▒▒▒▒▒|
/// …
/// +------------------------------------------------+
/// ▒ predicts 1  · predicts 0  x o: points labelled 1, 0  X O: wrong
/// ```
public struct DecisionMap: Sendable {
  /// The points to draw.
  public let dataset: Dataset
  /// Characters across, inside the border.
  public let width: Int
  /// Lines down, inside the border.
  public let height: Int

  /// What the characters mean; the picture's last line.
  public static let legend = "▒ predicts 1  · predicts 0  x o: points labelled 1, 0  X O: wrong"

  /// A map of `width` × `height` cells with `dataset`'s points on top.
  public init(dataset: Dataset, width: Int = 48, height: Int = 20) {
    precondition(
      width > 0 && height > 0, "a decision map needs a positive size, got \(width) × \(height)")
    self.dataset = dataset
    self.width = width
    self.height = height
  }

  /// How many lines `render` returns: the cells, two border lines and the legend.
  public var lineCount: Int { height + 3 }

  /// The picture, given the classifier's probability of label 1 at many points at once (so a
  /// tensor network can answer in one batch): `probabilities` receives the centre of every
  /// cell, row by row from the top, then every point of the dataset, and returns one
  /// probability for each, in the same order.
  public func render(probabilities: ([(Double, Double)]) -> [Double]) -> String {
    var queries: [(Double, Double)] = []
    queries.reserveCapacity(width * height + dataset.count)
    for row in 0..<height {
      for column in 0..<width {
        let x1 = (Double(column) + 0.5) / Double(width)
        let x2 = 1 - (Double(row) + 0.5) / Double(height)
        queries.append((x1, x2))
      }
    }
    queries += dataset.points
    let answers = probabilities(queries)
    precondition(
      answers.count == queries.count,
      "the decision map asked for \(queries.count) probabilities but got \(answers.count)")

    var grid: [[Character]] = (0..<height).map { row in
      (0..<width).map { column in answers[row * width + column] > 0.5 ? "▒" : "·" }
    }
    for (index, (point, label)) in zip(dataset.points, dataset.labels).enumerated() {
      let column = Swift.min(width - 1, Swift.max(0, Int(point.0 * Double(width))))
      let row = Swift.min(height - 1, Swift.max(0, Int((1 - point.1) * Double(height))))
      let right = (answers[width * height + index] > 0.5) == (label == 1)
      grid[row][column] = label == 1 ? (right ? "x" : "X") : (right ? "o" : "O")
    }
    let border = "+" + String(repeating: "-", count: width) + "+"
    let lines = [border] + grid.map { "|" + String($0) + "|" } + [border, Self.legend]
    return lines.joined(separator: "\n")
  }
}
