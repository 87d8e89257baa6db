/// Task 4.4: the one-hot mask of the first maximum along `dim`: the shape of `data`, 1 at the
/// first position (lowest index along `dim`) where an entry equals the largest entry of its
/// line, 0 everywhere else, so every line along `dim` holds exactly one 1.
///
/// Build it from the backend's operations on `TensorData` as the comment above this function
/// describes (`ops.reduce` with `.max`, `ops.zip` with `.eq` and `.mul`, and a constant
/// `TensorData` of ranks shaped to broadcast along `dim`). Entries must not be NaN.
public func firstMaximumMask(_ data: TensorData, dim: Int, _ ops: any TensorOps) -> TensorData {
  precondition(
    data.shape.indices.contains(dim),
    "firstMaximumMask: dimension \(dim) does not exist in shape \(data.shape)")
  // BEGIN SOLUTION Task 4.4
  let count = data.shape[dim]
  var rankShape = Array(repeating: 1, count: data.dims)
  rankShape[dim] = count
  let ranks = TensorData((0..<count).map { Double(count - $0) }, shape: rankShape)
  let isMaximum = ops.zip(data, ops.reduce(data, dim: dim, .max), .eq)
  let score = ops.zip(isMaximum, ranks, .mul)
  return ops.zip(score, ops.reduce(score, dim: dim, .max), .eq)
  // END SOLUTION
}

extension Tensor {
  /// The largest entry along one dimension, kept with size 1. The derivative is 1 at the first
  /// arg-max and 0 everywhere else, so the backward pass sends all of dOut to the first maximum
  /// of each line (Task 4.4). (`max()` of every entry views the tensor as one dimension and
  /// takes the maximum along dimension 0.)
  ///
  /// max is a reduction (Task 2.3's `reduce` with `.max`). Its derivative is 1 at the entry that
  /// won and 0 everywhere else: nudging a loser does not change the maximum. When several entries
  /// tie for the largest, the whole gradient goes to the FIRST of them (PyTorch's and MyGrad's
  /// rule), not a share to each: `argmax` marks exactly that one.
  ///
  /// Finding the first one with only map, zip and reduce (no loop of our own, so the fast backend
  /// runs it): give the positions along the dimension the descending ranks n, n − 1, …, 1; keep the
  /// rank where the entry equals the maximum and 0 elsewhere; the first maximum is where that
  /// score is largest, and ranks never tie.
  ///
  ///     x          = [3, 7, 1, 7]      max 7
  ///     x == max   = [0, 1, 0, 1]
  ///     rank       = [4, 3, 2, 1]
  ///     score      = [0, 3, 0, 1]      max 3
  ///     one-hot    = [0, 1, 0, 0]      score == max(score)
  public struct Max: UnaryFunction {
    /// The dimension reduced.
    public let dim: Int

    /// The maximum along `dim`.
    public init(dim: Int) {
      self.dim = dim
    }

    /// Task 4.4: the largest entry along `dim`; saves the input.
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 4.4
      ctx.saveForBackward(a)
      return Tensor(a.backend.ops.reduce(a.data, dim: dim, .max), backend: a.backend)
      // END SOLUTION
    }

    /// Task 4.4: dOut (size 1 along `dim`) at the first maximum of each line, 0 elsewhere:
    /// dOut times `argmax(dim:)`'s one-hot mask, in the input's shape.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 4.4
      let ops = dOut.backend.ops
      // dOut broadcasts along `dim` against the mask.
      let mask = ctx.savedValue.argmax(dim: dim).data
      return Tensor(ops.zip(mask, dOut.data, .mul), backend: dOut.backend)
      // END SOLUTION
    }
  }

  /// The largest entry along `dim`, which stays with size 1 unless `keepDims` is false
  /// (minitorch's convention, like `sum`); of every entry, as shape [1], when `dim` is `nil`.
  /// Its gradient goes entirely to the first maximum of each line when entries tie (Task 4.4).
  public func max(dim: Int? = nil, keepDims: Bool = true) -> Tensor {
    reduction(along: dim, keepDims: keepDims, "max") {
      $0.maxOfSomething(along: $1, "max(dim: \($1))")
    }
  }

  /// The largest entry over `dims` together (each kept with size 1 unless `keepDims` is false):
  /// `max(dim:)` along each of them, the highest first, so that when entries tie the gradient
  /// goes to the first maximum in row-major order, as MyGrad's does.
  public func max(dims: [Int], keepDims: Bool = true) -> Tensor {
    reduction(over: dims, keepDims: keepDims, "max") {
      $0.maxOfSomething(along: $1, "max(dims: \(dims))")
    }
  }

  /// A one-hot constant of this tensor's shape marking the first maximum along `dim` (the one
  /// with the lowest index when entries tie), or the first maximum of all entries in row-major
  /// order when `dim` is `nil`: minitorch's `argmax`. It records no history (Task 4.4). A
  /// negative `dim` counts from the end.
  public func argmax(dim: Int? = nil) -> Tensor {
    checkNotEmpty("argmax(dim: \(dim.map(String.init) ?? "nil"))")
    let ops = backend.ops
    guard let dim = dim.map({ checkedDim($0, "argmax(dim: \($0))") }) else {
      let mask = firstMaximumMask(data.reshaped([size], ops), dim: 0, ops)
      return Tensor(mask.reshaped(shape, ops), backend: backend)
    }
    return Tensor(firstMaximumMask(data, dim: dim, ops), backend: backend)
  }
}
