import Module2
import TestSupport

// Random tensors on a chosen backend, for checks written once and run on every backend (the
// Module 2 suites pass `.simple`, the Module 4 suites `.fast`). Shapes have 1 to 4 dimensions
// of size 1 to 3. Each tensor comes in one of three layouts, a third each, so code that assumes
// row-major storage from position 0 is caught:
//   - contiguous, row-major;
//   - permuted: the numbers stored for a permuted shape, then permuted back;
//   - strided: a view that starts at an offset inside a larger storage, with a gap after every
//     entry of the last dimension and after every block (the gaps hold 1000 and more).

extension Gen where Value == Double {
  /// Numbers uniform in `range` with no favoured edge values, so that two entries almost never
  /// tie and never sit on a kink (0 for abs, a bound for clamp).
  public static func uniform(_ range: Range<Double>) -> Gen<Double> {
    Gen { rng in rng.nextDouble(in: range) }
  }
}

extension Gen where Value == [Int] {
  /// Shapes of 1 to 4 dimensions, each of size 1 to 3.
  public static var smallShapes: Gen<[Int]> { Gen<Int>.list(of: .smallInts, count: 1...4) }

  /// A random nonempty set of the dimensions 0..<count, in increasing order.
  public static func dimensionSets(of count: Int) -> Gen<[Int]> {
    Gen { rng in
      while true {
        let chosen = (0..<count).filter { _ in rng.nextInt(in: 0...1) == 1 }
        if !chosen.isEmpty { return chosen }
      }
    }
  }
}

extension Gen where Value == Tensor {
  /// Tensors of `shape` on `backend` with entries from `values`, in any of the three layouts.
  public static func tensors(_ shape: [Int], on backend: TensorBackend, values: Gen<Double>)
    -> Gen<Tensor>
  {
    let size = shape.reduce(1, *)
    return Gen<Double>.list(of: values, count: size...size)
      .zip(.ints(in: 0...2), .ints(in: 0...1000))
      .map { numbers, layout, seed in
        var rng = SplitMix64(seed: UInt64(seed))
        let data: TensorData
        switch layout {
        case 1: data = permutedLayout(numbers, shape, using: &rng)
        case 2: data = stridedLayout(numbers, shape)
        default: data = TensorData(numbers, shape: shape)
        }
        return Tensor(data, backend: backend)
      }
  }

  /// Tensors of random shapes (see `smallShapes`) on `backend`.
  public static func tensors(on backend: TensorBackend, values: Gen<Double>) -> Gen<Tensor> {
    Gen<[Int]>.smallShapes.flatMap { tensors($0, on: backend, values: values) }
  }

  /// Two tensors on `backend` whose shapes broadcast together: the second drops some leading
  /// dimensions of the first and has size 1 in some others (or has the same shape); either may
  /// come first.
  public static func broadcastPairs(on backend: TensorBackend, values: Gen<Double>)
    -> Gen<(Tensor, Tensor)>
  {
    Gen<[Int]>.smallShapes.flatMap { big in
      Gen<Int>.ints(in: 0...(big.count - 1))
        .zip(Gen<Int>.list(of: .ints(in: 0...1), count: 4...4), Gen<Int>.ints(in: 0...1))
        .flatMap { dropped, ones, swapped in
          var small = Array(big.dropFirst(dropped))
          for i in small.indices where ones[i] == 1 {
            small[i] = 1
          }
          return tensors(big, on: backend, values: values)
            .zip(tensors(small, on: backend, values: values))
            .map { swapped == 1 ? ($0.1, $0.0) : ($0.0, $0.1) }
        }
    }
  }
}

/// `values` (row-major for `shape`) stored for a random permutation of the shape, then seen
/// through the inverse permutation: the same tensor, with strides out of order.
func permutedLayout(_ values: [Double], _ shape: [Int], using rng: inout SplitMix64)
  -> TensorData
{
  var order = Array(shape.indices)
  for i in stride(from: order.count - 1, to: 0, by: -1) {
    order.swapAt(i, rng.nextInt(in: 0...i))
  }
  let stored = order.map { shape[$0] }
  let strides = rowMajor(shape)
  var storage = [Double](repeating: 0, count: values.count)
  for ordinal in storage.indices {
    // Storage entry `ordinal` is stored index s; it holds the logical index whose dimension
    // order[k] is s[k].
    var (rest, position) = (ordinal, 0)
    for k in stored.indices.reversed() {
      position += (rest % stored[k]) * strides[order[k]]
      rest /= stored[k]
    }
    storage[ordinal] = values[position]
  }
  var inverse = order
  for (position, dimension) in order.enumerated() {
    inverse[dimension] = position
  }
  return TensorData(storage, shape: stored).permute(inverse)
}

/// `values` (row-major for `shape`) as a view starting at position 2 of a larger storage, with
/// a gap after every entry of the last dimension and after every block of the others.
func stridedLayout(_ values: [Double], _ shape: [Int]) -> TensorData {
  let offset = 2
  var strides = Array(repeating: 2, count: shape.count)
  for i in shape.indices.dropLast().reversed() {
    strides[i] = strides[i + 1] * shape[i + 1] + 1
  }
  let last = offset + zip(shape, strides).reduce(0) { $0 + ($1.0 - 1) * $1.1 }
  var storage = (0...(last + 1)).map { 1000 + Double($0) }
  for ordinal in values.indices {
    var (position, rest) = (offset, ordinal)
    for k in shape.indices.reversed() {
      position += (rest % shape[k]) * strides[k]
      rest /= shape[k]
    }
    storage[position] = values[ordinal]
  }
  return TensorData(storage, shape: shape, strides: strides, offset: offset)
}

/// Row-major strides of `shape`, written here so the checks do not rely on Task 2.1.
func rowMajor(_ shape: [Int]) -> [Int] {
  var strides = Array(repeating: 1, count: shape.count)
  for i in shape.indices.dropLast().reversed() {
    strides[i] = strides[i + 1] * shape[i + 1]
  }
  return strides
}
