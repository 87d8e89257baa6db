import Foundation
import Module1
import TestSupport
import Testing

/// Binary cross-entropy the direct way, −[y · log σ(z) + (1 − y) · log(1 − σ(z))], with the
/// math library's functions: right for moderate z, infinite once σ(z) rounds to 0 or 1.
func directBinaryCrossEntropy(_ z: Double, _ y: Double) -> Double {
  let p = 1 / (1 + Foundation.exp(-z))
  return -(y * Foundation.log(p) + (1 - y) * Foundation.log(1 - p))
}

/// The code students are given for training in Module 1: the stable loss, the training loop's
/// reports and divergence check, and the pictures `minitorch train` draws. Not graded.
@Suite("Given code: the stable loss, training reports, divergence, pictures", .explainsStops)
struct GivenTrainingCode {
  static let moderateLogits: [Double] = [-6, -2.5, -0.3, 0.4, 1.7, 7]
  static let labels: [Double] = [0, 1, 0.25]

  @Test(arguments: moderateLogits)
  func binaryCrossEntropyMatchesTheDirectFormula(z: Double) throws {
    for y in Self.labels {
      try assertClose(
        binaryCrossEntropy(logit: Scalar(z), label: y).data, directBinaryCrossEntropy(z, y),
        "binaryCrossEntropy(logit: \(z), label: \(y))")
    }
  }

  @Test func binaryCrossEntropyStaysFiniteForHugeLogits() {
    for z in [1000.0, -1000] {
      for y in [0.0, 1] {
        let logit = Scalar(z)
        let loss = binaryCrossEntropy(logit: logit, label: y)
        // Confidently right costs 0, confidently wrong costs |z|; the direct formula gives ∞.
        let expected: Double = (z > 0) == (y == 1) ? 0 : 1000
        #expect(loss.data == expected, "BCE(\(z), \(y))")
        #expect(
          (z > 0) == (y == 1) || directBinaryCrossEntropy(z, y).isInfinite,
          "the direct formula was expected to overflow at z = \(z), y = \(y)")
        loss.backward()
        // ∂L/∂z = σ(z) − y, and σ(±1000) is 1 or 0.
        #expect(logit.derivative == (z > 0 ? 1 : 0) - y, "derivative of BCE(\(z), \(y))")
      }
    }
  }

  @Test(arguments: moderateLogits)
  func binaryCrossEntropyHasDerivativeSigmoidMinusLabel(z: Double) throws {
    for y in Self.labels {
      try derivativeCheck({ binaryCrossEntropy(logit: $0[0], label: y) }, z)
      let logit = Scalar(z)
      binaryCrossEntropy(logit: logit, label: y).backward()
      try assertClose(
        try #require(logit.derivative), 1 / (1 + Foundation.exp(-z)) - y,
        "∂BCE/∂z at z = \(z), y = \(y)")
    }
  }

  @Test func theLastReportDescribesTheTrainedNetwork() throws {
    let dataset = Datasets.diag(30, seed: 2)
    let network = ScalarNetwork(hidden: 3, seed: 1)
    var reports: [EpochReport] = []
    let last = try trainScalarNetwork(network, on: dataset, rate: 0.5, epochs: 20) {
      reports.append($0)
    }
    #expect(reports.map(\.epoch) == Array(1...20))
    #expect(last.epoch == 20 && last.epochs == 20 && last.total == 30)
    let correct = zip(dataset.points, dataset.labels).filter { point, label in
      (network.probability(point.0, point.1) > 0.5) == (label == 1)
    }.count
    var loss = 0.0
    for (point, label) in zip(dataset.points, dataset.labels) {
      let logit = network((Scalar(constant: point.0), Scalar(constant: point.1)))
      loss += binaryCrossEntropy(logit: logit, label: Double(label)).data
    }
    #expect(last.correct == correct, "the last report counts the trained network's answers")
    try assertClose(last.loss, loss, "the last report's loss")
  }

  @Test func aHugeRateStopsTrainingAndNamesTheEpoch() {
    var reports: [EpochReport] = []
    do {
      try trainScalarNetwork(
        ScalarNetwork(hidden: 4), on: Datasets.xor(40), rate: 1e9, epochs: 30
      ) { reports.append($0) }
      Issue.record(
        "rate 1e9 trained all 30 epochs, last loss \(reports.last.map(\.loss) ?? .nan)")
    } catch {
      #expect(error.epoch == reports.count + 1, "the diverging epoch is not reported")
      #expect(error.epoch < 30)
      #expect(error.rate == 1e9 && error.suggestedRate == 1e8)
      #expect(error.description.contains("at epoch \(error.epoch) "))
      #expect(error.description.contains("try a smaller rate"))
      #expect(reports.allSatisfy { $0.loss.isFinite })
    }
  }

  @Test func theWatchStopsNonFiniteAndRunawayLossesOnly() throws {
    let watch = DivergenceWatch(initialLoss: 20, uninformedLoss: 30, rate: 0.5)
    #expect(watch.startingLevel == 30)
    try watch.check(0, epoch: 1)
    try watch.check(2999, epoch: 2)  // a spike: under 100 times the starting level
    for loss in [3001, Double.infinity, -Double.infinity, Double.nan] {
      do {
        try watch.check(loss, epoch: 7)
        Issue.record("a loss of \(loss) was accepted")
      } catch {
        #expect(error.epoch == 7 && error.startingLevel == 30 && error.rate == 0.5)
        #expect(error.loss == loss || (error.loss.isNaN && loss.isNaN))
        #expect(error.description.contains("at epoch 7"))
      }
    }
    #expect(DivergenceWatch.uninformedBinaryLoss(points: 10) == 10 * Foundation.log(2.0))
  }

  @Test func theDecisionMapHasItsSizeABorderAndALegend() {
    let dataset = Datasets.simple(20, seed: 3)
    let map = DecisionMap(dataset: dataset, width: 30, height: 8)
    #expect(map.lineCount == 8 + 3)
    // The rule of `simple` itself: every point is classified right, so no capitals.
    let picture = map.render { points in points.map { x1, _ in x1 < 0.5 ? 0.9 : 0.1 } }
    let lines = picture.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let border = "+" + String(repeating: "-", count: 30) + "+"
    #expect(lines.count == map.lineCount)
    #expect(lines[0] == border && lines[9] == border)
    for line in lines[1...8] {
      #expect(line.count == 32 && line.hasPrefix("|") && line.hasSuffix("|"), "\(line)")
      #expect(Array(line)[1] == "▒" || Array(line)[1] == "x", "left edge predicts 1: \(line)")
      #expect(Array(line)[30] == "·" || Array(line)[30] == "o", "right edge predicts 0: \(line)")
    }
    #expect(lines[1...8].allSatisfy { !$0.contains("X") && !$0.contains("O") })
    #expect(lines.last == DecisionMap.legend)
    for symbol in ["▒", "·", "x", "o", "X", "O"] {
      #expect(DecisionMap.legend.contains(symbol), "the legend explains \(symbol)")
    }
  }

  @Test func theDecisionMapMarksWrongPredictionsInCapitals() {
    let dataset = Dataset(
      name: "four", points: [(0.05, 0.05), (0.95, 0.05), (0.05, 0.95), (0.95, 0.95)],
      labels: [1, 0, 0, 1])
    let picture = DecisionMap(dataset: dataset, width: 10, height: 4)
      .render(probabilities: { points in points.map { _ in 0.8 } })
    let lines = picture.split(separator: "\n").map(String.init)
    #expect(lines[1] == "|O▒▒▒▒▒▒▒▒x|")
    #expect(lines[4] == "|x▒▒▒▒▒▒▒▒O|")
  }

  @Test func theLossCurveAveragesEpochsIntoColumns() {
    let curve = LossCurve(losses: [8, 6, 4, 4, 2, 0, 1, 1], width: 4, height: 2)
    #expect(curve.columns == [7, 4, 1, 1])
    // Heights in eighths of a line, scaled to the top column (7 → 16): 16, 9, 2, 2.
    #expect(
      curve.render() == """
        loss per epoch: 8 at epoch 1 → 1 at epoch 8
         7 ┤█▁
           ┤██▂▂
         0 └────
            epoch 1 8
        """)
    #expect(LossCurve(losses: [3, 2, 1], width: 60).columns == [3, 2, 1])
    #expect(LossCurve(losses: []).render() == "loss per epoch: no epochs yet")
  }
}
