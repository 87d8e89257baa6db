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

/// The central-difference estimate of ∂(Σᵢ wᵢ · f(inputs)ᵢ)/∂inputs[arg][index], where the
/// weights w are the entries of `upstream` (all 1 when it is `nil`): nudge that one entry by ±ε,
/// total the weighted outputs, and take the symmetric difference quotient.
///
/// The totals are computed with plain numbers, not with tensor functions, so the estimate does
/// not depend on any of them being right.
public func gradCentralDifference(
  _ f: ([Tensor]) -> Tensor, _ inputs: [Tensor], arg: Int, index: [Int],
  upstream: Tensor? = nil, epsilon: Double = 1e-6
) -> Double {
  let weights = upstream?.data.values
  func total(shiftedBy delta: Double) -> Double {
    var data = inputs[arg].data
    data[index] += delta
    var shifted = inputs.map { $0.detach() }
    shifted[arg] = Tensor(data, backend: inputs[arg].backend)
    let outputs = f(shifted).data.values
    guard let weights else { return outputs.reduce(0, +) }
    precondition(
      weights.count == outputs.count,
      "gradCentralDifference: upstream has \(weights.count) entries, the output \(outputs.count)")
    return zip(weights, outputs).reduce(0) { $0 + $1.0 * $1.1 }
  }
  return (total(shiftedBy: epsilon) - total(shiftedBy: -epsilon)) / (2 * epsilon)
}

/// Checks `backward()` against `gradCentralDifference` for a function of tensors.
///
/// Runs f on fresh leaves holding the inputs' values and backpropagates from its output with a
/// random upstream gradient (entries of size 0.5 to 2 with random signs, drawn from `seed`), so
/// that a backward pass that ignores or mishandles its incoming gradient is caught; or with
/// `upstream` when given, which must have the output's shape and may have any layout. Then it
/// compares `samples` entries of each input's gradient, chosen by the same generator, with the
/// central-difference estimate of the same weighted total (every entry when there are no more
/// than `samples`). Throws a `GradientMismatch` naming the input and the index of the first
/// entry that differs by more than atol + rtol · |estimate| (1e-2 each, as minitorch uses).
public func gradCheck(
  _ f: ([Tensor]) -> Tensor, _ inputs: [Tensor], seed: UInt64 = 0, samples: Int = 4,
  upstream given: Tensor? = nil, rtol: Double = 1e-2, atol: Double = 1e-2
) throws(GradientMismatch) {
  let leaves = inputs.map { Tensor($0.data, backend: $0.backend, requiresGrad: true) }
  let output = f(leaves)
  var rng = SplitMix64(seed: seed)
  let upstream: Tensor
  if let given {
    precondition(
      given.shape == output.shape,
      "gradCheck: the upstream gradient has shape \(given.shape), the output \(output.shape)")
    upstream = given
  } else {
    let weights = (0..<output.size).map { _ in
      (rng.nextDouble() < 0.5 ? -1.0 : 1.0) * rng.nextDouble(in: 0.5..<2)
    }
    upstream = Tensor(shape: output.shape, data: weights, backend: output.backend)
  }
  output.backward(upstream)
  for (number, leaf) in leaves.enumerated() {
    let indices =
      leaf.size <= samples
      ? leaf.data.indices()
      : (0..<samples).map { _ in toIndex(rng.nextInt(in: 0...(leaf.size - 1)), leaf.shape) }
    for index in indices {
      let estimate = gradCentralDifference(
        f, inputs, arg: number, index: index, upstream: upstream)
      let got = leaf.grad?.data[index]
      guard let got, abs(got - estimate) <= atol + rtol * abs(estimate) else {
        throw GradientMismatch(
          input: number, index: index, shape: leaf.shape, backpropagated: got,
          estimated: estimate)
      }
    }
  }
}

/// Checks `backward()` against central differences; see `gradCheck(_:_:seed:samples:upstream:rtol:atol:)`.
public func gradCheck(_ f: ([Tensor]) -> Tensor, _ inputs: Tensor..., seed: UInt64 = 0)
  throws(GradientMismatch)
{
  try gradCheck(f, inputs, seed: seed)
}
