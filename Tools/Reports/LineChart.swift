import Foundation

/// A chart of one or more per-epoch curves (loss, accuracy) as SVG, drawn large enough to read
/// on a projector: epochs across, the value up, ticks on both axes at round steps (1, 2 or 5 ×
/// 10ᵏ), and a legend giving each curve's last value with its unit.
///
/// The value axis fits the values after the first epochs: a loss that starts many times higher
/// than it ends would otherwise flatten the whole run into the bottom of the chart. The early
/// values above the axis run off its top, and the chart says so (`↑ epoch 1 off the chart: 212`).
public struct LineChart: Sendable {
  /// One curve: a name for the legend and one value per epoch, from epoch 1.
  public struct Series: Sendable {
    /// The name in the legend, such as `"training"`.
    public var name: String
    /// The value of each epoch, from epoch 1; a value that is not finite is left out.
    public var values: [Double]

    /// A curve called `name` through `values`.
    public init(name: String, values: [Double]) {
      self.name = name
      self.values = values
    }
  }

  /// The `id` of the `<svg>`, such as `"loss-curve"`.
  public var id: String
  /// What the values are: `"loss"`, `"accuracy"`.
  public var quantity: String
  /// The unit of the values, such as `"%"`; `nil` for a pure number.
  public var unit: String?
  /// The curves, drawn in order (the first in dark blue, the next in orange, then others).
  public var series: [Series]
  /// A fixed value axis, such as 0...100 for percentages; `nil` to fit the values.
  public var range: ClosedRange<Double>?

  /// A chart `id` of `series`, whose values are a `quantity` in `unit`, over `range` (or an
  /// axis fitted to the values).
  public init(
    id: String, quantity: String, unit: String? = nil, series: [Series],
    range: ClosedRange<Double>? = nil
  ) {
    self.id = id
    self.quantity = quantity
    self.unit = unit
    self.series = series
    self.range = range
  }

  /// How many epochs the longest curve has.
  public var epochs: Int { series.map(\.values.count).max() ?? 0 }

  /// The value axis, and the epochs whose values lie above it (see the type's description).
  public var valueAxis: (axis: ChartAxis, above: [Int]) {
    if let range { return (ChartAxis.fixed(range), []) }
    return ChartAxis.ignoringEarlySpike(series.map(\.values))
  }

  /// The epochs that get a number under the axis: multiples of a round step, and epoch 1 when
  /// the step leaves room for it.
  public var epochTicks: [Int] {
    let n = Swift.max(epochs, 1)
    let step = Swift.max(1, Int(ChartAxis.niceStep(span: Double(n))))
    var ticks = Array(Swift.stride(from: step, through: n, by: step))
    if step >= 5 || ticks.isEmpty {
      ticks.insert(1, at: 0)
    }
    return ticks
  }

  /// The name up the value axis: the quantity, and its unit in parentheses.
  public var axisName: String { quantity + (unit.map { " (\($0))" } ?? "") }

  /// `training: 96.3%`: what the legend says about a curve, its last value with the unit
  /// (percentages to one decimal, other values to three).
  public func legendText(_ curve: Series) -> String {
    let digits = unit == "%" ? 1 : 3
    let last = curve.values.last.map { ": " + HTMLText.number($0, digits: digits) + (unit ?? "") }
    return curve.name + (last ?? "")
  }

  static let left = 120.0
  static let plotWidth = 740.0
  static let topEdge = 80.0
  static let plotHeight = 330.0

  /// The SVG element, with one `<polyline class="curve …">` per curve that has values.
  public func svg() -> String {
    let width = Self.left + Self.plotWidth + 40
    let height = Self.topEdge + Self.plotHeight + 90
    let n = Swift.max(epochs, 1)
    let (axis, above) = valueAxis
    func x(_ epoch: Int) -> Double {
      n == 1
        ? Self.left + Self.plotWidth / 2
        : Self.left + Double(epoch - 1) / Double(n - 1) * Self.plotWidth
    }
    func y(_ value: Double) -> Double {
      let fraction = (value - axis.lower) / (axis.upper - axis.lower)
      return Self.topEdge + (1 - Swift.min(1, Swift.max(0, fraction))) * Self.plotHeight
    }
    var parts: [String] = []
    parts.append(
      "<svg id=\"\(HTMLText.escape(id))\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
        + "viewBox=\"0 0 \(HTMLText.number(width)) \(HTMLText.number(height))\" role=\"img\" "
        + "aria-label=\"\(HTMLText.escape(axisName)) per epoch\">")
    // Grid lines and numbers on the value axis, at the axis's round steps.
    for value in axis.ticks {
      let position = y(value)
      parts.append(
        "<line class=\"grid-line\" x1=\"\(HTMLText.number(Self.left))\" "
          + "x2=\"\(HTMLText.number(Self.left + Self.plotWidth))\" "
          + "y1=\"\(HTMLText.number(position))\" y2=\"\(HTMLText.number(position))\"/>")
      parts.append(
        "<text class=\"tick\" x=\"\(HTMLText.number(Self.left - 12))\" "
          + "y=\"\(HTMLText.number(position + 9))\" text-anchor=\"end\">"
          + "\(HTMLText.number(value, digits: axis.digits))</text>")
    }
    // Epoch numbers, at round steps.
    for epoch in epochTicks {
      parts.append(
        "<text class=\"tick\" x=\"\(HTMLText.number(x(epoch)))\" "
          + "y=\"\(HTMLText.number(Self.topEdge + Self.plotHeight + 36))\" "
          + "text-anchor=\"middle\">\(epoch)</text>")
    }
    parts.append(
      "<text class=\"axis-name\" x=\"\(HTMLText.number(Self.left + Self.plotWidth / 2))\" "
        + "y=\"\(HTMLText.number(Self.topEdge + Self.plotHeight + 78))\" "
        + "text-anchor=\"middle\">epoch</text>")
    parts.append(
      "<text class=\"axis-name\" transform=\"translate(30 "
        + "\(HTMLText.number(Self.topEdge + Self.plotHeight / 2))) rotate(-90)\" "
        + "text-anchor=\"middle\">\(HTMLText.escape(axisName))</text>")
    parts.append(
      "<rect class=\"frame\" x=\"\(HTMLText.number(Self.left))\" "
        + "y=\"\(HTMLText.number(Self.topEdge))\" width=\"\(HTMLText.number(Self.plotWidth))\" "
        + "height=\"\(HTMLText.number(Self.plotHeight))\"/>")
    // The curves, at most about 600 vertices each (every k-th epoch, and always the last).
    for (index, curve) in series.enumerated() {
      let count = curve.values.count
      guard count > 0 else { continue }
      let stride = Swift.max(1, count / 600)
      var epochs = Array(Swift.stride(from: 1, through: count, by: stride))
      if epochs.last != count { epochs.append(count) }
      let vertices = epochs.filter { curve.values[$0 - 1].isFinite }.map {
        "\(HTMLText.number(x($0))),\(HTMLText.number(y(curve.values[$0 - 1])))"
      }
      parts.append(
        "<polyline class=\"curve series\(index)\" data-name=\"\(HTMLText.escape(curve.name))\" "
          + "points=\"\(vertices.joined(separator: " "))\"/>")
      if let last = curve.values.last, last.isFinite {
        parts.append(
          "<circle class=\"curve-end series\(index)\" cx=\"\(HTMLText.number(x(count)))\" "
            + "cy=\"\(HTMLText.number(y(last)))\" r=\"7\"/>")
      }
    }
    // Early values above the axis: where they run off the top, the chart says which and how
    // high.
    if let first = above.first, let last = above.last {
      let highest = series.flatMap { $0.values.prefix(last) }.filter(\.isFinite).max() ?? 0
      let epochs = first == last ? "epoch \(first)" : "epochs \(first)–\(last)"
      parts.append(
        "<text class=\"off-chart\" x=\"\(HTMLText.number(x(last) + 14))\" "
          + "y=\"\(HTMLText.number(Self.topEdge + 30))\">↑ \(epochs) off the chart: up to "
          + "\(HTMLText.number(highest, digits: 3))\(HTMLText.escape(unit ?? ""))</text>")
    }
    // The legend, above the frame from the left, with each curve's last value and its unit.
    var legendX = Self.left
    for (index, curve) in series.enumerated() {
      let text = legendText(curve)
      parts.append(
        "<line class=\"legend-line series\(index)\" x1=\"\(HTMLText.number(legendX))\" "
          + "x2=\"\(HTMLText.number(legendX + 50))\" y1=\"36\" y2=\"36\"/>")
      parts.append(
        "<text class=\"legend\" x=\"\(HTMLText.number(legendX + 62))\" y=\"45\">"
          + "\(HTMLText.escape(text))</text>")
      legendX += 62 + 16 * Double(text.count) + 40
    }
    parts.append("</svg>")
    return parts.joined(separator: "\n")
  }
}
