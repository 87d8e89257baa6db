import Foundation

/// The numbers along one axis of a chart: a range from `lower` to `upper` and ticks every
/// `step`, where the step is 1, 2 or 5 times a power of ten, so a reader adds up ticks at a
/// glance (0, 20, 40 … rather than 0, 12.5, 25, 37.5).
public struct ChartAxis: Sendable, Equatable {
  /// The bottom of the axis, a multiple of `step`.
  public let lower: Double
  /// The top of the axis, a multiple of `step`.
  public let upper: Double
  /// The distance between ticks: 1, 2 or 5 × 10ᵏ.
  public let step: Double

  /// An axis from `lower` to `upper` with ticks every `step`.
  public init(lower: Double, upper: Double, step: Double) {
    precondition(lower < upper && step > 0, "ChartAxis: needs lower < upper and a positive step")
    self.lower = lower
    self.upper = upper
    self.step = step
  }

  /// The values of the ticks, from `lower` to `upper`.
  public var ticks: [Double] {
    let count = Int(((upper - lower) / step).rounded())
    return (0...count).map { lower + Double($0) * step }
  }

  /// Digits after the decimal point that the tick labels need (0 for a step of 1 or more).
  public var digits: Int {
    Swift.max(0, Int(-floor(log10(step) + 1e-9)))
  }

  /// The smallest of 1, 2, 5 × 10ᵏ that cuts `span` into at most `intervals` pieces.
  public static func niceStep(span: Double, intervals: Int = 5) -> Double {
    guard span > 0, span.isFinite else { return 1 }
    let raw = span / Double(intervals)
    let power = pow(10, floor(log10(raw)))
    for factor in [1.0, 2, 5, 10] where factor * power >= raw * (1 - 1e-12) {
      return factor * power
    }
    return 10 * power
  }

  /// The axis from `lower` (or below it, when a value is) up to the largest of `values`, both
  /// ends on a tick; from 0 to 1 when there is no finite value.
  public static func fitting(_ values: [Double], from lower: Double = 0) -> ChartAxis {
    let finite = values.filter(\.isFinite)
    let low = Swift.min(lower, finite.min() ?? lower)
    let high = Swift.max(low, finite.max() ?? low)
    guard high > low else { return fixed(low...(low + 1)) }
    let step = niceStep(span: high - low)
    let bottom = (low / step).rounded(.down) * step
    var top = (high / step).rounded(.up) * step
    if top <= bottom { top = bottom + step }
    return ChartAxis(lower: bottom, upper: top, step: step)
  }

  /// The axis over exactly `range` (0...100 for percentages), with ticks of the largest round
  /// step (1, 2 or 5 × 10ᵏ, at most five intervals) that divides it.
  public static func fixed(_ range: ClosedRange<Double>) -> ChartAxis {
    let span = range.upperBound - range.lowerBound
    precondition(span > 0 && span.isFinite, "ChartAxis: an empty or infinite range")
    var step = niceStep(span: span)
    while step > span / 1000 {
      let intervals = span / step
      if abs(intervals - intervals.rounded()) < 1e-9 * intervals {
        return ChartAxis(lower: range.lowerBound, upper: range.upperBound, step: step)
      }
      // Down the ladder: 5 → 2 → 1 → 0.5 (times the same power of ten).
      let power = pow(10, floor(log10(step) + 1e-9))
      let mantissa = (step / power).rounded()
      step = mantissa == 5 ? 2 * power : mantissa == 2 ? power : power / 2
    }
    return ChartAxis(lower: range.lowerBound, upper: range.upperBound, step: span)
  }

  /// Where the curves' values should put the axis, so that a few large values at the start
  /// (the first epochs' loss, often many times the rest) do not flatten everything after
  /// them: the axis fits the values after the first tenth of the epochs (at least the first
  /// epoch), unless the early values are at most 1.5 times as high. Returns the axis and the
  /// epochs (from 1) whose values lie above it.
  public static func ignoringEarlySpike(_ series: [[Double]], from lower: Double = 0) -> (
    axis: ChartAxis, above: [Int]
  ) {
    let all = series.flatMap { $0 }
    let longest = series.map(\.count).max() ?? 0
    let early = Swift.max(1, Int((Double(longest) / 10).rounded(.up)))
    let rest = series.flatMap { $0.dropFirst(early) }.filter(\.isFinite)
    guard longest >= 5, let restTop = rest.max(),
      let top = all.filter(\.isFinite).max(), top > 1.5 * Swift.max(restTop, lower)
    else {
      return (fitting(all, from: lower), [])
    }
    let axis = fitting(rest, from: lower)
    let above = (1...longest).filter { epoch in
      series.contains { epoch <= $0.count && $0[epoch - 1].isFinite && $0[epoch - 1] > axis.upper }
    }
    return (axis, above)
  }
}
