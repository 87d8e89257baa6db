import Module0

// The functions tensor graphs are built from. Each forward pass (Task 2.3) is one map, zip or
// reduce of the backend with an operator of Task 0.1, or a change of layout; each backward pass
// (Task 2.4) returns dOut times the derivative for each input. Gradients may come back in the
// broadcast shape: `Tensor.chainRule` brings each one to its input's shape.

extension Tensor {
  /// f(a) = −a, entry by entry; f′ = −1.
  public struct Neg: TensorFunction {
    /// Negation.
    public init() {}

    /// Task 2.3: −a.
    public func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      return inputs[0].mapped(.neg)
      // END SOLUTION
    }

    /// Task 2.4: −dOut.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor] {
      // BEGIN SOLUTION Task 2.4
      return [dOut.mapped(.neg)]
      // END SOLUTION
    }
  }

  /// f(a) = 1 / a, entry by entry; f′(a) = −1 / a².
  public struct Inv: TensorFunction {
    /// The reciprocal.
    public init() {}

    /// Task 2.3: 1 / a; saves a.
    public func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      ctx.saveForBackward(inputs[0])
      return inputs[0].mapped(.inv)
      // END SOLUTION
    }

    /// Task 2.4: −dOut / a².
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor] {
      // BEGIN SOLUTION Task 2.4
      return [ctx.savedValues[0].zipped(with: dOut, .invBack)]
      // END SOLUTION
    }
  }

  /// f(a, b) = a + b, broadcast; ∂f/∂a = ∂f/∂b = 1.
  public struct Add: TensorFunction {
    /// Addition.
    public init() {}

    /// Task 2.3: a + b.
    public func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      return inputs[0].zipped(with: inputs[1], .add)
      // END SOLUTION
    }

    /// Task 2.4: (dOut, dOut).
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor] {
      // BEGIN SOLUTION Task 2.4
      return [dOut, dOut]
      // END SOLUTION
    }
  }

  /// f(a, b) = a · b, entry by entry, broadcast; ∂f/∂a = b, ∂f/∂b = a.
  public struct Mul: TensorFunction {
    /// Multiplication.
    public init() {}

    /// Task 2.3: a · b; saves a and b.
    public func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      ctx.saveForBackward(inputs[0], inputs[1])
      return inputs[0].zipped(with: inputs[1], .mul)
      // END SOLUTION
    }

    /// Task 2.4: (dOut · b, dOut · a).
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor] {
      // BEGIN SOLUTION Task 2.4
      let (a, b) = (ctx.savedValues[0], ctx.savedValues[1])
      return [dOut.zipped(with: b, .mul), dOut.zipped(with: a, .mul)]
      // END SOLUTION
    }
  }

  /// f(a) = σ(a), entry by entry; f′ = σ(a) · (1 − σ(a)).
  public struct Sigmoid: TensorFunction {
    /// The logistic function.
    public init() {}

    /// Task 2.3: σ(a); saves σ(a).
    public func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      let s = inputs[0].mapped(.sigmoid)
      ctx.saveForBackward(s)
      return s
      // END SOLUTION
    }

    /// Task 2.4: dOut · σ(a) · (1 − σ(a)).
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor] {
      // BEGIN SOLUTION Task 2.4
      let slope = ctx.savedValues[0].mapped(MapOperator("sigmoid slope") { s in s * (1 - s) })
      return [dOut.zipped(with: slope, .mul)]
      // END SOLUTION
    }
  }

  /// f(a) = max(a, 0), entry by entry; f′ = 1 where a > 0, else 0.
  public struct ReLU: TensorFunction {
    /// The rectified linear unit.
    public init() {}

    /// Task 2.3: max(a, 0); saves a.
    public func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      ctx.saveForBackward(inputs[0])
      return inputs[0].mapped(.relu)
      // END SOLUTION
    }

    /// Task 2.4: dOut where a > 0, else 0.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor] {
      // BEGIN SOLUTION Task 2.4
      return [ctx.savedValues[0].zipped(with: dOut, .reluBack)]
      // END SOLUTION
    }
  }

  /// f(a) = ln a, entry by entry (IEEE for a ≤ 0); f′ = 1 / a.
  public struct Log: TensorFunction {
    /// The natural logarithm.
    public init() {}

    /// Task 2.3: ln a; saves a.
    public func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      ctx.saveForBackward(inputs[0])
      return inputs[0].mapped(.log)
      // END SOLUTION
    }

    /// Task 2.4: dOut / a.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor] {
      // BEGIN SOLUTION Task 2.4
      return [ctx.savedValues[0].zipped(with: dOut, .logBack)]
      // END SOLUTION
    }
  }

  /// f(a) = e^a, entry by entry; f′ = e^a.
  public struct Exp: TensorFunction {
    /// The exponential.
    public init() {}

    /// Task 2.3: e^a; saves e^a.
    public func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      let e = inputs[0].mapped(.exp)
      ctx.saveForBackward(e)
      return e
      // END SOLUTION
    }

    /// Task 2.4: dOut · e^a.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor] {
      // BEGIN SOLUTION Task 2.4
      return [dOut.zipped(with: ctx.savedValues[0], .mul)]
      // END SOLUTION
    }
  }

  /// The sum along one dimension (kept with size 1), or over every entry (shape [1]) when `dim`
  /// is `nil`; the derivative of a sum with respect to each summand is 1.
  public struct Sum: TensorFunction {
    /// The dimension summed over, or `nil` for all of them.
    public let dim: Int?

    /// A sum along `dim`, or over everything when `dim` is `nil`.
    public init(dim: Int?) {
      self.dim = dim
    }

    /// Task 2.3: Σ along `dim` (or over all entries, as shape [1]); saves the input (for its
    /// shape).
    public func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      ctx.saveForBackward(inputs[0])
      guard let dim else {
        return inputs[0].flattened().reduced(dim: 0, .sum)
      }
      return inputs[0].reduced(dim: dim, .sum)
      // END SOLUTION
    }

    /// Task 2.4: every summand gets dOut: dOut (size 1 along the summed dimension, or shape
    /// [1] for a sum of everything) repeated to the input's shape.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor] {
      // BEGIN SOLUTION Task 2.4
      return [dOut.mapped(to: ctx.savedValues[0].shape, .id)]
      // END SOLUTION
    }
  }

  /// 1 where every entry along `dim` (or of the whole tensor, when `dim` is `nil`) is nonzero,
  /// else 0. A test, not differentiable: its gradient is 0.
  public struct All: TensorFunction {
    /// The dimension tested along, or `nil` for the whole tensor.
    public let dim: Int?

    /// A test along `dim`, or over everything when `dim` is `nil`.
    public init(dim: Int?) {
      self.dim = dim
    }

    /// Task 2.3: 1 where all entries are nonzero, else 0; saves the input (for its shape).
    public func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      ctx.saveForBackward(inputs[0])
      guard let dim else {
        return inputs[0].flattened().reduced(dim: 0, .all)
      }
      return inputs[0].reduced(dim: dim, .all)
      // END SOLUTION
    }

    /// Task 2.4: zero, in the input's shape.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor] {
      // BEGIN SOLUTION Task 2.4
      return [Tensor.zeros(like: ctx.savedValues[0])]
      // END SOLUTION
    }
  }

  /// 1 where a < b, else 0, broadcast; gradient 0.
  public struct LT: TensorFunction {
    /// Less-than.
    public init() {}

    /// Task 2.3: 1 where a < b.
    public func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      return inputs[0].zipped(with: inputs[1], .lt)
      // END SOLUTION
    }

    /// Task 2.4: (0, 0).
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor] {
      // BEGIN SOLUTION Task 2.4
      return [Tensor.zeros(like: dOut), Tensor.zeros(like: dOut)]
      // END SOLUTION
    }
  }

  /// 1 where a = b, else 0, broadcast; gradient 0.
  public struct EQ: TensorFunction {
    /// Equality.
    public init() {}

    /// Task 2.3: 1 where a = b.
    public func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      return inputs[0].zipped(with: inputs[1], .eq)
      // END SOLUTION
    }

    /// Task 2.4: (0, 0).
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor] {
      // BEGIN SOLUTION Task 2.4
      return [Tensor.zeros(like: dOut), Tensor.zeros(like: dOut)]
      // END SOLUTION
    }
  }

  /// 1 where |a − b| < 0.01, else 0, broadcast; gradient 0.
  public struct IsClose: TensorFunction {
    /// Closeness.
    public init() {}

    /// Task 2.3: 1 where |a − b| < 0.01.
    public func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      return inputs[0].zipped(with: inputs[1], .isClose)
      // END SOLUTION
    }

    /// Task 2.4: (0, 0).
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor] {
      // BEGIN SOLUTION Task 2.4
      return [Tensor.zeros(like: dOut), Tensor.zeros(like: dOut)]
      // END SOLUTION
    }
  }

  /// The same entries with the dimensions reordered: dimension i of the output is dimension
  /// `order[i]` of the input. No number moves; only shape and strides change.
  public struct Permute: TensorFunction {
    /// Which input dimension each output dimension is.
    public let order: [Int]

    /// A permutation of the dimensions.
    public init(order: [Int]) {
      self.order = order
    }

    /// Task 2.3: the permuted view.
    public func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      return inputs[0].constant(inputs[0].data.permute(order))
      // END SOLUTION
    }

    /// Task 2.4: dOut permuted back, by the inverse order.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor] {
      // BEGIN SOLUTION Task 2.4
      var inverse = order
      for (position, dimension) in order.enumerated() {
        inverse[dimension] = position
      }
      return [dOut.constant(dOut.data.permute(inverse))]
      // END SOLUTION
    }
  }

  /// The same entries, in the same row-major order, seen with another shape of the same size.
  /// Needs a contiguous input.
  public struct View: TensorFunction {
    /// The new shape.
    public let shape: [Int]

    /// A view with `shape`.
    public init(shape: [Int]) {
      self.shape = shape
    }

    /// Task 2.3: the input's storage with the new shape; saves the input (for its shape).
    public func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor {
      let a = inputs[0]
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
      ctx.saveForBackward(a)
      return a.constant(TensorData(storage: a.data.storage, shape: shape, offset: a.data.offset))
      // END SOLUTION
    }

    /// Task 2.4: dOut seen with the input's shape again.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor] {
      // BEGIN SOLUTION Task 2.4
      let contiguous = dOut.data.isContiguous ? dOut.data : dOut.mapped(.id).data
      let shape = ctx.savedValues[0].shape
      return [
        dOut.constant(
          TensorData(storage: contiguous.storage, shape: shape, offset: contiguous.offset))
      ]
      // END SOLUTION
    }
  }

  /// A contiguous copy of the entries: the same values in row-major storage order.
  public struct Copy: TensorFunction {
    /// A copy.
    public init() {}

    /// Task 2.3: the entries copied into a fresh, contiguous layout.
    public func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      return inputs[0].mapped(.id)
      // END SOLUTION
    }

    /// Task 2.4: dOut.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor] {
      // BEGIN SOLUTION Task 2.4
      return [dOut]
      // END SOLUTION
    }
  }

  /// The matrix product over the last two dimensions, batch dimensions broadcast:
  /// (A B)ᵢⱼ = Σₖ Aᵢₖ Bₖⱼ. Its gradients are dA = dOut Bᵀ and dB = Aᵀ dOut.
  public struct MatMul: TensorFunction {
    /// Matrix multiplication.
    public init() {}

    /// Task 2.3: A B; saves A and B.
    public func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      let (a, b) = (inputs[0], inputs[1])
      ctx.saveForBackward(a, b)
      return a.constant(a.backend.ops.matrixMultiply(a.data, b.data))
      // END SOLUTION
    }

    /// Task 2.4: (dOut Bᵀ, Aᵀ dOut), where ᵀ swaps the last two dimensions.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor] {
      // BEGIN SOLUTION Task 2.4
      let (a, b) = (ctx.savedValues[0], ctx.savedValues[1])
      let ops = dOut.backend.ops
      return [
        dOut.constant(ops.matrixMultiply(dOut.data, b.data.transposed())),
        dOut.constant(ops.matrixMultiply(a.data.transposed(), dOut.data)),
      ]
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
