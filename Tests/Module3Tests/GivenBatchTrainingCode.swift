import Foundation
import Module3
import TestSupport
import Testing

/// The mini-batch training loop students are given in Module 3 (Task 3.5 writes its step): the
/// shuffle, the batches, the reports and the divergence check. Not graded; Task 3.5 is graded
/// by hand.
@Suite("Given code: mini-batch training", .explainsStops)
struct GivenBatchTrainingCode {
  /// The parameters' numbers, in order, for comparing two networks.
  func weights(_ network: TensorNetwork) -> [[Double]] {
    network.parameters().map { $0.value(as: Tensor.self).data.values }
  }

  @Test func theShuffleIsAPermutationDecidedByTheSeed() {
    var first = SplitMix64(seed: 3)
    var again = SplitMix64(seed: 3)
    var other = SplitMix64(seed: 4)
    var (a, b, c) = (Array(0..<20), Array(0..<20), Array(0..<20))
    shuffle(&a, using: &first)
    shuffle(&b, using: &again)
    shuffle(&c, using: &other)
    #expect(a.sorted() == Array(0..<20), "every item once: \(a)")
    #expect(a == b, "the same seed gives the same order")
    #expect(a != c, "another seed gives another order")
    #expect(a != Array(0..<20), "the order changes")
    shuffle(&a, using: &first)
    #expect(a != b, "the next epoch continues the generator: a new order")
  }

  @Test func anEpochIsOneStepPerShuffledBatchTheLastOneSmaller() throws {
    // 23 points in batches of 5: four batches of 5 and one of 3, reshuffled every epoch.
    let dataset = Datasets.xor(23, seed: 8)
    let trained = TensorNetwork(hidden: 5, seed: 1)
    try trainInBatches(trained, on: dataset, rate: 0.3, epochs: 3, batchSize: 5, seed: 9)

    // The same run written out by hand with `stepOnBatch`.
    let network = TensorNetwork(hidden: 5, seed: 1)
    let optimizer = SGD(network.parameters(), rate: 0.3)
    var generator = SplitMix64(seed: 9)
    var order = Array(0..<23)
    var sizes: [Int] = []
    for _ in 0..<3 {
      shuffle(&order, using: &generator)
      for first in stride(from: 0, to: 23, by: 5) {
        let batch = order[first..<min(23, first + 5)]
        sizes.append(batch.count)
        stepOnBatch(
          network, optimizer,
          inputs: Tensor(
            shape: [batch.count, 2],
            data: batch.flatMap { [dataset.points[$0].0, dataset.points[$0].1] }),
          labels: Tensor(shape: [batch.count], data: batch.map { Double(dataset.labels[$0]) }))
      }
    }
    #expect(sizes == Array(repeating: [5, 5, 5, 5, 3], count: 3).flatMap { $0 })
    #expect(weights(trained) == weights(network), "the trainer takes exactly these steps")
  }

  @Test func theSameSeedGivesTheSameRun() throws {
    func run(seed: UInt64) throws -> ([Double], [[Double]]) {
      let network = TensorNetwork(hidden: 4, seed: 2)
      var losses: [Double] = []
      try trainInBatches(
        network, on: Datasets.circle(20, seed: 1), rate: 0.2, epochs: 4, batchSize: 6,
        seed: seed
      ) { losses.append($0.loss) }
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
    try assertClose(last.loss, expected.loss, "the loss after 5 epochs")
    #expect(last.correct == expected.correct)
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
    #expect(last.total == 30 && last.seconds >= 0)
    let x = Tensor(shape: [30, 2], data: dataset.points.flatMap { [$0.0, $0.1] })
    let y = Tensor(shape: [30], data: dataset.labels.map(Double.init))
    let correct = zip(network.probability(x).data.values, dataset.labels).filter {
      ($0 > 0.5) == ($1 == 1)
    }.count
    #expect(last.correct == correct, "the last report counts the trained network's answers")
    try assertClose(
      last.loss, binaryCrossEntropy(logits: network(x).view(30), labels: y).sum().item(),
      "the last report's loss: the total over every point")
  }

  @Test func theFastBackendTrainsLikeTheSimpleOne() throws {
    let dataset = Datasets.diag(24, seed: 2)
    let simple = TensorNetwork(hidden: 8, seed: 3, backend: .simple)
    let fast = TensorNetwork(hidden: 8, seed: 3, backend: .fast)
    let a = try trainInBatches(simple, on: dataset, rate: 0.1, epochs: 3, batchSize: 10, seed: 4)
    let b = try trainInBatches(fast, on: dataset, rate: 0.1, epochs: 3, batchSize: 10, seed: 4)
    try assertClose(b.loss, a.loss, "the loss on .fast against .simple")
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
      Issue.record(
        "rate 1e9 trained all 30 epochs, last loss \(reports.last.map(\.loss) ?? .nan)")
    } catch {
      #expect(error.epoch == reports.count + 1, "the diverging epoch is not reported")
      #expect(error.epoch < 30)
      #expect(error.description.contains("at epoch \(error.epoch) "))
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
}
