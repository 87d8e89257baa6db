import Module0

// The functions tensor graphs are built from, each in the shape of every differentiable function
// (Module 1's `UnaryFunction` and `BinaryFunction`): `forward(ctx, a, b)` and
// `backward(ctx, dOut)`. Each forward pass (Task 2.3) is one map, zip or reduce of the backend
// with an operator of Task 0.1, or a change of layout; each backward pass (Task 2.4) returns dOut
// times the derivative for each input. Gradients may come back in the broadcast shape:
// `Tensor.chainRule` brings each one to its input's shape.

extension Tensor {
  /// f(a) = −a, entry by entry; f′ = −1.
  public struct Neg: UnaryFunction {
    /// Negation.
    public init() {}

    /// Task 2.3: −a.
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      return a.mapped(.neg)
      // END SOLUTION
    }

    /// Task 2.4: −dOut.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.4
      return dOut.mapped(.neg)
      // END SOLUTION
    }
  }

  /// f(a) = 1 / a, entry by entry; f′(a) = −1 / a².
  public struct Inv: UnaryFunction {
    /// The reciprocal.
    public init() {}

    /// Task 2.3: 1 / a; saves a.
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      ctx.saveForBackward(a)
      return a.mapped(.inv)
      // END SOLUTION
    }

    /// Task 2.4: −dOut / a².
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.4
      return ctx.savedValue.zipped(with: dOut, .invBack)
      // END SOLUTION
    }
  }

  /// f(a, b) = a + b, broadcast; ∂f/∂a = ∂f/∂b = 1.
  public struct Add: BinaryFunction {
    /// Addition.
    public init() {}

    /// Task 2.3: a + b.
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor, _ b: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      return a.zipped(with: b, .add)
      // END SOLUTION
    }

    /// Task 2.4: (dOut, dOut).
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> (Tensor, Tensor) {
      // BEGIN SOLUTION Task 2.4
      return (dOut, dOut)
      // END SOLUTION
    }
  }

  /// f(a, b) = a · b, entry by entry, broadcast; ∂f/∂a = b, ∂f/∂b = a.
  public struct Mul: BinaryFunction {
    /// Multiplication.
    public init() {}

    /// Task 2.3: a · b; saves a and b.
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor, _ b: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      ctx.saveForBackward(a, b)
      return a.zipped(with: b, .mul)
      // END SOLUTION
    }

    /// Task 2.4: (dOut · b, dOut · a).
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> (Tensor, Tensor) {
      // BEGIN SOLUTION Task 2.4
      let (a, b) = ctx.savedPair
      return (dOut.zipped(with: b, .mul), dOut.zipped(with: a, .mul))
      // END SOLUTION
    }
  }

  /// f(a) = σ(a), entry by entry; f′ = σ(a) · (1 − σ(a)).
  public struct Sigmoid: UnaryFunction {
    /// The logistic function.
    public init() {}

    /// Task 2.3: σ(a); saves σ(a).
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      let s = a.mapped(.sigmoid)
      ctx.saveForBackward(s)
      return s
      // END SOLUTION
    }

    /// Task 2.4: dOut · σ(a) · (1 − σ(a)).
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.4
      let slope = ctx.savedValue.mapped(MapOperator("sigmoid slope") { s in s * (1 - s) })
      return dOut.zipped(with: slope, .mul)
      // END SOLUTION
    }
  }

  /// f(a) = max(a, 0), entry by entry; f′ = 1 where a > 0, else 0.
  public struct ReLU: UnaryFunction {
    /// The rectified linear unit.
    public init() {}

    /// Task 2.3: max(a, 0); saves a.
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      ctx.saveForBackward(a)
      return a.mapped(.relu)
      // END SOLUTION
    }

    /// Task 2.4: dOut where a > 0, else 0.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.4
      return ctx.savedValue.zipped(with: dOut, .reluBack)
      // END SOLUTION
    }
  }

  /// f(a) = ln a, entry by entry (IEEE for a ≤ 0); f′ = 1 / a.
  public struct Log: UnaryFunction {
    /// The natural logarithm.
    public init() {}

    /// Task 2.3: ln a; saves a.
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      ctx.saveForBackward(a)
      return a.mapped(.log)
      // END SOLUTION
    }

    /// Task 2.4: dOut / a.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.4
      return ctx.savedValue.zipped(with: dOut, .logBack)
      // END SOLUTION
    }
  }

  /// f(a) = e^a, entry by entry; f′ = e^a.
  public struct Exp: UnaryFunction {
    /// The exponential.
    public init() {}

    /// Task 2.3: e^a; saves e^a.
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      let e = a.mapped(.exp)
      ctx.saveForBackward(e)
      return e
      // END SOLUTION
    }

    /// Task 2.4: dOut · e^a.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.4
      return dOut.zipped(with: ctx.savedValue, .mul)
      // END SOLUTION
    }
  }

  /// The sum along one dimension, kept with size 1; the derivative of a sum with respect to
  /// each summand is 1. (`sum()` of every entry views the tensor as one dimension and sums
  /// along dimension 0.)
  public struct Sum: UnaryFunction {
    /// The dimension summed over.
    public let dim: Int

    /// A sum along `dim`.
    public init(dim: Int) {
      self.dim = dim
    }

    /// Task 2.3: Σ along `dim`; keeps the input's shape (`ctx.inputShape`).
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      ctx.inputShape = a.shape
      return a.reduced(dim: dim, .sum)
      // END SOLUTION
    }

    /// Task 2.4: every summand gets dOut: dOut (size 1 along the summed dimension) repeated
    /// to the input's shape.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.4
      let shape: [Int] = ctx.inputShape
      return dOut.mapped(to: shape, .id)
      // END SOLUTION
    }
  }

  /// 1 where every entry along `dim` is nonzero, else 0, kept with size 1. A test, not
  /// differentiable: its gradient is 0.
  public struct All: UnaryFunction {
    /// The dimension tested along.
    public let dim: Int

    /// A test along `dim`.
    public init(dim: Int) {
      self.dim = dim
    }

    /// Task 2.3: 1 where all entries along `dim` are nonzero, else 0; keeps the input's shape
    /// (`ctx.inputShape`).
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      ctx.inputShape = a.shape
      return a.reduced(dim: dim, .all)
      // END SOLUTION
    }

    /// Task 2.4: zero, in the input's shape.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.4
      let shape: [Int] = ctx.inputShape
      return Tensor.zeros(shape, backend: dOut.backend)
      // END SOLUTION
    }
  }

  /// 1 where the comparison of a with b holds, else 0, entry by entry and broadcast: a step,
  /// whose gradient is 0. `Compare(.lt)` is a < b, `Compare(.eq)` a = b and
  /// `Compare(.isClose)` |a − b| < 0.01.
  public struct Compare: BinaryFunction {
    /// The comparison: `.lt`, `.eq` or `.isClose`.
    public let comparison: ZipOperator

    /// 1 where `comparison` (`.lt`, `.eq` or `.isClose`) holds for (a, b), else 0.
    public init(_ comparison: ZipOperator) {
      precondition(
        [.lt, .eq, .isClose].contains(comparison.kind),
        "Compare takes a comparison (.lt, .eq or .isClose), not \(comparison)")
      self.comparison = comparison
    }

    /// Task 2.3: 1 where the comparison holds for (a, b), else 0.
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor, _ b: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      return a.zipped(with: b, comparison)
      // END SOLUTION
    }

    /// Task 2.4: (0, 0).
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> (Tensor, Tensor) {
      // BEGIN SOLUTION Task 2.4
      return (Tensor.zeros(like: dOut), Tensor.zeros(like: dOut))
      // END SOLUTION
    }
  }

  /// The matrix product over the last two dimensions, batch dimensions broadcast:
  /// (A B)ᵢⱼ = Σₖ Aᵢₖ Bₖⱼ. Its gradients are dA = dOut Bᵀ and dB = Aᵀ dOut.
  public struct MatMul: BinaryFunction {
    /// Matrix multiplication.
    public init() {}

    /// Task 2.3: A B; saves A and B.
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor, _ b: Tensor) -> Tensor {
      // BEGIN SOLUTION Task 2.3
      ctx.saveForBackward(a, b)
      return a.constant(a.backend.ops.matrixMultiply(a.data, b.data))
      // END SOLUTION
    }

    /// Task 2.4: (dOut Bᵀ, Aᵀ dOut), where ᵀ swaps the last two dimensions. (A product whose
    /// gradient nobody receives may be skipped: `ctx.needsGradient(ofInput:)`.)
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> (Tensor, Tensor) {
      // BEGIN SOLUTION Task 2.4
      let (a, b) = ctx.savedPair
      let ops = dOut.backend.ops
      // A constant input (a batch of data) never receives its share, so its product, as costly
      // as the forward one, is skipped: a single 0 stands in for it.
      let skipped = dOut.constant(TensorData.filled([1], with: 0))
      return (
        ctx.needsGradient(ofInput: 0)
          ? dOut.constant(ops.matrixMultiply(dOut.data, b.data.transposed())) : skipped,
        ctx.needsGradient(ofInput: 1)
          ? dOut.constant(ops.matrixMultiply(a.data.transposed(), dOut.data)) : skipped
      )
      // END SOLUTION
    }
  }
}
