import Module1

/// A picture in text of what a classifier predicts over the unit square, with the dataset's
/// points on top: `·` where it predicts 0, `▒` where it predicts 1, and each point as `o`
/// (label 0) or `x` (label 1), in capitals where the prediction there is wrong.
struct DecisionMap {
  /// The points to draw.
  let dataset: Dataset
  /// The classifier's probability of label 1 at (x₁, x₂).
  let predict: (Double, Double) -> Double
  /// Characters across.
  var width = 48
  /// Lines down.
  var height = 20

  /// The picture, x₁ growing to the right and x₂ growing upwards.
  func render() -> String {
    var grid: [[Character]] = (0..<height).map { row in
      (0..<width).map { column in
        let x1 = (Double(column) + 0.5) / Double(width)
        let x2 = 1 - (Double(row) + 0.5) / Double(height)
        return predict(x1, x2) > 0.5 ? "▒" : "·"
      }
    }
    for (point, label) in zip(dataset.points, dataset.labels) {
      let column = Swift.min(width - 1, Swift.max(0, Int(point.0 * Double(width))))
      let row = Swift.min(height - 1, Swift.max(0, Int((1 - point.1) * Double(height))))
      let right = (predict(point.0, point.1) > 0.5) == (label == 1)
      grid[row][column] = label == 1 ? (right ? "x" : "X") : (right ? "o" : "O")
    }
    let border = "+" + String(repeating: "-", count: width) + "+"
    return ([border] + grid.map { "|" + String($0) + "|" } + [border]).joined(separator: "\n")
  }
}
