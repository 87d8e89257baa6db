import Foundation

// Element-wise math beyond Task 2.3's functions: powers, roots, trigonometry, absolute values,
// and the larger or smaller of two tensors. Each forward pass is one map or zip of the backend
// and each backward pass returns dOut times the derivative, as in `TensorFunctions.swift`; the
// chain rule undoes any broadcasting. These are given code, not tasks.
//
// Where a function has a corner or a cusp, some number must stand in for the derivative. We
// use MyGrad's choices (checked against MyGrad 2.5), since the course material is written with
// MyGrad:
//
//     abs at 0                          0          (PyTorch: 0 too)
//     maximum / minimum at a tie        0 to both  (PyTorch since 1.10: half to each)
//     clamp at a bound                  0          (PyTorch: 1; clamp is built on maximum and
//                                                   minimum, so their tie rule gives MyGrad's)
//     pow(a, c) at a = 0                c · 0^(c − 1): 0 for c > 1, +∞ for 0 < c < 1, and 0
//                                      for c = 0 (0^−1 is never formed)
//     pow(a, b) with respect to b       a^b · ln a, taken as 0 where a = 0 (ln 1 stands in)
//     sqrt at 0                         +∞
//
// A negative base with a fractional exponent gives NaN (IEEE), in values and gradients alike.

extension ZipOperator {
  /// dOut / (2√a), given √a and dOut: the derivative of sqrt.
  static let sqrtBack = ZipOperator("sqrtBack") { root, d in d / (2 * root) }
  /// 2a · dOut: the derivative of a².
  static let squareBack = ZipOperator("squareBack") { a, d in 2 * a * d }
  /// cos(a) · dOut: the derivative of sin.
  static let sinBack = ZipOperator("sinBack") { a, d in Foundation.cos(a) * d }
  /// −sin(a) · dOut: the derivative of cos.
  static let cosBack = ZipOperator("cosBack") { a, d in -Foundation.sin(a) * d }
  /// (1 − t²) · dOut, given t = tanh(a): the derivative of tanh.
  static let tanhBack = ZipOperator("tanhBack") { t, d in (1 - t * t) * d }
  /// sign(a) · dOut, with sign(0) = 0: the derivative of |a|.
  static let absBack = ZipOperator("absBack") { a, d in a > 0 ? d : (a < 0 ? -d : a * d) }
  /// aᵇ, IEEE (`Foundation.pow`).
  static let pow = ZipOperator("pow") { a, b in Foundation.pow(a, b) }
  /// b · a^(b − 1), the derivative of aᵇ with respect to a; the exponent b − 1 becomes 1 where
  /// b = 0, so that 0 · 0⁻¹ = NaN never appears (MyGrad's rule).
  static let powSlope = ZipOperator("powSlope") { a, b in
    b * Foundation.pow(a, b != 0 ? b - 1 : 1)
  }
  /// aᵇ · ln a, the derivative of aᵇ with respect to b; ln 1 = 0 stands in where a = 0
  /// (MyGrad's rule).
  static let powLogSlope = ZipOperator("powLogSlope") { a, b in
    Foundation.pow(a, b) * Foundation.log(a != 0 ? a : 1)
  }
}

extension Tensor {
  /// f(a, b) = aᵇ, entry by entry, broadcast; ∂f/∂a = b · a^(b − 1), ∂f/∂b = aᵇ · ln a (see the
  /// top of this file for a = 0 and b = 0). Its inputs are the base and the exponent.
  public struct Pow: BinaryFunction {
    /// A power with a tensor exponent.
    public init() {}

    /// The base a and the exponent b.
    public var inputNames: [String] { ["base", "exponent"] }

    /// aᵇ; saves a and b.
    public func forward(_ ctx: Context<Tensor>, _ base: Tensor, _ exponent: Tensor) -> Tensor {
      ctx.saveForBackward(base, exponent)
      return base.zipped(with: exponent, .pow)
    }

    /// (dOut · b · a^(b − 1), dOut · aᵇ · ln a).
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> (Tensor, Tensor) {
      let (base, exponent) = ctx.savedPair
      return (
        dOut.zipped(with: base.zipped(with: exponent, .powSlope), .mul),
        dOut.zipped(with: base.zipped(with: exponent, .powLogSlope), .mul)
      )
    }
  }

  /// f(a) = aᶜ for a constant exponent c, entry by entry; f′(a) = c · a^(c − 1) (0 when c = 0).
  public struct PowConstant: UnaryFunction {
    /// The exponent c.
    public let exponent: Double

    /// The power with exponent `exponent`.
    public init(exponent: Double) {
      self.exponent = exponent
    }

    /// aᶜ; saves a.
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      ctx.saveForBackward(a)
      let c = exponent
      return a.mapped(MapOperator("pow \(c)") { Foundation.pow($0, c) })
    }

    /// dOut · c · a^(c − 1).
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      let c = exponent
      let slope = ctx.savedValue.mapped(
        MapOperator("pow \(c) slope") { a in c * Foundation.pow(a, c != 0 ? c - 1 : 1) })
      return dOut.zipped(with: slope, .mul)
    }
  }

  /// f(a) = √a, entry by entry (NaN for a < 0); f′ = 1 / (2√a), +∞ at 0.
  public struct Sqrt: UnaryFunction {
    /// The square root.
    public init() {}

    /// √a; saves √a.
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      let root = a.mapped(.sqrt)
      ctx.saveForBackward(root)
      return root
    }

    /// dOut / (2√a).
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      ctx.savedValue.zipped(with: dOut, .sqrtBack)
    }
  }

  /// f(a) = a², entry by entry; f′ = 2a.
  public struct Square: UnaryFunction {
    /// The square.
    public init() {}

    /// a²; saves a.
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      ctx.saveForBackward(a)
      return a.mapped(.square)
    }

    /// 2a · dOut.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      ctx.savedValue.zipped(with: dOut, .squareBack)
    }
  }

  /// f(a) = sin a, entry by entry (a in radians); f′ = cos a.
  public struct Sin: UnaryFunction {
    /// The sine.
    public init() {}

    /// sin a; saves a.
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      ctx.saveForBackward(a)
      return a.mapped(MapOperator("sin") { Foundation.sin($0) })
    }

    /// cos(a) · dOut.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      ctx.savedValue.zipped(with: dOut, .sinBack)
    }
  }

  /// f(a) = cos a, entry by entry (a in radians); f′ = −sin a.
  public struct Cos: UnaryFunction {
    /// The cosine.
    public init() {}

    /// cos a; saves a.
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      ctx.saveForBackward(a)
      return a.mapped(MapOperator("cos") { Foundation.cos($0) })
    }

    /// −sin(a) · dOut.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      ctx.savedValue.zipped(with: dOut, .cosBack)
    }
  }

  /// f(a) = tanh a, entry by entry; f′ = 1 − tanh² a.
  public struct Tanh: UnaryFunction {
    /// The hyperbolic tangent.
    public init() {}

    /// tanh a; saves tanh a.
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      let t = a.mapped(.tanh)
      ctx.saveForBackward(t)
      return t
    }

    /// (1 − tanh² a) · dOut.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      ctx.savedValue.zipped(with: dOut, .tanhBack)
    }
  }

  /// f(a) = |a|, entry by entry; f′ = sign(a): 1 for a > 0, −1 for a < 0, and 0 at the corner
  /// a = 0 (MyGrad's and PyTorch's choice).
  public struct Abs: UnaryFunction {
    /// The absolute value.
    public init() {}

    /// |a|; saves a.
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      ctx.saveForBackward(a)
      return a.mapped(.abs)
    }

    /// sign(a) · dOut, with sign(0) = 0.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      ctx.savedValue.zipped(with: dOut, .absBack)
    }
  }

  /// f(a, b) = the larger of a and b, entry by entry, broadcast. The derivative goes to the
  /// larger one: ∂f/∂a = 1 where a > b, ∂f/∂b = 1 where b > a; at a tie both get 0 (MyGrad's
  /// rule; PyTorch gives half to each).
  public struct Maximum: BinaryFunction {
    /// The entry-wise maximum.
    public init() {}

    /// max(a, b); saves a and b.
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor, _ b: Tensor) -> Tensor {
      ctx.saveForBackward(a, b)
      return a.zipped(with: b, .max)
    }

    /// (dOut where a > b, dOut where b > a), 0 elsewhere.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> (Tensor, Tensor) {
      let (a, b) = ctx.savedPair
      return (
        dOut.zipped(with: b.zipped(with: a, .lt), .mul),
        dOut.zipped(with: a.zipped(with: b, .lt), .mul)
      )
    }
  }

  /// f(a, b) = the smaller of a and b, entry by entry, broadcast. The derivative goes to the
  /// smaller one: ∂f/∂a = 1 where a < b, ∂f/∂b = 1 where b < a; at a tie both get 0 (MyGrad's
  /// rule; PyTorch gives half to each).
  public struct Minimum: BinaryFunction {
    /// The entry-wise minimum.
    public init() {}

    /// min(a, b); saves a and b.
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor, _ b: Tensor) -> Tensor {
      ctx.saveForBackward(a, b)
      return a.zipped(with: b, .min)
    }

    /// (dOut where a < b, dOut where b < a), 0 elsewhere.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> (Tensor, Tensor) {
      let (a, b) = ctx.savedPair
      return (
        dOut.zipped(with: a.zipped(with: b, .lt), .mul),
        dOut.zipped(with: b.zipped(with: a, .lt), .mul)
      )
    }
  }
}

extension Tensor {
  /// aᶜ, entry by entry, for a constant exponent: `x.pow(2)` is MyGrad's `x ** 2`. Its
  /// derivative is c · a^(c − 1) (0 for c = 0, +∞ at a = 0 for 0 < c < 1).
  public func pow(_ exponent: Double) -> Tensor {
    PowConstant(exponent: exponent).apply(self)
  }

  /// aᵇ, entry by entry, with the exponents of another tensor, broadcast; differentiable in
  /// both (with respect to b, aᵇ · ln a, taken as 0 where a = 0).
  public func pow(_ exponent: Tensor) -> Tensor {
    Pow().apply(self, exponent)
  }

  /// √a, entry by entry (NaN for a < 0); its derivative is +∞ at 0.
  public func sqrt() -> Tensor { Sqrt().apply(self) }

  /// a², entry by entry.
  public func square() -> Tensor { Square().apply(self) }

  /// sin a, entry by entry (radians).
  public func sin() -> Tensor { Sin().apply(self) }

  /// cos a, entry by entry (radians).
  public func cos() -> Tensor { Cos().apply(self) }

  /// tanh a, entry by entry.
  public func tanh() -> Tensor { Tanh().apply(self) }

  /// |a|, entry by entry; its derivative at 0 is taken to be 0.
  public func abs() -> Tensor { Abs().apply(self) }

  /// The larger of this tensor and `other` entry by entry, broadcast (NumPy's `maximum`, not
  /// the reduction `max`). At a tie neither side gets a gradient (MyGrad's rule).
  public func maximum<Other: TensorOperand>(_ other: Other) -> Tensor {
    Maximum().apply(self, other.asTensor(backend: backend))
  }

  /// The smaller of this tensor and `other` entry by entry, broadcast (NumPy's `minimum`, not
  /// the reduction `min`). At a tie neither side gets a gradient (MyGrad's rule).
  public func minimum<Other: TensorOperand>(_ other: Other) -> Tensor {
    Minimum().apply(self, other.asTensor(backend: backend))
  }

  /// Every entry limited to [min, max]: entries below `min` become `min`, entries above `max`
  /// become `max` (NumPy's `clip`). Either bound may be left out, not both. Built as
  /// minimum(maximum(a, min), max), so the gradient is dOut strictly inside the bounds and 0 at
  /// and beyond them (MyGrad's rule; PyTorch passes dOut at the bounds too). When min > max,
  /// every entry becomes `max`, as in NumPy.
  public func clamp(min lower: Double? = nil, max upper: Double? = nil) -> Tensor {
    precondition(
      lower != nil || upper != nil, "clamp(min:max:) needs at least one bound, got neither")
    var result = self
    if let lower {
      result = result.maximum(lower)
    }
    if let upper {
      result = result.minimum(upper)
    }
    return result
  }
}
