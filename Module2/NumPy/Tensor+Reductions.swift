extension ReduceOperator {
  /// The product: start at 1, multiply by each entry.
  static let product = ReduceOperator("prod", start: 1) { $0 * $1 }
}

extension Tensor {
  /// The product along one dimension, kept with size 1. The derivative with respect to each
  /// entry is the product of the OTHER entries of its line, which is not P / xᵢ when xᵢ = 0:
  ///
  ///     no zero in the line      ∂P/∂xᵢ = P / xᵢ
  ///     exactly one zero, at k   ∂P/∂xₖ = the product of the nonzero entries; 0 for i ≠ k
  ///     two zeros or more        0 everywhere (each other-product still holds a zero)
  public struct Prod: UnaryFunction {
    /// The dimension multiplied along.
    public let dim: Int

    /// A product along `dim`.
    public init(dim: Int) {
      self.dim = dim
    }

    /// Π along `dim`; saves the input.
    public func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
      ctx.saveForBackward(a)
      return a.reduced(dim: dim, .product)
    }

    /// dOut times the product of the other entries of each line, from three facts about the
    /// line: which entries are 0, how many there are, and the product Q of the nonzero ones.
    /// Entry i gets Q / xᵢ when there is no zero, Q when it is the only zero, else 0.
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      let a = ctx.savedValue
      let zero = a.constant(TensorData([0], shape: [1]))
      let one = a.constant(TensorData([1], shape: [1]))
      let isZero = a.zipped(with: zero, .eq)
      let nonzero = a.zipped(with: isZero, .add)  // each 0 replaced by 1
      let q = nonzero.reduced(dim: dim, .product)
      let zeros = isZero.reduced(dim: dim, .sum)
      let noZero = zeros.zipped(with: zero, .eq)
      let oneZero = zeros.zipped(with: one, .eq)
      let share = noZero.zipped(with: nonzero.mapped(.inv), .mul)
        .zipped(with: oneZero.zipped(with: isZero, .mul), .add)
      return share.zipped(with: q.zipped(with: dOut, .mul), .mul)
    }
  }
}

extension Tensor {
  // MARK: sum and mean

  /// The sum along `dim`, which stays with size 1 unless `keepDims` is false (minitorch's
  /// convention); over every entry, as shape [1], when `dim` is `nil`.
  ///
  /// Reductions: sum, mean, prod, variance, std and all, along one dimension, several, or all of
  /// them. (max and min need Task 4.4 and live in Module 4.) A negative dimension counts from
  /// the end, as in NumPy: `x.sum(dim: -1)` sums the last one.
  ///
  /// minitorch's rule, which this library keeps: a reduced dimension STAYS, with size 1, unless
  /// you pass `keepDims: false`. NumPy, PyTorch and MyGrad drop it by default. Keeping it means the
  /// result broadcasts straight back against the input, `x - x.mean(dim: 1)` centres each row.
  ///
  ///     x: [2, 3, 4]     x.sum(dim: 1)                    [2, 1, 4]
  ///                      x.sum(dim: 1, keepDims: false)   [2, 4]
  ///                      x.sum(dims: [0, 2])              [1, 3, 1]
  ///                      x.sum()                          [1]   (every entry)
  ///
  /// A reduction over every entry always has shape [1]: this library has no zero-dimensional
  /// tensors (NumPy would give shape ()), and `item()` reads the number.
  ///
  /// A reduction over several dimensions is the one-dimension reduction applied to each of them in
  /// turn, the highest dimension first, and a reduction over every entry is the one-dimension
  /// reduction of the tensor seen as one dimension (`flatten()`): the functions (`Sum`, `Prod`,
  /// `All`; Module 4's `Max`) always reduce along one given dimension. Only sum, prod and all have
  /// functions of their own here.
  public func sum(dim: Int? = nil, keepDims: Bool = true) -> Tensor {
    reduction(along: dim, keepDims: keepDims, "sum") { Sum(dim: $1).apply($0) }
  }

  /// The sum over each of `dims`, which stay with size 1 unless `keepDims` is false.
  public func sum(dims: [Int], keepDims: Bool = true) -> Tensor {
    reduction(over: dims, keepDims: keepDims, "sum") { Sum(dim: $1).apply($0) }
  }

  /// The mean along `dim` (kept with size 1 unless `keepDims` is false), or of every entry
  /// (shape [1]) when `dim` is `nil`: the sum times 1/n.
  public func mean(dim: Int? = nil, keepDims: Bool = true) -> Tensor {
    let sum = reduction(along: dim, keepDims: keepDims, "mean") { Sum(dim: $1).apply($0) }
    return sum * (1 / Double(dim.map { shape[checkedDim($0, "mean(dim: \($0))")] } ?? size))
  }

  /// The mean over `dims` together (each kept with size 1 unless `keepDims` is false): the sum
  /// over them times 1/n, n the number of entries summed.
  public func mean(dims: [Int], keepDims: Bool = true) -> Tensor {
    let sum = reduction(over: dims, keepDims: keepDims, "mean") { Sum(dim: $1).apply($0) }
    return sum * (1 / Double(entries(over: checkedDims(dims, "mean(dims: \(dims))"))))
  }

  // MARK: prod

  /// The product along `dim` (kept with size 1 unless `keepDims` is false), or of every entry
  /// (shape [1]) when `dim` is `nil`. Its gradient is right when entries are 0 (see `Prod`).
  public func prod(dim: Int? = nil, keepDims: Bool = true) -> Tensor {
    reduction(along: dim, keepDims: keepDims, "prod") { Prod(dim: $1).apply($0) }
  }

  /// The product over each of `dims`, which stay with size 1 unless `keepDims` is false.
  public func prod(dims: [Int], keepDims: Bool = true) -> Tensor {
    reduction(over: dims, keepDims: keepDims, "prod") { Prod(dim: $1).apply($0) }
  }

  // MARK: variance and standard deviation

  /// The variance along `dim` (kept with size 1 unless `keepDims` is false), or of every entry
  /// (shape [1]) when `dim` is `nil`: Σ (x − mean)² / (n − correction).
  ///
  /// `correction` is NumPy's and MyGrad's `ddof` (default 0, the population variance; PyTorch's
  /// default is 1, the sample variance). n − correction must be positive. Built from mean,
  /// subtraction, square and sum, so the gradient, 2 (xᵢ − mean) / (n − correction), comes from
  /// theirs.
  public func variance(dim: Int? = nil, correction: Int = 0, keepDims: Bool = true) -> Tensor {
    guard let dim else { return variance(dims: Array(0..<dims), correction: correction).flat() }
    return variance(over: [dim], correction: correction, keepDims: keepDims, listed: false)
  }

  /// The variance over `dims` together (each kept with size 1 unless `keepDims` is false), the
  /// n entries of each group counted once: Σ (x − mean)² / (n − correction).
  public func variance(dims: [Int], correction: Int = 0, keepDims: Bool = true) -> Tensor {
    variance(over: dims, correction: correction, keepDims: keepDims, listed: true)
  }

  /// The standard deviation √variance along `dim` (see `variance(dim:correction:keepDims:)`).
  ///
  /// Where the variance is 0 (every entry of the line equal) the gradient is NaN, as in MyGrad:
  /// √ has an infinite slope at 0 and the centred entries are all 0. (PyTorch returns 0 there.)
  /// To train through a standard deviation, use `(x.variance(dim: d) + ε).sqrt()`.
  public func std(dim: Int? = nil, correction: Int = 0, keepDims: Bool = true) -> Tensor {
    variance(dim: dim, correction: correction, keepDims: keepDims).sqrt()
  }

  /// The standard deviation over `dims` together; see `std(dim:correction:keepDims:)`.
  public func std(dims: [Int], correction: Int = 0, keepDims: Bool = true) -> Tensor {
    variance(dims: dims, correction: correction, keepDims: keepDims).sqrt()
  }

  // MARK: all

  /// 1 where every entry along `dim` is nonzero, else 0 (kept with size 1 unless `keepDims` is
  /// false); over the whole tensor (shape [1]) when `dim` is `nil`. Gradient 0.
  public func all(dim: Int? = nil, keepDims: Bool = true) -> Tensor {
    reduction(along: dim, keepDims: keepDims, "all") { All(dim: $1).apply($0) }
  }

  /// 1 where every entry over `dims` is nonzero, else 0 (each kept with size 1 unless
  /// `keepDims` is false).
  public func all(dims: [Int], keepDims: Bool = true) -> Tensor {
    reduction(over: dims, keepDims: keepDims, "all") { All(dim: $1).apply($0) }
  }

  // MARK: Shared by every reduction

  /// Applies `reduceOne` (a reduction along one dimension that keeps it with size 1) along
  /// `dim`, dropping it unless `keepDims`; when `dim` is `nil`, to every entry at once, shape
  /// [1]: the tensor seen as one dimension (`flatten()`, a view when it can be) reduced along
  /// dimension 0, as minitorch does. The one place "every dimension" is handled, so the
  /// functions themselves always reduce along one given dimension. Module 4's `max` uses it too.
  public func reduction(
    along dim: Int?, keepDims: Bool, _ operation: String, _ reduceOne: (Tensor, Int) -> Tensor
  ) -> Tensor {
    guard let dim else { return reduceOne(dims == 1 ? self : flatten(), 0) }
    return reduction(over: [dim], keepDims: keepDims, operation, listed: false, reduceOne)
  }

  /// Applies `reduceOne` (a reduction along one dimension that keeps it with size 1) to each of
  /// `dims`, the highest first, then drops those dimensions unless `keepDims`. A negative
  /// dimension counts from the end, and `reduceOne` always gets one in 0..<dims. Stops with a
  /// message naming `operation` when a dimension does not exist or is listed twice. Module 4's
  /// `max` and `min` use it too.
  ///
  /// `listed` says how the caller was called, for the message: `sum(dims: [0, 2])` when true,
  /// `sum(dim: 2)` when false.
  public func reduction(
    over dims: [Int], keepDims: Bool, _ operation: String, listed: Bool = true,
    _ reduceOne: (Tensor, Int) -> Tensor
  ) -> Tensor {
    let resolved = checkedDimensions(dims, operation, listed: listed)
    var result = self
    for dim in resolved.sorted(by: >) {
      result = reduceOne(result, dim)
    }
    return keepDims ? result : result.dropping(resolved)
  }

  /// `dims` counted from the front (`checkedDims`), the message naming the call as it was
  /// written: `sum(dims: [0, 2])` when `listed`, else `sum(dim: 2)`.
  func checkedDimensions(_ dims: [Int], _ operation: String, listed: Bool) -> [Int] {
    let call =
      listed || dims.isEmpty ? "\(operation)(dims: \(dims))" : "\(operation)(dim: \(dims[0]))"
    return checkedDims(dims, call)
  }

  /// How many entries the dimensions `dims` hold together.
  func entries(over dims: [Int]) -> Int {
    dims.reduce(1) { $0 * shape[$1] }
  }

  /// This tensor, whose dimensions `dims` have size 1, without them (shape [1] if nothing is
  /// left). A view of the same storage, so gradients flow through `View`.
  func dropping(_ dims: [Int]) -> Tensor {
    let kept = shape.indices.filter { !dims.contains($0) }.map { shape[$0] }
    let base = data.isContiguous ? self : contiguous()
    return View(shape: kept.isEmpty ? [1] : kept).apply(base)
  }

  /// This tensor seen as shape [1] (it must hold one entry).
  func flat() -> Tensor {
    shape == [1] ? self : dropping(Array(0..<dims))
  }

  /// The variance over `dims`, checked, with n − correction > 0.
  private func variance(over dims: [Int], correction: Int, keepDims: Bool, listed: Bool)
    -> Tensor
  {
    let dims = checkedDimensions(dims, "variance", listed: listed)
    let count = entries(over: dims)
    precondition(
      count - correction > 0,
      "variance with correction \(correction) needs more than \(correction) entries in each "
        + "group, but dimensions \(dims) of shape \(shape) hold \(count)")
    let centred = self - mean(dims: dims)
    let sum = centred.square().sum(dims: dims, keepDims: keepDims)
    return sum * (1 / Double(count - correction))
  }
}
