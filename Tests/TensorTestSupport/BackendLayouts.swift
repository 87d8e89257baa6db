import Module2
import TestSupport

// Number and dimension generators for the checks of the NumPy-style surface (reductions over
// several dimensions, math with kinks). Tensors themselves come from TensorGenerators.swift.

extension Gen where Value == Double {
  /// Numbers uniform in `range` with no favoured edge values, so that two entries almost never
  /// tie and never sit on a kink (0 for abs, a bound for clamp).
  public static func uniform(_ range: Range<Double>) -> Gen<Double> {
    Gen { rng in rng.nextDouble(in: range) }
  }
}

extension Gen where Value == [Int] {
  /// A random nonempty set of the dimensions 0..<count, in increasing order.
  public static func dimensionSets(of count: Int) -> Gen<[Int]> {
    Gen { rng in
      while true {
        let chosen = (0..<count).filter { _ in rng.nextInt(in: 0...1) == 1 }
        if !chosen.isEmpty { return chosen }
      }
    }
  }
}
