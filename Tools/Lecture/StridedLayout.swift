import Module2

// How a tensor reads its storage: one flat list of numbers, and a layout (shape, strides,
// offset) that says where each index finds its number,
//
//     position(i₀, i₁, …) = offset + i₀·stride₀ + i₁·stride₁ + …
//
// Permuting, viewing, expanding and slicing make a new layout over the same storage: no
// number moves. `minitorch strides` starts from a contiguous layout of a shape and applies
// these steps one by one, drawing the layout after each (`StridedLayout.diagram`).

/// A layout over a flat storage: shape, strides and offset (Task 2.1's `TensorData` without the
/// numbers). Each step returns a new layout over the same storage.
public struct StridedLayout: Equatable, Sendable {
  /// The size of each dimension.
  public let shape: [Int]
  /// How far apart in storage two neighbours along each dimension are.
  public let strides: [Int]
  /// Where index (0, 0, …) reads.
  public let offset: Int

  /// A layout with these parts, unchecked.
  public init(shape: [Int], strides: [Int], offset: Int = 0) {
    self.shape = shape
    self.strides = strides
    self.offset = offset
  }

  /// The row-major (contiguous) layout of `shape`: the last dimension has stride 1.
  public static func contiguous(_ shape: [Int]) throws -> StridedLayout {
    guard !shape.isEmpty, shape.allSatisfy({ $0 > 0 }) else {
      throw LectureError.layout(
        "shape \(shape) must have at least one dimension, each of size 1 or more, e.g. 2,3")
    }
    var strides = Array(repeating: 1, count: shape.count)
    for dimension in stride(from: shape.count - 2, through: 0, by: -1) {
      strides[dimension] = strides[dimension + 1] * shape[dimension + 1]
    }
    return StridedLayout(shape: shape, strides: strides)
  }

  /// How many entries the layout has.
  public var size: Int { shape.reduce(1, *) }

  /// Whether the layout reads storage in row-major order without gaps (its strides are those
  /// of a contiguous layout of its shape, ignoring dimensions of size 1).
  public var isContiguous: Bool {
    var expected = 1
    for dimension in shape.indices.reversed() where shape[dimension] > 1 {
      if strides[dimension] != expected { return false }
      expected *= shape[dimension]
    }
    return true
  }

  /// The storage slot that `index` reads: offset + Σ index·stride.
  public func position(_ index: [Int]) -> Int {
    zip(index, strides).reduce(offset) { $0 + $1.0 * $1.1 }
  }

  /// Every index in row-major order.
  public var indices: [[Int]] {
    var result: [[Int]] = []
    var index = Array(repeating: 0, count: shape.count)
    for _ in 0..<size {
      result.append(index)
      var dimension = shape.count - 1
      while dimension >= 0 {
        index[dimension] += 1
        if index[dimension] < shape[dimension] { break }
        index[dimension] = 0
        dimension -= 1
      }
    }
    return result
  }

  /// The dimensions reordered: dimension `k` of the result is dimension `order[k]` here.
  public func permuted(_ order: [Int]) throws -> StridedLayout {
    guard order.sorted() == Array(0..<shape.count) else {
      throw LectureError.layout(
        "permute \(order) is not an order of the dimensions 0..\(shape.count - 1) of shape "
          + "\(shape); give each dimension once, e.g. "
          + Array((0..<shape.count).reversed()).map(String.init).joined(separator: ","))
    }
    return StridedLayout(
      shape: order.map { shape[$0] }, strides: order.map { strides[$0] }, offset: offset)
  }

  /// The same entries read in a new shape; only a contiguous layout can do this without
  /// copying (else `view` in Module 2 asks for `contiguous()` first).
  public func viewed(as newShape: [Int]) throws -> StridedLayout {
    guard newShape.allSatisfy({ $0 > 0 }), newShape.reduce(1, *) == size else {
      throw LectureError.layout(
        "view \(newShape) has \(newShape.reduce(1, *)) entries but shape \(shape) has \(size)")
    }
    guard isContiguous else {
      throw LectureError.layout(
        "view \(newShape) needs a contiguous layout, but shape \(shape) with strides "
          + "\(strides) is not (a permute, expand or slice made it so); copying with contiguous() would move "
          + "the numbers, which this picture does not do")
    }
    let layout = try StridedLayout.contiguous(newShape)
    return StridedLayout(shape: layout.shape, strides: layout.strides, offset: offset)
  }

  /// Broadcast to `newShape`: dimensions of size 1, and new leading ones, get stride 0, so
  /// every index along them reads the same slot.
  public func expanded(to newShape: [Int]) throws -> StridedLayout {
    let extra = newShape.count - shape.count
    guard extra >= 0 else {
      throw LectureError.layout(
        "expand \(newShape) has fewer dimensions than shape \(shape)")
    }
    var newStrides = Array(repeating: 0, count: extra)
    for (dimension, size) in shape.enumerated() {
      let target = newShape[extra + dimension]
      if size == target {
        newStrides.append(strides[dimension])
      } else if size == 1 {
        newStrides.append(0)
      } else {
        throw LectureError.layout(
          "expand \(newShape): dimension \(dimension) of shape \(shape) has size \(size), "
            + "which can only stay \(size) or, if it were 1, grow")
      }
    }
    return StridedLayout(shape: newShape, strides: newStrides, offset: offset)
  }

  /// The entries `start..<stop` by `step` along each dimension (one `Range` per dimension; a
  /// dimension left out keeps all its entries). The offset moves to the first entry and each
  /// stride multiplies by its step.
  public func sliced(_ ranges: [SliceRange]) throws -> StridedLayout {
    guard ranges.count <= shape.count else {
      throw LectureError.layout(
        "slice has \(ranges.count) parts but shape \(shape) has \(shape.count) dimensions")
    }
    var newShape = shape
    var newStrides = strides
    var newOffset = offset
    for (dimension, range) in ranges.enumerated() {
      let size = shape[dimension]
      let start = range.start ?? 0
      let stop = Swift.min(range.stop ?? size, size)
      guard range.step > 0, start >= 0, start < stop else {
        throw LectureError.layout(
          "slice \(range) of dimension \(dimension) (size \(size)) is empty or out of range; "
            + "write start:stop:step with 0 ≤ start < stop ≤ \(size) and step ≥ 1")
      }
      newShape[dimension] = (stop - start + range.step - 1) / range.step
      newStrides[dimension] = strides[dimension] * range.step
      newOffset += start * strides[dimension]
    }
    return StridedLayout(shape: newShape, strides: newStrides, offset: newOffset)
  }

  /// The layout drawn as text: the storage with the slots it reads marked, its shape, strides
  /// and offset, and a table of which slot each index reads and how.
  ///
  ///     storage  slot   0 1 2 3 4 5
  ///              read   * * * * * *
  ///     shape [3, 2]  strides [1, 3]  offset 0  (not contiguous)
  ///     index   slot
  ///     [0, 0]  0     = 0 + 0·1 + 0·3
  public func diagram(storageCount: Int) -> String {
    let reads = Set(indices.map(position))
    let slots = Array(0..<storageCount)
    let width = String(Swift.max(storageCount - 1, 0)).count
    func cell(_ text: String) -> String {
      String(repeating: " ", count: Swift.max(0, width - text.count)) + text
    }
    var lines = [
      "storage  slot   " + slots.map { cell("\($0)") }.joined(separator: " "),
      "         read   "
        + slots.map { cell(reads.contains($0) ? "*" : "·") }.joined(separator: " "),
      "shape \(shape)  strides \(strides)  offset \(offset)  "
        + (isContiguous ? "(contiguous)" : "(not contiguous)"),
    ]
    var rows = [["index", "slot", ""]]
    for index in indices {
      let terms = zip(index, strides).map { "\($0.0)·\($0.1)" }
      rows.append([
        "\(index)", "\(position(index))", "= \(offset) + " + terms.joined(separator: " + "),
      ])
    }
    lines += alignedColumns(rows)
    if shape.count == 2 {
      lines.append("as a grid (the slot each entry reads):")
      let grid = (0..<shape[0]).map { row in
        (0..<shape[1]).map { column in "\(position([row, column]))" }
      }
      lines += alignedColumns(grid).map { "  " + $0 }
    }
    return lines.joined(separator: "\n")
  }
}

/// One dimension's part of a slice: `start:stop:step`, each part optional (`:`, `1:`, `::2`).
public struct SliceRange: Equatable, Sendable, CustomStringConvertible {
  /// The first position, or 0.
  public let start: Int?
  /// One past the last position, or the size.
  public let stop: Int?
  /// The distance between positions, 1 or more.
  public let step: Int

  /// `start:stop:step`.
  public init(start: Int?, stop: Int?, step: Int = 1) {
    self.start = start
    self.stop = stop
    self.step = step
  }

  /// As Python and the command line write it: `1:3`, `::2`, `:`.
  public var description: String {
    let text = "\(start.map(String.init) ?? ""):\(stop.map(String.init) ?? "")"
    return step == 1 ? text : text + ":\(step)"
  }

  /// Parses one part: `1:3`, `::2`, `:`, or a single position `1` (the range 1:2).
  public static func parse(_ text: String) throws -> SliceRange {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    func number(_ part: String) throws -> Int? {
      let trimmed = part.trimmingWhitespace
      if trimmed.isEmpty { return nil }
      guard let value = Int(trimmed), value >= 0 else {
        throw LectureError.layout(
          "slice part '\(text)': '\(trimmed)' is not a position (a whole number from 0)")
      }
      return value
    }
    switch parts.count {
    case 1:
      guard let position = try number(parts[0]) else {
        throw LectureError.layout("slice part is empty; write : to keep a whole dimension")
      }
      return SliceRange(start: position, stop: position + 1)
    case 2, 3:
      let step = parts.count == 3 ? try number(parts[2]) ?? 1 : 1
      guard step >= 1 else {
        throw LectureError.layout("slice part '\(text)': the step must be 1 or more")
      }
      return SliceRange(start: try number(parts[0]), stop: try number(parts[1]), step: step)
    default:
      throw LectureError.layout("slice part '\(text)' has too many ':'; write start:stop:step")
    }
  }
}

/// One step `minitorch strides` applies to a layout.
public enum LayoutStep: Equatable, Sendable, CustomStringConvertible {
  /// Reorder the dimensions.
  case permute([Int])
  /// Read the same entries in another shape.
  case view([Int])
  /// Broadcast size-1 dimensions (and new leading ones) with stride 0.
  case expand([Int])
  /// Keep `start:stop:step` along each dimension.
  case slice([SliceRange])

  /// The step as a call: `permute(1, 0)`, `slice[1:3, ::2]`.
  public var description: String {
    switch self {
    case .permute(let order):
      return "permute(" + order.map(String.init).joined(separator: ", ") + ")"
    case .view(let shape): return "view(" + shape.map(String.init).joined(separator: ", ") + ")"
    case .expand(let shape):
      return "expand(" + shape.map(String.init).joined(separator: ", ") + ")"
    case .slice(let ranges):
      return "slice[" + ranges.map(\.description).joined(separator: ", ") + "]"
    }
  }

  /// The layout after this step.
  public func apply(to layout: StridedLayout) throws -> StridedLayout {
    switch self {
    case .permute(let order): return try layout.permuted(order)
    case .view(let shape): return try layout.viewed(as: shape)
    case .expand(let shape): return try layout.expanded(to: shape)
    case .slice(let ranges): return try layout.sliced(ranges)
    }
  }
}

/// The picture `minitorch strides` prints: the contiguous layout of `shape`, then the layout
/// after each step, all over one storage of `shape`'s size, with a closing line saying that
/// no number moved.
/// A layout with more entries than `maximumEntries` is refused: its table would not fit on a
/// screen.
public func layoutWalkthrough(shape: [Int], steps: [LayoutStep], maximumEntries: Int = 256)
  throws -> String
{
  /// Throws when `layout` has too many entries to draw.
  func checkSize(_ layout: StridedLayout, after step: String) throws {
    guard layout.size <= maximumEntries else {
      throw LectureError.layout(
        "\(step) has shape \(layout.shape), \(layout.size) entries: too many to draw (at "
          + "most \(maximumEntries)); the same layout works on a smaller shape, e.g. 2,3")
    }
  }
  guard shape.allSatisfy({ $0 > 0 && $0 <= maximumEntries }) else {
    throw LectureError.layout(
      "shape \(shape) must have sizes from 1 to \(maximumEntries), e.g. 2,3")
  }
  var layout = try StridedLayout.contiguous(shape)
  try checkSize(layout, after: "the tensor")
  let count = layout.size
  var sections = [
    "A tensor of shape \(shape): its \(count) numbers in storage, slots 0 to \(count - 1)\n"
      + layout.diagram(storageCount: count)
  ]
  for step in steps {
    layout = try step.apply(to: layout)
    try checkSize(layout, after: "\(step)")
    sections.append(
      "after \(step): the same storage, a new layout\n" + layout.diagram(storageCount: count))
  }
  if !steps.isEmpty {
    sections.append(
      "No number moved: every step changed only the shape, strides and offset. "
        + (layout.isContiguous
          ? "The result is contiguous."
          : "The result is not contiguous: contiguous() would copy it."))
  }
  return sections.joined(separator: "\n\n")
}
