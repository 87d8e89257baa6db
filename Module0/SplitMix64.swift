/// A small, fast, seeded random number generator (Steele, Lea and Flood's SplitMix64).
///
/// Everything random in MiniTorch (datasets, initial weights, dropout masks, property tests)
/// takes one of these with an explicit seed, so the same seed always gives the same run on every
/// machine. `nextDouble()` is defined here rather than borrowed from the standard library so that
/// the numbers cannot change between Swift versions.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  /// The generator's whole state: the next output is a scrambled `state + γ`.
  public private(set) var state: UInt64

  /// Creates a generator; two generators with the same seed produce the same numbers.
  public init(seed: UInt64) {
    self.state = seed
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform random number in [0, 1), using the top 53 bits of `next()`.
  public mutating func nextDouble() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform random number in `range` (lower bound included, upper bound excluded).
  public mutating func nextDouble(in range: Range<Double>) -> Double {
    range.lowerBound + (range.upperBound - range.lowerBound) * nextDouble()
  }

  /// A uniform random integer in `range` (scaled with a full-width multiply, which avoids the
  /// bias of `next() % width` towards small numbers).
  public mutating func nextInt(in range: ClosedRange<Int>) -> Int {
    let width = UInt64(range.upperBound - range.lowerBound) + 1
    return range.lowerBound + Int(next().multipliedFullWidth(by: width).high)
  }
}
