// Shape functions: the same entries seen with another shape (reshape, flatten, squeeze,
// unsqueeze, transposed, broadcast, flip, diagonal) or joined (concatenate, stack). All are
// differentiable, and most are built from functions that exist already: reshape is Task 2.3's
// `contiguous()` and `view`, transposed is `permute`, squeeze and unsqueeze are slicing. Three
// need functions of their own: `Expand` (a view with stride 0, whose backward is Task 2.4's
// `unbroadcast`), `Concatenate` (the backend's `concatenate`; its backward slices dOut) and
// `Diagonal` (a view whose stride is the sum of two strides).
//
// Dimension numbers may be negative here, counted from the end as in NumPy: -1 is the last.

extension Tensor {
  /// The tensor broadcast to a larger shape without copying: a view whose stride is 0 along
  /// every dimension that was missing or had size 1, so one stored number serves the whole
  /// dimension (NumPy's `broadcast_to`). Its derivative sums dOut over the copies: Task 2.4's
  /// `unbroadcast`.
  public struct Expand: UnaryFunction {
    /// The shape to broadcast to.
    public let shape: [Int]

    /// A broadcast to `shape`.
    public init(shape: [Int]) {
      self.shape = shape
    }

    /// The view with stride 0 along the broadcast dimensions; keeps the input's shape
    /// (`ctx.inputShape`).
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      precondition(
        (try? shapeBroadcast(a.shape, shape)) == shape,
        "broadcast(to: \(shape)): shape \(a.shape) does not broadcast to \(shape)")
      ctx.inputShape = a.shape
      let missing = shape.count - a.dims
      let strides = shape.indices.map { d in
        d < missing || a.shape[d - missing] != shape[d] ? 0 : a.data.strides[d - missing]
      }
      return a.constant(
        TensorData(storage: a.data.storage, shape: shape, strides: strides, offset: a.data.offset))
    }

    /// dOut summed over the broadcast dimensions: `unbroadcast(dOut, to: input shape)`.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      unbroadcast(dOut, to: ctx.inputShape)
    }
  }

  /// The inputs laid end to end along `dim` (NumPy's `concatenate`); the derivative with
  /// respect to each input is its stretch of dOut.
  public struct Concatenate: DifferentiableFunction {
    /// The dimension to join along (not negative).
    public let dim: Int
    /// Each input's size along `dim`, which says where its stretch of dOut starts.
    public let sizes: [Int]

    /// Joining inputs whose sizes along `dim` are `sizes`.
    public init(dim: Int, sizes: [Int]) {
      self.dim = dim
      self.sizes = sizes
    }

    /// The tensors joined, as `concatenate(tensors, dim:)` names them: `tensors[0]`, ….
    public var inputNames: [String] { sizes.indices.map { "tensors[\($0)]" } }

    /// The backend's `concatenate`.
    public func forward(_ ctx: Context<Tensor>, inputs: [Tensor]) -> Tensor {
      precondition(
        inputs.map { $0.shape[dim] } == sizes,
        "Concatenate: inputs of shapes \(inputs.map(\.shape)) for sizes \(sizes) along \(dim)")
      guard let backend = inputs.first?.backend else {
        preconditionFailure("concatenate: there is nothing to join")
      }
      for input in inputs where input.backend.name != backend.name {
        preconditionFailure(
          "concatenate: tensors on the \(backend) and the \(input.backend) backend")
      }
      let parts = inputs.map(\.data).filter { $0.size > 0 }
      guard !parts.isEmpty else {
        return Tensor(
          .empty(TensorData.concatenatedShape(inputs.map(\.data), dim: dim)),
          backend: backend)
      }
      // Empty parts add nothing; the backend never sees them.
      return Tensor(backend.ops.concatenate(parts, dim: dim), backend: backend)
    }

    /// For each input, the view of dOut along `dim` where it was placed.
    public func backward(_ ctx: Context<Tensor>, dOut: Tensor) -> [Tensor] {
      let data = dOut.data
      var start = 0
      return sizes.map { size in
        var shape = data.shape
        shape[dim] = size
        defer { start += size }
        return dOut.constant(
          TensorData(
            storage: data.storage, shape: shape, strides: data.strides,
            offset: data.offset + start * data.strides[dim]))
      }
    }
  }

  /// The diagonal of the dimensions `dims` (all of one size n): entry i of the new last
  /// dimension is the entry whose index is i in every one of `dims` (NumPy's `diagonal`, and
  /// einsum's repeated letters, `"ii->i"`). A view: its stride is the sum of their strides.
  /// The derivative puts dOut back on the diagonal of zeros.
  public struct Diagonal: UnaryFunction {
    /// The dimensions whose diagonal is taken (not negative, at least two).
    public let dims: [Int]

    /// The diagonal of `dims`.
    public init(dims: [Int]) {
      self.dims = dims
    }

    /// The view; keeps the input's shape (`ctx.inputShape`).
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      let sizes = dims.map { a.shape[$0] }
      precondition(
        dims.count >= 2 && Set(dims).count == dims.count && Set(sizes).count == 1,
        "diagonal: dimensions \(dims) of shape \(a.shape) must be two or more different "
          + "dimensions of one size")
      ctx.inputShape = a.shape
      let others = a.shape.indices.filter { !dims.contains($0) }
      let stride = dims.reduce(0) { $0 + a.data.strides[$1] }
      return a.constant(
        TensorData(
          storage: a.data.storage, shape: others.map { a.shape[$0] } + [sizes[0]],
          strides: others.map { a.data.strides[$0] } + [stride], offset: a.data.offset))
    }

    /// dOut scattered onto the diagonal of zeros: entry i goes to flat position
    /// i · (1 + n + n² + …) of the merged diagonal dimensions, which are then put back.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      let shape: [Int] = ctx.inputShape
      let n = shape[dims[0]]
      let others = shape.indices.filter { !dims.contains($0) }
      let step = (0..<dims.count).reduce(0) { total, _ in total * n + 1 }
      let last = dOut.dims - 1
      let placed = dOut.backend.ops.scatterAdd(
        dOut.data, dim: last, positions: (0..<n).map { $0 * step },
        size: (0..<dims.count).reduce(1) { total, _ in total * n })
      let unmerged = TensorData(
        storage: placed.storage,
        shape: others.map { shape[$0] } + Array(repeating: n, count: dims.count))
      return dOut.constant(unmerged.permute(inverse(of: others + dims)))
    }
  }

  // MARK: Reshaping

  /// The same entries in row-major order with another shape of the same size; one size may be
  /// -1, worked out from the others (NumPy's and PyTorch's `reshape`). A view sharing storage
  /// when this tensor is contiguous, otherwise a contiguous copy first (unlike `view`, which
  /// stops). Built from Task 2.3's `contiguous()` and `view`.
  public func reshape(_ shape: Int...) -> Tensor {
    reshape(shape)
  }

  /// `reshape(_:)` with the shape as an array.
  public func reshape(_ shape: [Int]) -> Tensor {
    let resolved = resolvedShape(shape, "reshape")
    let source = data.isContiguous ? self : contiguous()
    return View(shape: resolved).apply(source)
  }

  /// The entries in row-major order as one dimension, shape [size]: `reshape(-1)`.
  public func flatten() -> Tensor {
    reshape([size])
  }

  /// `shape` with a -1 replaced by the size that makes the entry counts agree, after checking.
  private func resolvedShape(_ shape: [Int], _ operation: String) -> [Int] {
    let unknown = shape.indices.filter { shape[$0] == -1 }
    let known = shape.filter { $0 != -1 }.reduce(1, *)
    precondition(
      unknown.count <= 1 && shape.allSatisfy { $0 >= 0 || $0 == -1 } && !shape.isEmpty,
      "\(operation)(\(shape)): sizes must not be negative, with at most one -1 for the size "
        + "to work out")
    var result = shape
    if let place = unknown.first {
      precondition(
        known > 0,
        "\(operation)(\(shape)): with a size of 0 beside it, the -1 could be any size")
      precondition(
        size % known == 0,
        "\(operation)(\(shape)): \(size) entries of shape \(self.shape) do not divide into "
          + "rows of \(known)")
      result[place] = size / known
    }
    precondition(
      result.reduce(1, *) == size,
      "\(operation)(\(shape)): shape \(result) has \(result.reduce(1, *)) entries, but the "
        + "tensor has shape \(self.shape) with \(size)")
    return result
  }

  /// The tensor with its last two dimensions swapped: the matrix transpose, batch by batch
  /// (NumPy's `swapaxes(x, -1, -2)`, PyTorch's `x.mT`; a view). For a 2-D tensor this is
  /// NumPy's `x.T`.
  public func transposed() -> Tensor {
    precondition(
      dims >= 2,
      "transposed() swaps the last two dimensions, but shape \(shape) has one; make a row "
        + "with unsqueeze(0) or a column with unsqueeze(1) first")
    return transposed(-2, -1)
  }

  /// The tensor with dimensions `first` and `second` swapped (NumPy's `swapaxes`, PyTorch's
  /// `transpose`; a view).
  public func transposed(_ first: Int, _ second: Int) -> Tensor {
    var order = Array(0..<dims)
    let call = "transposed(\(first), \(second))"
    order.swapAt(checkedDim(first, call), checkedDim(second, call))
    return Permute(order: order).apply(self)
  }

  /// The tensor with dimension `source` moved to position `destination`, the others keeping
  /// their order (NumPy's `np.moveaxis`, PyTorch's `torch.movedim`, MyGrad's `mg.moveaxis`; a
  /// view). Negative dimensions count from the end: `x.moveaxis(0, -1)` makes the first last.
  public func moveaxis(_ source: Int, _ destination: Int) -> Tensor {
    let call = "moveaxis(\(source), \(destination))"
    var order = Array(0..<dims)
    let from = checkedDim(source, call)
    order.remove(at: from)
    order.insert(from, at: checkedDim(destination, call))
    return Permute(order: order).apply(self)
  }

  /// The tensor without dimension `dim`, which must have size 1 (NumPy's `squeeze(axis=)`; a
  /// view). Without `dim`, every dimension of size 1 goes, except that a tensor of only such
  /// dimensions keeps one, shape [1].
  public func squeeze(dim: Int? = nil) -> Tensor {
    guard let dim else {
      let ones = shape.indices.filter { shape[$0] == 1 }
      let drop = ones.count == dims ? Array(ones.dropFirst()) : ones
      let items: [TensorIndex] = shape.indices.map { drop.contains($0) ? .at(0) : .all }
      return Select(IndexPlan(items, shape: shape, operation: "squeeze()")).apply(self)
    }
    let d = checkedDim(dim, "squeeze(dim: \(dim))")
    precondition(
      shape[d] == 1,
      "squeeze(dim: \(dim)): dimension \(d) of shape \(shape) has size \(shape[d]), not 1")
    precondition(dims > 1, "squeeze(dim: \(dim)): a tensor of shape \(shape) has nothing left")
    let items: [TensorIndex] = Array(repeating: .all, count: d) + [.at(0)]
    return Select(IndexPlan(items, shape: shape, operation: "squeeze(dim:)")).apply(self)
  }

  /// The tensor with a new dimension of size 1 at `dim`, which may be any of 0...dims (or
  /// negative: -1 appends at the end) (NumPy's `expand_dims`, PyTorch's `unsqueeze`; a view).
  public func unsqueeze(_ dim: Int) -> Tensor {
    let d = checkedNewDim(dim, "unsqueeze(\(dim))")
    let items: [TensorIndex] = Array(repeating: .all, count: d) + [.newAxis]
    return Select(IndexPlan(items, shape: shape, operation: "unsqueeze")).apply(self)
  }

  /// The tensor broadcast to `shape` (NumPy's `broadcast_to`): a view with stride 0 along every
  /// dimension that is new or had size 1. Differentiable: the gradient sums over the copies.
  public func broadcast(to shape: [Int]) -> Tensor {
    broadcast(to: shape, operation: "broadcast(to:)")
  }

  /// `broadcast(to:)` naming `operation` in its message.
  func broadcast(to shape: [Int], operation: String) -> Tensor {
    precondition(
      (try? shapeBroadcast(self.shape, shape)) == shape,
      "\(operation): shape \(self.shape) does not broadcast to \(shape)")
    return self.shape == shape ? self : Expand(shape: shape).apply(self)
  }

  /// The tensor broadcast to `shape`, where -1 keeps a size (PyTorch's `expand`): a view.
  public func expand(_ shape: Int...) -> Tensor {
    let missing = shape.count - dims
    let resolved = shape.indices.map { d in
      shape[d] == -1 && d >= missing ? self.shape[d - missing] : shape[d]
    }
    return broadcast(to: resolved, operation: "expand(\(shape))")
  }

  /// The entries in reverse order along each of `dims` (NumPy's `flip`): slicing with step -1,
  /// a copy (strides are never negative here).
  public func flip(_ dims: Int...) -> Tensor {
    let flipped = Set(dims.map { checkedDim($0, "flip(\(dims))") })
    let items: [TensorIndex] = shape.indices.map { flipped.contains($0) ? .every(-1) : .all }
    return Select(IndexPlan(items, shape: shape, operation: "flip")).apply(self)
  }

  /// The diagonal of dimensions `first` and `second` as a new last dimension (NumPy's and
  /// PyTorch's `diagonal`, offset 0; a view). Both dimensions must have the same size.
  public func diagonal(_ first: Int = 0, _ second: Int = 1) -> Tensor {
    let call = "diagonal(\(first), \(second))"
    return Diagonal(dims: [checkedDim(first, call), checkedDim(second, call)]).apply(self)
  }

  // MARK: Joining

  /// The tensors laid end to end along `dim`; their other sizes must agree (NumPy's
  /// `concatenate`, PyTorch's `cat`). Differentiable: each input gets its stretch of dOut.
  public static func concatenate(_ tensors: [Tensor], dim: Int = 0) -> Tensor {
    precondition(!tensors.isEmpty, "concatenate: there is nothing to join")
    let d = tensors[0].checkedDim(dim, "concatenate(dim: \(dim))")
    _ = TensorData.concatenatedShape(tensors.map(\.data), dim: d)
    return Concatenate(dim: d, sizes: tensors.map { $0.shape[d] }).apply(tensors)
  }

  /// The tensors, all of one shape, joined along a new dimension `dim` (NumPy's and PyTorch's
  /// `stack`): each gets a dimension of size 1 there, then they are concatenated.
  public static func stack(_ tensors: [Tensor], dim: Int = 0) -> Tensor {
    precondition(!tensors.isEmpty, "stack: there is nothing to stack")
    for tensor in tensors where tensor.shape != tensors[0].shape {
      preconditionFailure("stack: shapes \(tensors.map(\.shape)) must all be the same")
    }
    let d = tensors[0].checkedNewDim(dim, "stack(dim: \(dim))")
    return concatenate(tensors.map { $0.unsqueeze(d) }, dim: d)
  }
}
