import Foundation

// e^x for four numbers at once, to within 2 units in the last place (ulps) of the C library's
// `exp`. The library computes one number per call and cannot be vectorised; the same method
// written with SIMD vectors runs about twice as fast on one core.
//
// 1. Range reduction. Write x = k · ln2/64 + r with k = round(x · 64/ln2), so |r| ≤ ln2/128 and
//    e^x = 2^(k/64) · e^r. The product k · ln2/64 is subtracted in two parts (a `high` part with
//    trailing zero bits, so k · high is exact, and the `low` rest), or r would lose digits.
// 2. A table. With k = 64m + j (0 ≤ j < 64), 2^(k/64) = 2^m · 2^(j/64): 2^(j/64) comes from a
//    table of 64 numbers, and multiplying by 2^m only adds m to the exponent bits.
// 3. A short polynomial. For |r| ≤ 0.0055 the Taylor series 1 + r + r²/2 + … + r⁵/120 is off by
//    less than r⁶/720 < 4·10⁻¹⁷, below half an ulp.
//
// Rounding to an integer uses the "magic number" 1.5 · 2⁵²: adding it pushes the fraction out of
// a double's 52 bits, and the low bits of the sum are then k itself. Inputs whose result would
// overflow, become subnormal, or that are NaN (|x| ≥ 708) take the library's `exp`.

/// e^x for contiguous numbers, four at a time, to within 2 ulps of `Foundation.exp`.
enum VectorExp {
  /// 2^(j/64) for j = 0..<64.
  static let table: [Double] = (0..<64).map { Foundation.exp2(Double($0) / 64) }

  /// out[i] = e^(x[i]) for i in 0..<count.
  ///
  /// - Complexity: O(count), about 30 vector operations per 4 numbers.
  static func apply(_ out: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, _ count: Int) {
    typealias V = SIMD4<Double>
    let limit = V(repeating: 708)
    table.withUnsafeBufferPointer { table in
      let table = table.baseAddress!
      var i = 0
      while i + 4 <= count {
        let v = UnsafeRawPointer(x + i).loadUnaligned(as: V.self)
        if all(v .< limit .& v .> -limit) {
          UnsafeMutableRawPointer(out + i).storeBytes(of: exp(v, table), as: V.self)
        } else {
          for lane in 0..<4 { out[i + lane] = Foundation.exp(x[i + lane]) }
        }
        i += 4
      }
      while i < count {
        out[i] = Foundation.exp(x[i])
        i += 1
      }
    }
  }

  /// e^v for four numbers with |v| < 708; `table` is `VectorExp.table`.
  @inline(__always)
  static func exp(_ v: SIMD4<Double>, _ table: UnsafePointer<Double>) -> SIMD4<Double> {
    typealias V = SIMD4<Double>
    typealias Bits = SIMD4<UInt64>
    // ln 2 = high + low, with high's last 21 bits zero (fdlibm's split), both divided by 64.
    let high = V(repeating: Double(bitPattern: 0x3fe6_2e42_fee0_0000) / 64)
    let low = V(repeating: Double(bitPattern: 0x3dea_39ef_3579_3c76) / 64)
    let magic = V(repeating: 0x1.8p52)
    // k = round(v · 64/ln2): the low 52 bits of `shifted` are 2⁵¹ + k.
    let shifted = v * V(repeating: 64 / M_LN2) + magic
    let k = shifted - magic
    let r = (v - k * high) - k * low
    let fraction = unsafeBitCast(shifted, to: Bits.self) & Bits(repeating: (1 << 52) - 1)
    let j = fraction & Bits(repeating: 63)
    // m = ⌊k / 64⌋, moved to the exponent field: adding it to a double's bits multiplies by 2^m.
    let scale = ((fraction &>> 6) &- Bits(repeating: 1 << 45)) &<< 52
    let power = V(table[Int(j[0])], table[Int(j[1])], table[Int(j[2])], table[Int(j[3])])
    // e^r by Horner's rule, innermost term first.
    var p = r * V(repeating: 1.0 / 120) + V(repeating: 1.0 / 24)
    p = p * r + V(repeating: 1.0 / 6)
    p = p * r + V(repeating: 0.5)
    p = p * r + V(repeating: 1)
    p = p * r + V(repeating: 1)
    let y = power * p
    return unsafeBitCast(unsafeBitCast(y, to: Bits.self) &+ scale, to: V.self)
  }
}
