import Foundation

// How a layer's weights start. A deep network learns only if the signal keeps its size from layer
// to layer: with n inputs per output (the *fan-in*) and weights of variance σ², an output's
// variance is about n · σ² times its inputs'. Module 2's uniform [−1, 1) weights (variance 1/3)
// are fine for 2 inputs and blow up for 392. He (Kaiming) initialisation picks σ² = 2 / n, the
// 2 making up for ReLU zeroing half of its inputs: uniform in [−b, b) with b = √(6 / n), since
// a uniform [−b, b) has variance b² / 3.

/// How a layer's weights are drawn (biases start at 0 with `.he`).
public enum Initialization: Sendable, Equatable {
  /// Uniform in [−1, 1) for weights and biases, as Module 1's `Linear` and Module 2's
  /// `TensorLinear` start: fine for a few inputs, too large for many.
  case uniform
  /// He (Kaiming) uniform: weights uniform in [−√(6 / fanIn), √(6 / fanIn)), where fanIn is
  /// the number of inputs each output adds up; biases 0. Keeps the size of activations steady
  /// through ReLU layers; the default of this stage's layers.
  case he

  /// A weight tensor of `shape` whose outputs each add up `fanIn` inputs, drawn from `seed`.
  public func weights(_ shape: [Int], fanIn: Int, seed: UInt64, backend: TensorBackend)
    -> Tensor
  {
    let bound = self == .he ? (6 / Double(fanIn)).squareRoot() : 1
    var rng = SplitMix64(seed: seed)
    let values = (0..<shape.reduce(1, *)).map { _ in rng.nextDouble(in: -bound..<bound) }
    return Tensor(shape: shape, data: values, backend: backend)
  }

  /// A bias of `count` entries, drawn from `seed`: zeros for `.he`, uniform [−1, 1) for
  /// `.uniform`.
  public func bias(_ count: Int, seed: UInt64, backend: TensorBackend) -> Tensor {
    guard self == .uniform else { return Tensor.zeros([count], backend: backend) }
    var rng = SplitMix64(seed: seed)
    let values = (0..<count).map { _ in rng.nextDouble(in: -1..<1) }
    return Tensor(shape: [count], data: values, backend: backend)
  }
}
