import Foundation

// ln x for a vector of positive normal numbers at once (`VectorMath.log` sends zeros, negative
// and subnormal numbers, infinities and NaN to the C library).
//
// 1. Range reduction. A double is x = 2^e · m; take e so that √½ ≤ m < √2. Then
//    ln x = e · ln2 + ln m, and both come straight from x's bits: subtracting the bits of √½
//    makes the exponent field e (it borrows when m < √½), and subtracting e from x's exponent
//    field leaves m.
// 2. A series that converges fast. With f = m − 1 and s = f / (2 + f), so m = (1 + s)/(1 − s):
//      ln m = 2 artanh s = 2s + 2s³/3 + 2s⁵/5 + … = 2s + s · R,  R = 2z/3 + 2z²/5 + … (z = s²).
//    |s| ≤ 0.1716, so z ≤ 0.0295, and the terms up to z¹⁰ leave an error below 10⁻¹⁸.
// 3. Few roundings. Written as ln m = f − (h − s · (h + R)) with h = f²/2 (the same value, since
//    2s = f − s · f), the large part f is exact and only small corrections are rounded; the
//    e · ln2 part is added in two pieces as in `VectorExp` (e · high is exact).

/// ln x for a `VectorMath.Vector` of positive normal numbers, within 2 ulps of the C library.
enum VectorLog {
  typealias Vector = VectorMath.Vector
  typealias Bits = VectorMath.Bits

  /// The bits of √½.
  static let rootHalfBits: UInt64 = 0x3fe6_a09e_667f_3bcd

  /// ln v for numbers with `Double.leastNormalMagnitude` ≤ v < ∞ (other lanes get meaningless
  /// values).
  @inline(__always)
  static func log(_ v: Vector) -> Vector {
    let bits = unsafeBitCast(v, to: Bits.self)
    // e = the exponent of v / √½ (arithmetic shift: e may be negative); m = v / 2^e.
    let shifted = unsafeBitCast(bits &- Bits(repeating: rootHalfBits), to: SIMD8<Int64>.self)
    let e = shifted &>> 52
    let m = unsafeBitCast(bits &- unsafeBitCast(e &<< 52, to: Bits.self), to: Vector.self)
    let f = m - 1
    let s = f / (f + 2)
    let z = s * s
    // R = z (2/3 + 2z/5 + … + 2z⁹/21), by Estrin's scheme as in `VectorExp.polynomial`.
    @inline(__always)
    func c(_ n: Double) -> Vector { Vector(repeating: 2 / n) }
    let z2 = z * z
    let z4 = z2 * z2
    let z8 = z4 * z4
    let quad0 = multiplyAdd(multiplyAdd(c(3), z, c(5)), z2, multiplyAdd(c(7), z, c(9)))
    let quad1 = multiplyAdd(multiplyAdd(c(11), z, c(13)), z2, multiplyAdd(c(15), z, c(17)))
    let pair = multiplyAdd(c(19), z, c(21))
    let r = z * multiplyAdd(multiplyAdd(quad0, z4, quad1), z8, pair)
    let h = 0.5 * f * f
    // e as a double, by the magic number of `VectorExp.reduce` read backwards (converting
    // integer lanes one by one would be slower than all the rest).
    let magic = Vector(repeating: 0x1.8p52)
    let exponent =
      unsafeBitCast(unsafeBitCast(magic, to: SIMD8<Int64>.self) &+ e, to: Vector.self) - magic
    // e · high + (f − (h − (s (h + R) + e · low))).
    let correction = multiplyAdd(s * (h + r), exponent, Vector(repeating: VectorExp.ln2Low))
    return multiplyAdd((f - (h - correction)), exponent, Vector(repeating: VectorExp.ln2High))
  }
}
