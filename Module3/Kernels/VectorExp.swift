import Foundation

// e^x for a vector of numbers at once. The C library computes one number per call and cannot be
// vectorised; the same method written with SIMD vectors runs several times as fast
// (`VectorMath` applies it to whole rows).
//
// 1. Range reduction. Write x = k · ln2 + r with k = round(x / ln2), so |r| ≤ ln2/2 and
//    e^x = 2^k · e^r. The product k · ln2 is subtracted in two parts (a `high` part with trailing
//    zero bits, so k · high is exact, and the `low` rest), or r would lose digits. Multiplying
//    by 2^k is exact: 2^k is made from its bits, the exponent field 1023 + k.
// 2. A polynomial. e^r − 1 = r + r²/2! + r³/3! + … + r¹³/13! for |r| ≤ 0.347 is off by less than
//    r¹⁴/14! < 5·10⁻¹⁸, far below half an ulp. It takes one multiply-add per term, all lanes at
//    once, and no table to look numbers up in (a lookup is one lane at a time).
// 3. Put together. e^x = 2^k · (1 + (e^r − 1)).
//
// Rounding to an integer uses the "magic number" 1.5 · 2⁵²: adding it pushes the fraction out of
// a double's 52 bits, and the low bits of the sum are then k itself.

/// e^x for a `VectorMath.Vector` of numbers, within 2 ulps of the C library.
enum VectorExp {
  typealias Vector = VectorMath.Vector
  typealias Bits = VectorMath.Bits

  /// ln 2 = high + low, with high's last 21 bits zero (fdlibm's split): k · high is exact for
  /// every |k| < 2²¹.
  static let ln2High = Double(bitPattern: 0x3fe6_2e42_fee0_0000)
  /// The rest of ln 2.
  static let ln2Low = Double(bitPattern: 0x3dea_39ef_3579_3c76)

  /// 2^k and r with v = k · ln2 + r, |r| ≤ ln2/2, for numbers with |v| < 708.
  @inline(__always)
  static func reduce(_ v: Vector) -> (scale: Vector, r: Vector) {
    // 1.5 · 2⁵²: the low 52 bits of `shifted` are 2⁵¹ + k.
    let magic = Vector(repeating: 0x1.8p52)
    let shifted = multiplyAdd(magic, v, Vector(repeating: 1 / M_LN2))
    let k = shifted - magic
    let r = multiplyAdd(
      multiplyAdd(v, k, Vector(repeating: -ln2High)), k, Vector(repeating: -ln2Low))
    // The exponent field of 2^k holds 1023 + k.
    let kBits = unsafeBitCast(shifted, to: Bits.self) &- unsafeBitCast(magic, to: Bits.self)
    let scale = unsafeBitCast((kBits &+ Bits(repeating: 1023)) &<< 52, to: Vector.self)
    return (scale, r)
  }

  /// e^r − 1 for |r| ≤ ln2/2: r + r² q, where q = 1/2! + r/3! + … + r¹¹/13! is summed by
  /// Estrin's scheme: pairs of terms first (1/2! + r/3!, 1/4! + r/5!, …), then pairs of pairs
  /// with r², and so on with r⁴ and r⁸. That is as exact as Horner's rule here, and its
  /// multiply-adds do not wait for each other in one long chain (which also keeps the compiler
  /// from splitting the vector into single lanes, as it does for long chains of
  /// `addingProduct`).
  @inline(__always)
  static func polynomial(_ r: Vector) -> Vector {
    // 1/n!, as a vector.
    @inline(__always)
    func c(_ factorial: Double) -> Vector { Vector(repeating: 1 / factorial) }
    let r2 = r * r
    let r4 = r2 * r2
    let r8 = r4 * r4
    let pair0 = multiplyAdd(c(2), r, c(6))
    let pair1 = multiplyAdd(c(24), r, c(120))
    let pair2 = multiplyAdd(c(720), r, c(5040))
    let pair3 = multiplyAdd(c(40320), r, c(362_880))
    let pair4 = multiplyAdd(c(3_628_800), r, c(39_916_800))
    let pair5 = multiplyAdd(c(479_001_600), r, c(6_227_020_800))
    let quad0 = multiplyAdd(pair0, r2, pair1)
    let quad1 = multiplyAdd(pair2, r2, pair3)
    let quad2 = multiplyAdd(pair4, r2, pair5)
    let q = multiplyAdd(multiplyAdd(quad0, r4, quad1), r8, quad2)
    return multiplyAdd(r, r2, q)
  }

  /// e^v for numbers with |v| < 708 (other lanes get meaningless values).
  @inline(__always)
  static func exp(_ v: Vector) -> Vector {
    let (scale, r) = reduce(v)
    // 2^k · (1 + p) = 2^k + 2^k · p: one multiply-add.
    return multiplyAdd(scale, scale, polynomial(r))
  }

  /// e^v for numbers with |v| < 708 as hi + lo, where hi is `exp(v)` and lo what rounding
  /// 1 + (e^r − 1) left out (sigmoid and tanh divide by 1 + e^v and keep it).
  @inline(__always)
  static func expWithError(_ v: Vector) -> (hi: Vector, lo: Vector) {
    let (scale, r) = reduce(v)
    let (sum, low) = VectorMath.sumWithError(Vector(repeating: 1), polynomial(r))
    return (scale * sum, scale * low)
  }
}
