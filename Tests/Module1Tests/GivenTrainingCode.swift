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
/// reports and divergence check. Not graded.
@Suite("Given code: the stable loss, training reports, divergence", .explainsStops)
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
}
