/// Task 3.5: one step of mini-batch training on the batch `inputs` (shape [b, 2]) with labels
/// `labels` (shape [b], each 0 or 1): forget the old gradients, compute the batch's mean
/// binary cross-entropy (1/b) Σᵢ BCE(zᵢ, yᵢ) of the network's logits zᵢ, backpropagate it, and
/// let `optimizer` move every parameter. Returns the batch's mean loss, as computed before the
/// step (the training loop watches it for divergence).
///
/// The mean, not the sum, so that the size of a step does not depend on the size of the batch:
/// the last batch of an epoch may be smaller than the others. The loss is Module 2's
/// `binaryCrossEntropy(logits:labels:)`.
@discardableResult
public func stepOnBatch(
  _ network: TensorNetwork, _ optimizer: any Optimizer, inputs: Tensor, labels: Tensor
) -> Double {
  precondition(
    inputs.dims == 2 && inputs.shape[1] == 2 && labels.shape == [inputs.shape[0]],
    "stepOnBatch needs inputs of shape [b, 2] and labels of shape [b], got \(inputs.shape) "
      + "and \(labels.shape)")
  // BEGIN SOLUTION Task 3.5
  optimizer.zeroGrad()
  let logits = network(inputs).view(inputs.shape[0])
  let loss = binaryCrossEntropy(logits: logits, labels: labels).mean()
  loss.backward()
  optimizer.step()
  return loss.item()
  // END SOLUTION
}

/// Trains `network` to classify `dataset` by mini-batch SGD: every epoch shuffles the points
/// (`Batches.shuffled`, with a generator seeded once, from `seed`), cuts them into batches of
/// `batchSize` (the last one smaller when `batchSize` does not divide the number of points)
/// and takes one `stepOnBatch` per batch with learning rate `rate` (Task 3.5's step).
///
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
/// The batches come from `Batches.shuffled(count:size:seed:)`, which draws every epoch's order
/// from one generator seeded once per run, so the same seed gives the same batches, in the same
/// order, and the same trained network. The loop around the steps is Module 1's
/// `runTrainingLoop`, the one every module's training runs.
///
/// After its steps, each epoch is measured over the whole dataset, as Modules 1 and 2 measure
/// theirs: the total loss Σ BCE and the number of points classified correctly (the report's
/// `evaluation`); the last report describes the trained network. `seconds` is the epoch's
/// steps and its measurement, not the time `onEpoch` takes. Throws `TrainingDiverged`, naming
/// the epoch (and the batch), as soon as the loss runs away (NaN, infinite, or far above where
/// it started: see `DivergenceWatch`); that epoch is not reported.
///
/// The same network, dataset, settings and seed always give the same run.
@discardableResult
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
  precondition(dataset.count > 0, "cannot train on the empty dataset \(dataset.name)")
  let optimizer = SGD(network.parameters(), rate: rate)
  let backend = network.backend
  let (all, allLabels) = dataset.tensors(at: Array(0..<dataset.count), backend: backend)
  let last = try runTrainingLoop(
    network, optimizer: optimizer,
    batches: .shuffled(count: dataset.count, size: batchSize, seed: seed), epochs: epochs,
    uninformedLoss: DivergenceWatch.uninformedLoss(classes: 2),
    step: { indices in
      let (inputs, labels) = dataset.tensors(at: indices, backend: backend)
      let loss = stepOnBatch(network, optimizer, inputs: inputs, labels: labels)
      return Measurement(meanLoss: loss, count: indices.count)
    },
    evaluate: { network.measure(all, labels: allLabels) },
    onEpoch: onEpoch)
  return last!
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
