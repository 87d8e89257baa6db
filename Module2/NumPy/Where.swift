extension ZipOperator {
  /// x where c is nonzero, else 0, given (c, x).
  static let takenWhere = ZipOperator("x where c ≠ 0") { c, x in c != 0 ? x : 0 }
  /// x where c is 0, else 0, given (c, x).
  static let takenWhereNot = ZipOperator("x where c = 0") { c, x in c != 0 ? 0 : x }
}

extension Tensor {
  /// a where the condition is nonzero and b where it is 0, entry by entry, the three
  /// broadcast together (NumPy's `np.where(c, a, b)`, PyTorch's `torch.where`, MyGrad's
  /// `mg.where`). Differentiable in a and b: dOut goes to a where the condition holds and to b
  /// where it does not. The condition is a setting, not an input: it gets no gradient.
  ///
  /// Choosing entry by entry: the comparisons beside `lt`, `gt` and `eq`, `Tensor.where`, and
  /// `clamp` with tensor bounds.
  ///
  /// A comparison gives 1 where it holds and 0 where not, as numbers. ≤, ≥ and ≠ are made from the
  /// two comparisons `Compare` has, which are never both true:
  ///
  ///     a ≤ b  =  (a < b) + (a = b)          a ≥ b  =  (b < a) + (a = b)          a ≠ b  =  1 − (a = b)
  ///
  /// so NaN compares as NumPy says: NaN ≤ x, NaN ≥ x and NaN = x are all false, NaN ≠ x is true.
  ///
  /// `where(c, a, b)` takes a where c is nonzero and b where it is 0, all three broadcast together:
  ///
  ///     where(c, a, b)ᵢ = aᵢ if cᵢ ≠ 0, else bᵢ          ∂/∂aᵢ = [cᵢ ≠ 0]     ∂/∂bᵢ = [cᵢ = 0]
  ///
  /// It is computed as a choice, not as c·a + (1 − c)·b: an infinite or NaN entry in the branch
  /// that is not taken must not leak into the result (0 · ∞ is NaN), nor into the gradient.
  public struct Where: BinaryFunction {
    /// Where to take a (nonzero entries) and where b (zeros); broadcasts with a and b.
    public let condition: TensorData

    /// A choice between two tensors by `condition`.
    public init(condition: TensorData) {
      self.condition = condition
    }

    /// a where the condition is nonzero, b where it is 0, the three broadcast together.
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor, _ b: Tensor) -> Tensor {
      let c = a.constant(condition)
      return c.zipped(with: a, .takenWhere).zipped(with: c.zipped(with: b, .takenWhereNot), .add)
    }

    /// (dOut where the condition holds, dOut where it does not); the chain rule sums each back
    /// to its input's shape.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> (Tensor, Tensor) {
      let c = dOut.constant(condition)
      return (c.zipped(with: dOut, .takenWhere), c.zipped(with: dOut, .takenWhereNot))
    }
  }

  /// `a` where `condition` is nonzero and `b` where it is 0, the three broadcast together
  /// (NumPy's `np.where(condition, a, b)`, PyTorch's `torch.where`, MyGrad's `mg.where`).
  /// Differentiable in `a` and `b`; either may be a number. An infinite or NaN entry of the
  /// branch not taken changes neither the value nor the gradient.
  public static func `where`<A: TensorOperand, B: TensorOperand>(
    _ condition: Tensor, _ a: A, _ b: B
  ) -> Tensor {
    let backend = condition.backend
    let (left, right) = (a.asTensor(backend: backend), b.asTensor(backend: backend))
    let shapes = [condition.shape, left.shape, right.shape]
    let shape = try? shapeBroadcast(shapeBroadcast(shapes[0], shapes[1]), shapes[2])
    precondition(
      shape != nil, "where(condition, a, b): shapes \(shapes) do not broadcast together")
    return Where(condition: condition.data).apply(left, right)
  }

  /// 1 where a ≤ b, else 0, broadcast (NumPy's `<=`, PyTorch's `le`): (a < b) + (a = b).
  /// Gradient 0.
  public func le<Other: TensorOperand>(_ other: Other) -> Tensor {
    lt(other) + eq(other)
  }

  /// 1 where a ≥ b, else 0, broadcast (NumPy's `>=`, PyTorch's `ge`): (a > b) + (a = b).
  /// Gradient 0.
  public func ge<Other: TensorOperand>(_ other: Other) -> Tensor {
    gt(other) + eq(other)
  }

  /// 1 where a ≠ b, else 0, broadcast (NumPy's `!=`, PyTorch's `ne`): 1 − (a = b), so NaN ≠
  /// NaN is 1, as in NumPy. Gradient 0.
  public func ne<Other: TensorOperand>(_ other: Other) -> Tensor {
    1 - eq(other)
  }

  /// Every entry limited to [min, max] by bounds that are tensors, broadcast (NumPy's
  /// `np.clip(x, lo, hi)` with arrays, PyTorch's `torch.clamp` with tensor `min`/`max`, MyGrad's
  /// `mg.clip`). Built as minimum(maximum(x, min), max),
  /// so the gradient is dOut to x strictly inside the bounds, and to a bound where x lies beyond
  /// it; at a tie nobody gets it (MyGrad's rule). Where min > max the result is max, as in
  /// NumPy.
  public func clamp(min lower: Tensor, max upper: Tensor) -> Tensor {
    maximum(lower).minimum(upper)
  }

  /// Every entry raised to at least the entry of `lower`, broadcast: `maximum(lower)` (NumPy's
  /// `np.clip(x, lo, None)`, PyTorch's `torch.clamp(x, min=lo)`); see `clamp(min:max:)`.
  public func clamp(min lower: Tensor) -> Tensor {
    maximum(lower)
  }

  /// Every entry lowered to at most the entry of `upper`, broadcast: `minimum(upper)` (NumPy's
  /// `np.clip(x, None, hi)`, PyTorch's `torch.clamp(x, max=hi)`); see `clamp(min:max:)`.
  public func clamp(max upper: Tensor) -> Tensor {
    minimum(upper)
  }
}
