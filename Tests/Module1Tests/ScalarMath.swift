import Module1
import TestSupport

// `Scalar` already has every operation the MathTest table uses; this lets the table run on it.
extension Scalar: MathTestValue {}

/// Leaves holding `values`, each requiring a derivative.
func leaves(_ values: [Double]) -> [Scalar] {
  values.map { Scalar($0) }
}
