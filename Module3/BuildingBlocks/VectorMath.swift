import Foundation

// exp, log, sigmoid and tanh over a contiguous run of numbers, a vector at a time.
//
// The C library's `exp` computes one number per call; a loop around it cannot use the vector
// unit. `VectorExp` and `VectorLog` compute the same functions for 8 numbers at once with the
// same method the library uses (range reduction, then a short polynomial), to within 2 units in
// the last place (ulps) of the library's answer. Sigmoid and tanh are built from them:
//
//   σ(x) = 1 / (1 + e^−x) for x ≥ 0,  e^x / (1 + e^x) for x < 0  (e^−|x| ≤ 1 never overflows)
//   tanh x = x + x³ P(x²), for |x| < 1    (P a polynomial fitted to tanh there)
//          = 1 − 2 / (e^(2|x|) + 1), for 1 ≤ |x| < 22;  1 beyond (tanh 22 rounds to 1)
//   and tanh(−x) = −tanh x.
//
// Each kernel handles the numbers its method covers; the few others (NaN, infinities, zeros and
// subnormals for log, |x| ≥ 708 for exp) go to the C library, lane by lane. A number's result
// depends on that number alone, never on its neighbours or where a chunk starts, so results
// are the same on any number of threads.

/// exp, log, sigmoid and tanh for contiguous numbers, `Vector.scalarCount` at a time, each
/// within 2 ulps of the C library (sigmoid: of its formula on the library's `exp`).
///
/// ```swift
/// VectorMath.exp(out, x, count)      // out[i] = e^x[i] for i in 0..<count
/// ```
public enum VectorMath {
  /// The vector the kernels compute with: 8 numbers, one AVX-512 register, two AVX2 ones, four
  /// SSE2 or NEON ones.
  public typealias Vector = SIMD8<Double>
  /// The bits of a `Vector`.
  typealias Bits = SIMD8<UInt64>

  /// out[i] = e^(x[i]) for i in 0..<count.
  ///
  /// - Complexity: O(count), about 20 vector operations per `Vector.scalarCount` numbers.
  public static func exp(
    _ out: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, _ count: Int
  ) {
    apply(out, x, count, scalar: Foundation.exp) { v in
      (VectorExp.exp(v), v .< 708 .& v .> -708)
    }
  }

  /// out[i] = ln(x[i]) for i in 0..<count (NaN for negative numbers, −∞ for zeros).
  ///
  /// - Complexity: O(count), about 25 vector operations and a division per
  ///   `Vector.scalarCount` numbers.
  public static func log(
    _ out: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, _ count: Int
  ) {
    apply(out, x, count, scalar: Foundation.log) { v in
      (VectorLog.log(v), v .>= Vector(repeating: .leastNormalMagnitude) .& v .< .infinity)
    }
  }

  /// σ(x) by the formula above, on the C library's `exp`, for one number: what `sigmoid` gives
  /// for the numbers its vector method leaves out, and what it is checked against.
  public static func sigmoid(_ x: Double) -> Double {
    let e = Foundation.exp(-Swift.abs(x))
    return (x >= 0 ? 1 : e) / (1 + e)
  }

  /// out[i] = σ(x[i]) = 1 / (1 + e^(−x[i])) for i in 0..<count.
  ///
  /// - Complexity: O(count), about 25 vector operations and a division per
  ///   `Vector.scalarCount` numbers.
  public static func sigmoid(
    _ out: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, _ count: Int
  ) {
    apply(out, x, count, scalar: sigmoid) { v in
      // e = e^−|x| = e.hi + e.lo; σ = n / (1 + e) with n = 1 for x ≥ 0, e for x < 0.
      let positive = v .>= 0
      let e = VectorExp.expWithError(v.replacing(with: -v, where: positive))
      let (sum, low) = sumWithError(Vector(repeating: 1), e.hi)
      let y = quotient(
        e.hi.replacing(with: 1, where: positive), (sum, low + e.lo),
        numeratorLow: e.lo.replacing(with: 0, where: positive))
      return (y, v .< 708 .& v .> -708)
    }
  }

  /// out[i] = tanh(x[i]) for i in 0..<count.
  ///
  /// - Complexity: O(count), about 20 vector operations per `Vector.scalarCount` numbers below
  ///   1 in size, about 40 and a division above (both for a vector with numbers on both
  ///   sides).
  public static func tanh(
    _ out: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, _ count: Int
  ) {
    apply(out, x, count, scalar: Foundation.tanh) { v in
      let sign = unsafeBitCast(v, to: Bits.self) & Bits(repeating: 1 << 63)
      let a = unsafeBitCast(unsafeBitCast(v, to: Bits.self) ^ sign, to: Vector.self)
      let small = a .< 1
      var y = Vector()
      if anyLane(small) {
        // a + a · s · P(s), s = a²: the added term is at most a quarter of a, so its rounding
        // errors shrink fourfold and the result is rounded about once (subnormal a: s = 0).
        let s = a * a
        y = multiplyAdd(a, a * s, tanhPolynomial(s))
      }
      if !allLanes(small) {
        // 1 − q, q = 2 / (e + 1) < 0.27 with e = e^(2a) kept as hi + lo and the quotient
        // corrected (`quotient`): q's error then stays below a quarter of the result's ulp.
        // (a kept within [1, 22] by `replacing`: `clamped` is a function call per vector.)
        let large = a.replacing(with: 1, where: small).replacing(with: 22, where: a .> 22)
        let e = VectorExp.expWithError(2 * large)
        let (sum, low) = sumWithError(e.hi, Vector(repeating: 1))
        let q = quotient(Vector(repeating: 2), (sum, low + e.lo))
        y = y.replacing(with: (1 - q).replacing(with: 1, where: a .>= 22), where: .!small)
      }
      // tanh(−x) = −tanh x: the sign bit of x.
      let result = unsafeBitCast(unsafeBitCast(y, to: Bits.self) | sign, to: Vector.self)
      return (result, a .<= .infinity)
    }
  }

  /// P(s) with tanh a = a + a³ P(a²) to about 2⁻⁵⁶ of tanh a for |a| ≤ 1: the degree-15
  /// polynomial through (tanh a − a) / a³ at the 16 Chebyshev points of s = a² in [0, 1], close
  /// to the best one of its degree (P(0) = −1/3, the series' first coefficient). Summed by
  /// Estrin's scheme, as in `VectorExp.polynomial`.
  @inline(__always)
  static func tanhPolynomial(_ s: Vector) -> Vector {
    @inline(__always)
    func c(_ value: Double) -> Vector { Vector(repeating: value) }
    let s2 = s * s
    let s4 = s2 * s2
    let s8 = s4 * s4
    let pair0 = multiplyAdd(c(-0x1.5555555555555p-2), s, c(0x1.11111111110b9p-3))
    let pair1 = multiplyAdd(c(-0x1.ba1ba1ba1453ep-5), s, c(0x1.664f4880d2a47p-6))
    let pair2 = multiplyAdd(c(-0x1.226e3519865dfp-7), s, c(0x1.d6d3c538d0bbep-9))
    let pair3 = multiplyAdd(c(-0x1.7da2bdc3daa27p-10), s, c(0x1.3551ae34bdfffp-11))
    let pair4 = multiplyAdd(c(-0x1.f5211730ee038p-13), s, c(0x1.94981e5bdbe6fp-14))
    let pair5 = multiplyAdd(c(-0x1.42090e21d3d28p-15), s, c(0x1.ea19b73b128d8p-17))
    let pair6 = multiplyAdd(c(-0x1.4eb911dcd9788p-18), s, c(0x1.7238a0a7e22b6p-20))
    let pair7 = multiplyAdd(c(-0x1.1ab979c0ab58cp-22), s, c(0x1.b028f6cb72ebfp-26))
    let quad0 = multiplyAdd(pair0, s2, pair1)
    let quad1 = multiplyAdd(pair2, s2, pair3)
    let quad2 = multiplyAdd(pair4, s2, pair5)
    let quad3 = multiplyAdd(pair6, s2, pair7)
    return multiplyAdd(multiplyAdd(quad0, s4, quad1), s8, multiplyAdd(quad2, s4, quad3))
  }

  /// Whether every lane of `mask` is true. A comparison's lanes are all ones or all zeros, so
  /// ANDing the two halves of the vector together, then the halves of that, keeps a lane all
  /// ones only where every lane was: three vector instructions, where the standard library's
  /// `all(_:)` takes the lanes out one by one.
  @inline(__always)
  static func allLanes(_ mask: SIMDMask<Vector.MaskStorage>) -> Bool {
    let lanes = unsafeBitCast(mask, to: Vector.MaskStorage.self)
    let four = lanes.lowHalf & lanes.highHalf
    let two = four.lowHalf & four.highHalf
    return two[0] & two[1] == -1
  }

  /// Whether some lane of `mask` is true (OR where `allLanes` ANDs).
  @inline(__always)
  static func anyLane(_ mask: SIMDMask<Vector.MaskStorage>) -> Bool {
    let lanes = unsafeBitCast(mask, to: Vector.MaskStorage.self)
    let four = lanes.lowHalf | lanes.highHalf
    let two = four.lowHalf | four.highHalf
    return two[0] | two[1] != 0
  }

  /// out[i] = f(x[i]) for i in 0..<count, a vector at a time (the last one padded with ones):
  /// `vector` returns f of the vector and which lanes it computed right; the other lanes come
  /// from `scalar`, one number at a time.
  @inline(__always)
  static func apply(
    _ out: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, _ count: Int,
    scalar: (Double) -> Double, _ vector: (Vector) -> (Vector, SIMDMask<Vector.MaskStorage>)
  ) {
    // f of the vector at `from`, stored at `to`. (The lanes left to `scalar` are fixed in
    // memory: taking a vector apart lane by lane would make the compiler compute it that way.)
    @inline(__always)
    func step(_ from: UnsafePointer<Double>, _ to: UnsafeMutablePointer<Double>) {
      let (y, computed) = vector(UnsafeRawPointer(from).loadUnaligned(as: Vector.self))
      UnsafeMutableRawPointer(to).storeBytes(of: y, as: Vector.self)
      if !allLanes(computed) {
        for lane in 0..<Vector.scalarCount where !computed[lane] { to[lane] = scalar(from[lane]) }
      }
    }
    let width = Vector.scalarCount
    var i = 0
    while i + width <= count {
      step(x + i, out + i)
      i += width
    }
    guard i < count else { return }
    // The last few numbers, through a vector's worth of memory padded with ones.
    withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * width) { buffer in
      let (padded, results) = (buffer.baseAddress!, buffer.baseAddress! + width)
      padded.initialize(repeating: 1, count: width)
      padded.update(from: x + i, count: count - i)
      step(padded, results)
      (out + i).update(from: results, count: count - i)
    }
  }
}
