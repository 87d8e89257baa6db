import Module1
import TestSupport
import Testing

/// The training loop every module's training runs, and the batches it steps on: given code in
/// Module 1. Not graded.
@Suite("Given code: batches and the training loop", .explainsStops)
struct GivenTrainingLoop {
  // MARK: Batches

  @Test(arguments: [(1, 1), (10, 3), (23, 5), (12, 4), (7, 10)])
  func everyEpochCoversEveryExampleOnceTheLastBatchSmaller(count: Int, size: Int) {
    var batches = Batches.shuffled(count: count, size: size, seed: 11)
    for epoch in 1...3 {
      let epochBatches = batches.nextEpoch()
      #expect(epochBatches.flatMap { $0 }.sorted() == Array(0..<count), "epoch \(epoch)")
      #expect(epochBatches.count == batches.perEpoch)
      #expect(epochBatches.count == (count + size - 1) / size)
      #expect(epochBatches.dropLast().allSatisfy { $0.count == size })
      let last = count % size == 0 ? size : count % size
      #expect(epochBatches.last?.count == last, "the last of \(epochBatches.map(\.count))")
    }
  }

  @Test func theSeedDecidesTheOrderAndEachEpochHasANewOne() {
    var first = Batches.shuffled(count: 20, size: 6, seed: 3)
    var again = Batches.shuffled(count: 20, size: 6, seed: 3)
    var other = Batches.shuffled(count: 20, size: 6, seed: 4)
    let epoch1 = first.nextEpoch()
    #expect(epoch1 == again.nextEpoch(), "the same seed gives the same batches")
    #expect(epoch1 != other.nextEpoch(), "another seed gives other batches")
    #expect(epoch1.flatMap { $0 } != Array(0..<20), "the order is shuffled")
    let epoch2 = first.nextEpoch()
    #expect(epoch2 != epoch1, "the next epoch continues the generator: a new order")
    #expect(epoch2 == again.nextEpoch())
  }

  @Test func theShuffleIsFisherYatesFromTheSeed() {
    // Written out, so that the batches cannot change with the standard library: for i from the
    // last position down to 1, swap i with a uniform j in 0...i, from SplitMix64(seed:).
    var generator = SplitMix64(seed: 9)
    var order = Array(0..<13)
    for i in stride(from: 12, to: 0, by: -1) {
      order.swapAt(i, generator.nextInt(in: 0...i))
    }
    var batches = Batches.shuffled(count: 13, size: 13, seed: 9)
    #expect(batches.nextEpoch() == [order])
  }

  @Test func batchesInOrderStayInOrder() {
    var batches = Batches.inOrder(count: 7, size: 3)
    #expect(batches.nextEpoch() == [[0, 1, 2], [3, 4, 5], [6]])
    #expect(batches.nextEpoch() == [[0, 1, 2], [3, 4, 5], [6]])
    var whole = Batches.inOrder(count: 4, size: 4)
    #expect(whole.nextEpoch() == [[0, 1, 2, 3]])
    var none = Batches.inOrder(count: 0, size: 4)
    #expect(none.nextEpoch().isEmpty && none.perEpoch == 0)
  }

  @Test func aBatchOfNothingIsRefused() async {
    await #expect(processExitsWith: .failure) {
      _ = Batches.shuffled(count: 5, size: 0, seed: 0)
    }
  }

  // MARK: The loop

  /// A model with one scalar parameter, for driving the loop with scripted steps.
  final class Toy: Module {
    let w = Parameter(Scalar(1))
  }

  /// What the hooks saw, in order.
  enum Event: Equatable {
    case step(epoch: Int, indices: [Int], training: Bool)
    case batch(epoch: Int, batch: Int, of: Int)
    case evaluate(training: Bool, recording: Bool)
    case epoch(Int)
  }

  @Test func theHooksRunInOrderWithTheModelsModes() throws {
    let model = Toy()
    var events: [Event] = []
    var epoch = 0
    let last = try runTrainingLoop(
      model, optimizer: SGD(model.parameters(), rate: 0.1),
      batches: .inOrder(count: 5, size: 2), epochs: 2, uninformedLoss: 0.7,
      step: { indices in
        events.append(.step(epoch: epoch, indices: indices, training: model.training))
        return Measurement(meanLoss: 0.5, correct: 1, count: indices.count)
      },
      evaluate: {
        events.append(
          .evaluate(training: model.training, recording: GradientMode.isEnabled))
        return Measurement(totalLoss: 3, correct: 4, count: 5)
      },
      onBatch: { events.append(.batch(epoch: $0.epoch, batch: $0.batch, of: $0.batches)) },
      onEpoch: { report in
        events.append(.epoch(report.epoch))
        epoch = report.epoch
      })
    let evaluation = Event.evaluate(training: false, recording: false)
    var expected = [evaluation]  // the untrained network, for the divergence watch
    for e in 0...1 {
      for (number, indices) in [[0, 1], [2, 3], [4]].enumerated() {
        expected += [
          .step(epoch: e, indices: indices, training: true),
          .batch(epoch: e + 1, batch: number + 1, of: 3),
        ]
      }
      expected += [evaluation, .epoch(e + 1)]
    }
    #expect(events == expected)
    #expect(model.training, "the model is back in training mode")
    let report = try #require(last)
    #expect(report.epoch == 2 && report.epochs == 2 && report.seconds >= 0)
    // The training measurement adds up the batches: 0.5 per example, 1 right per batch.
    #expect(report.training == Measurement(totalLoss: 2.5, correct: 3, count: 5))
    #expect(report.evaluation == Measurement(totalLoss: 3, correct: 4, count: 5))
  }

  @Test func aFullBatchRunMayLetTheNextStepEvaluate() throws {
    // Scripted steps whose measurement is the network they see: epoch e's evaluation is the
    // measurement of epoch e + 1's step, and `evaluate` runs only before and after training.
    let model = Toy()
    var stepsTaken = 0
    var evaluations = 0
    var reports: [EpochReport] = []
    try runTrainingLoop(
      model, optimizer: SGD(model.parameters(), rate: 0.1),
      batches: .inOrder(count: 4, size: 4), epochs: 3, uninformedLoss: 0.7,
      evaluatedByNextStep: true,
      step: { indices in
        stepsTaken += 1
        return Measurement(meanLoss: 1 / Double(stepsTaken), correct: stepsTaken, count: 4)
      },
      evaluate: {
        evaluations += 1
        return Measurement(meanLoss: 1 / Double(stepsTaken + 1), correct: stepsTaken + 1, count: 4)
      },
      onEpoch: { reports.append($0) })
    #expect(evaluations == 2 && stepsTaken == 3)
    #expect(reports.map(\.epoch) == [1, 2, 3])
    #expect(reports.map { $0.training.correct } == [1, 2, 3])
    #expect(reports.map { $0.evaluation.correct } == [2, 3, 4])
  }

  @Test func theNextStepEvaluatesAsEvaluateWould() throws {
    // The scalar network's training lets the next step measure each epoch; evaluating every
    // epoch instead must report the same numbers.
    let dataset = Datasets.circle(20, seed: 4)
    var lookahead: [Measurement] = []
    try trainScalarNetwork(ScalarNetwork(hidden: 3, seed: 2), on: dataset, rate: 0.5, epochs: 6) {
      lookahead.append($0.evaluation)
    }
    let network = ScalarNetwork(hidden: 3, seed: 2)
    let optimizer = SGD(network.parameters(), rate: 0.5)
    func pass(backpropagating: Bool) -> Measurement {
      var total = 0.0
      var correct = 0
      for (point, label) in zip(dataset.points, dataset.labels) {
        let logit = network((Scalar(constant: point.0), Scalar(constant: point.1)))
        let loss = binaryCrossEntropy(logit: logit, label: Double(label))
        if backpropagating { (loss / 20).backward() }
        total += loss.data
        correct += (Operators.sigmoid(logit.data) > 0.5) == (label == 1) ? 1 : 0
      }
      return Measurement(totalLoss: total, correct: correct, count: 20)
    }
    var evaluated: [Measurement] = []
    try runTrainingLoop(
      network, optimizer: optimizer, batches: .inOrder(count: 20, size: 20), epochs: 6,
      uninformedLoss: 0.7,
      step: { _ in
        optimizer.zeroGrad()
        let seen = pass(backpropagating: true)
        optimizer.step()
        return seen
      },
      evaluate: { pass(backpropagating: false) },
      onEpoch: { evaluated.append($0.evaluation) })
    #expect(lookahead == evaluated)
  }

  @Test func zeroEpochsRunNothing() throws {
    let model = Toy()
    var calls = 0
    let last = try runTrainingLoop(
      model, optimizer: SGD(model.parameters(), rate: 0.1),
      batches: .inOrder(count: 3, size: 3), epochs: 0, uninformedLoss: 0.7,
      step: { _ in
        calls += 1
        return Measurement(meanLoss: 0, count: 3)
      },
      evaluate: {
        calls += 1
        return Measurement(totalLoss: 0, correct: 0, count: 3)
      })
    #expect(last == nil && calls == 0)
  }

  /// Runs the loop on `Toy` with steps whose mean losses are `batchLosses` (one per batch, in
  /// order over the epochs: 2 batches an epoch) and evaluations whose mean losses are
  /// `evaluations` (the first for the untrained network); returns the epochs reported and the
  /// divergence, if any.
  func run(batchLosses: [Double], evaluations: [Double], batchSize: Int = 2)
    -> (reported: [Int], diverged: TrainingDiverged?)
  {
    let model = Toy()
    var steps = batchLosses.makeIterator()
    var measured = evaluations.makeIterator()
    var reported: [Int] = []
    do {
      try runTrainingLoop(
        model, optimizer: SGD(model.parameters(), rate: 0.5),
        batches: .inOrder(count: 4, size: batchSize), epochs: 5, uninformedLoss: 0.7,
        step: { indices in Measurement(meanLoss: steps.next()!, count: indices.count) },
        evaluate: { Measurement(meanLoss: measured.next()!, correct: 0, count: 4) },
        onEpoch: { reported.append($0.epoch) })
      return (reported, nil)
    } catch {
      return (reported, error)
    }
  }

  @Test func aNonFiniteBatchLossStopsTheRunAtThatBatch() throws {
    let (reported, diverged) = run(
      batchLosses: [0.6, 0.5, 0.4, .infinity], evaluations: [0.7, 0.5, 0.4])
    let error = try #require(diverged)
    #expect(reported == [1], "epoch 2 is not reported")
    #expect(error.epoch == 2 && error.batch == 2 && error.loss == .infinity)
    #expect(error.rate == 0.5 && error.startingLevel == 0.7)
    // With one batch per epoch, the message does not name a batch.
    let whole = run(batchLosses: [0.6, .nan], evaluations: [0.7, 0.5], batchSize: 4)
    #expect(whole.diverged?.epoch == 2 && whole.diverged?.batch == nil)
  }

  @Test func aRunawayEvaluationStopsTheRunAtItsEpoch() throws {
    // Starting level max(0.9, 0.7) = 0.9: 89 per example passes, 91 stops the run.
    let (reported, diverged) = run(
      batchLosses: Array(repeating: 1, count: 10), evaluations: [0.9, 0.5, 89, 91, 0.1])
    let error = try #require(diverged)
    #expect(reported == [1, 2])
    #expect(error.epoch == 3 && error.batch == nil && error.loss == 91)
    #expect(error.startingLevel == 0.9)
  }

  @Test func healthyLossesRunEveryEpoch() {
    let (reported, diverged) = run(
      batchLosses: Array(repeating: 0.3, count: 10), evaluations: [2, 1, 0.5, 0.4, 0.3, 0.2])
    #expect(diverged == nil && reported == [1, 2, 3, 4, 5])
  }

  // MARK: Measurements

  @Test func measurementsAddUp() {
    let a = Measurement(meanLoss: 0.5, correct: 3, count: 4)
    let b = Measurement(totalLoss: 1, correct: 1, count: 2)
    #expect(a.totalLoss == 2 && a.accuracy == 0.75)
    #expect(a + b == Measurement(totalLoss: 3, correct: 4, count: 6))
    #expect((a + b).meanLoss == 0.5)
    let uncounted = Measurement(meanLoss: 1, count: 2)
    #expect((a + uncounted).correct == nil && (a + uncounted).count == 6)
    #expect(uncounted.accuracy == nil)
    #expect(Measurement(totalLoss: 0, correct: 0, count: 0).meanLoss == 0)
  }
}
