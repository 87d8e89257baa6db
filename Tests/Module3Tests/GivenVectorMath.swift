import Foundation
import Module3
import TestSupport
import Testing

/// The vector kernels students are given in Module 3 (`VectorMath`): exp, log, sigmoid and tanh
/// a vector at a time, each within 2 ulps of the C library (sigmoid: of its formula on the C
/// library's `exp`, rounded once) over a sweep that reaches every path of every kernel, and
/// exact where the answer is exact. Not graded.
@Suite("Given code: vector exp, log, sigmoid and tanh", .explainsStops)
struct GivenVectorMath {
  /// A kernel and what it is checked against.
  enum Function: String, CaseIterable, Sendable {
    case exp, log, sigmoid, tanh

    /// out[i] = f(x[i]) by the vector kernel.
    func kernel(_ out: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, _ count: Int) {
      switch self {
      case .exp: VectorMath.exp(out, x, count)
      case .log: VectorMath.log(out, x, count)
      case .sigmoid: VectorMath.sigmoid(out, x, count)
      case .tanh: VectorMath.tanh(out, x, count)
      }
    }

    /// f(x) by the C library.
    func reference(_ x: Double) -> Double {
      switch self {
      case .exp: Foundation.exp(x)
      case .log: Foundation.log(x)
      case .sigmoid: GivenVectorMath.sigmoid(x)
      case .tanh: Foundation.tanh(x)
      }
    }
  }

  /// σ(x) = 1 / (1 + e^−x) for x ≥ 0 and e^x / (1 + e^x) below, on the C library's `exp`, the
  /// division carried out as if the denominator had not been rounded.
  static func sigmoid(_ x: Double) -> Double {
    let e = Foundation.exp(-Swift.abs(x))
    let numerator = x >= 0 ? 1 : e
    let denominator = 1 + e
    let denominatorLow = (1 - denominator) + e
    let q = numerator / denominator
    let left = numerator.addingProduct(-q, denominator) - q * denominatorLow
    return q + left / denominator
  }

  /// The numbers every kernel is checked at: each power of two from 2⁻¹⁰⁷⁴ to 2¹⁰²³ with both
  /// signs and random mantissas (subnormals included); dense random numbers where the kernels
  /// switch method (tanh at 1 and 22, the exp kernel's limit at ±708, exp's overflow past
  /// 709.78 and underflow below −745); the neighbours of those edges; zeros, infinities and NaN.
  static let sweep: [Double] = {
    var random = SplitMix64(seed: 2020)
    var numbers: [Double] = [0, -0.0, .infinity, -.infinity, .nan, -.nan]
    for exponent in -1074...1023 {
      for _ in 0..<8 {
        let mantissa = random.nextDouble(in: 1..<2)
        let x = Foundation.scalbn(mantissa, exponent)
        numbers += [x, -x]
      }
    }
    for (low, high, count) in [
      (-2.0, 2.0, 40000), (-25.0, 25.0, 20000), (-1e-3, 1e-3, 4000), (-800.0, 800.0, 20000),
    ] {
      numbers += (0..<count).map { _ in random.nextDouble(in: low..<high) }
    }
    let edges: [Double] = [
      1, 1.5, 22, 708, 709.782712893384, 745.1332191019412, 0.5, 2, 3,
      Foundation.log(2) / 2, Foundation.log(2), 1 / Foundation.sqrt(2), Foundation.sqrt(2),
      .leastNormalMagnitude, .greatestFiniteMagnitude, .leastNonzeroMagnitude,
    ]
    for edge in edges {
      var (up, down) = (edge, edge)
      for _ in 0..<16 {
        numbers += [up, down, -up, -down]
        (up, down) = (up.nextUp, down.nextDown)
      }
    }
    return numbers
  }()

  /// How many representable numbers lie between a and b (0 when both are NaN, or equal with the
  /// same sign; `UInt64.max` when one is NaN and the other not).
  static func ulpDistance(_ a: Double, _ b: Double) -> UInt64 {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : .max }
    if a == 0 && b == 0 { return a.sign == b.sign ? 0 : 1 }
    // The bits of a double, made to count up in order from −∞ to +∞.
    func ordered(_ x: Double) -> Int64 {
      let bits = Int64(bitPattern: x.bitPattern)
      return bits < 0 ? Int64.min &- bits : bits
    }
    let (x, y) = (ordered(a), ordered(b))
    return x > y ? UInt64(bitPattern: x &- y) : UInt64(bitPattern: y &- x)
  }

  /// f of every number of `inputs`, by the kernel in one call.
  static func apply(_ function: Function, _ inputs: [Double]) -> [Double] {
    var out = [Double](repeating: .nan, count: inputs.count)
    inputs.withUnsafeBufferPointer { x in
      out.withUnsafeMutableBufferPointer { o in
        function.kernel(o.baseAddress!, x.baseAddress!, inputs.count)
      }
    }
    return out
  }

  @Test(arguments: Function.allCases)
  func withinTwoUlpsOfTheCLibrary(function: Function) {
    let results = Self.apply(function, Self.sweep)
    var failures: [String] = []
    for (x, y) in Swift.zip(Self.sweep, results) {
      let expected = function.reference(x)
      if Self.ulpDistance(y, expected) > 2 {
        failures.append("\(function)(\(x)) is \(y), the C library's \(expected)")
      }
    }
    let examples = failures.prefix(5).joined(separator: "\n")
    #expect(
      failures.isEmpty,
      "\(failures.count) of \(Self.sweep.count) numbers more than 2 ulps off, such as:\n\(examples)"
    )
  }

  @Test func exactAnswersAreExact() {
    let cases: [(Function, Double, Double)] = [
      (.exp, 0, 1), (.exp, -0.0, 1), (.exp, .infinity, .infinity), (.exp, -.infinity, 0),
      (.exp, 710, .infinity), (.exp, -746, 0), (.log, 1, 0), (.log, 0, -.infinity),
      (.log, -0.0, -.infinity), (.log, .infinity, .infinity), (.log, -1, .nan),
      (.log, -.infinity, .nan), (.sigmoid, 0, 0.5), (.sigmoid, -0.0, 0.5),
      (.sigmoid, .infinity, 1), (.sigmoid, -.infinity, 0), (.sigmoid, 40, 1),
      (.tanh, 0, 0), (.tanh, -0.0, -0.0), (.tanh, .infinity, 1), (.tanh, -.infinity, -1),
      (.tanh, 30, 1), (.tanh, -30, -1), (.tanh, 1e-300, 1e-300), (.tanh, -1e-300, -1e-300),
      (.tanh, 0x1p-1060, 0x1p-1060),
    ]
    for function in Function.allCases {
      let results = Self.apply(function, [.nan, -.nan])
      #expect(results[0].isNaN && results[1].isNaN, "\(function) of NaN is \(results)")
    }
    for (function, x, expected) in cases {
      let y = Self.apply(function, [x])[0]
      #expect(
        y.bitPattern == expected.bitPattern || (y.isNaN && expected.isNaN),
        "\(function)(\(x)) is \(y), not \(expected)")
    }
  }

  @Test(arguments: Function.allCases)
  func aResultDependsOnItsNumberAlone(function: Function) {
    // The same numbers alone, in one run, and shifted so that each lands in another lane of a
    // vector, or in the padded last vector, next to numbers the vector method cannot take.
    let numbers: [Double] = [0.3, -2, 1.6, 700, -720, .nan, 0x1p-1030, 5, 0.01, -0.7, 23]
    let alone = numbers.map { Self.apply(function, [$0])[0] }
    for shift in 0..<9 {
      let padded = Array(repeating: 800.0, count: shift) + numbers
      let results = Array(Self.apply(function, padded).dropFirst(shift))
      for (x, (a, b)) in Swift.zip(numbers, Swift.zip(alone, results)) {
        #expect(
          a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN),
          "\(function)(\(x)) is \(b) after \(shift) other numbers, \(a) alone")
      }
    }
  }
}
