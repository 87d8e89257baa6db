import Module0

// The functions that change only how entries are laid out, in the same shape as the arithmetic
// ones of `TensorFunctions.swift`: a permuted view, a view with another shape, and a contiguous
// copy. Forward passes (Task 2.3) move no number except `Copy`'s; backward passes (Task 2.4)
// undo the change of layout on dOut.

extension Tensor {
  /// The same entries with the dimensions reordered: dimension i of the output is dimension
  /// `order[i]` of the input. No number moves; only shape and strides change.
  public struct Permute: UnaryFunction {
    /// Which input dimension each output dimension is.
    public let order: [Int]

    /// A permutation of the dimensions.
    public init(order: [Int]) {
      self.order = order
    }

    /// Task 2.3: the permuted view.
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      return a.constant(a.data.permute(order))
      // END SOLUTION
    }

    /// Task 2.4: dOut permuted back, by the inverse order.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.4
      var inverse = order
      for (position, dimension) in order.enumerated() {
        inverse[dimension] = position
      }
      return dOut.constant(dOut.data.permute(inverse))
      // END SOLUTION
    }
  }

  /// The same entries, in the same row-major order, seen with another shape of the same size.
  /// Needs a contiguous input.
  public struct View: UnaryFunction {
    /// The new shape.
    public let shape: [Int]

    /// A view with `shape`.
    public init(shape: [Int]) {
      self.shape = shape
    }

    /// Task 2.3: the input's storage with the new shape; keeps the input's shape
    /// (`ctx.inputShape`).
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      precondition(
        a.data.isContiguous,
        "view(\(shape.map(String.init).joined(separator: ", "))) needs a contiguous tensor, "
          + "but this one has shape \(a.shape) and strides \(a.data.strides); "
          + "call contiguous() first")
      precondition(
        shape.reduce(1, *) == a.size,
        "view: shape \(shape) has \(shape.reduce(1, *)) entries, but the tensor has shape "
          + "\(a.shape) with \(a.size)")
      // BEGIN SOLUTION Task 2.3
      ctx.inputShape = a.shape
      return a.constant(TensorData(storage: a.data.storage, shape: shape, offset: a.data.offset))
      // END SOLUTION
    }

    /// Task 2.4: dOut seen with the input's shape again.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.4
      let contiguous = dOut.data.isContiguous ? dOut.data : dOut.mapped(.id).data
      let shape: [Int] = ctx.inputShape
      return dOut.constant(
        TensorData(storage: contiguous.storage, shape: shape, offset: contiguous.offset))
      // END SOLUTION
    }
  }

  /// A contiguous copy of the entries: the same values in row-major storage order.
  public struct Copy: UnaryFunction {
    /// A copy.
    public init() {}

    /// Task 2.3: the entries copied into a fresh, contiguous layout.
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      return a.mapped(.id)
      // END SOLUTION
    }

    /// Task 2.4: dOut.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.4
      return dOut
      // END SOLUTION
    }
  }
}

extension TensorData {
  /// The view with the last two dimensions swapped (a matrix transpose, batch by batch).
  public func transposed() -> TensorData {
    var order = Array(0..<dims)
    order.swapAt(dims - 1, dims - 2)
    return permute(order)
  }
}
