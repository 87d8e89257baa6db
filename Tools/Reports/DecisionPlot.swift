/// The picture of a binary classifier on a dataset of the unit square, as SVG: the square
/// shaded by the classifier's probability of label 1 (orange for 1, blue for 0, stronger where
/// it is surer), the decision boundary as a thick black line, and the dataset's points on top,
/// coloured by their label, with a black ring where the classifier gets them wrong.
public struct DecisionPlot: Sendable {
  /// The dataset's points.
  public var points: [Point]
  /// The label of each point: 0 or 1.
  public var labels: [Int]
  /// The classifier's probability of label 1 at each point.
  public var probabilities: [Double]
  /// The classifier's probabilities on a grid, for the shading.
  public var grid: ProbabilityGrid
  /// The decision boundary, in the data's coordinates.
  public var boundary: [Segment]

  /// A plot of `points` labelled `labels`, where the classifier gives `probabilities` at the
  /// points and `grid` over the square; `boundary` is the line to draw (`grid.boundary` for a
  /// network, the exact line for a linear classifier).
  public init(
    points: [Point], labels: [Int], probabilities: [Double], grid: ProbabilityGrid,
    boundary: [Segment]
  ) {
    precondition(
      points.count == labels.count && points.count == probabilities.count,
      "DecisionPlot: \(points.count) points, \(labels.count) labels and "
        + "\(probabilities.count) probabilities; they must match")
    self.points = points
    self.labels = labels
    self.probabilities = probabilities
    self.grid = grid
    self.boundary = boundary
  }

  /// How many points the classifier gets right (probability above ½ for label 1, not above
  /// for label 0).
  public var correct: Int {
    zip(labels, probabilities).filter { ($0.1 > 0.5) == ($0.0 == 1) }.count
  }

  /// The side of the square in the picture's units.
  static let side = 600.0
  /// The space left of and below the square, for the axes' numbers and names.
  static let margin = 110.0

  /// The picture's x coordinate of x₁.
  static func across(_ x1: Double) -> Double { margin + x1 * side }
  /// The picture's y coordinate of x₂ (which grows upwards).
  static func down(_ x2: Double) -> Double { 20 + (1 - x2) * side }

  /// The path (SVG `d`) of `segments`: one move and one line per segment.
  public static func path(_ segments: [Segment]) -> String {
    segments.map {
      "M\(HTMLText.number(across($0.start.x))) \(HTMLText.number(down($0.start.y)))"
        + " L\(HTMLText.number(across($0.end.x))) \(HTMLText.number(down($0.end.y)))"
    }.joined(separator: " ")
  }

  /// The SVG element, with `id` on the `<svg>`. Cells, points and the boundary carry classes
  /// (`cell`, `point`, `boundary`) and their coordinates as `data-x1`/`data-x2`, so the page's
  /// script can redraw them.
  public func svg(id: String = "decision-plot") -> String {
    let width = Self.margin + Self.side + 20
    let height = 20 + Self.side + Self.margin
    var parts: [String] = []
    parts.append(
      "<svg id=\"\(HTMLText.escape(id))\" class=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" "
        + "viewBox=\"0 0 \(HTMLText.number(width)) \(HTMLText.number(height))\" role=\"img\" "
        + "data-columns=\"\(grid.columns)\" data-rows=\"\(grid.rows)\" "
        + "data-margin=\"\(HTMLText.number(Self.margin))\" data-side=\"\(HTMLText.number(Self.side))\" "
        + "data-top=\"20\" "
        + "aria-label=\"dataset and decision boundary\">")
    // The shading: one cell per grid sample.
    let cellWidth = Self.side / Double(grid.columns)
    let cellHeight = Self.side / Double(grid.rows)
    parts.append("<g class=\"cells\">")
    for row in 0..<grid.rows {
      for column in 0..<grid.columns {
        let p = grid.value(row: row, column: column)
        let centre = grid.point(row: row, column: column)
        parts.append(
          "<rect class=\"cell \(p > 0.5 ? "p1" : "p0")\" "
            + "x=\"\(HTMLText.number(Self.margin + Double(column) * cellWidth))\" "
            + "y=\"\(HTMLText.number(20 + Double(row) * cellHeight))\" "
            + "width=\"\(HTMLText.number(cellWidth + 0.5))\" "
            + "height=\"\(HTMLText.number(cellHeight + 0.5))\" "
            + "fill-opacity=\"\(HTMLText.number(Self.opacity(p), digits: 3))\" "
            + "data-p=\"\(HTMLText.number(p, digits: 3))\" "
            + "data-x1=\"\(HTMLText.number(centre.x, digits: 4))\" "
            + "data-x2=\"\(HTMLText.number(centre.y, digits: 4))\"/>")
      }
    }
    parts.append("</g>")
    // The frame, the axes' numbers and names.
    parts.append(
      "<rect class=\"frame\" x=\"\(HTMLText.number(Self.margin))\" y=\"20\" "
        + "width=\"\(HTMLText.number(Self.side))\" height=\"\(HTMLText.number(Self.side))\"/>")
    for tick in [0.0, 0.5, 1.0] {
      parts.append(
        "<text class=\"tick\" x=\"\(HTMLText.number(Self.across(tick)))\" "
          + "y=\"\(HTMLText.number(20 + Self.side + 36))\" text-anchor=\"middle\">"
          + "\(HTMLText.number(tick))</text>")
      parts.append(
        "<text class=\"tick\" x=\"\(HTMLText.number(Self.margin - 12))\" "
          + "y=\"\(HTMLText.number(Self.down(tick) + 9))\" text-anchor=\"end\">"
          + "\(HTMLText.number(tick))</text>")
    }
    parts.append(
      "<text class=\"axis-name\" x=\"\(HTMLText.number(Self.across(0.5)))\" "
        + "y=\"\(HTMLText.number(20 + Self.side + 78))\" text-anchor=\"middle\">x₁</text>")
    parts.append(
      "<text class=\"axis-name\" x=\"22\" y=\"\(HTMLText.number(Self.down(0.5) + 9))\" "
        + "text-anchor=\"middle\">x₂</text>")
    // The boundary, then the points on top.
    parts.append("<path class=\"boundary\" d=\"\(Self.path(boundary))\"/>")
    parts.append("<g class=\"points\">")
    for (index, point) in points.enumerated() {
      let label = labels[index]
      let right = (probabilities[index] > 0.5) == (label == 1)
      parts.append(
        "<circle class=\"point label\(label) \(right ? "right" : "wrong")\" "
          + "cx=\"\(HTMLText.number(Self.across(point.x)))\" "
          + "cy=\"\(HTMLText.number(Self.down(point.y)))\" r=\"\(right ? 10 : 12)\" "
          + "data-x1=\"\(HTMLText.number(point.x, digits: 6))\" "
          + "data-x2=\"\(HTMLText.number(point.y, digits: 6))\" data-label=\"\(label)\">"
          + "<title>x₁ \(HTMLText.number(point.x)), x₂ \(HTMLText.number(point.y)): label "
          + "\(label), P(label 1) = \(HTMLText.number(probabilities[index]))</title></circle>")
    }
    parts.append("</g>")
    parts.append("</svg>")
    return parts.joined(separator: "\n")
  }

  /// How strongly a cell with probability `p` is shaded: faint near ½, full near 0 or 1.
  public static func opacity(_ p: Double) -> Double {
    0.25 + 0.75 * Swift.min(1, abs(2 * p - 1))
  }
}
