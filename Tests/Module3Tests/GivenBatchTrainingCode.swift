import Foundation
import Module3
import TensorTestSupport
import TestSupport
import Testing

/// The mini-batch training students are given in Module 3 (Task 3.5 writes its step): Module 1's
/// loop over shuffled batches, the reports and the divergence check, and the optimizers on the
/// fast backend. Not graded; Task 3.5 is graded by hand.
@Suite("Given code: mini-batch training", .explainsStops)
struct GivenBatchTrainingCode {
  /// The parameters' numbers, in order, for comparing two networks.
  func weights(_ network: TensorNetwork) -> [[Double]] {
    network.parameters().map { $0.value(as: Tensor.self).data.values }
  }

  @Test func anEpochIsOneStepPerShuffledBatchTheLastOneSmaller() throws {
    // 23 points in batches of 5: four batches of 5 and one of 3, reshuffled every epoch.
    let dataset = Datasets.xor(23, seed: 8)
    let trained = TensorNetwork(hidden: 5, seed: 1)
    var reports: [EpochReport] = []
    try trainInBatches(trained, on: dataset, rate: 0.3, epochs: 3, batchSize: 5, seed: 9) {
      reports.append($0)
    }

    // The same run written out by hand with `stepOnBatch`.
    let network = TensorNetwork(hidden: 5, seed: 1)
    let optimizer = SGD(network.parameters(), rate: 0.3)
    var batches = Batches.shuffled(count: 23, size: 5, seed: 9)
    var sizes: [Int] = []
    var losses: [Double] = []
    for _ in 0..<3 {
      var total = 0.0
      for batch in batches.nextEpoch() {
        sizes.append(batch.count)
        let (inputs, labels) = dataset.tensors(at: batch)
        total +=
          stepOnBatch(network, optimizer, inputs: inputs, labels: labels)
          * Double(batch.count)
      }
      losses.append(total)
    }
    #expect(sizes == Array(repeating: [5, 5, 5, 5, 3], count: 3).flatMap { $0 })
    #expect(weights(trained) == weights(network), "the trainer takes exactly these steps")
    // Each epoch's training measurement adds up what its steps returned.
    try assertClose(reports.map(\.training.totalLoss), losses, "the steps' losses")
    #expect(reports.allSatisfy { $0.training.count == 23 && $0.training.correct == nil })
  }

  @Test func stepOnBatchReturnsTheMeanLossBeforeItsStep() throws {
    let network = TensorNetwork(hidden: 3, seed: 4)
    let (inputs, labels) = Datasets.circle(6, seed: 2).tensors(at: Array(0..<6))
    let before = binaryCrossEntropy(logits: network(inputs).view(6), labels: labels).mean()
    let loss = stepOnBatch(
      network, SGD(network.parameters(), rate: 0.1), inputs: inputs, labels: labels)
    try assertClose(loss, before.item(), "the batch's mean loss")
  }

  @Test func theSameSeedGivesTheSameRun() throws {
    func run(seed: UInt64) throws -> ([Double], [[Double]]) {
      let network = TensorNetwork(hidden: 4, seed: 2)
      var losses: [Double] = []
      try trainInBatches(
        network, on: Datasets.circle(20, seed: 1), rate: 0.2, epochs: 4, batchSize: 6,
        seed: seed
      ) { losses.append($0.evaluation.totalLoss) }
      return (losses, weights(network))
    }
    let (first, again, other) = (try run(seed: 5), try run(seed: 5), try run(seed: 6))
    #expect(first.0 == again.0 && first.1 == again.1)
    #expect(first.0 != other.0, "another shuffle seed takes other steps")
  }

  @Test func oneBatchOfEveryPointIsTheFullBatchStep() throws {
    // With one batch holding every point the order does not matter (up to rounding in the
    // sums): each epoch is Module 2's step on the mean loss.
    let dataset = Datasets.split(16, seed: 3)
    let batched = TensorNetwork(hidden: 4, seed: 7)
    let full = TensorNetwork(hidden: 4, seed: 7)
    let last = try trainInBatches(
      batched, on: dataset, rate: 0.5, epochs: 5, batchSize: 16, seed: 0)
    let expected = try trainTensorNetwork(full, on: dataset, rate: 0.5, epochs: 5)
    try assertClose(
      last.evaluation.totalLoss, expected.evaluation.totalLoss, "the loss after 5 epochs")
    #expect(last.evaluation.correct == expected.evaluation.correct)
    for (mine, theirs) in zip(weights(batched), weights(full)) {
      try assertClose(mine, theirs, "the trained weights")
    }
  }

  @Test func theLastReportDescribesTheTrainedNetwork() throws {
    let dataset = Datasets.xor(30, seed: 5)
    let network = TensorNetwork(hidden: 6, seed: 2)
    var epochs: [Int] = []
    let last = try trainInBatches(
      network, on: dataset, rate: 0.2, epochs: 12, batchSize: 7, seed: 1
    ) { epochs.append($0.epoch) }
    #expect(epochs == Array(1...12) && last.epoch == 12 && last.epochs == 12)
    #expect(last.evaluation.count == 30 && last.seconds >= 0)
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
      "the last report's loss: the total over every point")
  }

  @Test func theFastBackendTrainsLikeTheSimpleOne() throws {
    let dataset = Datasets.diag(24, seed: 2)
    let simple = TensorNetwork(hidden: 8, seed: 3, backend: .simple)
    let fast = TensorNetwork(hidden: 8, seed: 3, backend: .fast)
    let a = try trainInBatches(simple, on: dataset, rate: 0.1, epochs: 3, batchSize: 10, seed: 4)
    let b = try trainInBatches(fast, on: dataset, rate: 0.1, epochs: 3, batchSize: 10, seed: 4)
    try assertClose(
      b.evaluation.totalLoss, a.evaluation.totalLoss, "the loss on .fast against .simple")
    for (mine, theirs) in zip(weights(fast), weights(simple)) {
      try assertClose(mine, theirs, "the trained weights on .fast against .simple")
    }
  }

  @Test func aHugeRateStopsTrainingAndNamesTheEpoch() {
    var reports: [EpochReport] = []
    do {
      try trainInBatches(
        TensorNetwork(hidden: 4), on: Datasets.xor(40), rate: 1e9, epochs: 30, batchSize: 10,
        seed: 0
      ) { reports.append($0) }
      let lastLoss = reports.last.map(\.evaluation.meanLoss) ?? .nan
      Issue.record("rate 1e9 trained all 30 epochs, last loss \(lastLoss)")
    } catch {
      #expect(error.epoch == reports.count + 1, "the diverging epoch is not reported")
      #expect(error.epoch < 30)
      #expect(error.description.contains("at epoch \(error.epoch)"))
    }
  }

  @Test func theProductsOfABatchOf10AreTheSameOnEveryKernel() {
    // A step on 10 points multiplies [10, h] by [h, h] forward and backward (two rows left
    // over below the blocked kernel's strips of four), and [h, 10] by [10, h].
    let h = 24
    let x = Tensor.rand([10, h], seed: 1)
    let w = Tensor.rand([h, h], seed: 2)
    let products: [(TensorData, TensorData)] = [
      (x.data, w.data), (x.data, w.data.transposed()), (x.data.transposed(), x.data),
    ]
    for (a, b) in products {
      let blocked = FastOps().matrixMultiply(a, b).values
      let plain = FastOps(matmulKernel: .plain).matrixMultiply(a, b).values
      if let entry = blocked.indices.first(where: { blocked[$0] != plain[$0] }) {
        let message =
          "\(a.shape) · \(b.shape): entry \(entry) is \(blocked[entry]) on the blocked kernel, "
          + "\(plain[entry]) on the plain one"
        Issue.record("\(message)")
      }
    }
  }

  @Test func everyDatasetHasBatchSettings() {
    for name in Datasets.names {
      let settings = TensorNetwork.batchSettings(for: name)
      #expect(settings.batchSize == 10 && settings.hidden == 100, "\(name): \(settings)")
      #expect(settings.rate > 0 && settings.epochs > 0, "\(name): \(settings)")
    }
  }

  @Test func theOptimizersMatchPyTorchOnTheFastBackend() throws {
    for backend in [TensorBackend.fast, .fast(parallel: Parallel(threshold: 1, grain: 2))] {
      try checkAgainstPyTorch(
        { SGD($0, rate: OptimizerReference.rate, momentum: 0.9, nesterov: true) },
        expected: OptimizerReference.nesterov, on: backend)
      let adam = try checkAgainstPyTorch(
        { Adam($0, rate: OptimizerReference.rate) }, expected: OptimizerReference.adam,
        on: backend)
      #expect(adam.stepCounts == [4, 3])
    }
  }
}
