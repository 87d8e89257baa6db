// The fast loops walk a tensor one row at a time. A row runs along the output's last dimension;
// in it, an operand's entries lie `step` apart in storage: 1 when they are next to each other,
// 0 when the operand is broadcast along the row (one entry serves the whole row), anything for
// a permuted or strided view. Only the start of each row needs Module 2's index arithmetic;
// inside the row the loop just steps, and a loop with step 1 or 0 vectorises.
//
//   output [2, 3] = a [2, 3] + b [3]:     row 0: a at 0, 1, 2   b at 0, 1, 2   (steps 1, 1)
//                                         row 1: a at 3, 4, 5   b at 0, 1, 2

/// Where one operand's entries lie, row by row, as a loop over an output shape reads them.
struct RowWalk {
  /// The output's dimensions before the last: there is one row per index of these.
  let outer: [Int]
  /// The operand's storage step along each dimension of `outer`; 0 where it is broadcast.
  let outerStrides: [Int]
  /// The operand's storage step along a row; 0 when it is broadcast along the row.
  let step: Int
  /// Where the operand's entry at index (0, 0, …) lives in storage.
  let offset: Int

  /// The operand `a` read over `shape`, which it broadcasts to: along a dimension that `a`
  /// lacks or has size 1, the step is 0.
  init(_ a: TensorData, over shape: [Int]) {
    let missing = shape.count - a.dims
    let strides = shape.indices.map { d in
      d < missing || a.shape[d - missing] == 1 ? 0 : a.strides[d - missing]
    }
    self.init(shape: shape, strides: strides, offset: a.offset)
  }

  /// An operand with storage steps `strides` (one per dimension of `shape`) read over `shape`.
  init(shape: [Int], strides: [Int], offset: Int) {
    precondition(
      strides.count == shape.count && !shape.isEmpty,
      "RowWalk: strides \(strides) do not match shape \(shape)")
    outer = Array(shape.dropLast())
    outerStrides = Array(strides.dropLast())
    step = strides[strides.count - 1]
    self.offset = offset
  }

  /// The storage position where row number `row` starts (rows counted in row-major order).
  /// `index` is the caller's buffer, one entry per dimension of `outer`, filled in place.
  ///
  /// - Complexity: O(number of dimensions).
  @inline(__always)
  func start(ofRow row: Int, index: inout [Int]) -> Int {
    toIndex(row, outer, into: &index)
    var position = offset
    for dimension in outer.indices {
      position += index[dimension] * outerStrides[dimension]
    }
    return position
  }

  /// Moves `index` (a row's index, as `start(ofRow:index:)` filled it) to the next row and
  /// `position` to where that row starts, the way an odometer turns: the last dimension of
  /// `outer` steps by one, and a dimension that runs past its end goes back to 0 and carries
  /// into the one before. No division, so a loop over many short rows stays cheap.
  ///
  /// - Complexity: O(1) on average over consecutive rows.
  @inline(__always)
  func advance(_ position: inout Int, _ index: inout [Int]) {
    var dimension = outer.count - 1
    while dimension >= 0 {
      index[dimension] += 1
      position += outerStrides[dimension]
      if index[dimension] < outer[dimension] { return }
      // Past the end of this dimension: back to 0, and carry into the one before.
      position -= outer[dimension] * outerStrides[dimension]
      index[dimension] = 0
      dimension -= 1
    }
  }
}
