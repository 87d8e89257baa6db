/// One item of a slicing expression `x[slice: …]`: which positions to take along one
/// dimension, or a dimension to insert, or "every dimension not named".
///
/// Each item says what to take along one dimension (or, for `.newAxis` and `.ellipsis`, along
/// none or several). An integer or any Swift range is an item as it is; the rest are spelled as
/// static members, so an expression reads as a list:
///
///     NumPy / PyTorch        here
///     x[1]                   x[slice: 1]                  an integer drops the dimension
///     x[-1]                  x[slice: -1]                 counted from the end
///     x[1:3]                 x[slice: 1..<3]              or 1...2; a range keeps the dimension
///     x[1:]   x[:3]          x[slice: 1...]   x[slice: ..<3]
///     x[-3:]  x[:-1]         x[slice: (-3)...]   x[slice: ..<(-1)]
///     x[2:-1]                x[slice: .positions(from: 2, to: -1)]
///     x[:, 0]                x[slice: .all, 0]
///     x[::2]  x[1::2]        x[slice: .every(2)]   x[slice: .positions(from: 1, by: 2)]
///     x[::-1]  x[3:0:-1]     x[slice: .every(-1)]   x[slice: .positions(from: 3, to: 0, by: -1)]
///     x[None]  x[..., 0]     x[slice: .newAxis]   x[slice: .ellipsis, 0]
///     x[[0, 2, 0]]           x[slice: [0, 2, 0]]          integer-array indexing (a copy)
///     x[[0, 1], [2, 0]]      x[slice: [0, 1], [2, 0]]     the entries (0, 2) and (1, 0)
///     x[x > 0]               x[slice: x.gt(0)]            a mask (a copy)
///
/// Swift reads `-3...` as `-(3...)`, so a negative bound needs parentheses: `(-3)...`. A Swift
/// range's ends must be in order as written, so NumPy's `2:-1` (from 2 to one before the end)
/// is `.positions(from: 2, to: -1)`, which takes NumPy's start, stop and step exactly.
///
/// Unlike NumPy, a bound beyond the end stops with a message instead of being cut to fit, as
/// Swift's arrays do; and a selection cannot be empty (tensors here never are).
///
/// Integers, Swift ranges, `[Int]` lists and tensors (as masks) are items themselves (they
/// conform to `TensorIndexConvertible`); the other kinds are the static members `.all`,
/// `.every(_:)`, `.positions(from:to:by:)`, `.newAxis`, `.ellipsis`, `.at(_:)`, `.positions(_:)`
/// and `.mask(_:)`.
public struct TensorIndex {
  /// What the item selects.
  enum Kind {
    /// One position (negative: counted from the end); the dimension is dropped.
    case at(Int)
    /// The positions from `lower` up to `upper` (through it when `inclusive`); a missing bound
    /// is the start or the end, and a negative one counts from the end: a Swift range.
    case range(lower: Int?, upper: Int?, inclusive: Bool)
    /// NumPy's `start:stop:step`: start, start + step, … while before `stop` (after it, for a
    /// negative step). A missing start is the first position (the last, for a negative step),
    /// a missing stop runs to the end (to the start); negative ones count from the end.
    case stride(start: Int?, stop: Int?, step: Int)
    /// A new dimension of size 1 (NumPy's `None`).
    case newAxis
    /// As many `.all` as the dimensions no other item names (NumPy's `...`).
    case ellipsis
    /// The listed positions, in that order (repeats allowed): integer-array indexing.
    case positions([Int])
    /// The entries where the mask is nonzero; the mask covers as many dimensions as it has.
    case mask(Tensor)
  }

  /// What the item selects.
  let kind: Kind

  init(_ kind: Kind) {
    self.kind = kind
  }
}

/// A value that can stand in a slicing expression `x[slice: …]`: an `Int` (one position, the
/// dimension dropped), a Swift range (the dimension kept), an `[Int]` (integer-array indexing),
/// a `Tensor` (a mask: the entries where it is nonzero) or a `TensorIndex` such as `.all`.
public protocol TensorIndexConvertible {
  /// The item this value stands for.
  var tensorIndex: TensorIndex { get }
}

extension TensorIndex: TensorIndexConvertible {
  /// The item itself.
  public var tensorIndex: TensorIndex { self }
}

extension TensorIndexConvertible where Self == TensorIndex {
  /// Every position of the dimension: NumPy's `:`.
  public static var all: TensorIndex {
    TensorIndex(.range(lower: nil, upper: nil, inclusive: false))
  }

  /// Every `step`-th position, from the first (from the last when `step` is negative):
  /// NumPy's `::step`.
  public static func every(_ step: Int) -> TensorIndex {
    TensorIndex(.stride(start: nil, stop: nil, step: step))
  }

  /// NumPy's `start:stop:step`, with NumPy's meaning (the same as Swift's `stride(from:to:by:)`
  /// over positions): `start`, start + step, … while before `stop`, or after it when `step` is
  /// negative. Without `start` it begins at the first position (the last for a negative step),
  /// without `stop` it runs to the end (to the first position); negative positions count from
  /// the end. `.positions(from: 3, to: 0, by: -1)` takes 3, 2, 1.
  public static func positions(from start: Int? = nil, to stop: Int? = nil, by step: Int = 1)
    -> TensorIndex
  {
    TensorIndex(.stride(start: start, stop: stop, step: step))
  }

  /// A new dimension of size 1 at this place: NumPy's `None` (`np.newaxis`).
  public static var newAxis: TensorIndex { TensorIndex(.newAxis) }

  /// `.all` for every dimension that the other items do not name: NumPy's `...`.
  public static var ellipsis: TensorIndex { TensorIndex(.ellipsis) }

  /// One position, the dimension dropped: the same as writing the integer.
  public static func at(_ position: Int) -> TensorIndex { TensorIndex(.at(position)) }

  /// The listed positions in order, repeats allowed: the same as writing the `[Int]`.
  public static func positions(_ positions: [Int]) -> TensorIndex {
    TensorIndex(.positions(positions))
  }

  /// The entries where `mask` is nonzero: the same as writing the tensor.
  public static func mask(_ mask: Tensor) -> TensorIndex { TensorIndex(.mask(mask)) }
}

extension Int: TensorIndexConvertible {
  /// One position (negative: counted from the end); the dimension is dropped.
  public var tensorIndex: TensorIndex { TensorIndex(.at(self)) }
}

extension Range<Int>: TensorIndexConvertible {
  /// The positions lowerBound..<upperBound.
  public var tensorIndex: TensorIndex {
    TensorIndex(.range(lower: lowerBound, upper: upperBound, inclusive: false))
  }
}

extension ClosedRange<Int>: TensorIndexConvertible {
  /// The positions lowerBound...upperBound.
  public var tensorIndex: TensorIndex {
    TensorIndex(.range(lower: lowerBound, upper: upperBound, inclusive: true))
  }
}

extension PartialRangeFrom<Int>: TensorIndexConvertible {
  /// The positions from lowerBound to the end.
  public var tensorIndex: TensorIndex {
    TensorIndex(.range(lower: lowerBound, upper: nil, inclusive: false))
  }
}

extension PartialRangeUpTo<Int>: TensorIndexConvertible {
  /// The positions from the start up to, not including, upperBound.
  public var tensorIndex: TensorIndex {
    TensorIndex(.range(lower: nil, upper: upperBound, inclusive: false))
  }
}

extension PartialRangeThrough<Int>: TensorIndexConvertible {
  /// The positions from the start through upperBound.
  public var tensorIndex: TensorIndex {
    TensorIndex(.range(lower: nil, upper: upperBound, inclusive: true))
  }
}

extension Array: TensorIndexConvertible where Element == Int {
  /// The listed positions in order: integer-array indexing.
  public var tensorIndex: TensorIndex { TensorIndex(.positions(self)) }
}

extension Tensor: TensorIndexConvertible {
  /// The tensor as a mask: the entries where it is nonzero.
  public var tensorIndex: TensorIndex { TensorIndex(.mask(self)) }
}
