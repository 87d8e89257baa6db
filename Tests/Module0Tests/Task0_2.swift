import Foundation
import Module0
import TestSupport
import Testing

/// Task 0.2: the tests a student writes. Each is a law the operators of Task 0.1 must obey.
///
/// In the starter every body below is a placeholder that fails. A student replaces it with a
/// property test (`forAll` with `check` or `assertClose`). The grader runs these tests against
/// the reference operators, where they must pass, and against deliberately broken operators,
/// where each must fail at least once: a test that can never fail earns nothing.
@Suite("Task 0.2: property tests you write", .explainsStops)
struct Task0_2 {
  typealias Op = Operators

  /// σ(a) lies in [0, 1] for every a.
  @Test func sigmoidIsBetweenZeroAndOne() {
    // BEGIN SOLUTION Task 0.2
    forAll(.smallFloats) { a in
      let s = Op.sigmoid(a)
      try check(s >= 0 && s <= 1, "sigmoid(\(a)) is \(s), expected a number in [0, 1]")
    }
    // END SOLUTION
  }

  /// 1 − σ(a) = σ(−a): the curve is symmetric about (0, ½).
  @Test func sigmoidIsSymmetric() {
    // BEGIN SOLUTION Task 0.2
    forAll(.smallFloats) { a in
      try assertClose(1 - Op.sigmoid(a), Op.sigmoid(-a), "1 - sigmoid(\(a)) against sigmoid(\(-a))")
    }
    // END SOLUTION
  }

  /// σ(0) = ½.
  @Test func sigmoidOfZeroIsOneHalf() throws {
    // BEGIN SOLUTION Task 0.2
    try assertClose(Op.sigmoid(0), 0.5, "sigmoid(0)")
    // END SOLUTION
  }

  /// σ is strictly increasing: σ(a) < σ(a + 1). Checked on [-30, 30], where σ(a) is not yet
  /// rounded to exactly 0 or 1.
  @Test func sigmoidIsStrictlyIncreasing() {
    // BEGIN SOLUTION Task 0.2
    forAll(.floats(in: -30...30)) { a in
      try check(
        Op.sigmoid(a) < Op.sigmoid(a + 1),
        "sigmoid(\(a)) is \(Op.sigmoid(a)) and sigmoid(\(a + 1)) is \(Op.sigmoid(a + 1)), "
          + "expected the first below the second")
    }
    // END SOLUTION
  }

  /// `lt` is transitive: a < b and b < c imply a < c.
  @Test func ltIsTransitive() {
    // BEGIN SOLUTION Task 0.2
    forAll(.smallFloats, .smallFloats, .smallFloats) { a, b, c in
      if Op.lt(a, b) == 1 && Op.lt(b, c) == 1 {
        try check(
          Op.lt(a, c) == 1,
          "lt(\(a), \(b)) and lt(\(b), \(c)) are 1, but lt(\(a), \(c)) is \(Op.lt(a, c)), "
            + "expected 1")
      }
    }
    // END SOLUTION
  }

  /// `mul` is symmetric: x · y = y · x.
  @Test func mulIsSymmetric() {
    // BEGIN SOLUTION Task 0.2
    forAll(.smallFloats, .smallFloats) { x, y in
      try check(
        Op.mul(x, y) == Op.mul(y, x),
        "mul(\(x), \(y)) is \(Op.mul(x, y)), but mul(\(y), \(x)) is \(Op.mul(y, x)); expected "
          + "the same")
    }
    // END SOLUTION
  }

  /// `mul` distributes over `add`: z · (x + y) = z · x + z · y.
  @Test func mulDistributesOverAdd() {
    // BEGIN SOLUTION Task 0.2
    forAll(.smallFloats, .smallFloats, .smallFloats) { x, y, z in
      try assertClose(
        Op.mul(z, Op.add(x, y)), Op.add(Op.mul(z, x), Op.mul(z, y)),
        "mul(\(z), add(\(x), \(y))) against add(mul(\(z), \(x)), mul(\(z), \(y)))")
    }
    // END SOLUTION
  }

  /// A property of your own choice; ours: `exp` and `log` undo each other, log(exp(x)) = x.
  @Test func expAndLogAreInverses() {
    // BEGIN SOLUTION Task 0.2
    forAll(.floats(in: -50...50)) { x in
      try assertClose(Op.log(Op.exp(x)), x, "log(exp(\(x)))")
    }
    // END SOLUTION
  }
}
