/// Task 3.5: one step of mini-batch SGD on the batch `inputs` (shape [b, 2]) with labels
/// `labels` (shape [b], each 0 or 1): forget the old gradients, compute the batch's mean
/// binary cross-entropy (1/b) Σᵢ BCE(zᵢ, yᵢ) of the network's logits zᵢ, backpropagate it, and
/// let `optimizer` move every parameter.
///
/// The mean, not the sum, so that the size of a step does not depend on the size of the batch:
/// the last batch of an epoch may be smaller than the others. The loss is Module 2's
/// `binaryCrossEntropy(logits:labels:)`.
public func stepOnBatch(
  _ network: TensorNetwork, _ optimizer: SGD, inputs: Tensor, labels: Tensor
) {
  precondition(
    inputs.dims == 2 && inputs.shape[1] == 2 && labels.shape == [inputs.shape[0]],
    "stepOnBatch needs inputs of shape [b, 2] and labels of shape [b], got \(inputs.shape) "
      + "and \(labels.shape)")
  // BEGIN SOLUTION Task 3.5
  optimizer.zeroGrad()
  let logits = network(inputs).view(inputs.shape[0])
  binaryCrossEntropy(logits: logits, labels: labels).mean().backward()
  optimizer.step()
  // END SOLUTION
}

/// Trains `network` to classify `dataset` by mini-batch SGD: every epoch shuffles the points
/// (with a generator seeded once, from `seed`), cuts them into batches of `batchSize` (the last
/// one smaller when `batchSize` does not divide the number of points) and takes one
/// `stepOnBatch` per batch with learning rate `rate`.
///
/// After its steps, each epoch is measured over the whole dataset, as Modules 1 and 2 measure
/// theirs: the total loss Σ BCE and the number of points classified correctly (see
/// `EpochReport`); the last report describes the trained network. `seconds` is the epoch's
/// steps and its measurement, not the time `onEpoch` takes. Throws `TrainingDiverged`, naming
/// the epoch, as soon as the loss runs away (NaN, infinite, or far above where it started: see
/// `DivergenceWatch`); that epoch is not reported.
///
/// The same network, dataset, settings and seed always give the same run.
@discardableResult
/// Modules 1 and 2 take one step per epoch, down the gradient of the loss over the whole
/// dataset. Here an epoch is many small steps: shuffle the points, cut them into batches of
/// `batchSize`, and step down the gradient of each batch's mean loss in turn,
///
///     for each batch B:   θ ← θ − rate · ∇θ (1/|B|) Σ_{i∈B} BCE(f(xᵢ; θ), yᵢ)
///
/// Each batch's gradient is a noisy estimate of the whole dataset's, but there are N / batchSize
/// steps per epoch instead of one, so the network moves much further per pass over the data; the
/// noise also shakes it out of the flat regions where full-batch descent crawls. A fresh shuffle
/// every epoch keeps the batches from being the same every time.
///
/// The shuffle comes from one generator seeded once per run, so the same seed gives the same
/// batches, in the same order, and the same trained network.
public func trainInBatches(
  _ network: TensorNetwork,
  on dataset: Dataset,
  rate: Double,
  epochs: Int,
  batchSize: Int,
  seed: UInt64,
  onEpoch: (EpochReport) -> Void = { _ in }
) throws(TrainingDiverged) -> EpochReport {
  precondition(epochs > 0, "training needs at least one epoch, got \(epochs)")
  precondition(batchSize > 0, "a batch needs at least one point, got batchSize \(batchSize)")
  precondition(dataset.count > 0, "cannot train on the empty dataset \(dataset.name)")
  let optimizer = SGD(network.parameters(), rate: rate)
  let n = dataset.count
  let backend = network.backend
  let all = Tensor(
    shape: [n, 2], data: dataset.points.flatMap { [$0.0, $0.1] }, backend: backend)
  let allLabels = Tensor(shape: [n], data: dataset.labels.map(Double.init), backend: backend)
  let watch = DivergenceWatch(
    initialLoss: measure(network, all, allLabels).loss,
    uninformedLoss: DivergenceWatch.uninformedBinaryLoss(points: n), rate: rate)

  var generator = SplitMix64(seed: seed)
  var order = Array(0..<n)
  var inputs = [Double](repeating: 0, count: 2 * Swift.min(batchSize, n))
  var labels = [Double](repeating: 0, count: Swift.min(batchSize, n))
  let clock = ContinuousClock()
  var report: EpochReport?
  for epoch in 1...epochs {
    let start = clock.now
    shuffle(&order, using: &generator)
    for first in stride(from: 0, to: n, by: batchSize) {
      let batch = order[first..<Swift.min(n, first + batchSize)]
      inputs.removeAll(keepingCapacity: true)
      labels.removeAll(keepingCapacity: true)
      for point in batch {
        inputs.append(dataset.points[point].0)
        inputs.append(dataset.points[point].1)
        labels.append(Double(dataset.labels[point]))
      }
      stepOnBatch(
        network, optimizer,
        inputs: Tensor(shape: [batch.count, 2], data: inputs, backend: backend),
        labels: Tensor(shape: [batch.count], data: labels, backend: backend))
    }
    let measured = measure(network, all, allLabels)
    try watch.check(measured.loss, epoch: epoch)
    let current = EpochReport(
      epoch: epoch, epochs: epochs, loss: measured.loss, correct: measured.correct, total: n,
      seconds: (clock.now - start).seconds)
    onEpoch(current)
    report = current
  }
  return report!
}

/// The network on every point at once: the total loss Σ BCE(zᵢ, yᵢ) and how many points it
/// classifies correctly (σ(zᵢ) > ½ exactly where the label is 1).
private func measure(
  _ network: TensorNetwork, _ inputs: Tensor, _ labels: Tensor
) -> (loss: Double, correct: Int) {
  let logits = network(inputs).view(labels.size)
  let loss = binaryCrossEntropy(logits: logits, labels: labels).sum().item()
  let correct = zip(logits.data.values, labels.data.values).filter { logit, label in
    (Operators.sigmoid(logit) > 0.5) == (label == 1)
  }.count
  return (loss, correct)
}

/// Puts `items` in a random order, every order equally likely (the Fisher–Yates shuffle): for
/// i from the last position down to 1, swap item i with a uniformly chosen item j ≤ i. Written
/// out rather than the standard library's `shuffle(using:)`, whose algorithm may change between
/// Swift versions: the same seed must give the same batches everywhere.
public func shuffle(_ items: inout [Int], using generator: inout SplitMix64) {
  for i in items.indices.reversed() where i > 0 {
    items.swapAt(i, generator.nextInt(in: 0...i))
  }
}

extension TensorNetwork {
  /// The documented Module 3 settings for each dataset of 50 points: 100 hidden units, batches
  /// of 10 (five steps per epoch) and rate 0.1 everywhere; 500 epochs, 1000 for `split` and
  /// `circle`, whose boundaries take longer to settle, and 3000 for `spiral`. Plain SGD with a
  /// fixed rate: a step of 0.2 is already too large for spiral, 0.05 too slow. See
  /// `assignments/module3.md` (Task 3.5) for what they reach on seeds 0–2.
  public static func batchSettings(for dataset: String) -> TrainingSettings {
    switch dataset {
    case "split", "circle": TrainingSettings(hidden: 100, rate: 0.1, epochs: 1000, batchSize: 10)
    case "spiral": TrainingSettings(hidden: 100, rate: 0.1, epochs: 3000, batchSize: 10)
    default: TrainingSettings(hidden: 100, rate: 0.1, epochs: 500, batchSize: 10)
    }
  }
}
