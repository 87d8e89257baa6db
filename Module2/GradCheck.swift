/// A gradient computed by `backward()` that disagrees with its central-difference estimate.
public struct GradientMismatch: Error, CustomStringConvertible {
  /// Which input of the function (0 for the first).
  public let input: Int
  /// The entry of that input.
  public let index: [Int]
  /// The input's shape.
  public let shape: [Int]
  /// The gradient entry that backpropagation produced (`nil` when no gradient arrived).
  public let backpropagated: Double?
  /// The central-difference estimate.
  public let estimated: Double

  /// Names the input, the entry and both numbers.
  public var description: String {
    let got = backpropagated.map { "\($0)" } ?? "no gradient at all"
    return "gradient of input \(input) (shape \(shape)) at index \(index): "
      + "backward gave \(got), central difference gives \(estimated)"
  }
}

/// The central-difference estimate of ∂(Σ f(inputs))/∂inputs[arg][index]: nudge that one
/// entry by ±ε, sum the outputs, and take the symmetric difference quotient.
public func gradCentralDifference(
  _ f: ([Tensor]) -> Tensor, _ inputs: [Tensor], arg: Int, index: [Int],
  epsilon: Double = 1e-6
) -> Double {
  func total(shiftedBy delta: Double) -> Double {
    var data = inputs[arg].data
    data[index] += delta
    var shifted = inputs.map { $0.detach() }
    shifted[arg] = Tensor(data, backend: inputs[arg].backend)
    return f(shifted).sum().item()
  }
  return (total(shiftedBy: epsilon) - total(shiftedBy: -epsilon)) / (2 * epsilon)
}

/// Checks `backward()` against `gradCentralDifference` for a function of tensors.
///
/// Runs f on fresh leaves holding the inputs' values, backpropagates from the sum of its output,
/// then compares `samples` entries of each input's gradient, chosen by a generator seeded with
/// `seed`, with the central-difference estimate (every entry when there are no more than
/// `samples`). Throws a `GradientMismatch` naming the input and the index of the first entry
/// that differs by more than atol + rtol · |estimate| (1e-2 each, as minitorch uses).
public func gradCheck(
  _ f: ([Tensor]) -> Tensor, _ inputs: [Tensor], seed: UInt64 = 0, samples: Int = 4,
  rtol: Double = 1e-2, atol: Double = 1e-2
) throws(GradientMismatch) {
  let leaves = inputs.map { Tensor($0.data, backend: $0.backend, requiresGrad: true) }
  f(leaves).backward()
  var rng = SplitMix64(seed: seed)
  for (number, leaf) in leaves.enumerated() {
    let indices =
      leaf.size <= samples
      ? leaf.data.indices()
      : (0..<samples).map { _ in toIndex(rng.nextInt(in: 0...(leaf.size - 1)), leaf.shape) }
    for index in indices {
      let estimate = gradCentralDifference(f, inputs, arg: number, index: index)
      let got = leaf.grad?.data[index]
      guard let got, abs(got - estimate) <= atol + rtol * abs(estimate) else {
        throw GradientMismatch(
          input: number, index: index, shape: leaf.shape, backpropagated: got,
          estimated: estimate)
      }
    }
  }
}

/// Checks `backward()` against central differences; see `gradCheck(_:_:seed:samples:rtol:atol:)`.
public func gradCheck(_ f: ([Tensor]) -> Tensor, _ inputs: Tensor..., seed: UInt64 = 0)
  throws(GradientMismatch)
{
  try gradCheck(f, inputs, seed: seed)
}
