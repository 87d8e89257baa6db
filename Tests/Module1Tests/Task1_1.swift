import Foundation
import Module1
import TestSupport
import Testing

/// Task 1.1: the central difference, on functions whose derivatives we know exactly.
@Suite("Task 1.1: central difference", .explainsStops)
struct Task1_1 {
  typealias Op = Operators

  @Test func slopeOfIdIsOne() {
    forAll(.smallFloats) { x in
      try assertClose(
        centralDifference(Op.id, x), 1, "d/dx id(x) at \(x)", tolerance: .finiteDifference)
    }
  }

  @Test func slopeOfAddIsOneInEitherArgument() {
    forAll(.smallFloats, .smallFloats) { x, y in
      for arg in 0..<2 {
        try assertClose(
          centralDifference(Op.add, x, y, arg: arg), 1, "d/d(arg \(arg)) add(\(x), \(y))",
          tolerance: .finiteDifference)
      }
    }
  }

  @Test func slopeOfMulIsTheOtherArgument() {
    forAll(.smallFloats, .smallFloats) { x, y in
      try assertClose(
        centralDifference(Op.mul, x, y, arg: 0), y, "d/dx mul(\(x), \(y))",
        tolerance: .finiteDifference)
      try assertClose(
        centralDifference(Op.mul, x, y, arg: 1), x, "d/dy mul(\(x), \(y))",
        tolerance: .finiteDifference)
    }
  }

  @Test func slopeOfExpIsExp() {
    forAll(.floats(in: -10...10)) { x in
      try assertClose(
        centralDifference(Op.exp, x), Foundation.exp(x), "d/dx exp(x) at \(x)",
        tolerance: .finiteDifference)
    }
  }

  @Test func onlyTheChosenArgumentMoves() {
    // f(x, y, z) = x + 10y + 100z: the slope names which argument moved.
    forAll(.smallFloats, .smallFloats, .smallFloats) { x, y, z in
      let f: ([Double]) -> Double = { $0[0] + 10 * $0[1] + 100 * $0[2] }
      for (arg, slope) in [(0, 1.0), (1, 10.0), (2, 100.0)] {
        try assertClose(
          centralDifference(f, [x, y, z], arg: arg), slope,
          "d/d(arg \(arg)) of x + 10y + 100z at (\(x), \(y), \(z))", tolerance: .finiteDifference)
      }
    }
  }

  @Test func slopeOfAConstantIsZero() {
    // Both nudged values are the same, so the quotient is exactly 0 however it is scaled.
    forAll(.smallFloats, .smallFloats) { x, c in
      let slope = centralDifference({ _ in c }, x)
      try check(slope == 0, "d/dx of the constant \(c) at \(x) is \(slope), expected 0")
      let ignored = centralDifference({ $0[0] * $0[0] + c }, [x, c], arg: 1)
      try check(
        ignored == 0,
        "d/dy of x² + \(c), which ignores y, at (\(x), \(c)) is \(ignored), expected 0: only "
          + "argument 1 should move")
    }
  }

  @Test func theStepIsEpsilon() throws {
    // For f(x) = x³ the symmetric quotient is ((x+ε)³ − (x−ε)³) / 2ε = 3x² + ε², so a coarse ε
    // shows in the result: the function must step by the ε it is given.
    for epsilon in [0.5, 0.1] {
      for x in [0.0, 1.0, -2.0] {
        let slope = centralDifference({ $0 * $0 * $0 }, x, epsilon: epsilon)
        try assertClose(
          slope, 3 * x * x + epsilon * epsilon, "the quotient of x³ at \(x) with ε = \(epsilon)")
      }
    }
  }

  @Test func theQuotientIsSymmetric() throws {
    // For f(x) = x² the symmetric quotient is exact: ((x+ε)² − (x−ε)²) / 2ε = 2x, whatever ε;
    // a one-sided quotient would be off by ε.
    for epsilon in [1e-1, 1e-2, 1e-3] {
      let slope = centralDifference({ $0 * $0 }, 3, epsilon: epsilon)
      try assertClose(slope, 6, "d/dx x² at 3 with ε = \(epsilon)", tolerance: .standard)
    }
  }
}
