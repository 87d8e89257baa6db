// How a slicing expression reads a tensor, worked out once from the items and the shape, in
// three steps (NumPy's order):
//
//   1. a view (basic indexing): each dimension's positions start, start + step, … become a new
//      offset, shape and strides over the same storage; an integer drops its dimension and
//      `.newAxis` inserts one of size 1. Nothing is copied.
//   2. reversals: a negative step takes the same positions as a positive one, then reverses
//      them with `gather` (a copy: strides here are never negative).
//   3. integer-array indexing: the dimensions indexed by lists (and masks, which become the
//      lists of their nonzero positions) move to the front and merge into one, which `gather`
//      reads at the flat positions. The new dimension stays where the lists were when they
//      are next to each other, and goes first when they are not (NumPy's rule).
//
// `read` runs the steps on numbers; `adjoint` runs them backwards with each step's adjoint
// (a view's is `scatterAdd` into zeros, a gather's is `scatterAdd`, a reversal's is itself), so
// it is the backward pass of a read, and its forward pass is the backward pass of a read. Both
// work on `TensorData` with a backend's operations; the differentiable functions are in
// `Tensor+Indexing.swift`.

/// A slicing expression resolved against one input shape.
struct IndexPlan {
  /// One dimension of the view of step 1.
  struct ViewDim {
    /// The input dimension it comes from, or `nil` for an inserted dimension of size 1.
    let input: Int?
    /// How many positions it has.
    let size: Int
    /// Whether step 2 reverses it.
    let reversed: Bool
  }

  /// The shape of the tensor indexed.
  let inputShape: [Int]
  /// Per input dimension, the positions start, start + step, …, count of them (for a dropped
  /// dimension, its one position).
  private(set) var starts: [Int]
  private(set) var counts: [Int]
  private(set) var steps: [Int]
  /// Per input dimension, whether an integer dropped it.
  private(set) var dropped: [Bool]
  /// The dimensions of the view, in order.
  private(set) var viewDims: [ViewDim] = []
  /// The view dimensions that integer lists index (step 3), in order.
  private(set) var listDims: [Int] = []
  /// The flat positions step 3 gathers, one per entry of the lists.
  private(set) var flatPositions: [Int] = []
  /// Where step 3's new dimension goes.
  private(set) var target = 0
  /// The shape a read produces.
  private(set) var resultShape: [Int] = []

  /// Resolves `items` against `shape`, stopping with a message that names `operation`, the item
  /// and the shape for any item that does not fit.
  init(_ items: [TensorIndex], shape: [Int], operation: String) {
    inputShape = shape
    starts = Array(repeating: 0, count: shape.count)
    counts = shape
    steps = Array(repeating: 1, count: shape.count)
    dropped = Array(repeating: false, count: shape.count)
    let items = Self.expandingEllipsis(items, shape: shape, operation: operation)
    let hasLists = items.contains {
      switch $0.kind {
      case .positions, .mask: return true
      default: return false
      }
    }
    var lists: [[Int]] = []
    var dim = 0
    for item in items {
      switch item.kind {
      case .newAxis:
        viewDims.append(ViewDim(input: nil, size: 1, reversed: false))
      case .ellipsis:
        preconditionFailure("expandingEllipsis leaves no ellipsis")
      case .at(let position):
        let resolved = Self.resolve(position, dim: dim, shape: shape, operation)
        if hasLists {
          // Beside integer lists, an integer is a list of one (NumPy's rule).
          viewDims.append(ViewDim(input: dim, size: shape[dim], reversed: false))
          listDims.append(viewDims.count - 1)
          lists.append([resolved])
        } else {
          (starts[dim], counts[dim], dropped[dim]) = (resolved, 1, true)
        }
        dim += 1
      case .range(let lower, let upper, let inclusive):
        let n = shape[dim]
        let first = lower.map { $0 < 0 ? $0 + n : $0 } ?? 0
        let end = upper.map { ($0 < 0 ? $0 + n : $0) + (inclusive ? 1 : 0) } ?? n
        let written = Self.describeRange(lower, upper, inclusive)
        precondition(
          first >= 0 && first <= n && end >= 0 && end <= n,
          "\(operation): range \(written) is out of range for dimension \(dim) of shape "
            + "\(shape), which has positions 0..<\(n) (or -\(n)..<0 from the end)")
        select(dim, first: first, count: end - first, step: 1, written, operation)
        dim += 1
      case .stride(let start, let stop, let step):
        let n = shape[dim]
        let parts = [start.map { "from: \($0)" }, stop.map { "to: \($0)" }, "by: \(step)"]
        let written = ".positions(\(parts.compactMap { $0 }.joined(separator: ", ")))"
        precondition(
          step != 0, "\(operation): \(written) in dimension \(dim) of shape \(shape) never moves")
        let first = start.map { $0 < 0 ? $0 + n : $0 } ?? (step > 0 ? 0 : n - 1)
        // The end, exclusive: one past the last position going up, one before the first
        // going down (-1 when the positions run down to 0).
        let end = stop.map { $0 < 0 ? $0 + n : $0 } ?? (step > 0 ? n : -1)
        precondition(
          first >= 0 && first < n && (stop == nil || (end >= 0 && end <= n)),
          "\(operation): \(written) is out of range for dimension \(dim) of shape \(shape), "
            + "which has positions 0..<\(n) (or -\(n)..<0 from the end)")
        let distance = step > 0 ? end - first : first - end
        let count = distance > 0 ? (distance + abs(step) - 1) / abs(step) : 0
        select(dim, first: first, count: count, step: step, written, operation)
        dim += 1
      case .positions(let positions):
        viewDims.append(ViewDim(input: dim, size: shape[dim], reversed: false))
        listDims.append(viewDims.count - 1)
        lists.append(positions.map { Self.resolve($0, dim: dim, shape: shape, operation) })
        dim += 1
      case .mask(let mask):
        let covered = Array(shape[dim..<(dim + mask.dims)])
        precondition(
          mask.shape == covered,
          "\(operation): a mask of shape \(mask.shape) must match dimensions "
            + "\(dim)..<\(dim + mask.dims) of shape \(shape), which are \(covered)")
        var maskLists = Array(repeating: [Int](), count: mask.dims)
        var index = Array(repeating: 0, count: mask.dims)
        for (ordinal, value) in mask.data.values.enumerated() where value != 0 {
          toIndex(ordinal, mask.shape, into: &index)
          for k in index.indices { maskLists[k].append(index[k]) }
        }
        for k in 0..<mask.dims {
          viewDims.append(ViewDim(input: dim + k, size: shape[dim + k], reversed: false))
          listDims.append(viewDims.count - 1)
        }
        lists += maskLists
        dim += mask.dims
      }
    }
    if viewDims.isEmpty {
      // Every dimension was dropped: NumPy gives a 0-d array, a tensor here has shape [1].
      viewDims.append(ViewDim(input: nil, size: 1, reversed: false))
    }
    resultShape = viewDims.map(\.size)
    if !lists.isEmpty {
      combine(lists, operation: operation)
    }
  }

  /// Step 3's flat positions and the result's shape, from the lists (broadcast to one length).
  private mutating func combine(_ lists: [[Int]], operation: String) {
    let lengths = lists.map(\.count)
    let length = lengths.max()!
    precondition(
      lengths.allSatisfy { $0 == length || $0 == 1 },
      "\(operation): index lists of lengths \(lengths) do not broadcast together; each must "
        + "have the same length, or length 1")
    let sizes = listDims.map { viewDims[$0].size }
    flatPositions = (0..<length).map { entry in
      var flat = 0
      for (list, size) in zip(lists, sizes) {
        flat = flat * size + list[list.count == 1 ? 0 : entry]
      }
      return flat
    }
    let adjacent = zip(listDims, listDims.dropFirst()).allSatisfy { $1 == $0 + 1 }
    target = adjacent ? listDims[0] : 0
    var shape = viewDims.indices.filter { !listDims.contains($0) }.map { viewDims[$0].size }
    shape.insert(length, at: target)
    resultShape = shape
  }

  /// Dimension `dim` takes `count` positions from `first`, `step` apart (downwards when `step`
  /// is negative: the view then takes the same positions upwards and step 2 reverses them).
  private mutating func select(
    _ dim: Int, first: Int, count: Int, step: Int, _ written: String, _ operation: String
  ) {
    starts[dim] = step > 0 ? first : first - (count - 1) * abs(step)
    (counts[dim], steps[dim]) = (count, abs(step))
    viewDims.append(ViewDim(input: dim, size: count, reversed: step < 0 && count > 1))
  }

  /// Whether a read takes some entry more than once (through repeated list positions).
  var repeatsPositions: Bool {
    Set(flatPositions).count < flatPositions.count
  }

  /// The view dimensions that no list indexes, in order.
  private var otherDims: [Int] {
    viewDims.indices.filter { !listDims.contains($0) }
  }

  /// The permutation that moves dimension 0 to `target`, keeping the others in order.
  private var targetOrder: [Int] {
    let count = resultShape.count
    return (0..<count).map { $0 < target ? $0 + 1 : ($0 == target ? 0 : $0) }
  }

  // MARK: Running the plan

  /// The entries the expression selects from `data`: a view of its storage when the expression
  /// is basic indexing with positive steps, otherwise a copy.
  func read(_ data: TensorData, _ ops: any TensorOps) -> TensorData {
    // Nothing selected: an empty result, made without the backend.
    if resultShape.contains(0) { return .empty(resultShape) }
    // 1. The view.
    var offset = data.offset
    for dim in inputShape.indices {
      offset += starts[dim] * data.strides[dim]
    }
    var result = TensorData(
      storage: data.storage, shape: viewDims.map(\.size),
      strides: viewDims.map { $0.input.map { steps[$0] * data.strides[$0] } ?? 0 },
      offset: offset)
    // 2. Reversals.
    for (dim, viewDim) in viewDims.enumerated() where viewDim.reversed {
      result = ops.gather(result, dim: dim, positions: Array((0..<viewDim.size).reversed()))
    }
    // 3. Integer lists.
    guard !listDims.isEmpty else { return result }
    let listSize = listDims.reduce(1) { $0 * viewDims[$1].size }
    let merged = [listSize] + otherDims.map { viewDims[$0].size }
    result = result.permute(listDims + otherDims).contiguousView(merged, ops)
    result = ops.gather(result, dim: 0, positions: flatPositions)
    return result.permute(targetOrder)
  }

  /// The adjoint of `read`: `gradient` (of the result's shape) carried back to the input's
  /// shape, each entry added where it was read, zero where nothing was read.
  func adjoint(_ gradient: TensorData, _ ops: any TensorOps) -> TensorData {
    // Nothing was read: nothing to put back.
    if gradient.size == 0 { return .filled(inputShape, with: 0) }
    var result = gradient
    // 3. Integer lists: scatter back into the merged dimension, then unmerge.
    if !listDims.isEmpty {
      let listSizes = listDims.map { viewDims[$0].size }
      result = result.permute(inverse(of: targetOrder))
      result = ops.scatterAdd(
        result, dim: 0, positions: flatPositions, size: listSizes.reduce(1, *))
      result = TensorData(
        storage: result.storage, shape: listSizes + otherDims.map { viewDims[$0].size })
      result = result.permute(inverse(of: listDims + otherDims))
    }
    // 2. Reversals: a reversal is its own adjoint.
    for (dim, viewDim) in viewDims.enumerated() where viewDim.reversed {
      result = ops.gather(result, dim: dim, positions: Array((0..<viewDim.size).reversed()))
    }
    // 1. The view: back to one dimension per input dimension (dropped ones with size 1,
    //    inserted ones removed), then each selected dimension scattered to its full size.
    var shape: [Int] = []
    var strides: [Int] = []
    for dim in inputShape.indices {
      if dropped[dim] {
        (shape, strides) = (shape + [1], strides + [0])
      } else {
        let k = viewDims.firstIndex { $0.input == dim }!
        (shape, strides) = (shape + [result.shape[k]], strides + [result.strides[k]])
      }
    }
    result = TensorData(
      storage: result.storage, shape: shape, strides: strides, offset: result.offset)
    for dim in inputShape.indices
    where starts[dim] != 0 || counts[dim] != inputShape[dim] || steps[dim] != 1 {
      let positions = (0..<counts[dim]).map { starts[dim] + $0 * steps[dim] }
      result = ops.scatterAdd(result, dim: dim, positions: positions, size: inputShape[dim])
    }
    return result
  }

  // MARK: Resolving items

  /// The items with the ellipsis replaced by `.all` for each dimension no item names (and
  /// `.all` appended for the dimensions after the last item when there is no ellipsis).
  private static func expandingEllipsis(
    _ items: [TensorIndex], shape: [Int], operation: String
  ) -> [TensorIndex] {
    var named = 0
    var ellipses = 0
    for item in items {
      switch item.kind {
      case .at, .range, .stride, .positions: named += 1
      case .mask(let mask): named += mask.dims
      case .newAxis: break
      case .ellipsis: ellipses += 1
      }
    }
    precondition(ellipses <= 1, "\(operation): at most one .ellipsis, got \(ellipses)")
    precondition(
      named <= shape.count,
      "\(operation): the items name \(named) dimensions, but the tensor has shape \(shape) "
        + "with \(shape.count)")
    let fill = Array(repeating: TensorIndex.all, count: shape.count - named)
    guard
      let place = items.firstIndex(where: { if case .ellipsis = $0.kind { true } else { false } })
    else {
      return items + fill
    }
    var result = items
    result.replaceSubrange(place...place, with: fill)
    return result
  }

  /// `position` counted from the start (a negative one from the end), after checking that
  /// dimension `dim` of `shape` has it.
  private static func resolve(_ position: Int, dim: Int, shape: [Int], _ operation: String) -> Int {
    let n = shape[dim]
    precondition(
      position >= -n && position < n,
      "\(operation): index \(position) is out of range for dimension \(dim) of shape \(shape), "
        + "which has positions 0..<\(n) (or -\(n)..<0 from the end)")
    return position < 0 ? position + n : position
  }

  /// A range item as Swift writes it, for messages: `1..<3`, `(-2)...`, `..<5`, `...`.
  private static func describeRange(_ lower: Int?, _ upper: Int?, _ inclusive: Bool) -> String {
    func bound(_ value: Int) -> String { value < 0 ? "(\(value))" : "\(value)" }
    let operatorText = inclusive || upper == nil ? "..." : "..<"
    return (lower.map(bound) ?? "") + operatorText + (upper.map(bound) ?? "")
  }
}

extension TensorData {
  /// The entries in row-major order seen with `shape` (as many entries): this storage when the
  /// layout is contiguous, otherwise a contiguous copy made by the backend first.
  func contiguousView(_ shape: [Int], _ ops: any TensorOps) -> TensorData {
    let data = isContiguous ? self : ops.map(self, to: nil, .id)
    return TensorData(storage: data.storage, shape: shape, offset: data.offset)
  }
}

/// The inverse of a permutation: inverse[order[i]] = i.
func inverse(of order: [Int]) -> [Int] {
  var result = order
  for (position, dimension) in order.enumerated() {
    result[dimension] = position
  }
  return result
}
