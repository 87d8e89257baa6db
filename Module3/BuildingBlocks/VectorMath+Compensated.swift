// Sums, products and quotients that keep what rounding leaves out.
//
// A rounded sum a + b loses a little, and that little can be computed exactly: for |a| ≥ |b|,
// (a − hi) + b with hi = a + b is exact (Dekker's "fast two-sum"). A rounded product loses
// a · b − hi, which a fused multiply-add gives in one instruction; without one, each factor is
// split into two halves of 26 bits, whose four products are exact (Dekker's "two-product").
// Carrying these small parts along, a result computed in several steps is rounded about once,
// which is how tanh and sigmoid stay within an ulp of the exact answer although they divide
// two computed numbers.

extension VectorMath {
  /// a + b as hi + lo: hi the rounded sum, lo exactly what rounding left out. Needs |a| ≥ |b|
  /// lane by lane (or a = 0).
  @inline(__always)
  static func sumWithError(_ a: Vector, _ b: Vector) -> (hi: Vector, lo: Vector) {
    let hi = a + b
    return (hi, (a - hi) + b)
  }

  /// a · b as hi + lo: hi the rounded product, lo exactly what rounding left out (unless the
  /// product is near the overflow or underflow limits).
  @inline(__always)
  static func productWithError(_ a: Vector, _ b: Vector) -> (hi: Vector, lo: Vector) {
    let hi = a * b
    guard !multiplyAddIsFused else { return (hi, multiplyAdd(-hi, a, b)) }
    // x = xHigh + xLow with 26 significant bits in each half (Veltkamp's split).
    @inline(__always)
    func split(_ x: Vector) -> (Vector, Vector) {
      let c = x * 134_217_729  // 2²⁷ + 1
      let high = c - (c - x)
      return (high, x - high)
    }
    let (aHigh, aLow) = split(a)
    let (bHigh, bLow) = split(b)
    return (hi, ((aHigh * bHigh - hi) + aHigh * bLow + aLow * bHigh) + aLow * bLow)
  }

  /// (n + nLow) / (d.hi + d.lo), rounded about once: the quotient q of the leading parts,
  /// corrected by what it leaves over, n − q · d.hi (exact: `productWithError`), and by the low
  /// parts.
  @inline(__always)
  static func quotient(
    _ n: Vector, _ d: (hi: Vector, lo: Vector), numeratorLow: Vector = Vector()
  ) -> Vector {
    let reciprocal = 1 / d.hi
    let q = n * reciprocal
    let (product, productLow) = productWithError(q, d.hi)
    let left = ((n - product) - productLow) + numeratorLow - q * d.lo
    return multiplyAdd(q, left, reciprocal)
  }
}
