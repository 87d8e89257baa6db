import Module2

// Where a tensor's entries lie in its storage. Kernels must read every layout Module 2 can
// make, so the tests make four kinds:
//   - contiguous, row-major from position 0;
//   - permuted: the entries stored for another order of the dimensions, read back through
//     permuted strides (the last dimension is then usually not the innermost one);
//   - strided: a view inside a larger storage, starting at an offset, with gaps between
//     neighbouring entries and after every row and block (the positions between hold other
//     numbers);
//   - both permuted and strided.
// The strides are written here from these rules, not taken from Module 2's `permute` or
// `stridesFromShape`, so a bug there cannot change what the tests feed a kernel.

/// The row-major strides of `shape`: the last dimension 1, each one before it the product of
/// the sizes after it.
public func rowMajorStrides(_ shape: [Int]) -> [Int] {
  var strides = Array(repeating: 1, count: shape.count)
  for i in shape.indices.dropLast().reversed() {
    strides[i] = strides[i + 1] * shape[i + 1]
  }
  return strides
}

/// Every index of `shape` in row-major order (the last dimension fastest).
public func allIndices(_ shape: [Int]) -> [[Int]] {
  var result: [[Int]] = [[]]
  for size in shape {
    result = result.flatMap { prefix in (0..<size).map { prefix + [$0] } }
  }
  return result
}

/// The `ordinal`-th index of `shape` when counting with the last dimension fastest, written
/// here by repeated division (independent of the student's `toIndex`).
public func countingIndex(_ ordinal: Int, _ shape: [Int]) -> [Int] {
  var index = shape.map { _ in 0 }
  var rest = ordinal
  for dimension in shape.indices.reversed() where shape[dimension] > 0 {
    index[dimension] = rest % shape[dimension]
    rest /= shape[dimension]
  }
  return index
}

/// The inverse of a permutation: inverse[order[i]] = i.
public func inverse(of order: [Int]) -> [Int] {
  var result = order
  for (position, dimension) in order.enumerated() {
    result[dimension] = position
  }
  return result
}

/// Where the entries of a tensor of `shape` lie in a storage of `storageSize` numbers: entry
/// `index` at offset + Σ index[d] · strides[d].
public struct StorageLayout: Sendable, CustomStringConvertible {
  /// The tensor's shape.
  public let shape: [Int]
  /// The storage step along each dimension of `shape`.
  public let strides: [Int]
  /// The position of the entry at index (0, 0, …).
  public let offset: Int
  /// How many numbers the storage holds: every entry's position and the unused ones.
  public let storageSize: Int

  /// The entries of `shape` stored with the dimensions in `storageOrder` (outermost first;
  /// `nil` for the shape's own order), neighbouring entries of the innermost stored dimension
  /// `step` apart, `gaps[k]` unused positions after every block of stored dimension k (none
  /// when `nil`), starting at `offset`, and `tail` unused positions after the last entry.
  public init(
    shape: [Int], storageOrder: [Int]? = nil, step: Int = 1, gaps: [Int]? = nil,
    offset: Int = 0, tail: Int = 0
  ) {
    let order = storageOrder ?? Array(shape.indices)
    precondition(
      order.sorted() == Array(shape.indices),
      "StorageLayout: \(order) is not an order of the dimensions of \(shape)")
    precondition(
      gaps.map { $0.count == shape.count } ?? true,
      "StorageLayout: \(gaps ?? []) needs one gap per dimension of \(shape)")
    let stored = order.map { shape[$0] }
    var storedStrides = Array(repeating: 0, count: stored.count)
    var next = step
    for k in stored.indices.reversed() {
      storedStrides[k] = next
      next = next * stored[k] + (gaps?[k] ?? 0)
    }
    var strides = Array(repeating: 0, count: shape.count)
    for (k, dimension) in order.enumerated() {
      strides[dimension] = storedStrides[k]
    }
    let last = offset + Swift.zip(shape, strides).reduce(0) { $0 + ($1.0 - 1) * $1.1 }
    self.shape = shape
    self.strides = strides
    self.offset = offset
    self.storageSize = last + 1 + tail
  }

  /// The shape, strides, offset and storage size.
  public var description: String {
    "shape \(shape), strides \(strides), offset \(offset) in \(storageSize) numbers"
  }

  /// The storage position of the entry at `index`.
  public func position(of index: [Int]) -> Int {
    var position = offset
    for d in index.indices {
      position += index[d] * strides[d]
    }
    return position
  }

  /// This layout over `storage` (`storageSize` numbers).
  public func data(over storage: [Double]) -> TensorData {
    precondition(
      storage.count == storageSize,
      "StorageLayout: \(storage.count) numbers given for a storage of \(storageSize)")
    return TensorData(storage, shape: shape, strides: strides, offset: offset)
  }

  /// This layout holding `values` (row-major, one per entry); every other position of the
  /// storage holds `filler(position)`.
  public func data(placing values: [Double], filler: (Int) -> Double) -> TensorData {
    precondition(
      values.count == shape.reduce(1, *),
      "StorageLayout: \(values.count) values given for shape \(shape)")
    var storage = (0..<storageSize).map(filler)
    for (ordinal, index) in allIndices(shape).enumerated() {
      storage[position(of: index)] = values[ordinal]
    }
    return data(over: storage)
  }
}

/// The four layouts, each with fixed gaps, for tests that check every layout of the same
/// entries in turn.
public enum Layout: String, CaseIterable, Sendable, CustomStringConvertible {
  /// Row-major from position 0.
  case contiguous
  /// Stored with the dimensions reversed (so the last one is never the innermost), read back
  /// through permuted strides.
  case permuted
  /// Inside a larger storage from position 5, entries 2 apart, 3 unused positions after every
  /// block.
  case strided
  /// Both.
  case permutedAndStrided

  /// The layout's name.
  public var description: String { rawValue }

  /// Where the entries of `shape` lie in this layout.
  public func storage(for shape: [Int]) -> StorageLayout {
    let permuted = self == .permuted || self == .permutedAndStrided
    let strided = self == .strided || self == .permutedAndStrided
    return StorageLayout(
      shape: shape, storageOrder: permuted ? Array(shape.indices.reversed()) : nil,
      step: strided ? 2 : 1, gaps: strided ? Array(repeating: 3, count: shape.count) : nil,
      offset: strided ? 5 : 0, tail: strided ? 4 : 0)
  }

  /// `values` (row-major, of `shape`) laid out this way; the storage outside the entries
  /// holds NaN, so reading a wrong position shows.
  public func make(_ values: [Double], _ shape: [Int]) -> TensorData {
    storage(for: shape).data(placing: values) { _ in .nan }
  }

  /// `values` (row-major, of `shape`) laid out this way, as a tensor on `backend`.
  public func tensor(_ values: [Double], _ shape: [Int], _ backend: TensorBackend) -> Tensor {
    Tensor(make(values, shape), backend: backend)
  }
}
