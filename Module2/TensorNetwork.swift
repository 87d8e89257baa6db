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
/// → 1, ReLU, then sigmoid), computing a whole batch of points at once.
public final class TensorNetwork: Module, Layer {
  /// 2 → hidden.
  public let layer1: TensorLinear
  /// hidden → hidden.
  public let layer2: TensorLinear
  /// hidden → 1.
  public let layer3: TensorLinear

  /// A network with `hidden` units per hidden layer, initialised from `seed`.
  public init(hidden: Int, seed: UInt64 = 0, backend: TensorBackend = .simple) {
    layer1 = TensorLinear(2, hidden, seed: seed, backend: backend)
    layer2 = TensorLinear(hidden, hidden, seed: seed &+ 10, backend: backend)
    layer3 = TensorLinear(hidden, 1, seed: seed &+ 20, backend: backend)
  }

  /// Task 2.5: σ(layer3(relu(layer2(relu(layer1(x)))))) for a batch x of shape [batch, 2];
  /// the result has shape [batch, 1].
  public func forward(_ input: Tensor) -> Tensor {
    // BEGIN SOLUTION Task 2.5
    let hidden1 = layer1(input).relu()
    let hidden2 = layer2(hidden1).relu()
    return layer3(hidden2).sigmoid()
    // END SOLUTION
  }
}

/// Trains a `TensorNetwork` to classify `dataset`, exactly as `trainScalarNetwork` does but on
/// the whole dataset at once: X of shape [N, 2] and labels y of shape [N], loss
/// Σ −log(y·p + (1 − y)(1 − p)), one SGD step per epoch. Returns the trained network.
@discardableResult
public func trainTensorNetwork(
  on dataset: Dataset,
  hidden: Int,
  rate: Double,
  epochs: Int,
  seed: UInt64 = 0,
  backend: TensorBackend = .simple,
  onEpoch: (EpochReport) -> Void = { _ in }
) -> TensorNetwork {
  let network = TensorNetwork(hidden: hidden, seed: seed, backend: backend)
  let optimizer = SGD(network.parameters(), rate: rate)
  let n = dataset.count
  let x = Tensor(
    shape: [n, 2], data: dataset.points.flatMap { [$0.0, $0.1] }, backend: backend)
  let y = Tensor(shape: [n], data: dataset.labels.map(Double.init), backend: backend)
  let clock = ContinuousClock()
  for epoch in 1...epochs {
    let start = clock.now
    optimizer.zeroGrad()
    let p = network(x).view(n)
    let probability = y * p + (1 - y) * (1 - p)
    let loss = -probability.log().sum()
    (loss / Double(n)).backward()
    optimizer.step()
    let correct = Int((p.gt(0.5).eq(y)).sum().item())
    onEpoch(
      EpochReport(
        epoch: epoch, epochs: epochs, loss: loss.item(), correct: correct, total: n,
        seconds: (clock.now - start).seconds))
  }
  return network
}
