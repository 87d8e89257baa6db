import Module0

// The functions `Scalar` arithmetic is built from, each in the shape of every differentiable
// function (`UnaryFunction`, `BinaryFunction`): `forward(ctx, a, b)` and `backward(ctx, dOut)`.
// Each forward pass (Task 1.2) is one of the operators of Task 0.1; each backward pass (Task 1.4)
// returns dOut times the function's derivative with respect to each input, using what the
// forward pass saved.

extension Scalar {
  /// f(a, b) = a + b, with ∂f/∂a = ∂f/∂b = 1.
  public struct Add: BinaryFunction {
    /// Addition.
    public init() {}

    /// Task 1.2: a + b.
    public func forward(_ ctx: Context<Double>, _ a: Double, _ b: Double) -> Double {
      // BEGIN SOLUTION Task 1.2
      return Operators.add(a, b)
      // END SOLUTION
    }

    /// Task 1.4: (dOut, dOut).
    public func backward(_ ctx: Context<Double>, _ dOut: Double) -> (Double, Double) {
      // BEGIN SOLUTION Task 1.4
      return (dOut, dOut)
      // END SOLUTION
    }
  }

  /// f(a) = ln a, with f′(a) = 1 / a. For a ≤ 0 the value follows IEEE (−∞ or NaN).
  public struct Log: UnaryFunction {
    /// The natural logarithm.
    public init() {}

    /// Task 1.2: ln a; saves a.
    public func forward(_ ctx: Context<Double>, _ a: Double) -> Double {
      // BEGIN SOLUTION Task 1.2
      ctx.saveForBackward(a)
      return Operators.log(a)
      // END SOLUTION
    }

    /// Task 1.4: dOut / a.
    public func backward(_ ctx: Context<Double>, _ dOut: Double) -> Double {
      // BEGIN SOLUTION Task 1.4
      let a = ctx.savedValue
      return Operators.logBack(a, dOut)
      // END SOLUTION
    }
  }

  /// f(a, b) = a · b, with ∂f/∂a = b and ∂f/∂b = a.
  public struct Mul: BinaryFunction {
    /// Multiplication.
    public init() {}

    /// Task 1.2: a · b; saves a and b.
    public func forward(_ ctx: Context<Double>, _ a: Double, _ b: Double) -> Double {
      // BEGIN SOLUTION Task 1.2
      ctx.saveForBackward(a, b)
      return Operators.mul(a, b)
      // END SOLUTION
    }

    /// Task 1.4: (dOut · b, dOut · a).
    public func backward(_ ctx: Context<Double>, _ dOut: Double) -> (Double, Double) {
      // BEGIN SOLUTION Task 1.4
      let (a, b) = ctx.savedPair
      return (Operators.mul(dOut, b), Operators.mul(dOut, a))
      // END SOLUTION
    }
  }

  /// f(a) = 1 / a, with f′(a) = −1 / a².
  public struct Inv: UnaryFunction {
    /// The reciprocal.
    public init() {}

    /// Task 1.2: 1 / a; saves a.
    public func forward(_ ctx: Context<Double>, _ a: Double) -> Double {
      // BEGIN SOLUTION Task 1.2
      ctx.saveForBackward(a)
      return Operators.inv(a)
      // END SOLUTION
    }

    /// Task 1.4: −dOut / a².
    public func backward(_ ctx: Context<Double>, _ dOut: Double) -> Double {
      // BEGIN SOLUTION Task 1.4
      return Operators.invBack(ctx.savedValue, dOut)
      // END SOLUTION
    }
  }

  /// f(a) = −a, with f′(a) = −1.
  public struct Neg: UnaryFunction {
    /// Negation.
    public init() {}

    /// Task 1.2: −a.
    public func forward(_ ctx: Context<Double>, _ a: Double) -> Double {
      // BEGIN SOLUTION Task 1.2
      return Operators.neg(a)
      // END SOLUTION
    }

    /// Task 1.4: −dOut.
    public func backward(_ ctx: Context<Double>, _ dOut: Double) -> Double {
      // BEGIN SOLUTION Task 1.4
      return Operators.neg(dOut)
      // END SOLUTION
    }
  }

  /// f(a) = σ(a) = 1 / (1 + e^(−a)), with f′(a) = σ(a) · (1 − σ(a)).
  public struct Sigmoid: UnaryFunction {
    /// The logistic function.
    public init() {}

    /// Task 1.2: σ(a); saves σ(a), which is all the derivative needs.
    public func forward(_ ctx: Context<Double>, _ a: Double) -> Double {
      // BEGIN SOLUTION Task 1.2
      let s = Operators.sigmoid(a)
      ctx.saveForBackward(s)
      return s
      // END SOLUTION
    }

    /// Task 1.4: dOut · σ(a) · (1 − σ(a)).
    public func backward(_ ctx: Context<Double>, _ dOut: Double) -> Double {
      // BEGIN SOLUTION Task 1.4
      let s = ctx.savedValue
      return dOut * s * (1 - s)
      // END SOLUTION
    }
  }

  /// f(a) = max(a, 0), with f′(a) = 1 for a > 0 and 0 otherwise.
  public struct ReLU: UnaryFunction {
    /// The rectified linear unit.
    public init() {}

    /// Task 1.2: max(a, 0); saves a.
    public func forward(_ ctx: Context<Double>, _ a: Double) -> Double {
      // BEGIN SOLUTION Task 1.2
      ctx.saveForBackward(a)
      return Operators.relu(a)
      // END SOLUTION
    }

    /// Task 1.4: dOut where a > 0, else 0.
    public func backward(_ ctx: Context<Double>, _ dOut: Double) -> Double {
      // BEGIN SOLUTION Task 1.4
      return Operators.reluBack(ctx.savedValue, dOut)
      // END SOLUTION
    }
  }

  /// f(a) = e^a, with f′(a) = e^a.
  public struct Exp: UnaryFunction {
    /// The exponential.
    public init() {}

    /// Task 1.2: e^a; saves e^a, which is also the derivative.
    public func forward(_ ctx: Context<Double>, _ a: Double) -> Double {
      // BEGIN SOLUTION Task 1.2
      let e = Operators.exp(a)
      ctx.saveForBackward(e)
      return e
      // END SOLUTION
    }

    /// Task 1.4: dOut · e^a.
    public func backward(_ ctx: Context<Double>, _ dOut: Double) -> Double {
      // BEGIN SOLUTION Task 1.4
      return Operators.mul(dOut, ctx.savedValue)
      // END SOLUTION
    }
  }

  /// f(a, b) = 1 if the comparison of a with b holds, else 0: a step, whose derivative is 0
  /// wherever it is defined.
  public struct Compare: BinaryFunction {
    /// Which comparison a `Compare` makes.
    public enum Comparison: String, Sendable, CaseIterable {
      /// a < b.
      case lessThan = "<"
      /// a = b.
      case equal = "=="
    }

    /// The comparison made.
    public let comparison: Comparison

    /// The function 1 if `comparison` holds for (a, b), else 0.
    public init(_ comparison: Comparison) {
      self.comparison = comparison
    }

    /// Task 1.2: 1 if the comparison holds for (a, b), else 0 (`Operators.lt`, `Operators.eq`).
    public func forward(_ ctx: Context<Double>, _ a: Double, _ b: Double) -> Double {
      // BEGIN SOLUTION Task 1.2
      switch comparison {
      case .lessThan: return Operators.lt(a, b)
      case .equal: return Operators.eq(a, b)
      }
      // END SOLUTION
    }

    /// Task 1.4: (0, 0).
    public func backward(_ ctx: Context<Double>, _ dOut: Double) -> (Double, Double) {
      // BEGIN SOLUTION Task 1.4
      return (0, 0)
      // END SOLUTION
    }
  }
}
