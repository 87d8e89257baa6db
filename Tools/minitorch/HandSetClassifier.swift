import Foundation
import Module1
import Reports

/// `minitorch train --module 0`: Task 0.5, a linear classifier whose weights and bias the
/// student sets by hand, shown on a toy dataset with its decision map, its score and its loss.
enum HandSetClassifier {
  /// The weights when `--weights` is not given: the line x₁ + x₂ = 1 with the bias below.
  static let defaultWeights = (1.0, 1.0)
  /// The bias when `--bias` is not given.
  static let defaultBias = -1.0

  /// The options of `minitorch train --module 0`, for the command's help.
  static let usage = """
    Module 0 (Task 0.5, a linear classifier set by hand):

    usage: minitorch train --module 0 [--dataset NAME] [--weights W1,W2] [--bias B]
                           [--points N] [--seed N] [--report FILE]

    No training: the classifier predicts label 1 where z = W1·x₁ + W2·x₂ + B is above 0, so
    its boundary is the straight line z = 0. Prints the decision map, how many points it gets
    right and its loss. The report's sliders move the weights and the bias in the browser.

      --weights W1,W2  the weights of x₁ and x₂; default 1,1
      --bias B         the bias; default -1
      --dataset, --points, --seed: as above

    """

  /// Whether the command line asks for Module 0 (`--module 0`), without using up any option.
  static func isRequested(_ options: Arguments) -> Bool {
    var copy = options
    return (try? copy.string("module")) == "0"
  }

  /// Runs `minitorch train --module 0 …`; returns the exit status.
  static func run(_ options: inout Arguments) throws -> Int32 {
    _ = try options.int("module", default: 0, in: 0...0)
    let name = try options.choice("dataset", from: Datasets.names, default: "xor")
    let points = try options.int("points", default: 50, in: 1...100_000)
    let weights = try readWeights(try options.string("weights"))
    let bias = try options.double("bias", default: defaultBias, in: -1e6...1e6)
    let seed = try options.int("seed", default: 0, in: 0...Int.max)
    let reportPath = try options.string("report")
    try options.finish()
    if let reportPath { try ReportFile.checkFolder(of: reportPath) }

    guard let dataset = Datasets.make(name, points: points, seed: UInt64(seed)) else {
      throw UsageError("unknown dataset \(name)")
    }
    let classifier = LinearClassifier(w1: weights.0, w2: weights.1, bias: bias)
    let probabilities = { (points: [(Double, Double)]) in
      points.map { classifier.probability($0.0, $0.1) }
    }
    print(
      "Task 0.5: a linear classifier set by hand on \(name), \(dataset.count) points, "
        + "seed \(seed)")
    print("\(formula(classifier)); predicts 1 where z > 0")
    print(DecisionMap(dataset: dataset).render(probabilities: probabilities))
    let correct = classifier.correct(points: dataset.points, labels: dataset.labels)
    let loss = classifier.loss(points: dataset.points, labels: dataset.labels)
    print(
      "Correct: \(correct)/\(dataset.count) (\(percent(Double(correct) / Double(dataset.count))))"
        + ", loss \(format(loss, digits: 4)) (total binary cross-entropy)")
    if let segment = classifier.boundary {
      print(
        "Boundary: the line z = 0 from (\(point(segment.start))) to (\(point(segment.end)))")
    } else {
      print(
        "Boundary: none in the square; every point is predicted \(classifier.predict(0.5, 0.5))")
    }

    if let reportPath {
      var report = TrainingReport(
        title: "Task 0.5: a linear classifier on \(name)",
        facts: [
          "\(dataset.count) points of \(name), seed \(seed)",
          "starts at \(formula(classifier)); move the sliders to change it",
        ])
      report.decision = ReportFile.decisionPlot(
        dataset, probabilities: probabilities, boundary: classifier.boundary.map { [$0] } ?? [])
      report.handSet = classifier
      try ReportFile.write(report, to: reportPath)
    }
    return 0
  }

  /// The two numbers of `--weights W1,W2`, or the default weights when the option is absent.
  static func readWeights(_ text: String?) throws -> (Double, Double) {
    guard let text else { return defaultWeights }
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    guard parts.count == 2, let w1 = Double(parts[0]), let w2 = Double(parts[1]),
      w1.isFinite, w2.isFinite, abs(w1) <= 1e6, abs(w2) <= 1e6
    else {
      throw UsageError(
        "--weights needs two numbers separated by a comma, such as --weights -1,0.5 "
          + "(at most 1e6 each); got '\(text)'")
    }
    return (w1, w2)
  }

  /// `z = 1·x₁ + 1·x₂ − 1`.
  static func formula(_ c: LinearClassifier) -> String {
    func term(_ x: Double) -> String { x < 0 ? "− \(format(-x))" : "+ \(format(x))" }
    return "z = \(format(c.w1))·x₁ \(term(c.w2))·x₂ \(term(c.bias))"
  }

  /// `0.5, 1`.
  static func point(_ p: Point) -> String {
    // Adding 0 turns −0 into 0, which prints without its sign.
    "\(format(p.x + 0, digits: 3)), \(format(p.y + 0, digits: 3))"
  }
}
