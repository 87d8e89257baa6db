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

/// Numbers simpler than `value` inside `range`, simplest first: the in-range value nearest 0,
/// `value` rounded to an integer and to one decimal, then points ever closer to `value` on the
/// way from the simplest value (so a search can creep up on the exact boundary of a failure).
private func simplerDoubles(than value: Double, in range: ClosedRange<Double>) -> [Double] {
  let simplest = Swift.min(Swift.max(0, range.lowerBound), range.upperBound)
  var candidates = [simplest, value.rounded(.towardZero), (value * 10).rounded(.towardZero) / 10]
  for k in 1...10 {
    candidates.append(value - (value - simplest) / Double(1 << k))
  }
  var result: [Double] = []
  for candidate in candidates
  where range.contains(candidate) && abs(candidate - simplest) < abs(value - simplest)
    && !result.contains(candidate)
  {
    result.append(candidate)
  }
  return result
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
  /// length stays in `count`) and by shrinking single elements.
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
        for index in list.indices {
          for simpler in element.shrink(list[index]).prefix(2) {
            var changed = list
            changed[index] = simpler
            result.append(changed)
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
