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
    let needsGrad = inputs.contains { !$0.isConstant } && GradientMode.isEnabled
    let ctx = Context<Tensor>(needsGrad: needsGrad)
    let output = forward(ctx, inputs: inputs.map { $0.detach() })
    guard needsGrad else { return output }
    return Tensor(
      output.data, backend: first.backend,
      history: TensorHistory(function: self, context: ctx, inputs: inputs))
  }
}

// The earlier shape of a tensor function, `forward(ctx, inputs)` over a list of inputs. Only
// the convolution functions still conform to it; it goes when they move to the shape above.

/// A tensor function written in the earlier shape, `forward(ctx, inputs)` over a list of
/// inputs: only the convolutions are still written this way, and this protocol goes when they
/// move to `BinaryFunction` or `DifferentiableFunction`.
public protocol TensorFunction: DifferentiableFunction where Value == Tensor {
  /// The output for `inputs`.
  func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor

  /// dOut times the derivative of the output with respect to each input, in input order.
  func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor]
}

extension TensorFunction {
  /// No names: graph pictures number the inputs.
  public var inputNames: [String] { [] }

  /// `forward(ctx, inputs)`.
  public func forward(_ ctx: Context<Tensor>, inputs: [Tensor]) -> Tensor {
    forward(ctx, inputs)
  }

  /// `backward(ctx, dOut)`.
  public func backward(_ ctx: Context<Tensor>, dOut: Tensor) -> [Tensor] {
    backward(ctx, dOut)
  }

  /// Runs the function on `inputs`; see `apply(_:)` of `DifferentiableFunction`.
  public func apply(_ inputs: Tensor...) -> Tensor {
    apply(inputs)
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
