import Foundation
import Module0
import TestSupport
import Testing

/// Task 0.1: every operator against Swift's own arithmetic and against its stated formula.
@Suite("Task 0.1: operators", .explainsStops)
struct Task0_1 {
  typealias Op = Operators

  @Test func mulIsSwiftMultiplication() {
    forAll(.smallFloats, .smallFloats) { x, y in
      try check(Op.mul(x, y) == x * y, "mul(\(x), \(y)) is \(Op.mul(x, y)), expected \(x * y)")
    }
  }

  @Test func idReturnsItsInput() {
    forAll(.smallFloats) { x in
      try check(Op.id(x) == x, "id(\(x)) is \(Op.id(x)), expected \(x)")
    }
  }

  @Test func addIsSwiftAddition() {
    forAll(.smallFloats, .smallFloats) { x, y in
      try check(Op.add(x, y) == x + y, "add(\(x), \(y)) is \(Op.add(x, y)), expected \(x + y)")
    }
  }

  @Test func negFlipsTheSign() {
    forAll(.smallFloats) { x in
      try check(Op.neg(x) == -x, "neg(\(x)) is \(Op.neg(x)), expected \(-x)")
      let sum = Op.add(Op.neg(x), x)
      try check(sum == 0, "add(neg(\(x)), \(x)) is \(sum), expected 0")
    }
  }

  @Test func ltIsOneExactlyWhenLess() {
    forAll(.smallFloats, .smallFloats) { x, y in
      let expected: Double = x < y ? 1 : 0
      try check(Op.lt(x, y) == expected, "lt(\(x), \(y)) is \(Op.lt(x, y)), expected \(expected)")
      try check(Op.lt(x, x) == 0, "lt(\(x), \(x)) is \(Op.lt(x, x)), expected 0: x < x is false")
    }
  }

  @Test func eqIsOneExactlyWhenEqual() {
    forAll(.smallFloats, .smallFloats) { x, y in
      let expected: Double = x == y ? 1 : 0
      try check(Op.eq(x, y) == expected, "eq(\(x), \(y)) is \(Op.eq(x, y)), expected \(expected)")
      try check(Op.eq(x, x) == 1, "eq(\(x), \(x)) is \(Op.eq(x, x)), expected 1")
      let near = Op.eq(x, x + 0.005)
      try check(
        near == 0, "eq(\(x), \(x + 0.005)) is \(near), expected 0: close is not equal")
    }
  }

  @Test func maxIsTheLargerArgument() {
    forAll(.smallFloats, .smallFloats) { x, y in
      let expected = Swift.max(x, y)
      try check(
        Op.max(x, y) == expected, "max(\(x), \(y)) is \(Op.max(x, y)), expected \(expected)")
      try check(Op.max(x, x) == x, "max(\(x), \(x)) is \(Op.max(x, x)), expected \(x)")
    }
  }

  @Test func isCloseMeansWithinOneHundredth() {
    forAll(.smallFloats, .smallFloats) { x, y in
      let expected: Double = abs(x - y) < 1e-2 ? 1 : 0
      try check(
        Op.isClose(x, y) == expected,
        "isClose(\(x), \(y)) is \(Op.isClose(x, y)), expected \(expected)")
      let near = Op.isClose(x, x + 0.005)
      try check(near == 1, "isClose(\(x), \(x + 0.005)) is \(near), expected 1 (0.005 apart)")
      let far = Op.isClose(x, x + 0.02)
      try check(far == 0, "isClose(\(x), \(x + 0.02)) is \(far), expected 0 (0.02 apart)")
    }
  }

  @Test func isCloseIsFalseAtExactlyOneHundredth() throws {
    // In each pair the difference is exactly 0.01 in Double arithmetic: close means strictly
    // less than 0.01, so none of these is close.
    for (x, y) in [(0.0, 0.01), (0.01, 0.0), (0.0, -0.01), (-0.01, 0.0), (0.01, 0.02)] {
      try check(abs(x - y) == 0.01, "the test's pair (\(x), \(y)) is not exactly 0.01 apart")
      try check(
        Op.isClose(x, y) == 0,
        "isClose(\(x), \(y)) is \(Op.isClose(x, y)), expected 0: |x − y| is exactly 0.01, and "
          + "isClose means |x − y| < 0.01")
    }
    for (x, y) in [(0.0, 0.0099), (0.02, 0.0101), (5.0, 5.0)] {
      try check(
        Op.isClose(x, y) == 1,
        "isClose(\(x), \(y)) is \(Op.isClose(x, y)), expected 1: they are less than 0.01 apart")
    }
  }

  @Test func sigmoidIsTheLogisticFunction() {
    forAll(.floats(in: -30...30)) { x in
      try assertClose(Op.sigmoid(x), 1 / (1 + Foundation.exp(-x)), "sigmoid(\(x))")
    }
  }

  @Test func sigmoidStaysFiniteAndInRangeForLargeInputs() throws {
    for x in [-1e308, -1e5, -1000, -745, -710, -100, 100, 710, 745, 1000, 1e5, 1e308] {
      let y = Op.sigmoid(x)
      try check(
        y.isFinite && y >= 0 && y <= 1,
        "sigmoid(\(x)) is \(y), expected a finite number in [0, 1]")
    }
    try check(Op.sigmoid(-1000) == 0, "sigmoid(-1000) is \(Op.sigmoid(-1000)), expected 0")
    try check(Op.sigmoid(1000) == 1, "sigmoid(1000) is \(Op.sigmoid(1000)), expected 1")
  }

  @Test func reluKeepsPositivesAndZeroesTheRest() throws {
    forAll(.smallFloats) { x in
      let expected = x > 0 ? x : 0
      try check(Op.relu(x) == expected, "relu(\(x)) is \(Op.relu(x)), expected \(expected)")
    }
    try check(Op.relu(0) == 0, "relu(0) is \(Op.relu(0)), expected 0")
    try check(Op.relu(-0.0) == 0, "relu(-0.0) is \(Op.relu(-0.0)), expected 0")
  }

  @Test func logIsTheNaturalLogarithm() throws {
    forAll(.floats(in: 1e-3...100)) { x in
      try assertClose(Op.log(x), Foundation.log(x), "log(\(x))")
      try assertClose(Foundation.exp(Op.log(x)), x, "exp(log(\(x)))")
    }
    try check(Op.log(0) == -.infinity, "log(0) is \(Op.log(0)), expected -infinity (IEEE)")
    try check(Op.log(-1).isNaN, "log(-1) is \(Op.log(-1)), expected NaN (IEEE)")
  }

  @Test func expIsTheExponential() {
    forAll(.smallFloats) { x in
      try assertClose(Op.exp(x), Foundation.exp(x), "exp(\(x))")
    }
  }

  @Test func invIsTheReciprocal() throws {
    forAll(.floats(in: -100...100).filter { abs($0) > 1e-3 }) { x in
      try check(Op.inv(x) == 1 / x, "inv(\(x)) is \(Op.inv(x)), expected \(1 / x)")
      try assertClose(Op.inv(x) * x, 1, "inv(\(x)) · \(x)")
    }
    try check(Op.inv(0) == .infinity, "inv(0) is \(Op.inv(0)), expected +infinity (IEEE)")
  }

  @Test func logBackIsDTimesTheDerivativeOfLog() {
    forAll(.floats(in: 0.1...100), .smallFloats) { x, d in
      try assertClose(Op.logBack(x, d), d / x, "logBack(\(x), \(d))")
      try assertClose(
        Op.logBack(x, 1), slope(of: Foundation.log, at: x), "logBack(\(x), 1) against a difference",
        tolerance: .finiteDifference)
    }
  }

  @Test func invBackIsDTimesTheDerivativeOfInv() {
    forAll(.floats(in: 0.1...100), .smallFloats) { x, d in
      try assertClose(Op.invBack(x, d), -d / (x * x), "invBack(\(x), \(d))")
      try assertClose(Op.invBack(-x, d), -d / (x * x), "invBack(\(-x), \(d))")
      try assertClose(
        Op.invBack(x, 1), slope(of: { 1 / $0 }, at: x), "invBack(\(x), 1) against a difference",
        tolerance: .finiteDifference)
    }
  }

  @Test func reluBackPassesDOnlyWherePositive() throws {
    forAll(.smallFloats, .smallFloats) { x, d in
      let expected = x > 0 ? d : 0
      try check(
        Op.reluBack(x, d) == expected,
        "reluBack(\(x), \(d)) is \(Op.reluBack(x, d)), expected \(expected)")
    }
    try check(Op.reluBack(0, 5) == 0, "reluBack(0, 5) is \(Op.reluBack(0, 5)), expected 0")
  }

  /// The symmetric difference quotient of `f` at `x`, an independent estimate of f′(x).
  private func slope(of f: (Double) -> Double, at x: Double) -> Double {
    let h = 1e-6
    return (f(x + h) - f(x - h)) / (2 * h)
  }
}
