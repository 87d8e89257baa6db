import Foundation
import Module0

/// A recipe for random test inputs, drawn from a seeded `SplitMix64`.
///
/// The basic generators match the strategies minitorch's tests use with Hypothesis: floats in
/// [-100, 100], small integers, lists. A generator can also propose simpler versions of a value
/// that broke a property ("shrinking"), so a failure reports `x = 0.0` rather than
/// `x = 73.29184…` when both fail.
public struct Gen<Value> {
  private let draw: (inout SplitMix64) -> Value
  private let simplify: (Value) -> [Value]

  /// A generator that draws values with `draw` and proposes simpler versions of a failing value
  /// with `shrink` (simplest first; every proposal must be a value `draw` could have produced).
  public init(
    draw: @escaping (inout SplitMix64) -> Value,
    shrink: @escaping (Value) -> [Value] = { _ in [] }
  ) {
    self.draw = draw
    self.simplify = shrink
  }

  /// Draws one value.
  public func generate(using rng: inout SplitMix64) -> Value {
    draw(&rng)
  }

  /// Simpler values to try when `value` breaks a property, simplest first.
  public func shrink(_ value: Value) -> [Value] {
    simplify(value)
  }

  /// A generator of `transform(value)`. The result does not shrink.
  public func map<T>(_ transform: @escaping (Value) -> T) -> Gen<T> {
    Gen<T> { rng in transform(draw(&rng)) }
  }

  /// A generator whose second stage depends on the first value, for example a shape and then a
  /// list of exactly that many numbers. The result does not shrink.
  public func flatMap<T>(_ next: @escaping (Value) -> Gen<T>) -> Gen<T> {
    Gen<T> { rng in
      let first = draw(&rng)
      return next(first).generate(using: &rng)
    }
  }

  /// A generator that keeps drawing until `condition` holds (up to 1000 tries, then traps:
  /// a filter that rejects almost everything is a bug in the test).
  public func filter(_ condition: @escaping (Value) -> Bool) -> Gen<Value> {
    Gen(
      draw: { rng in
        for _ in 0..<1000 {
          let value = draw(&rng)
          if condition(value) { return value }
        }
        preconditionFailure("Gen.filter rejected 1000 values in a row; loosen the condition")
      },
      shrink: { value in simplify(value).filter(condition) })
  }
}

// MARK: - Numbers

extension Gen where Value == Double {
  /// Floats in [-100, 100], minitorch's `small_floats`; about one draw in ten is an edge value
  /// (0, ±1, ±0.5, or an end of the range).
  public static var smallFloats: Gen<Double> { floats(in: -100...100) }

  /// Floats in `range`; about one draw in ten is an edge value of the range (0, ±1, ±0.5, or an
  /// end of the range, whichever of them lie inside it).
  public static func floats(in range: ClosedRange<Double>) -> Gen<Double> {
    let edges = [0.0, 1.0, -1.0, 0.5, -0.5, range.lowerBound, range.upperBound]
      .filter { range.contains($0) }
    return Gen(
      draw: { rng in
        if !edges.isEmpty, rng.nextInt(in: 0...9) == 0 {
          return edges[rng.nextInt(in: 0...(edges.count - 1))]
        }
        let value = range.lowerBound + (range.upperBound - range.lowerBound) * rng.nextDouble()
        return Swift.min(Swift.max(value, range.lowerBound), range.upperBound)
      },
      shrink: { value in simplerDoubles(than: value, in: range) })
  }
}

/// Numbers simpler than `value` inside `range` (see `simplicity(of:)`), to try in this order:
/// the in-range value nearest 0, `value` cut to an integer and to one decimal, ±1 and ±0.5, small
/// integers, `value` with fewer significant digits, round numbers ever closer to `value` on the
/// way from the simplest one, and `value` moved by one unit of its last decimal place; so a
/// search can creep up on the edge of a failure and still end at a number a person can read
/// (`50.0`, `1.415`), never at one like `-6.46e-28`.
private func simplerDoubles(than value: Double, in range: ClosedRange<Double>) -> [Double] {
  guard value.isFinite else { return [] }
  let simplest = Swift.min(Swift.max(0, range.lowerBound), range.upperBound)
  var candidates = [
    simplest, value.rounded(.towardZero), (value * 10).rounded(.towardZero) / 10, 1, -1, 0.5, -0.5,
  ]
  candidates += (2...10).flatMap { [Double($0), -Double($0)] }
  for digits in 1...15 {
    candidates.append(rounded(value, significantDigits: digits))
  }
  // Points between the simplest value and `value`, each rounded to the precision of its step.
  let distance = value - simplest
  for k in 1...40 {
    let step = abs(distance) / Double(1 << Swift.min(k, 62))
    guard step > 0, step.isNormal else { break }
    let grid = pow10(Int((log10(step)).rounded(.down)))
    let point = value - distance / Double(1 << Swift.min(k, 62))
    candidates.append((point / grid).rounded() * grid)
  }
  // One unit of the last decimal place towards the simplest value: 1.416 proposes 1.415.
  let (digits, exponent) = decimalDigits(of: abs(value))
  if !digits.isEmpty, digits.count - exponent <= 15 {
    let unit = pow10(exponent - digits.count)
    candidates.append(value > simplest ? value - unit : value + unit)
  }
  let limit = simplicity(of: value)
  var result: [Double] = []
  for candidate in candidates
  where candidate.isFinite && range.contains(candidate)
    && simplicity(of: candidate).lexicographicallyPrecedes(limit) && !result.contains(candidate)
  {
    result.append(candidate)
  }
  return result
}

/// How simple a number looks, for shrinking: the smaller list (compared element by element) is
/// the simpler number. 0 comes first, then ±1
/// and ±0.5, then numbers with fewer decimal places, fewer significant digits and a smaller
/// magnitude, positive before negative.
private func simplicity(of x: Double) -> [Double] {
  guard x.isFinite else { return [3, .infinity] }
  if x == 0 { return [0] }
  if abs(x) == 1 { return [1, 0, x < 0 ? 1 : 0] }
  if abs(x) == 0.5 { return [1, 1, x < 0 ? 1 : 0] }
  let (digits, exponent) = decimalDigits(of: abs(x))
  // The value is 0.d₁d₂…dₙ · 10^exponent: its decimal places are n − exponent (at least 0).
  let decimals = Swift.max(0, digits.count - exponent)
  return [2, Double(decimals), Double(digits.count), abs(x), x < 0 ? 1 : 0]
}

/// The significant digits of positive `x` as Swift prints it (the shortest text that reads back
/// as `x`), and the power of ten that puts the decimal point before the first: 73.25 gives
/// ("7325", 2), 0.05 gives ("5", −1).
private func decimalDigits(of x: Double) -> (digits: String, exponent: Int) {
  let text = x.description.lowercased()
  let parts = text.split(separator: "e")
  let mantissa = String(parts[0])
  var exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
  let point = mantissa.firstIndex(of: ".") ?? mantissa.endIndex
  exponent += mantissa.distance(from: mantissa.startIndex, to: point)
  var digits = mantissa.filter { $0 != "." }
  while digits.hasPrefix("0") {
    digits.removeFirst()
    exponent -= 1
  }
  while digits.hasSuffix("0") {
    digits.removeLast()
  }
  return (digits, exponent)
}

/// `x` rounded to `significantDigits` significant decimal digits.
private func rounded(_ x: Double, significantDigits: Int) -> Double {
  guard x != 0, x.isFinite else { return x }
  let grid = pow10(Int(log10(abs(x)).rounded(.down)) - significantDigits + 1)
  return (x / grid).rounded() * grid
}

/// 10 to the power `n`, exactly where a double can hold it (so 0.1 · 10 reads as 1.0).
private func pow10(_ n: Int) -> Double {
  n >= 0 ? (0..<n).reduce(1.0) { value, _ in value * 10 } : 1 / pow10(-n)
}

extension Gen where Value == Int {
  /// Integers in 1...3, minitorch's `small_ints` (used for tensor sizes).
  public static var smallInts: Gen<Int> { ints(in: 1...3) }

  /// Integers in `range`, shrinking towards the end nearest 0.
  public static func ints(in range: ClosedRange<Int>) -> Gen<Int> {
    Gen(
      draw: { rng in rng.nextInt(in: range) },
      shrink: { value in
        let simplest = Swift.min(Swift.max(0, range.lowerBound), range.upperBound)
        var result: [Int] = []
        for candidate in [
          simplest, simplest + (value - simplest) / 2, value - (value > simplest ? 1 : -1),
        ]
        where range.contains(candidate) && abs(candidate - simplest) < abs(value - simplest)
          && !result.contains(candidate)
        {
          result.append(candidate)
        }
        return result
      })
  }
}

// MARK: - Lists and tuples

extension Gen {
  /// Lists of `count` values drawn from `element`; they shrink by dropping elements (while the
  /// length stays in `count`) and by shrinking single elements (the three simplest proposals
  /// for every element first, then the others).
  public static func list(of element: Gen<Value>, count: ClosedRange<Int>) -> Gen<[Value]> {
    Gen<[Value]>(
      draw: { rng in
        let n = rng.nextInt(in: count)
        return (0..<n).map { _ in element.generate(using: &rng) }
      },
      shrink: { list in
        var result: [[Value]] = []
        if list.count > count.lowerBound {
          result.append(Array(list.prefix(count.lowerBound)))
          for index in list.indices {
            var shorter = list
            shorter.remove(at: index)
            result.append(shorter)
          }
        }
        // The three simplest proposals for every element first, then the rest.
        let proposals = list.map { element.shrink($0) }
        for (start, end) in [(0, 3), (3, Int.max)] {
          for index in list.indices {
            for simpler in proposals[index].dropFirst(start).prefix(end - start) {
              var changed = list
              changed[index] = simpler
              result.append(changed)
            }
          }
        }
        return result
      })
  }

  /// Pairs of a value from this generator and one from `other`; a pair shrinks one side at a time.
  public func zip<B>(_ other: Gen<B>) -> Gen<(Value, B)> {
    Gen<(Value, B)>(
      draw: { rng in
        let first = generate(using: &rng)
        return (first, other.generate(using: &rng))
      },
      shrink: { pair in
        shrink(pair.0).map { ($0, pair.1) } + other.shrink(pair.1).map { (pair.0, $0) }
      })
  }

  /// Triples of a value from this generator and one from each of `second` and `third`; a triple
  /// shrinks one part at a time.
  public func zip<B, C>(_ second: Gen<B>, _ third: Gen<C>) -> Gen<(Value, B, C)> {
    Gen<(Value, B, C)>(
      draw: { rng in
        let first = generate(using: &rng)
        let middle = second.generate(using: &rng)
        return (first, middle, third.generate(using: &rng))
      },
      shrink: { t in
        shrink(t.0).map { ($0, t.1, t.2) } + second.shrink(t.1).map { (t.0, $0, t.2) }
          + third.shrink(t.2).map { (t.0, t.1, $0) }
      })
  }

  /// One of `values`, chosen uniformly.
  public static func element(of values: [Value]) -> Gen<Value> {
    precondition(!values.isEmpty, "Gen.element(of:) needs at least one value")
    return Gen { rng in values[rng.nextInt(in: 0...(values.count - 1))] }
  }

  /// Always `value`.
  public static func constant(_ value: Value) -> Gen<Value> {
    Gen { _ in value }
  }
}
