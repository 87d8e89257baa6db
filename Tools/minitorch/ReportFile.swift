import Foundation
import Module1
import Reports

/// Writing `minitorch train --report FILE`: the pictures of a toy dataset for the `Reports`
/// library, and the file itself.
enum ReportFile {
  /// Samples across and down the square for the shading and the traced boundary.
  static let gridSide = 40

  /// The help text of `--report`, shared by every module's usage.
  static let optionHelp = """
      --report FILE  also write FILE, one self-contained HTML page (inline SVG, no network
                     needed) for a browser or a projector: the data and the decision
                     boundary, the loss and accuracy curves (module 4: sample test images and
                     the confusion matrix; module 0: sliders for the weights and bias)
    """

  /// Refuses a report path whose folder does not exist, before any time goes into training.
  static func checkFolder(of path: String) throws {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue
    else {
      throw UsageError("--report \(path): the folder \(folder) does not exist")
    }
  }

  /// Writes `report` to `path` and says where it is.
  static func write(_ report: TrainingReport, to path: String) throws {
    do {
      try Data(report.html().utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw ReportNotWritten(path: path, reason: error.localizedDescription)
    }
    print("Report: \(path) (open it in a browser; it needs no network)")
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

/// The report could not be written; says which file and why.
struct ReportNotWritten: Error, CustomStringConvertible {
  /// The file asked for.
  let path: String
  /// What the file system said.
  let reason: String

  /// `cannot write the report to r.html: …`.
  var description: String { "cannot write the report to \(path): \(reason)" }
}
