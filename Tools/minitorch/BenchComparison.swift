import Foundation

// `minitorch bench --compare OLD.json`: each figure of this run beside the same figure of an
// earlier run (a file written by `--json` or `--save`), as the ratio of their median times, so
// that a regression stands out at a glance.

/// One figure of this run against the same figure of an earlier one.
struct FigureComparison: Codable, Equatable {
  /// What was measured (`Figure.name`).
  let figure: String
  /// The earlier run's median, in seconds.
  let earlier: Double
  /// This run's median, in seconds.
  let now: Double
  /// `now / earlier`: above 1 is slower, below 1 faster.
  let ratio: Double
  /// `slower`, `faster` or `same`: whether the change is larger than the runs' own spread
  /// (and at least 5%).
  let verdict: String

  /// The comparison of `now` with `earlier`, judged against the spread of both.
  init(figure: String, earlier: Timing, now: Timing) {
    self.figure = figure
    self.earlier = earlier.median
    self.now = now.median
    ratio = now.median / earlier.median
    let noise = Swift.max(0.05, earlier.spread, now.spread)
    verdict = ratio > 1 + noise ? "slower" : ratio < 1 / (1 + noise) ? "faster" : "same"
  }
}

extension BenchReport {
  /// Reads the results of an earlier run from `file`; throws a `UsageError` naming the file
  /// when it cannot be read or is not such a file.
  static func read(_ file: URL, option: String) throws(UsageError) -> BenchReport {
    let data: Data
    do {
      data = try Data(contentsOf: file)
    } catch {
      throw UsageError("\(option) \(file.path): cannot read it (\(error.localizedDescription))")
    }
    do {
      return try JSONDecoder().decode(BenchReport.self, from: data)
    } catch {
      throw UsageError(
        "\(option) \(file.path): not the results of minitorch bench --json or --save "
          + "(\(error))")
    }
  }

  /// Every figure of this run that `earlier` measured too, compared.
  func compared(with earlier: BenchReport) -> [FigureComparison] {
    let before = Dictionary(
      earlier.figures.map { ($0.name, $0.seconds) }, uniquingKeysWith: { first, _ in first })
    return figures.compactMap { figure in
      before[figure.name].map {
        FigureComparison(figure: figure.name, earlier: $0, now: figure.seconds)
      }
    }
  }

  /// The comparison as text: what the earlier run was, any difference of machine or build,
  /// then one line per figure with both times and their ratio.
  func comparisonTable(with earlier: BenchReport) -> String {
    let rows = compared(with: earlier)
    let commit = earlier.commit.map { ", commit \($0.short)" } ?? ""
    var lines = [
      "",
      "Compared with the earlier run (\(earlier.date ?? "date unknown")\(commit)): "
        + "median times, and now / earlier (above 1: slower)",
    ]
    let differences = machine.differences(from: earlier.machine)
    if !differences.isEmpty {
      lines.append(
        "Note: not the same machine or build (" + differences.joined(separator: "; ")
          + "), so the ratios measure more than the code.")
    }
    guard !rows.isEmpty else {
      lines.append("  The two runs have no figure in common (compare runs of the same --parts).")
      return lines.joined(separator: "\n")
    }
    let width = rows.map(\.figure.count).max() ?? 0
    for row in rows {
      let marker =
        row.verdict == "slower" ? "  ◀ slower" : row.verdict == "faster" ? "  faster" : ""
      lines.append(
        "  " + row.figure.padding(toLength: width, withPad: " ", startingAt: 0)
          + "  " + duration(row.earlier).leftPadded(to: 10) + " → "
          + duration(row.now).leftPadded(to: 10) + "  "
          + (format(row.ratio, digits: 2) + "×").leftPadded(to: 7) + marker)
    }
    let slower = rows.filter { $0.verdict == "slower" }.count
    let faster = rows.filter { $0.verdict == "faster" }.count
    lines.append(
      "\(counted(slower, "figure")) slower and \(faster) faster than the earlier run beyond "
        + "the spread of the runs (at least 5%); \(rows.count - slower - faster) the same.")
    return lines.joined(separator: "\n")
  }

  /// `12.3 ms`, `845 µs`, `1.52 s`.
  private func duration(_ seconds: Double) -> String {
    if seconds >= 1 { return format(seconds, digits: 2) + " s" }
    if seconds >= 1e-3 { return format(seconds * 1e3, digits: seconds >= 0.1 ? 0 : 2) + " ms" }
    return format(seconds * 1e6, digits: 1) + " µs"
  }
}

extension String {
  /// The string with spaces in front, to `width` characters.
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: " ", count: Swift.max(0, width - count)) + self
  }
}
