/// The settings of a mini-batch training run with Adam.
///
/// Training a classifier in mini-batches (Task 4.5), the loop both classifiers share.
///
/// Modules 1 and 2 took one gradient step per epoch, on the whole dataset. With thousands of
/// images that wastes most of the work: the gradient of a few dozen examples already points
/// roughly the right way. So each epoch shuffles the training examples, cuts them into batches,
/// and takes one Adam step per batch:
///
///     for each epoch:
///         order ← a fresh shuffle of the examples (Fisher–Yates, from a generator seeded once)
///         for each batch of `batchSize` examples in that order:
///             zero the gradients; loss ← mean loss of the batch; backward; Adam step
///         measure the loss and accuracy on the validation examples (dropout off)
///
/// Shuffling every epoch keeps the batches different, so the steps do not repeat one pattern;
/// the generator is seeded once per run, so the same seed gives the same run. The validation
/// examples are never trained on: their accuracy, epoch by epoch, tells whether the network
/// still improves or has started to memorise its training examples. The test examples are
/// scored once, after training.
public struct ClassifierSettings: Sendable, Equatable {
  /// Passes over the training examples.
  public var epochs: Int
  /// Examples per Adam step (the last batch of an epoch may be smaller).
  public var batchSize: Int
  /// Adam's learning rate.
  public var rate: Double
  /// For images: each training image is moved by up to this many pixels in each direction, a
  /// new random offset every time it is used (see `randomlyShifted`); 0 leaves them as they
  /// are. Sentences ignore it.
  public var maxShift: Int

  /// Settings; see the properties.
  public init(epochs: Int, batchSize: Int, rate: Double, maxShift: Int = 0) {
    precondition(epochs >= 0, "epochs must not be negative, got \(epochs)")
    precondition(batchSize >= 1, "a batch needs at least one example, got \(batchSize)")
    precondition(rate > 0 && rate.isFinite, "the learning rate must be positive, got \(rate)")
    precondition(maxShift >= 0, "maxShift must not be negative, got \(maxShift)")
    self.epochs = epochs
    self.batchSize = batchSize
    self.rate = rate
    self.maxShift = maxShift
  }
}

/// How one batch of training went: for a progress display.
public struct ClassifierBatchReport: Sendable {
  /// The epoch, counting from 1.
  public let epoch: Int
  /// The batch within the epoch, counting from 1.
  public let batch: Int
  /// How many batches the epoch has.
  public let batches: Int
  /// The mean loss of the batch's examples, before its step.
  public let loss: Double
}

/// How one epoch went: the training examples as seen during the epoch (with dropout on, while
/// the weights changed) and the validation examples after it (dropout off).
public struct ClassifierEpochReport: Sendable {
  /// The epoch, counting from 1.
  public let epoch: Int
  /// How many epochs the run has.
  public let epochs: Int
  /// The mean loss per training example over the epoch's batches.
  public let trainingLoss: Double
  /// How many training examples their batch classified right.
  public let trainingCorrect: Int
  /// How many training examples there are.
  public let trainingTotal: Int
  /// The mean loss per validation example after the epoch.
  public let validationLoss: Double
  /// How many validation examples the network classifies right after the epoch.
  public let validationCorrect: Int
  /// How many validation examples there are.
  public let validationTotal: Int
  /// How long the epoch took (training and validation), in seconds.
  public let seconds: Double

  /// The fraction of validation examples classified right (0 without any).
  public var validationAccuracy: Double {
    validationTotal == 0 ? 0 : Double(validationCorrect) / Double(validationTotal)
  }

  /// The fraction of training examples their batch classified right.
  public var trainingAccuracy: Double {
    trainingTotal == 0 ? 0 : Double(trainingCorrect) / Double(trainingTotal)
  }
}

/// What a classifier says about a set of examples, with dropout off.
public struct ClassifierEvaluation: Sendable, Equatable {
  /// The predicted class of each example, in order.
  public let predictions: [Int]
  /// The mean loss per example.
  public let loss: Double
  /// How many predictions were right.
  public let correct: Int

  /// The evaluation of `predictions` against `labels` with mean loss `loss`.
  public init(predictions: [Int], labels: [Int], loss: Double) {
    precondition(
      predictions.count == labels.count,
      "\(predictions.count) predictions for \(labels.count) labels")
    self.predictions = predictions
    self.loss = loss
    correct = zip(predictions, labels).filter { $0 == $1 }.count
  }

  /// The fraction right (0 for no examples).
  public var accuracy: Double {
    predictions.isEmpty ? 0 : Double(correct) / Double(predictions.count)
  }
}

/// 0..<count in a random order: a Fisher–Yates shuffle drawing from `rng`.
public func shuffledOrder(_ count: Int, using rng: inout SplitMix64) -> [Int] {
  var order = Array(0..<count)
  for i in stride(from: count - 1, to: 0, by: -1) {
    order.swapAt(i, rng.nextInt(in: 0...i))
  }
  return order
}

/// `order` cut into consecutive batches of `size` (the last may be smaller).
func batches(of order: [Int], size: Int) -> [[Int]] {
  stride(from: 0, to: order.count, by: size).map {
    Array(order[$0..<Swift.min($0 + size, order.count)])
  }
}

/// The loop of the comment above, for any network: `step` computes one batch's mean loss (a
/// tensor to backpropagate) and how many of its examples were right; `validate` measures the
/// validation examples. Both classifiers' training functions call it.
func trainInBatches(
  _ network: Module, examples: Int, settings: ClassifierSettings, seed: UInt64,
  step: ([Int]) -> (loss: Tensor, correct: Int),
  validate: () -> (loss: Double, correct: Int, total: Int),
  onBatch: (ClassifierBatchReport) -> Void,
  onEpoch: (ClassifierEpochReport) -> Void
) throws(ClassifierDiverged) -> ClassifierEpochReport? {
  precondition(examples > 0, "training needs at least one example")
  let optimizer = Adam(network.parameters(), rate: settings.rate)
  var rng = SplitMix64(seed: seed)
  let clock = ContinuousClock()
  var last: ClassifierEpochReport?
  for epoch in stride(from: 1, through: settings.epochs, by: 1) {
    let start = clock.now
    network.train()
    let epochBatches = batches(of: shuffledOrder(examples, using: &rng), size: settings.batchSize)
    var totalLoss = 0.0
    var correct = 0
    for (number, indices) in epochBatches.enumerated() {
      optimizer.zeroGrad()
      let (loss, right) = step(indices)
      let value = loss.item()
      guard value.isFinite else {
        throw ClassifierDiverged(
          epoch: epoch, batch: number + 1, loss: value, rate: settings.rate)
      }
      loss.backward()
      optimizer.step()
      totalLoss += value * Double(indices.count)
      correct += right
      onBatch(
        ClassifierBatchReport(
          epoch: epoch, batch: number + 1, batches: epochBatches.count, loss: value))
    }
    network.eval()
    let validation = validate()
    network.train()
    let report = ClassifierEpochReport(
      epoch: epoch, epochs: settings.epochs, trainingLoss: totalLoss / Double(examples),
      trainingCorrect: correct, trainingTotal: examples, validationLoss: validation.loss,
      validationCorrect: validation.correct, validationTotal: validation.total,
      seconds: (clock.now - start).seconds)
    onEpoch(report)
    last = report
  }
  return last
}

/// The class with the largest score in each row of `scores` (n, classes), the first one when
/// scores tie.
func rowArgmax(_ scores: Tensor) -> [Int] {
  precondition(scores.dims == 2, "rowArgmax needs scores of shape (n, classes)")
  let (rows, classes) = (scores.shape[0], scores.shape[1])
  let values = scores.data.values
  return (0..<rows).map { row in
    var best = 0
    for k in 1..<classes where values[row * classes + k] > values[row * classes + best] {
      best = k
    }
    return best
  }
}
