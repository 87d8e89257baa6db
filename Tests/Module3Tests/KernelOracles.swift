import Module0
import Module3
import Testing

// Independent answers for the fast kernels: plain loops over indices, written here with their
// own index arithmetic, so that neither Module 2's code nor the kernel under test decides what
// is expected. Inputs come in four layouts of the same entries, as the Module 2 suites use:
// contiguous, permuted, strided inside a larger storage from an offset, and both.

/// An n-dimensional array as the oracle sees it: every entry in row-major order, and the shape.
struct Dense: CustomStringConvertible {
  var values: [Double]
  let shape: [Int]

  var description: String { "shape \(shape)" }

  /// Every entry of a tensor, read with this file's own arithmetic: offset + Σ index · stride.
  init(_ data: TensorData) {
    shape = data.shape
    values = allIndices(data.shape).map { index in
      var position = data.offset
      for d in index.indices { position += index[d] * data.strides[d] }
      return data.storage.values[position]
    }
  }

  init(values: [Double], shape: [Int]) {
    precondition(values.count == shape.reduce(1, *))
    self.values = values
    self.shape = shape
  }

  /// The entry at `index` (row-major).
  subscript(index: [Int]) -> Double {
    var position = 0
    for d in index.indices { position = position * shape[d] + index[d] }
    return values[position]
  }
}

/// Every index of `shape` in row-major order (the last dimension fastest).
func allIndices(_ shape: [Int]) -> [[Int]] {
  var result: [[Int]] = [[]]
  for size in shape {
    result = result.flatMap { prefix in (0..<size).map { prefix + [$0] } }
  }
  return result
}

/// The index of `shape` that supplies `index` of a larger shape it broadcasts to.
func sourceIndex(_ index: [Int], in shape: [Int]) -> [Int] {
  let skip = index.count - shape.count
  return shape.indices.map { d in shape[d] == 1 ? 0 : index[d + skip] }
}

/// The broadcast of two shapes, written out again here.
func broadcastOf(_ a: [Int], _ b: [Int]) -> [Int] {
  let count = max(a.count, b.count)
  return (0..<count).map { d in
    let x = d < count - a.count ? 1 : a[d - (count - a.count)]
    let y = d < count - b.count ? 1 : b[d - (count - b.count)]
    return max(x, y)
  }
}

enum Oracle {
  static func map(_ a: Dense, to shape: [Int], _ f: (Double) -> Double) -> Dense {
    Dense(values: allIndices(shape).map { f(a[sourceIndex($0, in: a.shape)]) }, shape: shape)
  }

  static func zip(_ a: Dense, _ b: Dense, _ f: (Double, Double) -> Double) -> Dense {
    let shape = broadcastOf(a.shape, b.shape)
    return Dense(
      values: allIndices(shape).map {
        f(a[sourceIndex($0, in: a.shape)], b[sourceIndex($0, in: b.shape)])
      }, shape: shape)
  }

  static func reduce(
    _ a: Dense, dim: Int, start: Double, _ f: (Double, Double) -> Double
  ) -> Dense {
    var shape = a.shape
    shape[dim] = 1
    return Dense(
      values: allIndices(shape).map { index in
        var index = index
        var accumulator = start
        for k in 0..<a.shape[dim] {
          index[dim] = k
          accumulator = f(accumulator, a[index])
        }
        return accumulator
      }, shape: shape)
  }

  /// Σₖ a[…, i, k] b[…, k, j], batch dimensions broadcast.
  static func matmul(_ a: Dense, _ b: Dense) -> Dense {
    let (n, m, p) = (a.shape[a.shape.count - 2], a.shape[a.shape.count - 1], b.shape.last!)
    let batch = broadcastOf(Array(a.shape.dropLast(2)), Array(b.shape.dropLast(2)))
    let shape = batch + [n, p]
    return Dense(
      values: allIndices(shape).map { index in
        let outer = Array(index.dropLast(2))
        let (i, j) = (index[index.count - 2], index[index.count - 1])
        let aOuter = sourceIndex(outer, in: Array(a.shape.dropLast(2)))
        let bOuter = sourceIndex(outer, in: Array(b.shape.dropLast(2)))
        var sum = 0.0
        for k in 0..<m { sum += a[aOuter + [i, k]] * b[bOuter + [k, j]] }
        return sum
      }, shape: shape)
  }
}

/// The layouts a kernel must read correctly.
enum Layout: String, CaseIterable, CustomStringConvertible {
  case contiguous
  /// Stored in another order of dimensions, then permuted back to the requested shape.
  case permuted
  /// Inside a larger storage, from an offset, with gaps between entries and rows.
  case strided
  /// Both.
  case permutedAndStrided

  var description: String { rawValue }

  /// `values` (row-major, of `shape`) laid out this way; the storage outside the entries holds
  /// NaN, so reading a wrong position shows.
  func make(_ values: [Double], _ shape: [Int]) -> TensorData {
    let dims = shape.count
    let permuted = self == .permuted || self == .permutedAndStrided
    let strided = self == .strided || self == .permutedAndStrided
    // Storage order: reversed dimensions, so the last dimension is never the innermost one.
    let order: [Int] = permuted ? Array((0..<dims).reversed()) : Array(0..<dims)
    let storedShape = order.map { shape[$0] }
    var storedStrides = Array(repeating: 0, count: dims)
    var step = strided ? 2 : 1
    for d in (0..<dims).reversed() {
      storedStrides[d] = step
      step = step * storedShape[d] + (strided ? 3 : 0)
    }
    let offset = strided ? 5 : 0
    let size = offset + step + (strided ? 4 : 0)
    var storage = Array(repeating: Double.nan, count: size)
    // strides[order[i]] = storedStrides[i]: the stride of each dimension of `shape`.
    var strides = Array(repeating: 0, count: dims)
    for i in 0..<dims { strides[order[i]] = storedStrides[i] }
    for (ordinal, index) in allIndices(shape).enumerated() {
      var position = offset
      for d in 0..<dims { position += index[d] * strides[d] }
      storage[position] = values[ordinal]
    }
    return TensorData(storage, shape: shape, strides: strides, offset: offset)
  }
}

/// `count` numbers in [-3, 3) from `seed`, with a few exact zeros and repeats among them (for
/// relu, comparisons and max).
func sampleValues(_ count: Int, seed: UInt64) -> [Double] {
  var rng = SplitMix64(seed: seed)
  return (0..<count).map { i in
    switch i % 11 {
    case 3: return 0
    case 7: return 1
    default: return (rng.nextDouble() * 6 - 3)
    }
  }
}

/// Positive numbers in [0.5, 3), for log and inverse.
func positiveValues(_ count: Int, seed: UInt64) -> [Double] {
  sampleValues(count, seed: seed).map { abs($0) / 1.2 + 0.5 }
}

/// Records a failure naming the first entry (index and values) where `actual` differs from
/// `expected` by more than rtol · |expected| + atol; NaN matches NaN.
func expectClose(
  _ actual: TensorData, _ expected: Dense, rtol: Double = 0, atol: Double = 0,
  _ what: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation
) {
  guard actual.shape == expected.shape else {
    Issue.record(
      "\(what()): shape \(actual.shape), expected \(expected.shape)",
      sourceLocation: sourceLocation)
    return
  }
  let values = Dense(actual).values
  for (ordinal, index) in allIndices(expected.shape).enumerated() {
    let (x, y) = (values[ordinal], expected.values[ordinal])
    let close = x.isNaN ? y.isNaN : (x == y || abs(x - y) <= atol + rtol * abs(y))
    if !close {
      Issue.record(
        "\(what()): entry \(index) is \(x), expected \(y)", sourceLocation: sourceLocation)
      return
    }
  }
}

/// Fast backends whose threaded paths run even on small tensors (threshold 1, chunks of a few
/// entries), next to the default settings.
func testedSettings() -> [Parallel] {
  [Parallel(threshold: 1, grain: 5), Parallel(threshold: 1, grain: 64), Parallel()]
}
