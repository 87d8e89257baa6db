// Training and scoring the image classifier (Task 4.5): Module 1's training loop with Adam
// steps on batches of images, the log-probabilities of `ImageClassifier` and `nllLoss`.

extension ImageClassifier {
  /// The documented settings for a network of `architecture`'s shape (Adam, batches of 32),
  /// measured on this project's two shipped sets (see `assignments/module4.md`):
  ///
  /// - the small shape (8 × 8 digits): 20 epochs at rate 0.001, each training image shifted
  ///   by up to 1 pixel (the shifts lift the test accuracy from about 95% to about 97%);
  /// - the LeNet shape (28 × 28 Fashion-MNIST subset): 10 epochs at rate 0.002, no shifts
  ///   (shifts need more epochs to pay off there).
  public static func recommendedSettings(for architecture: ImageClassifierArchitecture)
    -> ClassifierSettings
  {
    switch architecture.layout {
    case .small: ClassifierSettings(epochs: 20, batchSize: 32, rate: 0.001, maxShift: 1)
    case .lenet: ClassifierSettings(epochs: 10, batchSize: 32, rate: 0.002, maxShift: 0)
    }
  }

  /// The predicted class of every image of `images` and the mean loss, computed in batches of
  /// `batchSize` with dropout off (the network's training flag is restored afterwards).
  public func evaluate(_ images: ImageSet, batchSize: Int = 250) -> ClassifierEvaluation {
    precondition(
      images.height == architecture.height && images.width == architecture.width,
      "ImageClassifier for \(architecture.height)×\(architecture.width) images cannot read "
        + "images of \(images.height)×\(images.width)")
    let wasTraining = training
    eval()
    defer { if wasTraining { train() } }
    var predictions: [Int] = []
    var totalLoss = 0.0
    var batches = Batches.inOrder(count: images.count, size: batchSize)
    for indices in batches.nextEpoch() {
      let (x, labels) = images.batch(indices, backend: backend)
      let logProbabilities = self(x)
      totalLoss +=
        nllLoss(logProbabilities: logProbabilities, targets: labels).item()
        * Double(indices.count)
      predictions += predictedClasses(logProbabilities)
    }
    return ClassifierEvaluation(
      predictions: predictions, labels: images.labels,
      loss: images.count == 0 ? 0 : totalLoss / Double(images.count))
  }
}

/// Trains `network` on the images of `train` in shuffled mini-batches with Adam and the
/// negative log-likelihood loss, measuring `validation` after every epoch (see
/// `ClassifierTraining.swift`). Each training image is shifted by up to `settings.maxShift`
/// pixels (see `randomlyShifted`). The shuffles draw from `SplitMix64(seed:)`, the shifts from
/// `SplitMix64(seed: seed + 1)`.
///
/// `onBatch` hears about every batch, `onEpoch` about every epoch. Returns the last epoch's
/// report (`nil` for 0 epochs). Throws `TrainingDiverged` as soon as a batch's loss is NaN or
/// infinite, or the validation loss runs away (see `DivergenceWatch`).
@discardableResult
public func trainImageClassifier(
  _ network: ImageClassifier, on train: ImageSet, validation: ImageSet,
  settings: ClassifierSettings, seed: UInt64 = 0,
  onBatch: (BatchReport) -> Void = { _ in },
  onEpoch: (EpochReport) -> Void = { _ in }
) throws(TrainingDiverged) -> EpochReport? {
  let a = network.architecture
  precondition(
    train.height == a.height && train.width == a.width,
    "ImageClassifier for \(a.height)×\(a.width) images cannot train on images of "
      + "\(train.height)×\(train.width)")
  let optimizer = Adam(network.parameters(), rate: settings.rate)
  // The offsets come from a generator of their own, seeded once, so that shifting or not does
  // not change the order of the batches.
  var offsets = SplitMix64(seed: seed &+ 1)
  return try runTrainingLoop(
    network, optimizer: optimizer,
    batches: .shuffled(count: train.count, size: settings.batchSize, seed: seed),
    epochs: settings.epochs, uninformedLoss: DivergenceWatch.uninformedLoss(classes: a.classes),
    step: { indices in
      optimizer.zeroGrad()
      let (original, labels) = train.batch(indices, backend: network.backend)
      let images = randomlyShifted(original, maxShift: settings.maxShift, using: &offsets)
      let logProbabilities = network(images)
      let loss = nllLoss(logProbabilities: logProbabilities, targets: labels)
      loss.backward()
      optimizer.step()
      let right = zip(predictedClasses(logProbabilities), labels).filter { $0 == $1 }.count
      return Measurement(meanLoss: loss.item(), correct: right, count: indices.count)
    },
    evaluate: { network.evaluate(validation).measurement },
    onBatch: onBatch, onEpoch: onEpoch)
}
