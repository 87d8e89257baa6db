import Module3
import TensorTestSupport
import Testing

// Independent answers for the fast kernels: plain loops over indices, written here with their
// own index arithmetic, so that neither Module 2's code nor the kernel under test decides what
// is expected. Inputs come in the four layouts of the same entries that the Module 2 suites use
// (`Layout`, in TensorTestSupport): contiguous, permuted, strided inside a larger storage from
// an offset, and both.

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
    values[rowMajorNumber(index, shape)]
  }
}

/// The position of `index` among the entries of `shape` in row-major order.
func rowMajorNumber(_ index: [Int], _ shape: [Int]) -> Int {
  var number = 0
  for d in index.indices { number = number * shape[d] + index[d] }
  return number
}

/// The broadcast of two shapes that broadcast (the test's own rules, `referenceBroadcastShape`).
func broadcastOf(_ a: [Int], _ b: [Int]) -> [Int] {
  guard let shape = referenceBroadcastShape(a, b) else {
    preconditionFailure("the oracle was given shapes \(a) and \(b), which do not broadcast")
  }
  return shape
}

enum Oracle {
  static func map(_ a: Dense, to shape: [Int], _ f: (Double) -> Double) -> Dense {
    Dense(
      values: allIndices(shape).map { f(a[referenceBroadcastIndex($0, into: a.shape)]) },
      shape: shape)
  }

  static func zip(_ a: Dense, _ b: Dense, _ f: (Double, Double) -> Double) -> Dense {
    let shape = broadcastOf(a.shape, b.shape)
    return Dense(
      values: allIndices(shape).map {
        f(
          a[referenceBroadcastIndex($0, into: a.shape)],
          b[referenceBroadcastIndex($0, into: b.shape)])
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

  /// Σₖ a[…, i, k] b[…, k, j], batch dimensions broadcast; each sum in the order
  /// k = 0, 1, 2, ….
  static func matmul(_ a: Dense, _ b: Dense) -> Dense {
    let (n, m, p) = (a.shape[a.shape.count - 2], a.shape[a.shape.count - 1], b.shape.last!)
    let (aBatch, bBatch) = (Array(a.shape.dropLast(2)), Array(b.shape.dropLast(2)))
    let batch = broadcastOf(aBatch, bBatch)
    var values: [Double] = []
    for outer in allIndices(batch) {
      // Where this product's matrices start among the operands' entries (row-major).
      let aStart = rowMajorNumber(referenceBroadcastIndex(outer, into: aBatch), aBatch) * n * m
      let bStart = rowMajorNumber(referenceBroadcastIndex(outer, into: bBatch), bBatch) * m * p
      for i in 0..<n {
        for j in 0..<p {
          var sum = 0.0
          for k in 0..<m { sum += a.values[aStart + i * m + k] * b.values[bStart + k * p + j] }
          values.append(sum)
        }
      }
    }
    return Dense(values: values, shape: batch + [n, p])
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

/// The view of `a` with its last two dimensions swapped, made here from the shape and strides
/// (not with Module 2's `permute`): the transposed operands a matmul's backward pass multiplies
/// by, dOut · Bᵀ and Aᵀ · dOut, which read their matrices column by column.
func swappingLastTwo(_ a: TensorData) -> TensorData {
  var (shape, strides) = (a.shape, a.strides)
  shape.swapAt(a.dims - 1, a.dims - 2)
  strides.swapAt(a.dims - 1, a.dims - 2)
  return TensorData(storage: a.storage, shape: shape, strides: strides, offset: a.offset)
}

/// `values` (row-major, of `shape`) as a slice: packed rows (contiguous when `rowGap` is 0)
/// inside a larger storage, from position `offset`, with `rowGap` unused positions after each
/// row, like the columns 0..<p of a wider matrix. The unused positions hold NaN.
func slice(_ values: [Double], _ shape: [Int], offset: Int, rowGap: Int = 0) -> TensorData {
  var gaps = Array(repeating: 0, count: shape.count)
  gaps[shape.count - 1] = rowGap
  return StorageLayout(shape: shape, gaps: gaps, offset: offset, tail: 2)
    .data(placing: values) { _ in .nan }
}

/// Records a failure unless `results` holds the same bits in every setting, naming the first
/// setting and entry that differ from the first setting's.
func expectSameBits(
  _ results: [(setting: Parallel, values: [[Double]])], _ what: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  guard let first = results.first else { return }
  for (setting, values) in results.dropFirst() {
    for (number, (expected, actual)) in Swift.zip(first.values, values).enumerated() {
      let differs = expected.indices.first { entry in
        entry >= actual.count || expected[entry].bitPattern != actual[entry].bitPattern
      }
      if let entry = differs {
        let found = entry < actual.count ? "\(actual[entry])" : "missing"
        let message =
          "\(what), result \(number): with \(setting), entry \(entry) is \(found), but "
          + "\(expected[entry]) with \(first.setting): the split into chunks or threads "
          + "changed the answer"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        return
      }
    }
  }
}
