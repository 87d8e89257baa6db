// Laws a student might choose for Task 0.2's "property of your choice", one per test: every one
// must catch at least one bug of the grading set and one of the practice set. Check with
//
//   minitorch bugs --suite assignments/autograder/sample-laws.swift
//   minitorch bugs --suite assignments/autograder/sample-laws.swift --practice
//
// It replaces Tests/Module0Tests/Task0_2.swift in the checker's copy only; it is not compiled
// with the project and stays with the instructor (the starter leaves assignments/autograder/ out).
import Foundation
import Module0
import TestSupport
import Testing

@Suite("Task 0.2: sample laws of the kinds the guide describes")
struct Task0_2 {
  typealias Op = Operators

  // The seven laws every student writes.

  @Test func sigmoidIsBetweenZeroAndOne() {
    forAll(.smallFloats) { a in
      try check(Op.sigmoid(a) >= 0 && Op.sigmoid(a) <= 1, "sigmoid(\(a)) = \(Op.sigmoid(a))")
    }
  }

  @Test func sigmoidIsSymmetric() {
    forAll(.smallFloats) { a in
      try assertClose(1 - Op.sigmoid(a), Op.sigmoid(-a), "1 - sigmoid(\(a))")
    }
  }

  @Test func sigmoidOfZeroIsOneHalf() throws {
    try assertClose(Op.sigmoid(0), 0.5, "sigmoid(0)")
  }

  @Test func sigmoidIsStrictlyIncreasing() {
    forAll(.floats(in: -30...30)) { a in
      try check(Op.sigmoid(a) < Op.sigmoid(a + 1), "sigmoid(\(a)) < sigmoid(\(a + 1))")
    }
  }

  @Test func ltIsTransitive() {
    forAll(.smallFloats, .smallFloats, .smallFloats) { a, b, c in
      if Op.lt(a, b) == 1 && Op.lt(b, c) == 1 {
        try check(Op.lt(a, c) == 1, "lt(\(a), \(b)), lt(\(b), \(c)) but not lt(\(a), \(c))")
      }
    }
  }

  @Test func mulIsSymmetric() {
    forAll(.smallFloats, .smallFloats) { x, y in
      try check(Op.mul(x, y) == Op.mul(y, x), "mul(\(x), \(y)) ≠ mul(\(y), \(x))")
    }
  }

  @Test func mulDistributesOverAdd() {
    forAll(.smallFloats, .smallFloats, .smallFloats) { x, y, z in
      try assertClose(
        Op.mul(z, Op.add(x, y)), Op.add(Op.mul(z, x), Op.mul(z, y)), "z · (x + y) at \(x), \(y), \(z)")
    }
  }

  // Laws of one's own choice: inverse pairs.

  @Test func logUndoesExp() {
    forAll(.floats(in: -50...50)) { x in
      try assertClose(Op.log(Op.exp(x)), x, "log(exp(\(x)))")
    }
  }

  @Test func expUndoesLog() {
    forAll(.floats(in: 0.01...100)) { x in
      try assertClose(Op.exp(Op.log(x)), x, "exp(log(\(x)))", tolerance: Tolerance(rtol: 1e-9, atol: 1e-9))
    }
  }

  @Test func invIsItsOwnInverse() {
    forAll(.floats(in: 0.5...100)) { x in
      try assertClose(Op.inv(Op.inv(x)), x, "inv(inv(\(x)))")
    }
  }

  @Test func invIsOdd() {
    forAll(.floats(in: 0.5...100)) { x in
      try assertClose(Op.inv(-x), -Op.inv(x), "inv(-\(x))")
    }
  }

  @Test func negIsItsOwnInverse() {
    forAll(.smallFloats) { x in
      try check(Op.neg(Op.neg(x)) == x, "neg(neg(\(x))) = \(Op.neg(Op.neg(x)))")
    }
  }

  @Test func addingTheNegationGivesZero() {
    forAll(.smallFloats) { x in
      try check(Op.add(x, Op.neg(x)) == 0, "add(\(x), neg(\(x)))")
    }
  }

  @Test func mulByTheInverseGivesOne() {
    forAll(.floats(in: 0.5...100)) { x in
      try assertClose(Op.mul(x, Op.inv(x)), 1, "mul(\(x), inv(\(x)))")
    }
  }

  // Symmetry, associativity, identities.

  @Test func addIsSymmetric() {
    forAll(.smallFloats, .smallFloats) { x, y in
      try check(Op.add(x, y) == Op.add(y, x), "add(\(x), \(y))")
    }
  }

  @Test func addIsAssociative() {
    forAll(.smallFloats, .smallFloats, .smallFloats) { x, y, z in
      try assertClose(Op.add(Op.add(x, y), z), Op.add(x, Op.add(y, z)), "add at \(x), \(y), \(z)")
    }
  }

  @Test func zeroIsTheIdentityOfAdd() {
    forAll(.smallFloats) { x in
      try check(Op.add(x, 0) == x, "add(\(x), 0)")
    }
  }

  @Test func mulIsAssociative() {
    forAll(.smallFloats, .smallFloats, .smallFloats) { x, y, z in
      try assertClose(Op.mul(Op.mul(x, y), z), Op.mul(x, Op.mul(y, z)), "mul at \(x), \(y), \(z)")
    }
  }

  @Test func oneIsTheIdentityOfMul() {
    forAll(.smallFloats) { x in
      try check(Op.mul(x, 1) == x, "mul(\(x), 1)")
    }
  }

  @Test func mulByZeroIsZero() {
    forAll(.smallFloats) { x in
      try check(Op.mul(x, 0) == 0, "mul(\(x), 0)")
    }
  }

  @Test func idChangesNothing() {
    forAll(.smallFloats) { x in
      try check(Op.id(x) == x, "id(\(x))")
    }
  }

  @Test func expTurnsSumsIntoProducts() {
    forAll(.floats(in: -10...10), .floats(in: -10...10)) { a, b in
      try assertClose(Op.exp(a + b), Op.exp(a) * Op.exp(b), "exp(\(a) + \(b))")
    }
  }

  @Test func logTurnsProductsIntoSums() {
    forAll(.floats(in: 0.1...100), .floats(in: 0.1...100)) { a, b in
      try assertClose(Op.log(a * b), Op.log(a) + Op.log(b), "log(\(a) · \(b))")
    }
  }

  @Test func expIsPositive() {
    forAll(.smallFloats) { x in
      try check(Op.exp(x) > 0, "exp(\(x)) = \(Op.exp(x))")
    }
  }

  // Comparisons and boundaries.

  @Test func ltIsIrreflexive() {
    forAll(.smallFloats) { x in
      try check(Op.lt(x, x) == 0, "lt(\(x), \(x))")
    }
  }

  @Test func ltAgreesWithTheOrder() {
    forAll(.smallFloats, .smallFloats) { x, y in
      try check(Op.lt(x, y) == (x < y ? 1 : 0), "lt(\(x), \(y))")
    }
  }

  @Test func ltHoldsOneWayAtMost() {
    forAll(.smallFloats, .smallFloats) { x, y in
      try check(Op.lt(x, y) + Op.lt(y, x) <= 1, "lt(\(x), \(y)) and lt(\(y), \(x))")
    }
  }

  @Test func eqIsReflexive() {
    forAll(.smallFloats) { x in
      try check(Op.eq(x, x) == 1, "eq(\(x), \(x))")
    }
  }

  @Test func eqOfDifferentNumbersIsZero() {
    forAll(.smallFloats) { x in
      try check(Op.eq(x, x + 1) == 0, "eq(\(x), \(x + 1))")
    }
  }

  @Test func eqIsSymmetric() {
    forAll(.smallFloats, .smallFloats) { x, y in
      try check(Op.eq(x, y) == Op.eq(y, x), "eq(\(x), \(y))")
    }
  }

  @Test func maxIsAtLeastBoth() {
    forAll(.smallFloats, .smallFloats) { x, y in
      try check(Op.max(x, y) >= x && Op.max(x, y) >= y, "max(\(x), \(y))")
    }
  }

  @Test func maxIsSymmetric() {
    forAll(.smallFloats, .smallFloats) { x, y in
      try check(Op.max(x, y) == Op.max(y, x), "max(\(x), \(y))")
    }
  }

  @Test func maxOfANumberAndItselfIsTheNumber() {
    forAll(.smallFloats) { x in
      try check(Op.max(x, x) == x, "max(\(x), \(x))")
    }
  }

  @Test func isCloseIsSymmetric() {
    forAll(.smallFloats, .floats(in: -0.1...0.1)) { x, h in
      try check(Op.isClose(x, x + h) == Op.isClose(x + h, x), "isClose(\(x), \(x + h))")
    }
  }

  @Test func isCloseRejectsATenth() {
    forAll(.smallFloats) { x in
      try check(Op.isClose(x, x + 0.1) == 0, "isClose(\(x), \(x + 0.1))")
    }
  }

  @Test func reluIsNeverNegative() {
    forAll(.smallFloats) { x in
      try check(Op.relu(x) >= 0, "relu(\(x))")
    }
  }

  @Test func reluIsIdempotent() {
    forAll(.smallFloats) { x in
      try check(Op.relu(Op.relu(x)) == Op.relu(x), "relu(relu(\(x)))")
    }
  }

  @Test func reluIsMaxWithZero() {
    forAll(.smallFloats) { x in
      try check(Op.relu(x) == Swift.max(x, 0), "relu(\(x))")
    }
  }

  // Derivatives.

  @Test func logBackMatchesACentralDifference() {
    forAll(.floats(in: 0.5...50), .floats(in: -5...5)) { x, d in
      let h = 1e-6
      let slope = (Op.log(x + h) - Op.log(x - h)) / (2 * h)
      try assertClose(Op.logBack(x, d), d * slope, "logBack(\(x), \(d))", tolerance: .finiteDifference)
    }
  }

  @Test func invBackMatchesACentralDifference() {
    forAll(.floats(in: 0.5...50), .floats(in: -5...5)) { x, d in
      let h = 1e-6
      let slope = (Op.inv(x + h) - Op.inv(x - h)) / (2 * h)
      try assertClose(Op.invBack(x, d), d * slope, "invBack(\(x), \(d))", tolerance: .finiteDifference)
    }
  }

  @Test func invBackIsLinearInD() {
    forAll(.floats(in: 0.5...50), .floats(in: -5...5)) { x, d in
      try assertClose(Op.invBack(x, d), d * Op.invBack(x, 1), "invBack(\(x), \(d))")
    }
  }

  @Test func logBackIsLinearInD() {
    forAll(.floats(in: 0.5...50), .floats(in: -5...5)) { x, d in
      try assertClose(Op.logBack(x, d), d * Op.logBack(x, 1), "logBack(\(x), \(d))")
    }
  }

  @Test func reluBackPassesDForPositiveX() {
    forAll(.floats(in: 0.1...100), .smallFloats) { x, d in
      try check(Op.reluBack(x, d) == d, "reluBack(\(x), \(d))")
    }
  }

  @Test func reluBackIsZeroForNegativeX() {
    forAll(.floats(in: -100 ... -0.1), .smallFloats) { x, d in
      try check(Op.reluBack(x, d) == 0, "reluBack(\(x), \(d))")
    }
  }

  @Test func reluBackIsZeroAtZero() {
    forAll(.smallFloats) { d in
      try check(Op.reluBack(0, d) == 0, "reluBack(0, \(d))")
    }
  }
}
