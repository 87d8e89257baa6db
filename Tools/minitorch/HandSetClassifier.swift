import Foundation
import Module1
import Pictures
import Reports

/// `minitorch train --module 0`: Task 0.5, a linear classifier whose weights and bias the
/// student sets by hand, shown on a toy dataset with its decision map, its score and its loss.
enum HandSetClassifier {
  /// `--weights W1,W2`.
  static let weights: Option<LinearWeights> = .custom(
    "weights", "W1,W2", allowed: "two numbers, each at most 1e6 in size", defaultText: "1,1",
    absent: LinearWeights(w1: 1, w2: 1), "the weights of x₁ and x₂"
  ) { text throws(UsageError) in
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    guard parts.count == 2, let w1 = Double(parts[0]), let w2 = Double(parts[1]),
      w1.isFinite, w2.isFinite, abs(w1) <= 1e6, abs(w2) <= 1e6
    else {
      throw UsageError(
        "--weights needs two numbers separated by a comma, such as --weights -1,0.5 "
          + "(at most 1e6 each); got '\(text)'")
    }
    return LinearWeights(w1: w1, w2: w2)
  }
  /// `--bias B`.
  static let bias: Option<Double> = .number(
    "bias", "B", in: -1e6...1e6, default: -1, "the bias")

  /// `minitorch train --module 0`.
  static let form = TrainCommand.Form(
    modules: [0], datasets: nil,
    table: OptionTable(
      "train --module 0",
      [
        TrainCommand.module.declaration, ToyTraining.dataset.declaration,
        weights.declaration, bias.declaration, ToyTraining.points.declaration,
        TrainCommand.seed.declaration, TrainCommand.report.declaration,
      ], fixed: ["module"]),
    about: """
      Task 0.5, a linear classifier set by hand. No training: the classifier predicts label 1
      where z = W1·x₁ + W2·x₂ + B is above 0, so its boundary is the straight line z = 0.
      Prints the decision map, how many points it gets right and its loss. The report's
      sliders move the weights and the bias in the browser.
      """,
    run: { _, options in try run(options) })

  /// Shows the classifier `options` describe on its dataset; returns the exit status.
  static func run(_ options: ParsedOptions) throws -> Int32 {
    let name = options[ToyTraining.dataset]
    let seed = options[TrainCommand.seed]
    let given = options[weights]
    guard
      let dataset = Datasets.make(name, points: options[ToyTraining.points], seed: UInt64(seed))
    else {
      throw UsageError("unknown dataset \(name)")
    }
    let classifier = LinearClassifier(w1: given.w1, w2: given.w2, bias: options[bias])
    let probabilities = { (points: [(Double, Double)]) in
      points.map { classifier.probability($0.0, $0.1) }
    }
    print(
      "Task 0.5: a linear classifier set by hand on \(name), \(counted(dataset.count, "point")), "
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

    guard let reportFile = options[TrainCommand.report] else { return 0 }
    var report = TrainingReport(
      title: "Task 0.5: a linear classifier on \(name)",
      facts: [
        "\(counted(dataset.count, "point")) of \(name), seed \(seed)",
        "starts at \(formula(classifier)); move the sliders to change it",
      ])
    report.decision = ReportFile.decisionPlot(
      dataset, probabilities: probabilities, boundary: classifier.boundary.map { [$0] } ?? [])
    report.handSet = classifier
    return ReportFile.write(report, to: reportFile)
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

/// The two weights of Task 0.5's classifier, as `--weights W1,W2` gives them.
struct LinearWeights: Sendable, Equatable {
  /// The weight of x₁.
  let w1: Double
  /// The weight of x₂.
  let w2: Double
}
