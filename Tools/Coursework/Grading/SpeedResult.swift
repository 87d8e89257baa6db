/// How a task's speed measurement went (`SpeedSetting`): the submission's speed as a ratio to
/// the reference's, built and timed on the same machine in the same run, or why it was not
/// measured.
public struct SpeedResult: Sendable, Equatable {
  /// What was timed.
  public var measure: SpeedSetting.Measure
  /// The submission's speed over the reference's (1: as fast; 0.5: half as fast); `nil` when it
  /// was not measured.
  public var ratio: Double?
  /// The numbers behind the ratio, or why there is none, in words.
  public var detail: String
  /// Whether the measurement was left out on purpose (`--skip-benchmark`), rather than failing.
  public var wasSkipped: Bool

  /// A measurement: `ratio`, explained by `detail`.
  public init(measure: SpeedSetting.Measure, ratio: Double, detail: String) {
    self.measure = measure
    self.ratio = ratio
    self.detail = detail
    self.wasSkipped = false
  }

  /// No measurement, for `reason`; `skipped` when it was left out on purpose.
  public init(measure: SpeedSetting.Measure, notMeasured reason: String, skipped: Bool = false) {
    self.measure = measure
    self.ratio = nil
    self.detail = reason
    self.wasSkipped = skipped
  }

  /// Whether the ratio reaches `threshold`.
  public func reaches(_ threshold: Double) -> Bool {
    ratio.map { $0 >= threshold } ?? false
  }

  /// The ratio as the report shows it: "0.91×".
  public static func format(ratio: Double) -> String {
    Report.number(ratio) + "×"
  }

  /// The line a task's output ends with.
  func line(for setting: SpeedSetting, earned: Double) -> String {
    var text = "Speed (\(measure.title)): "
    if let ratio {
      text += "\(Self.format(ratio: ratio)) the reference's (\(detail))"
    } else {
      text += "not measured: \(detail)"
    }
    if let threshold = setting.threshold, setting.speedPoints > 0 {
      text +=
        "; \(Report.number(earned)) of \(Report.number(setting.speedPoints)) speed points, "
        + "earned at \(Self.format(ratio: threshold)) or faster when every test passes"
    }
    return text + "."
  }
}
