extension UnaryFunction where Value == Tensor {
  /// f(a) as a new tensor, which remembers how it was made when `a` needs a gradient.
  public func apply(_ a: Tensor) -> Tensor {
    apply([a])
  }
}

extension BinaryFunction where Value == Tensor {
  /// f(a, b) as a new tensor, which remembers how it was made when an input needs a gradient.
  public func apply(_ a: Tensor, _ b: Tensor) -> Tensor {
    apply([a, b])
  }
}

extension DifferentiableFunction where Value == Tensor {
  /// Runs the function on `inputs` and returns its output as a new tensor that remembers this
  /// function, its context and its inputs when some input needs a gradient (and the call is not
  /// inside `withoutGradients { … }`, which makes every output a constant).
  ///
  /// The forward pass sees the inputs detached: plain values with no history.
  public func apply(_ inputs: [Tensor]) -> Tensor {
    guard let first = inputs.first else {
      preconditionFailure("\(Self.self) needs at least one input")
    }
    let enabled = GradientMode.isEnabled
    let ctx = Context<Tensor>(inputCount: inputs.count) { enabled && !inputs[$0].isConstant }
    let output = forward(ctx, inputs: inputs.map { $0.detach() })
    guard ctx.needsGrad else { return output }
    return Tensor(
      output.data, backend: first.backend,
      history: TensorHistory(function: self, context: ctx, inputs: inputs))
  }
}

/// How a `Tensor` was computed: the function, the tensors its forward pass saved, and its input
/// tensors.
public typealias TensorHistory = History<any DifferentiableFunction<Tensor>, Tensor, Tensor>

// The raw operations forward and backward passes are written with: they run the backend on the
// numbers and return constants, recording nothing.
extension Tensor {
  /// A constant over `data` on this tensor's backend.
  func constant(_ data: TensorData) -> Tensor {
    Tensor(data, backend: backend)
  }

  /// f applied to every entry (to every entry of `shape`, when this tensor broadcasts to it).
  /// An empty result is made here, without calling the backend.
  func mapped(to shape: [Int]? = nil, _ f: MapOperator) -> Tensor {
    let target = shape ?? self.shape
    if size == 0 || target.contains(0) {
      return constant(.empty(EmptyShapes.broadcast(self.shape, target, "map")))
    }
    return constant(backend.ops.map(data, to: shape, f))
  }

  /// f applied entry by entry to this tensor and `other`, broadcast together. An empty result
  /// is made here, without calling the backend.
  func zipped(with other: Tensor, _ f: ZipOperator) -> Tensor {
    if size == 0 || other.size == 0 {
      return constant(.empty(EmptyShapes.broadcast(shape, other.shape, f.name)))
    }
    return constant(backend.ops.zip(data, other.data, f))
  }

  /// Dimension `dim` folded away with f, kept with size 1. Folding nothing (a dimension of
  /// size 0) gives f's start (0 for a sum, 1 for a product), made here without the backend.
  func reduced(dim: Int, _ f: ReduceOperator) -> Tensor {
    if size == 0 {
      var shape = self.shape
      shape[dim] = 1
      return constant(.filled(shape, with: f.start))
    }
    return constant(backend.ops.reduce(data, dim: dim, f))
  }
}
