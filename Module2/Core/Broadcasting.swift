/// Two shapes that cannot be broadcast together.
public struct BroadcastError: Error, CustomStringConvertible, Equatable {
  /// The first shape.
  public let first: [Int]
  /// The second shape.
  public let second: [Int]

  /// `cannot broadcast shapes [2, 3] and [4]`.
  public var description: String { "cannot broadcast shapes \(first) and \(second)" }
}

/// Task 2.2: the shape that `a` and `b` broadcast to under the three rules below, or a
/// `BroadcastError` naming both shapes.
///
/// Broadcasting lets an operation combine tensors of different shapes, as if the smaller one
/// were copied along the missing dimensions, without copying anything. The rules, comparing
/// shapes from the right:
///
/// 1. A missing dimension (the shorter shape runs out) counts as size 1.
/// 2. Two sizes match if they are equal or one of them is 1.
/// 3. The result has the larger size in every dimension.
///
///     [2, 3] and [3]     → [2, 3]         (the row is reused for each of the 2 rows)
///     [4, 1] and [1, 5]  → [4, 5]
///     [2, 3] and [4]     → error: 3 and 4 differ and neither is 1
public func shapeBroadcast(_ a: [Int], _ b: [Int]) throws(BroadcastError) -> [Int] {
  // BEGIN SOLUTION Task 2.2
  if a == b {
    return a  // the common case, and no new array
  }
  let count = Swift.max(a.count, b.count)
  var result = Array(repeating: 1, count: count)
  // Walk both shapes from the right; `fromRight` 0 is the last dimension.
  for fromRight in 0..<count {
    let x = fromRight < a.count ? a[a.count - 1 - fromRight] : 1
    let y = fromRight < b.count ? b[b.count - 1 - fromRight] : 1
    guard x == y || x == 1 || y == 1 else {
      throw BroadcastError(first: a, second: b)
    }
    result[count - 1 - fromRight] = Swift.max(x, y)
  }
  return result
  // END SOLUTION
}

/// Task 2.2: writes into `index` the index in the smaller `shape` that supplies the entry at
/// `bigIndex` of `bigShape`, where `shape` broadcasts to `bigShape`: align the shapes on the
/// right, drop the leading dimensions `shape` lacks, and use 0 wherever `shape` has size 1.
///
/// `index` must already have one entry per dimension of `shape`; it is filled in place so that
/// a loop over every entry reuses one buffer.
public func broadcastIndex(
  _ bigIndex: [Int], _ bigShape: [Int], _ shape: [Int], into index: inout [Int]
) {
  // BEGIN SOLUTION Task 2.2
  let offset = bigShape.count - shape.count
  for dimension in shape.indices {
    index[dimension] = shape[dimension] == 1 ? 0 : bigIndex[dimension + offset]
  }
  // END SOLUTION
}

/// The index in the smaller `shape` that supplies the entry at `bigIndex` of `bigShape`, as a
/// new array; see `broadcastIndex(_:_:_:into:)`.
public func broadcastIndex(_ bigIndex: [Int], _ bigShape: [Int], _ shape: [Int]) -> [Int] {
  var index = Array(repeating: 0, count: shape.count)
  broadcastIndex(bigIndex, bigShape, shape, into: &index)
  return index
}
