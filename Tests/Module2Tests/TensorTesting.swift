import Module2
import TestSupport

// Generators and checks for tensors, shared by the Module 2 suites. Shapes follow minitorch's
// strategies: 1 to 4 dimensions of size 1 to 3. Generated tensors come in four layouts, one
// quarter each, so every test also meets the layouts a lax index computation gets wrong:
//   - contiguous, row-major;
//   - permuted: the numbers stored for a permuted shape, then permuted back;
//   - strided: a view inside a larger storage, starting at an offset, with gaps between
//     entries and between rows (the storage around and between the entries holds other numbers);
//   - both permuted and strided.

extension Tensor: MathTestValue {}

/// The inverse of a permutation: inverse[order[i]] = i.
func inverse(of order: [Int]) -> [Int] {
  var result = order
  for (position, dimension) in order.enumerated() {
    result[dimension] = position
  }
  return result
}

extension Gen where Value == [Int] {
  /// Shapes of 1 to 4 dimensions, each of size 1 to 3.
  static var shapes: Gen<[Int]> { Gen<Int>.list(of: .smallInts, count: 1...4) }

  /// A random ordering of the dimensions 0..<count.
  static func permutations(of count: Int) -> Gen<[Int]> {
    Gen { rng in
      var order = Array(0..<count)
      for i in stride(from: count - 1, to: 0, by: -1) {
        order.swapAt(i, rng.nextInt(in: 0...i))
      }
      return order
    }
  }
}

extension Gen where Value == TensorData {
  /// Layouts of `shape` holding values from `values`, in one of the four layouts above.
  static func tensorData(_ shape: [Int], values: Gen<Double> = .smallFloats) -> Gen<TensorData> {
    let layout = Gen<Bool>.element(of: [false, true]).zip(.element(of: [false, true]))
    let gaps = Gen<Int>.list(of: .ints(in: 0...2), count: 6...6)
    return layout.zip(Gen<[Int]>.permutations(of: shape.count), gaps).flatMap {
      choice, order, gaps in
      let (permuted, strided) = choice
      let storageOrder = permuted ? order : Array(shape.indices)
      let stored = storageOrder.map { shape[$0] }
      // Strides of the stored shape, innermost first, each block followed by a gap.
      var storedStrides = Array(repeating: 0, count: stored.count)
      var step = strided ? 1 + gaps[0] % 2 : 1
      for dimension in stored.indices.reversed() {
        storedStrides[dimension] = step
        step = step * stored[dimension] + (strided ? gaps[dimension + 1] : 0)
      }
      let offset = strided ? gaps[5] : 0
      let last = offset + Swift.zip(stored, storedStrides).reduce(0) { $0 + ($1.0 - 1) * $1.1 }
      let storageSize = last + 1 + (strided ? gaps[4] : 0)
      return Gen<Double>.list(of: values, count: storageSize...storageSize).map { numbers in
        let data = TensorData(numbers, shape: stored, strides: storedStrides, offset: offset)
        return permuted ? data.permute(inverse(of: order)) : data
      }
    }
  }

  /// Layouts of random shapes (see `shapes`).
  static var tensorData: Gen<TensorData> {
    Gen<[Int]>.shapes.flatMap { tensorData($0) }
  }
}

extension Gen where Value == Tensor {
  /// Tensors of `shape` (contiguous or not) with values from `values`.
  static func tensors(_ shape: [Int], values: Gen<Double> = .smallFloats) -> Gen<Tensor> {
    Gen<TensorData>.tensorData(shape, values: values).map { Tensor($0) }
  }

  /// Tensors of random shapes with values from `values`.
  static func tensors(values: Gen<Double> = .smallFloats) -> Gen<Tensor> {
    Gen<[Int]>.shapes.flatMap { tensors($0, values: values) }
  }

  /// Two tensors of the same random shape.
  static func pairs(values: Gen<Double> = .smallFloats) -> Gen<(Tensor, Tensor)> {
    Gen<[Int]>.shapes.flatMap { tensors($0, values: values).zip(tensors($0, values: values)) }
  }

  /// Two tensors whose shapes differ but broadcast together: the second drops some leading
  /// dimensions of the first and has size 1 in some others; either may come first.
  static func broadcastPairs(values: Gen<Double> = .smallFloats) -> Gen<(Tensor, Tensor)> {
    Gen<[Int]>.shapes.flatMap { big in
      Gen<Int>.ints(in: 0...(big.count - 1))
        .zip(Gen<Bool>.list(of: .element(of: [false, true]), count: 4...4))
        .zip(Gen<Bool>.element(of: [false, true])).flatMap { choice, swapped in
          let (dropped, ones) = choice
          var small = Array(big.dropFirst(dropped))
          for i in small.indices where ones[i] {
            small[i] = 1
          }
          return tensors(big, values: values).zip(tensors(small, values: values)).map {
            swapped ? ($0.1, $0.0) : ($0.0, $0.1)
          }
        }
    }
  }
}

/// Throws unless `actual` has `shape` and every entry is close to `expected(index)`.
func assertEntries(
  _ actual: Tensor, shape: [Int], _ what: String, tolerance: Tolerance = .standard,
  _ expected: ([Int]) -> Double
) throws {
  try check(actual.shape == shape, "\(what) has shape \(actual.shape), expected \(shape)")
  for index in actual.data.indices() {
    try assertClose(actual.data[index], expected(index), "\(what)\(index)", tolerance: tolerance)
  }
}

/// The index of `shape` that supplies `index` of a bigger broadcast shape (independent of the
/// student's `broadcastIndex`: written here from the rules).
func referenceBroadcastIndex(_ index: [Int], into shape: [Int]) -> [Int] {
  let offset = index.count - shape.count
  return shape.indices.map { shape[$0] == 1 ? 0 : index[$0 + offset] }
}

/// The broadcast shape of two shapes, from the rules (independent of `shapeBroadcast`).
func referenceBroadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
  let count = max(a.count, b.count)
  let x = Array(repeating: 1, count: count - a.count) + a
  let y = Array(repeating: 1, count: count - b.count) + b
  var result: [Int] = []
  for (p, q) in zip(x, y) {
    guard p == q || p == 1 || q == 1 else { return nil }
    result.append(max(p, q))
  }
  return result
}

/// An incoming gradient of `shape` in any of the generators' layouts, often a permuted or
/// strided view that starts at an offset, as a gradient arriving through a permute or a slice
/// later in a graph would be.
func upstreamGradient(_ shape: [Int], using rng: inout SplitMix64) -> Tensor {
  Tensor(Gen<TensorData>.tensorData(shape).generate(using: &rng))
}

/// Throws unless backpropagating a random incoming gradient of any layout (`upstreamGradient`)
/// from f(inputs) gives every input the gradient that central differences of the same weighted
/// total give, at every entry of an input of up to `samples` entries and at `samples` random
/// entries of a larger one. `gradCheck` does the same with a contiguous incoming gradient.
func checkBackward(
  _ f: ([Tensor]) -> Tensor, _ inputs: [Tensor], _ what: String, using rng: inout SplitMix64,
  samples: Int = 6
) throws {
  let leaves = inputs.map { Tensor($0.data, requiresGrad: true) }
  let output = f(leaves)
  let upstream = upstreamGradient(output.shape, using: &rng)
  output.backward(upstream)
  for (number, leaf) in leaves.enumerated() {
    guard let grad = leaf.grad else {
      throw CheckFailure(
        "\(what): input \(number) (shape \(leaf.shape)) has no gradient after backward(upstream)")
    }
    let indices =
      leaf.size <= samples
      ? leaf.data.indices()
      : (0..<samples).map { _ in toIndex(rng.nextInt(in: 0...(leaf.size - 1)), leaf.shape) }
    for index in indices {
      let estimate = gradCentralDifference(
        f, inputs, arg: number, index: index, upstream: upstream)
      try assertClose(
        grad.data[index], estimate,
        "\(what): gradient of input \(number) (shape \(leaf.shape)) at \(index) for an incoming "
          + "gradient of shape \(upstream.shape), strides \(upstream.data.strides), offset "
          + "\(upstream.data.offset), against central differences",
        tolerance: .finiteDifference)
    }
  }
}
