import Foundation

/// A chart of one or more per-epoch curves (loss, accuracy) as SVG, drawn large enough to read
/// on a projector: epochs across, the value up from 0, a few round numbers on each axis, and a
/// legend naming each curve.
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
  /// What the values are, written up the left side: `"loss"`, `"accuracy (%)"`.
  public var valueName: String
  /// The curves, drawn in order (the first in dark blue, the next in orange, then others).
  public var series: [Series]
  /// The top of the value axis: `nil` to fit the largest value (rounded up to a round number),
  /// or a fixed top such as 100 for percentages.
  public var top: Double?

  /// A chart `id` of `series` with values called `valueName`, from 0 up to `top` (or the
  /// largest value, rounded up).
  public init(id: String, valueName: String, series: [Series], top: Double? = nil) {
    self.id = id
    self.valueName = valueName
    self.series = series
    self.top = top
  }

  /// How many epochs the longest curve has.
  public var epochs: Int { series.map(\.values.count).max() ?? 0 }

  /// The top of the value axis: `top`, or the smallest round number (1, 2, 2.5 or 5 times a
  /// power of ten) at or above every finite value; 1 when there is none above 0.
  public var axisTop: Double {
    if let top { return top }
    let largest = series.flatMap(\.values).filter(\.isFinite).max() ?? 0
    return Self.roundUp(largest)
  }

  /// The smallest of 1, 2, 2.5, 5 times a power of ten that is at least `x`; 1 for `x` ≤ 0.
  public static func roundUp(_ x: Double) -> Double {
    guard x > 0, x.isFinite else { return 1 }
    let power = pow(10, floor(log10(x)))
    for step in [1.0, 2, 2.5, 5, 10] where step * power >= x * (1 - 1e-12) {
      return step * power
    }
    return 10 * power
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
    let yTop = axisTop
    func x(_ epoch: Int) -> Double {
      n == 1
        ? Self.left + Self.plotWidth / 2
        : Self.left + Double(epoch - 1) / Double(n - 1) * Self.plotWidth
    }
    func y(_ value: Double) -> Double {
      Self.topEdge + (1 - Swift.min(1, Swift.max(0, value / yTop))) * Self.plotHeight
    }
    var parts: [String] = []
    parts.append(
      "<svg id=\"\(HTMLText.escape(id))\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
        + "viewBox=\"0 0 \(HTMLText.number(width)) \(HTMLText.number(height))\" role=\"img\" "
        + "aria-label=\"\(HTMLText.escape(valueName)) per epoch\">")
    // Grid lines and numbers on the value axis: five steps from 0 to the top.
    for step in 0...4 {
      let value = yTop * Double(step) / 4
      let position = y(value)
      parts.append(
        "<line class=\"grid-line\" x1=\"\(HTMLText.number(Self.left))\" "
          + "x2=\"\(HTMLText.number(Self.left + Self.plotWidth))\" "
          + "y1=\"\(HTMLText.number(position))\" y2=\"\(HTMLText.number(position))\"/>")
      parts.append(
        "<text class=\"tick\" x=\"\(HTMLText.number(Self.left - 12))\" "
          + "y=\"\(HTMLText.number(position + 9))\" text-anchor=\"end\">"
          + "\(HTMLText.number(value, digits: 3))</text>")
    }
    // Epoch numbers: the first, the middle and the last.
    for epoch in Set([1, (n + 1) / 2, n]).sorted() {
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
        + "text-anchor=\"middle\">\(HTMLText.escape(valueName))</text>")
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
    // The legend, above the frame from the left, with each curve's last value.
    var legendX = Self.left
    for (index, curve) in series.enumerated() {
      // Percentages (a top of 100) to one decimal, other values to three.
      let digits = top == 100 ? 1 : 3
      let last = curve.values.last.map { ": " + HTMLText.number($0, digits: digits) } ?? ""
      let text = curve.name + last
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
