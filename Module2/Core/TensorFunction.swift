/// A differentiable function of tensors: the unit tensor graphs are built from, like Module 1's
/// `ScalarFunction`.
///
/// A conforming type writes `forward`, which computes the output from detached inputs (plain
/// values with no history) and saves what the derivative needs, and `backward`, which returns
/// dOut times the derivative with respect to each input. Functions with settings (`Sum(dim:)`,
/// `Permute(order:)`) keep them as properties, so these are instance methods.
///
/// `backward` may return a gradient whose shape differs from its input's, when the input was
/// broadcast; the chain rule fixes every shape in one place (`Tensor.chainRule`).
public protocol TensorFunction {
  /// The output for `inputs`.
  func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor

  /// dOut times the derivative of the output with respect to each input, in input order.
  func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor]
}

extension TensorFunction {
  /// Runs the function on `inputs` and returns its output as a new tensor that remembers this
  /// function, its context and its inputs when some input needs a gradient (and the call is not
  /// inside `withoutGradients { … }`, which makes every output a constant).
  public func apply(_ inputs: Tensor...) -> Tensor {
    apply(inputs)
  }

  /// Runs the function on a list of inputs of any length; see `apply(_:)`.
  public func apply(_ inputs: [Tensor]) -> Tensor {
    precondition(!inputs.isEmpty, "\(Self.self) needs at least one input")
    let needsGrad = inputs.contains { !$0.isConstant } && GradientMode.isEnabled
    let ctx = Context<Tensor>(needsGrad: needsGrad)
    let output = forward(ctx, inputs.map { $0.detach() })
    guard needsGrad else { return output }
    return Tensor(
      output.data, backend: inputs[0].backend,
      history: TensorHistory(function: self, context: ctx, inputs: inputs))
  }
}

/// How a `Tensor` was computed: the `TensorFunction`, the tensors its forward pass saved, and
/// its input tensors.
public typealias TensorHistory = History<any TensorFunction, Tensor, Tensor>

// The raw operations forward and backward passes are written with: they run the backend on the
// numbers and return constants, recording nothing.
extension Tensor {
  /// A constant over `data` on this tensor's backend.
  func constant(_ data: TensorData) -> Tensor {
    Tensor(data, backend: backend)
  }

  /// The entries in row-major order as one dimension, shape [size] (for reductions over the
  /// whole tensor).
  func flattened() -> Tensor {
    constant(TensorData(data.values, shape: [size]))
  }

  /// f applied to every entry (to every entry of `shape`, when this tensor broadcasts to it).
  func mapped(to shape: [Int]? = nil, _ f: MapOperator) -> Tensor {
    constant(backend.ops.map(data, to: shape, f))
  }

  /// f applied entry by entry to this tensor and `other`, broadcast together.
  func zipped(with other: Tensor, _ f: ZipOperator) -> Tensor {
    constant(backend.ops.zip(data, other.data, f))
  }

  /// Dimension `dim` folded away with f, kept with size 1.
  func reduced(dim: Int, _ f: ReduceOperator) -> Tensor {
    constant(backend.ops.reduce(data, dim: dim, f))
  }
}
