/// The settings of a mini-batch training run with Adam, as both classifiers of Task 4.5 train.
///
/// Modules 1 and 2 took one gradient step per epoch, on the whole dataset. With thousands of
/// images that wastes most of the work: the gradient of a few dozen examples already points
/// roughly the right way. So each epoch takes one Adam step per shuffled batch, in Module 1's
/// training loop (`runTrainingLoop`):
///
///     for each epoch:
///         the batches: a fresh shuffle of the examples (`Batches.shuffled`, seeded once)
///         for each batch:  zero the gradients; loss ← mean loss of the batch; backward; Adam step
///         measure the loss and accuracy on the validation examples (dropout off)
///
/// The validation examples are never trained on: their accuracy, epoch by epoch, tells whether
/// the network still improves or has started to memorise its training examples. The test
/// examples are scored once, after training.
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

  /// The loss, the number right and the number of examples, as the training loop reports them.
  public var measurement: Measurement {
    Measurement(meanLoss: loss, correct: correct, count: predictions.count)
  }
}

/// The predicted class of each row of `scores` (n, classes): the column of its largest score,
/// the first one when scores tie (the one-hot `argmax(dim: 1)` read as a column number).
func predictedClasses(_ scores: Tensor) -> [Int] {
  precondition(scores.dims == 2, "predictedClasses needs scores of shape (n, classes)")
  let columns = Tensor(
    shape: [scores.shape[1], 1], data: (0..<scores.shape[1]).map(Double.init),
    backend: scores.backend)
  return scores.argmax(dim: 1).matmul(columns).data.values.map { Int($0) }
}
