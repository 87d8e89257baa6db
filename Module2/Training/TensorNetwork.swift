/// A fully connected layer on tensors: for a batch x of shape [batch, inputs],
/// output = x W + b, with W of shape [inputs, outputs] and b of shape [outputs] (Task 2.5).
///
/// The weights and bias start uniform in [−1, 1) from a seeded generator, like the scalar
/// `Linear` layer's.
public final class TensorLinear: Module, Layer {
  /// The weight matrix, shape [inputs, outputs].
  public let weights: Parameter
  /// The bias, shape [outputs].
  public let bias: Parameter
  private let sizes: (inputs: Int, outputs: Int)

  /// A layer from `inputs` to `outputs` features, initialised from `seed`.
  public init(_ inputs: Int, _ outputs: Int, seed: UInt64, backend: TensorBackend = .simple) {
    precondition(
      inputs > 0 && outputs > 0, "TensorLinear needs positive sizes, got \(inputs) → \(outputs)")
    weights = Parameter(
      (Tensor.rand([inputs, outputs], seed: seed, backend: backend) - 0.5) * 2)
    bias = Parameter((Tensor.rand([outputs], seed: seed &+ 1, backend: backend) - 0.5) * 2)
    sizes = (inputs, outputs)
  }

  /// Task 2.5: x W + b for a batch x of shape [batch, inputs].
  public func forward(_ input: Tensor) -> Tensor {
    // BEGIN SOLUTION Task 2.5
    return input.matmul(weights.value(as: Tensor.self)) + bias.value(as: Tensor.self)
    // END SOLUTION
  }

  /// `in: 2, out: 10`.
  public override var extraDescription: String { "in: \(sizes.inputs), out: \(sizes.outputs)" }
}

/// The network of Task 2.5: the same shape as Module 1's `ScalarNetwork` (2 → hidden → hidden
/// → 1, ReLU), computing a whole batch of points at once. Like `ScalarNetwork`, its `forward`
/// returns logits (the loss is computed from them, stably); `probability(_:)` applies the
/// sigmoid.
public final class TensorNetwork: Module, Layer {
  /// 2 → hidden.
  public let layer1: TensorLinear
  /// hidden → hidden.
  public let layer2: TensorLinear
  /// hidden → 1.
  public let layer3: TensorLinear
  /// The backend its parameters compute with; inputs should use it too.
  public let backend: TensorBackend

  /// A network with `hidden` units per hidden layer, initialised from `seed`.
  public init(hidden: Int, seed: UInt64 = 0, backend: TensorBackend = .simple) {
    self.backend = backend
    layer1 = TensorLinear(2, hidden, seed: seed, backend: backend)
    layer2 = TensorLinear(hidden, hidden, seed: seed &+ 10, backend: backend)
    layer3 = TensorLinear(hidden, 1, seed: seed &+ 20, backend: backend)
  }

  /// Task 2.5: the logits layer3(relu(layer2(relu(layer1(x))))) for a batch x of shape
  /// [batch, 2]; the result has shape [batch, 1].
  public func forward(_ input: Tensor) -> Tensor {
    // BEGIN SOLUTION Task 2.5
    let hidden1 = layer1(input).relu()
    let hidden2 = layer2(hidden1).relu()
    return layer3(hidden2)
    // END SOLUTION
  }

  /// The probability σ(z) that each point of the batch `input` (shape [batch, 2]) has label 1;
  /// shape [batch, 1].
  public func probability(_ input: Tensor) -> Tensor {
    forward(input).sigmoid()
  }

  /// The documented Module 2 settings for each dataset of 50 points: the same as Module 1's
  /// (`ScalarNetwork.recommendedSettings(for:)`), so the two networks can be compared run for
  /// run. `spiral` is beyond this small network too; Module 3's network learns it.
  public static func recommendedSettings(for dataset: String) -> TrainingSettings {
    ScalarNetwork.recommendedSettings(for: dataset)
  }
}

/// Trains `network` to classify `dataset` exactly as `trainScalarNetwork` does, but on the
/// whole dataset at once: X of shape [N, 2], labels y of shape [N], loss
/// L = Σ `binaryCrossEntropy(logits:labels:)`, one SGD step per epoch on the mean loss.
///
/// Each epoch's report is measured after its step over every point (the last one describes the
/// trained network). Returns the last epoch's report. Throws `TrainingDiverged`, naming the
/// epoch, as soon as the loss runs away (NaN, infinite, or far above where it started: see
/// `DivergenceWatch`).
@discardableResult
public func trainTensorNetwork(
  _ network: TensorNetwork,
  on dataset: Dataset,
  rate: Double,
  epochs: Int,
  onEpoch: (EpochReport) -> Void = { _ in }
) throws(TrainingDiverged) -> EpochReport {
  precondition(epochs > 0, "training needs at least one epoch, got \(epochs)")
  precondition(dataset.count > 0, "cannot train on the empty dataset \(dataset.name)")
  let optimizer = SGD(network.parameters(), rate: rate)
  let n = dataset.count
  let (x, y) = dataset.tensors(at: Array(0..<n), backend: network.backend)
  let last = try runTrainingLoop(
    network, optimizer: optimizer, batches: .inOrder(count: n, size: n), epochs: epochs,
    uninformedLoss: DivergenceWatch.uninformedLoss(classes: 2), evaluatedByNextStep: true,
    step: { _ in
      // The one batch of every epoch is every point, in order: x and y.
      optimizer.zeroGrad()
      let logits = network(x).view(n)
      let loss = binaryCrossEntropy(logits: logits, labels: y).sum()
      (loss / Double(n)).backward()
      optimizer.step()
      return Measurement(totalLoss: loss.item(), correct: correctCount(logits, y), count: n)
    },
    evaluate: { network.measure(x, labels: y) },
    onEpoch: onEpoch)
  return last!
}

extension Dataset {
  /// The points at `indices` as a tensor of shape [b, 2] and their labels as a tensor of
  /// shape [b], on `backend`: a batch for a `TensorNetwork`.
  public func tensors(at indices: [Int], backend: TensorBackend = .simple) -> (
    inputs: Tensor, labels: Tensor
  ) {
    let inputs = Tensor(
      shape: [indices.count, 2], data: indices.flatMap { [points[$0].0, points[$0].1] },
      backend: backend)
    let labels = Tensor(
      shape: [indices.count], data: indices.map { Double(self.labels[$0]) }, backend: backend)
    return (inputs, labels)
  }
}

extension TensorNetwork {
  /// The network on the points `inputs` (shape [b, 2]) labelled `labels` (shape [b]): the
  /// total loss Σ BCE(zᵢ, yᵢ) and how many points it classifies correctly.
  public func measure(_ inputs: Tensor, labels: Tensor) -> Measurement {
    let logits = self(inputs).view(labels.size)
    return Measurement(
      totalLoss: binaryCrossEntropy(logits: logits, labels: labels).sum().item(),
      correct: correctCount(logits, labels), count: labels.size)
  }
}

/// How many `logits` are on the side of 0 their label says: σ(z) > ½ exactly where the label
/// is 1.
private func correctCount(_ logits: Tensor, _ labels: Tensor) -> Int {
  zip(logits.data.values, labels.data.values).filter { logit, label in
    (Operators.sigmoid(logit) > 0.5) == (label == 1)
  }.count
}
