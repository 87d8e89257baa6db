import Module2
import TestSupport

// Generators and checks for tensors, shared by the Module 2 suites. Shapes follow minitorch's
// strategies: 1 to 4 dimensions of size 1 to 3. Half of all generated tensors are stored
// permuted (the numbers laid out for a permuted shape, then permuted back), so every test also
// meets non-contiguous layouts.

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
  /// Layouts of `shape` holding values from `values`: contiguous, or (half the time) stored for
  /// a permuted shape and permuted back, so that the strides are not row-major.
  static func tensorData(_ shape: [Int], values: Gen<Double> = .smallFloats) -> Gen<TensorData> {
    Gen<Bool>.element(of: [false, true]).zip(Gen<[Int]>.permutations(of: shape.count)).flatMap {
      permuted, order in
      Gen<Double>.list(of: values, count: shape.reduce(1, *)...shape.reduce(1, *)).map { numbers in
        guard permuted else { return TensorData(numbers, shape: shape) }
        let stored = TensorData(numbers, shape: order.map { shape[$0] })
        return stored.permute(inverse(of: order))
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
