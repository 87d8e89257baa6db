import Foundation
import Module2
import TensorTestSupport
import TestSupport
import Testing

/// The code students are given for training in Module 2: the stable loss on tensors and the
/// tensor network's training (Module 1's loop with full-batch steps on tensors). Not graded.
@Suite("Given code: the stable loss on tensors, tensor training", .explainsStops)
struct GivenTensorTrainingCode {
  @Test func binaryCrossEntropyOnTensorsMatchesTheScalarVersion() throws {
    let logits: [Double] = [-6, -2.5, -0.3, 0.4, 1.7, 7]
    let labels: [Double] = [0, 1, 0.25, 1, 0, 1]
    let losses = binaryCrossEntropy(
      logits: Tensor(shape: [6], data: logits), labels: Tensor(shape: [6], data: labels))
    #expect(losses.shape == [6])
    try assertClose(
      losses.data.values,
      zip(logits, labels).map { binaryCrossEntropy(logit: Scalar($0), label: $1).data },
      "tensor BCE against scalar BCE")
  }

  @Test func binaryCrossEntropyOnTensorsStaysFiniteForHugeLogits() throws {
    let logits = Tensor(shape: [4], data: [1000, -1000, 1000, -1000], requiresGrad: true)
    let labels = Tensor(shape: [4], data: [1, 1, 0, 0])
    let losses = binaryCrossEntropy(logits: logits, labels: labels)
    #expect(losses.data.values == [0, 1000, 1000, 0])
    losses.sum().backward()
    // ∂L/∂z = σ(z) − y, and σ(±1000) is 1 or 0.
    #expect(try #require(logits.grad).data.values == [0, -1, 1, 0])
  }

  @Test func binaryCrossEntropyOnTensorsPassesGradCheck() throws {
    let logits = Tensor(shape: [2, 3], data: [-2.5, -0.7, 0.3, 1.1, 2.4, -4])
    let labels = Tensor(shape: [2, 3], data: [0, 1, 1, 0, 0.5, 1])
    try gradCheck({ binaryCrossEntropy(logits: $0[0], labels: $0[1]) }, logits, labels)
    // Labels broadcast: one label row for a batch of logits.
    try gradCheck(
      { binaryCrossEntropy(logits: $0[0], labels: $0[1]) }, logits,
      Tensor(shape: [3], data: [1, 0, 1]))
  }

  @Test func binaryCrossEntropysGradientIsExactAtZero() throws {
    // At z = 0 the derivative is σ(0) − y = ½ − y: one function, not a chain of kinks.
    let zero = Tensor(shape: [2], data: [0, 0], requiresGrad: true)
    binaryCrossEntropy(logits: zero, labels: Tensor(shape: [2], data: [1, 0])).sum().backward()
    #expect(try #require(zero.grad).data.values == [-0.5, 0.5])
  }

  @Test func probabilitiesAreTheSigmoidOfTheLogits() throws {
    let network = TensorNetwork(hidden: 3, seed: 4)
    let x = Tensor(shape: [5, 2], data: [0, 0, 1, 1, 0.5, 0.2, 0.9, 0.1, 0.3, 0.7])
    let probabilities = network.probability(x)
    #expect(probabilities.shape == [5, 1])
    try assertClose(
      probabilities.data.values, network(x).data.values.map { 1 / (1 + exp(-$0)) },
      "σ(logits)")
  }

  @Test func theLastReportDescribesTheTrainedNetwork() throws {
    let dataset = Datasets.xor(30, seed: 5)
    let network = TensorNetwork(hidden: 4, seed: 2)
    var epochs: [Int] = []
    let last = try trainTensorNetwork(network, on: dataset, rate: 0.5, epochs: 15) {
      epochs.append($0.epoch)
    }
    #expect(epochs == Array(1...15) && last.epoch == 15)
    let x = Tensor(shape: [30, 2], data: dataset.points.flatMap { [$0.0, $0.1] })
    let y = Tensor(shape: [30], data: dataset.labels.map(Double.init))
    let correct = zip(network.probability(x).data.values, dataset.labels).filter {
      ($0 > 0.5) == ($1 == 1)
    }.count
    #expect(
      last.evaluation.correct == correct, "the last report counts the trained network's answers")
    try assertClose(
      last.evaluation.totalLoss,
      binaryCrossEntropy(logits: network(x).view(30), labels: y).sum().item(),
      "the last report's loss")
    #expect(last.training.count == 30 && last.evaluation.count == 30)
  }

  @Test func aHugeRateStopsTrainingAndNamesTheEpoch() {
    var reports: [EpochReport] = []
    do {
      try trainTensorNetwork(
        TensorNetwork(hidden: 4), on: Datasets.xor(40), rate: 1e9, epochs: 30
      ) { reports.append($0) }
      let lastLoss = reports.last.map(\.evaluation.meanLoss) ?? .nan
      Issue.record("rate 1e9 trained all 30 epochs, last loss \(lastLoss)")
    } catch {
      #expect(error.epoch == reports.count + 1, "the diverging epoch is not reported")
      #expect(error.epoch < 30 && error.batch == nil)
      #expect(error.description.contains("at epoch \(error.epoch), "))
      #expect(error.description.contains("try a smaller rate"))
    }
  }
}
