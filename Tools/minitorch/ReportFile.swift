import Foundation
import Module1
import Reports

/// Writing `minitorch train --report FILE`: the pictures of a toy dataset for the `Reports`
/// library, and the file itself.
enum ReportFile {
  /// Samples across and down the square for the shading and the traced boundary.
  static let gridSide = 40

  /// Writes `report` to `file` and says where it is; returns 0, or 1 when it had to go
  /// elsewhere (the message says where). Throws only when it could be written nowhere.
  static func write(_ report: TrainingReport, to file: OutputFile) -> Int32 {
    do {
      let written = try file.write(Data(report.html().utf8))
      guard written.problem == nil else {
        printError("minitorch train: " + written.note("the report", asked: file))
        return 1
      }
      print("Report: \(written.url.path) (open it in a browser; it needs no network)")
      return 0
    } catch {
      printError("minitorch train: \(error)")
      return 1
    }
  }

  /// The loss and accuracy charts of a run: one curve per `(name, losses, accuracies)`, the
  /// accuracies in percent; `loss` says which loss it is.
  static func curves(loss: String, _ runs: [(String, [Double], [Double])]) -> [(
    title: String, chart: LineChart
  )] {
    [
      (
        "Loss per epoch (\(loss))",
        LineChart(
          id: "loss-curve", quantity: "loss", series: runs.map { .init(name: $0.0, values: $0.1) })
      ),
      (
        "Accuracy per epoch",
        LineChart(
          id: "accuracy-curve", quantity: "accuracy", unit: "%",
          series: runs.map { .init(name: $0.0, values: $0.2) }, range: 0...100)
      ),
    ]
  }

  /// The picture of `dataset` under a classifier that gives `probabilities` (of label 1, for
  /// many points at once), with the boundary traced from a grid; or `boundary` when it is
  /// known exactly (Task 0.5's line).
  static func decisionPlot(
    _ dataset: Dataset, probabilities: ([(Double, Double)]) -> [Double], boundary: [Segment]? = nil
  ) -> DecisionPlot {
    let samples = ProbabilityGrid.samplePoints(columns: gridSide, rows: gridSide)
    let answers = probabilities(samples.map { ($0.x, $0.y) } + dataset.points)
    let grid = ProbabilityGrid(
      columns: gridSide, rows: gridSide, values: Array(answers[..<samples.count]))
    return DecisionPlot(
      points: dataset.points.map { Point($0.0, $0.1) }, labels: dataset.labels,
      probabilities: Array(answers[samples.count...]), grid: grid,
      boundary: boundary ?? grid.boundary)
  }
}
