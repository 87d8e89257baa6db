extension Tensor {
  /// The entries a slicing expression selects: a view sharing the input's storage for basic
  /// indexing (integers, ranges with positive steps, `.all`, `.newAxis`, `.ellipsis`), a copy
  /// when the expression reverses a dimension or uses integer lists or masks. Made by
  /// `x[slice: …]`.
  ///
  /// The derivative of reading an entry is 1 at the place it was read from: the backward pass
  /// adds each entry of dOut into zeros of the input's shape at its place.
  public struct Select: TensorFunction {
    let plan: IndexPlan

    /// The entries `plan` selects.
    init(_ plan: IndexPlan) {
      self.plan = plan
    }

    /// The selection (a view when it can be).
    public func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor {
      inputs[0].constant(plan.read(inputs[0].data, inputs[0].backend.ops))
    }

    /// dOut added into zeros of the input's shape, each entry where it was read.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor] {
      [dOut.constant(plan.adjoint(dOut.data, dOut.backend.ops))]
    }
  }

  /// The adjoint of `Select`: values of the selection's shape placed into zeros of the input's
  /// shape, added where a place is selected twice. Its derivative is a `Select`. Used by
  /// `updating(at:with:)` and `adding(_:at:)`.
  public struct Place: TensorFunction {
    let plan: IndexPlan

    /// Values placed where `plan` selects.
    init(_ plan: IndexPlan) {
      self.plan = plan
    }

    /// Zeros of the input shape with the values added at their places.
    public func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor {
      inputs[0].constant(plan.adjoint(inputs[0].data, inputs[0].backend.ops))
    }

    /// dOut read at the places the values went to.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor] {
      [dOut.constant(plan.read(dOut.data, dOut.backend.ops))]
    }
  }

  /// f(x) = x where `mask` is 0, and 0 where it is not; f′ = 1 where the mask is 0, else 0.
  /// Written as a choice, not as x · (1 − mask), so an infinite x in the masked part gives 0,
  /// not NaN. The first half of `updating(at:with:)`.
  public struct ZeroWhere: TensorFunction {
    /// Where the result is 0: nonzero entries, of the input's shape.
    public let mask: TensorData

    /// Zeros where `mask` is nonzero.
    public init(mask: TensorData) {
      self.mask = mask
    }

    private static let keep = ZipOperator("keep where the mask is 0") { x, m in m == 0 ? x : 0 }

    /// x where the mask is 0, else 0.
    public func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor {
      precondition(
        inputs[0].shape == mask.shape,
        "ZeroWhere: a mask of shape \(mask.shape) for a tensor of shape \(inputs[0].shape)")
      return inputs[0].constant(inputs[0].backend.ops.zip(inputs[0].data, mask, Self.keep))
    }

    /// dOut where the mask is 0, else 0.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor] {
      [dOut.constant(dOut.backend.ops.zip(dOut.data, mask, Self.keep))]
    }
  }

  /// The entries a slicing expression selects, NumPy's `x[…]`: `x[slice: 1..., 0]` is
  /// `x[1:, 0]`. An integer drops its dimension, a range keeps it (`x[slice: 0]` of a [2, 3]
  /// tensor has shape [3], `x[slice: 0..<1]` has shape [1, 3]); when every dimension is
  /// dropped the result has shape [1]. Negative positions count from the end. See
  /// `TensorIndex` for every kind of item.
  ///
  /// Slicing and indexing with gradients: `x[slice: …]` (see `TensorIndex` for the items and
  /// their NumPy spelling), and the functional updates `updating(at:with:)` and `adding(_:at:)`.
  ///
  /// A read selects entries; its derivative sends each entry of dOut back to the place it was read
  /// from and zero everywhere else, adding where a place was read twice ([0, 0] reads entry 0
  /// twice, so entry 0 gets both gradients). `IndexPlan` computes both directions.
  ///
  /// Tensors are values: there is no `x[slice: 0] = y`. Writing into a tensor that a graph has
  /// used would change what its backward pass sees. `x.updating(at: 0, with: y)` returns a new
  /// tensor instead, differentiable in x and y.
  ///
  /// The existing `t[1, 0]` (integers only, no label) still reads one entry as a `Double`.
  ///
  /// Basic indexing (integers, ranges with a positive step, `.all`, `.newAxis`, `.ellipsis`)
  /// returns a view that shares this tensor's storage, as NumPy's does; a negative step,
  /// integer lists and masks make a copy. Differentiable: the gradient goes back to the places
  /// read, added up where a place was read more than once. A position or range outside the
  /// shape stops with a message naming it and the shape.
  public subscript(slice items: any TensorIndexConvertible...) -> Tensor {
    indexed(by: items.map(\.tensorIndex))
  }

  /// `x[slice: …]` with the items as an array, for expressions built at run time (Python's
  /// `x[tuple(items)]`): `x.indexed(by: [.all, .at(0)])` is `x[slice: .all, 0]`.
  public func indexed(by items: [TensorIndex]) -> Tensor {
    Select(IndexPlan(items, shape: shape, operation: "x[slice: …]")).apply(self)
  }

  /// A new tensor equal to this one except at the entries `items` select, which hold `value`
  /// (broadcast to the selection's shape): NumPy's `x[items] = value` without changing `x`.
  ///
  /// Differentiable in both: the gradient with respect to this tensor is dOut with the
  /// selected entries set to 0, and with respect to `value` it is dOut at the selected entries
  /// (summed over any broadcasting). A selection that names an entry twice stops: which value
  /// would win is not defined (use `adding(_:at:)` to add at repeated places).
  public func updating<Value: TensorOperand>(
    at items: any TensorIndexConvertible..., with value: Value
  ) -> Tensor {
    let operation = "updating(at:with:)"
    let plan = IndexPlan(items.map(\.tensorIndex), shape: shape, operation: operation)
    precondition(
      !plan.repeatsPositions,
      "\(operation): the selection names some entry of shape \(shape) more than once, so "
        + "which value it gets is not defined; use adding(_:at:) to add at repeated places")
    let values = placeable(value, plan, operation)
    let selected = plan.adjoint(TensorData.filled(plan.resultShape, with: 1), backend.ops)
    return ZeroWhere(mask: selected).apply(self) + Place(plan).apply(values)
  }

  /// A new tensor equal to this one plus `value` (broadcast to the selection's shape) at the
  /// entries `items` select, added once for each time an entry is selected: NumPy's
  /// `np.add.at(x, items, value)` without changing `x`. Differentiable in both: the gradient
  /// with respect to this tensor is dOut, and with respect to `value` dOut at the selected
  /// entries (summed over any broadcasting).
  public func adding<Value: TensorOperand>(
    _ value: Value, at items: any TensorIndexConvertible...
  ) -> Tensor {
    let operation = "adding(_:at:)"
    let plan = IndexPlan(items.map(\.tensorIndex), shape: shape, operation: operation)
    return self + Place(plan).apply(placeable(value, plan, operation))
  }

  /// `value` broadcast to the shape of the selection `plan` reads, or a stop naming both shapes.
  private func placeable<Value: TensorOperand>(
    _ value: Value, _ plan: IndexPlan, _ operation: String
  ) -> Tensor {
    let values = value.asTensor(backend: backend)
    precondition(
      (try? shapeBroadcast(values.shape, plan.resultShape)) == plan.resultShape,
      "\(operation): a value of shape \(values.shape) does not broadcast to the shape of the "
        + "selection, \(plan.resultShape) (of a tensor of shape \(shape))")
    return values.broadcast(to: plan.resultShape)
  }
}
