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
    #expect(last.epoch == 20 && last.epochs == 20 && last.evaluation.count == 30)
    let correct = zip(dataset.points, dataset.labels).filter { point, label in
      (network.probability(point.0, point.1) > 0.5) == (label == 1)
    }.count
    var loss = 0.0
    for (point, label) in zip(dataset.points, dataset.labels) {
      let logit = network((Scalar(constant: point.0), Scalar(constant: point.1)))
      loss += binaryCrossEntropy(logit: logit, label: Double(label)).data
    }
    #expect(
      last.evaluation.correct == correct, "the last report counts the trained network's answers")
    try assertClose(last.evaluation.totalLoss, loss, "the last report's loss")
    // One step per epoch on every point: its measurement is the network before the step, the
    // one the previous epoch's evaluation measured.
    for (before, after) in zip(reports, reports.dropFirst()) {
      try assertClose(
        after.training.totalLoss, before.evaluation.totalLoss,
        "epoch \(after.epoch)'s step saw the network epoch \(before.epoch) left")
    }
  }

  @Test func aHugeRateStopsTrainingAndNamesTheEpoch() {
    var reports: [EpochReport] = []
    do {
      try trainScalarNetwork(
        ScalarNetwork(hidden: 4), on: Datasets.xor(40), rate: 1e9, epochs: 30
      ) { reports.append($0) }
      let lastLoss = reports.last.map(\.evaluation.meanLoss) ?? .nan
      Issue.record("rate 1e9 trained all 30 epochs, last loss \(lastLoss)")
    } catch {
      #expect(error.epoch == reports.count + 1, "the diverging epoch is not reported")
      #expect(error.epoch < 30 && error.batch == nil)
      #expect(error.rate == 1e9 && error.suggestedRate == 1e8)
      #expect(error.description.contains("at epoch \(error.epoch), "))
      #expect(error.description.contains("try a smaller rate"))
      #expect(reports.allSatisfy { $0.evaluation.totalLoss.isFinite })
    }
  }

  @Test func theWatchStopsNonFiniteAndRunawayLossesOnly() throws {
    let watch = DivergenceWatch(initialLoss: 0.4, uninformedLoss: 0.6)
    #expect(watch.startingLevel == 0.6)
    #expect(DivergenceWatch(initialLoss: 0.9, uninformedLoss: 0.6).startingLevel == 0.9)
    #expect(DivergenceWatch(initialLoss: .nan, uninformedLoss: 0.6).startingLevel == 0.6)
    try watch.checkEpoch(0, epoch: 1, rate: 0.5)
    try watch.checkEpoch(59.9, epoch: 2, rate: 0.5)  // a spike: under 100 times the start
    try watch.checkBatch(1e6, epoch: 2, batch: 3, rate: 0.5)  // batches are checked for NaN
    for loss in [60.1, Double.infinity, -Double.infinity, Double.nan] {
      do {
        try watch.checkEpoch(loss, epoch: 7, rate: 0.5)
        Issue.record("a loss of \(loss) was accepted")
      } catch {
        #expect(error.epoch == 7 && error.batch == nil && error.startingLevel == 0.6)
        #expect(error.rate == 0.5)
        #expect(error.loss == loss || (error.loss.isNaN && loss.isNaN))
        #expect(error.description.contains("at epoch 7, "))
      }
    }
    #expect(throws: TrainingDiverged.self) {
      try watch.checkBatch(.nan, epoch: 2, batch: 3, rate: 0.5)
    }
    #expect(DivergenceWatch.uninformedLoss(classes: 2) == Foundation.log(2.0))
    #expect(DivergenceWatch.uninformedLoss(classes: 10) == Foundation.log(10.0))
  }

  @Test func theMessageNamesTheBatchAndARate() {
    let grew = TrainingDiverged(epoch: 4, loss: 71, startingLevel: 0.693, rate: 2)
    #expect(
      grew.description
        == "training diverged: the loss grew to 71 per example, more than 100 times where it "
        + "started (0.693) at epoch 4, with learning rate 2; try a smaller rate, such as 0.2")
    let batch = TrainingDiverged(epoch: 3, batch: 7, loss: .infinity, startingLevel: 2, rate: 0.5)
    #expect(batch.place == "epoch 3, batch 7")
    #expect(
      batch.description.contains("became infinite at epoch 3, batch 7, with learning rate 0.5"))
    #expect(batch.description.contains("such as 0.05"))
  }
}
