/// Task 2.1: the strides of a contiguous, row-major layout of `shape`: the last dimension has
/// stride 1, and each earlier one steps over a whole block of the dimensions after it,
/// strides[i] = shape[i+1] · shape[i+2] · … (so [2, 3, 4] gives [12, 4, 1]).
public func stridesFromShape(_ shape: [Int]) -> [Int] {
  // BEGIN SOLUTION Task 2.1
  var strides = Array(repeating: 1, count: shape.count)
  var step = 1
  for dimension in shape.indices.reversed() {
    strides[dimension] = step
    step *= shape[dimension]
  }
  return strides
  // END SOLUTION
}

/// Task 2.1: how far into storage the entry at `index` lies from the first entry of the
/// layout: Σᵢ index[i] · strides[i]. (A layout that starts inside its storage adds its
/// `offset`; see `TensorData.index(_:)`.)
public func indexToPosition(_ index: [Int], _ strides: [Int]) -> Int {
  // BEGIN SOLUTION Task 2.1
  var position = 0
  for dimension in index.indices {
    position += index[dimension] * strides[dimension]
  }
  return position
  // END SOLUTION
}

/// Task 2.1: writes into `index` the index of the `ordinal`-th entry of `shape` when entries
/// are counted in row-major order (the last dimension fastest): the inverse of counting. Every
/// ordinal in 0..<size maps to exactly one index, and different ordinals to different indices.
///
/// `index` must already have one entry per dimension; it is filled in place so that a loop
/// over every entry of a tensor reuses one buffer instead of making an array per entry.
public func toIndex(_ ordinal: Int, _ shape: [Int], into index: inout [Int]) {
  // BEGIN SOLUTION Task 2.1
  var remaining = ordinal
  for dimension in shape.indices.reversed() {
    index[dimension] = remaining % shape[dimension]
    remaining /= shape[dimension]
  }
  // END SOLUTION
}

/// The index of the `ordinal`-th entry of `shape` in row-major order, as a new array; see
/// `toIndex(_:_:into:)`.
public func toIndex(_ ordinal: Int, _ shape: [Int]) -> [Int] {
  var index = Array(repeating: 0, count: shape.count)
  toIndex(ordinal, shape, into: &index)
  return index
}

/// The flat list of numbers behind one or more tensors. A class, so that views (a permuted or
/// reshaped tensor) can share it without copying; `TensorData` copies it before writing if it
/// is shared (copy-on-write), so tensors still behave as values.
public final class TensorStorage {
  /// The numbers, in storage order.
  public var values: [Double]

  /// Storage holding `values`.
  public init(_ values: [Double]) {
    self.values = values
  }
}

/// Storage, offset, shape and strides: everything needed to read an n-dimensional array
/// (Task 2.1).
///
/// An n-dimensional array is a flat list of numbers (the *storage*) plus two short lists that say
/// how to read it: the *shape* (how many entries along each dimension) and the *strides* (how far
/// to step in storage to move one entry along each dimension).
///
///     storage:  [1, 2, 3, 4, 5, 6]
///     shape [2, 3], strides [3, 1]:      shape [3, 2], strides [1, 3]  (the same storage, permuted)
///       [[1, 2, 3],                        [[1, 4],
///        [4, 5, 6]]                         [2, 5],
///                                           [3, 6]]
///
/// The entry at index (i, j) lives at storage position i · strides[0] + j · strides[1]. Changing
/// only the shape and strides (permute, view) makes a new tensor without copying any numbers.
///
/// The entry at `index` lives at storage position offset + Σᵢ index[i] · strides[i]. The
/// offset is 0 for a tensor that owns its storage; a view that starts inside a larger storage
/// (a slice, such as the second row of a matrix) has the position of its first entry there.
public struct TensorData {
  /// The numbers, possibly shared with other views.
  public private(set) var storage: TensorStorage
  /// How many entries along each dimension, for example [2, 3] for 2 rows of 3.
  public let shape: [Int]
  /// How far to step in storage to move by one along each dimension.
  public let strides: [Int]
  /// Where the entry at index (0, 0, …) lives in storage.
  public let offset: Int

  /// A tensor layout over `values`: `shape` with the given `strides`, or the contiguous
  /// row-major strides when `strides` is `nil`, starting at position `offset`.
  ///
  /// Sizes must not be negative, `strides` must have one entry per dimension, and every index
  /// of `shape` must land inside `values`. A size may be 0: the tensor is then empty (no index
  /// exists, so any storage will do).
  public init(_ values: [Double], shape: [Int], strides: [Int]? = nil, offset: Int = 0) {
    self.init(storage: TensorStorage(values), shape: shape, strides: strides, offset: offset)
  }

  /// A layout over existing storage, for views that share it.
  public init(storage: TensorStorage, shape: [Int], strides: [Int]? = nil, offset: Int = 0) {
    precondition(
      !shape.isEmpty, "a tensor needs at least one dimension; use shape [1] for one number")
    precondition(
      shape.allSatisfy { $0 >= 0 },
      "a dimension of a tensor cannot have a negative size, got shape \(shape)")
    let strides = strides ?? stridesFromShape(shape)
    precondition(
      strides.count == shape.count,
      "shape \(shape) has \(shape.count) dimensions but strides \(strides) has \(strides.count)")
    precondition(
      strides.allSatisfy { $0 >= 0 } && offset >= 0,
      "strides \(strides) and offset \(offset) must not be negative")
    let lastPosition = offset + zip(shape, strides).reduce(0) { $0 + ($1.0 - 1) * $1.1 }
    precondition(
      shape.contains(0) || lastPosition < storage.values.count,
      "shape \(shape) with strides \(strides) from offset \(offset) needs \(lastPosition + 1) "
        + "numbers of storage, but there are \(storage.values.count)")
    self.storage = storage
    self.shape = shape
    self.strides = strides
    self.offset = offset
  }

  /// A contiguous layout of `shape` filled with `value`.
  public static func filled(_ shape: [Int], with value: Double) -> TensorData {
    TensorData(Array(repeating: value, count: shape.reduce(1, *)), shape: shape)
  }

  /// How many entries there are: the product of the shape.
  public var size: Int { shape.reduce(1, *) }

  /// How many dimensions there are.
  public var dims: Int { shape.count }

  /// Task 2.1: whether the layout is contiguous and row-major: the strides are exactly those of
  /// `stridesFromShape(shape)`, so entries are stored in counting order with no gaps. Strides
  /// of dimensions of size 1 do not matter (nothing ever steps along them).
  public var isContiguous: Bool {
    // BEGIN SOLUTION Task 2.1
    // The strides of `stridesFromShape(shape)`, from the last dimension back, computed as we go
    // (every tensor operation asks this, so it makes no array).
    var expected = 1
    for dimension in shape.indices.reversed() {
      if shape[dimension] > 1 && strides[dimension] != expected {
        return false
      }
      expected *= shape[dimension]
    }
    return true
    // END SOLUTION
  }

  /// Task 2.1: the storage position of `index`, offset + Σᵢ index[i] · strides[i], after
  /// checking it: it must have one entry per dimension, each in 0..<shape[i]. A bad index
  /// stops the program with a message naming the index and the shape.
  public func index(_ index: [Int]) -> Int {
    // BEGIN SOLUTION Task 2.1
    precondition(
      index.count == shape.count,
      "index \(index) has \(index.count) entries, but the tensor has shape \(shape)")
    for dimension in index.indices {
      precondition(
        index[dimension] >= 0 && index[dimension] < shape[dimension],
        "index \(index) is out of range for shape \(shape) in dimension \(dimension)")
    }
    return offset + indexToPosition(index, strides)
    // END SOLUTION
  }

  /// Task 2.1: the same storage seen with its dimensions reordered: dimension i of the result is
  /// dimension `order[i]` of this one (its size and its stride), so no number moves. `order`
  /// must list every dimension exactly once.
  public func permute(_ order: [Int]) -> TensorData {
    precondition(
      order.sorted() == Array(0..<dims),
      "permute order \(order) must list each of the dimensions 0..<\(dims) once")
    // BEGIN SOLUTION Task 2.1
    return TensorData(
      storage: storage, shape: order.map { shape[$0] }, strides: order.map { strides[$0] },
      offset: offset)
    // END SOLUTION
  }

  /// Every index of the shape, in row-major counting order.
  public func indices() -> [[Int]] {
    (0..<size).map { toIndex($0, shape) }
  }

  /// The entry at `index`. Writing copies the storage first if another tensor shares it.
  public subscript(index: [Int]) -> Double {
    get { storage.values[self.index(index)] }
    set {
      let target = self.index(index)
      makeStorageUnique()
      storage.values[target] = newValue
    }
  }

  /// Every entry in row-major order, whatever the layout.
  public var values: [Double] {
    if size == 0 { return [] }
    if isContiguous {
      // The entries are the `size` numbers from `offset` on, in order.
      return offset == 0 && storage.values.count == size
        ? storage.values : Array(storage.values[offset..<(offset + size)])
    }
    // Row by row along the last dimension: the index arithmetic once per row, then steps.
    let (rowLength, step) = (shape[dims - 1], strides[dims - 1])
    var index = Array(repeating: 0, count: dims)
    var result: [Double] = []
    result.reserveCapacity(size)
    storage.values.withUnsafeBufferPointer { numbers in
      for rowStart in stride(from: 0, to: size, by: rowLength) {
        toIndex(rowStart, shape, into: &index)
        let first = offset + indexToPosition(index, strides)
        for j in 0..<rowLength {
          result.append(numbers[first + j * step])
        }
      }
    }
    return result
  }

  /// Whether this layout shares its storage with `other`.
  public func sharesStorage(with other: TensorData) -> Bool {
    storage === other.storage
  }

  /// Gives this layout its own copy of the storage if another one shares it.
  public mutating func makeStorageUnique() {
    if !isKnownUniquelyReferenced(&storage) {
      storage = TensorStorage(storage.values)
    }
  }
}
