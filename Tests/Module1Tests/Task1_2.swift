import Foundation
import Module1
import TestSupport
import Testing

/// Task 1.2: the forward pass of every scalar function, and `Scalar` arithmetic built on them.
@Suite("Task 1.2: scalar forward", .explainsStops)
struct Task1_2 {
  typealias Op = Operators

  /// Runs a function's forward pass directly, with a fresh context.
  func forward(_ function: any ScalarFunction.Type, _ inputs: Double...) -> Double {
    function.forward(Context(), inputs)
  }

  @Test func oneArgumentForwardsMatchTheOperators() {
    forAll(.smallFloats) { x in
      try check(forward(Neg.self, x) == Op.neg(x), "Neg.forward(\(x)) is \(forward(Neg.self, x))")
      try check(forward(Sigmoid.self, x) == Op.sigmoid(x), "Sigmoid.forward(\(x)) is wrong")
      try check(forward(ReLU.self, x) == Op.relu(x), "ReLU.forward(\(x)) is wrong")
      try check(forward(Exp.self, x) == Op.exp(x), "Exp.forward(\(x)) is wrong")
      let positive = abs(x) + 1
      try check(
        forward(Log.self, positive) == Op.log(positive), "Log.forward(\(positive)) is wrong")
      try check(
        forward(Inv.self, positive) == Op.inv(positive), "Inv.forward(\(positive)) is wrong")
    }
  }

  @Test func twoArgumentForwardsMatchTheOperators() {
    forAll(.smallFloats, .smallFloats) { x, y in
      try check(forward(Add.self, x, y) == Op.add(x, y), "Add.forward(\(x), \(y)) is wrong")
      try check(forward(Mul.self, x, y) == Op.mul(x, y), "Mul.forward(\(x), \(y)) is wrong")
      try check(forward(LT.self, x, y) == Op.lt(x, y), "LT.forward(\(x), \(y)) is wrong")
      try check(forward(EQ.self, x, x) == 1, "EQ.forward(\(x), \(x)) should be 1")
      try check(forward(EQ.self, x, y) == Op.eq(x, y), "EQ.forward(\(x), \(y)) is wrong")
    }
  }

  @Test(arguments: MathTest.oneArgumentNames)
  func oneArgumentScalarMathMatchesDoubleMath(name: String) {
    forAll(.smallFloats) { x in
      let expected = MathTest.oneArgument(name, x)
      let actual = MathTest.oneArgument(name, Scalar(x)).data
      try assertClose(actual, expected, "\(name)(Scalar(\(x)))")
    }
  }

  @Test(arguments: MathTest.twoArgumentNames)
  func twoArgumentScalarMathMatchesDoubleMath(name: String) {
    forAll(.smallFloats, .smallFloats) { x, y in
      let expected = MathTest.twoArgument(name, x, y)
      let actual = MathTest.twoArgument(name, Scalar(x), Scalar(y)).data
      try assertClose(actual, expected, "\(name)(Scalar(\(x)), Scalar(\(y)))")
    }
  }

  @Test func arithmeticOperatorsAndComparisons() {
    forAll(.smallFloats, .floats(in: 1...100)) { x, y in
      let (a, b) = (Scalar(x), Scalar(y))
      try assertClose((a + b).data, x + y, "\(x) + \(y)")
      try assertClose((a - b).data, x - y, "\(x) - \(y)")
      try assertClose((a * b).data, x * y, "\(x) * \(y)")
      try assertClose((a / b).data, x / y, "\(x) / \(y)")
      try assertClose((-a).data, -x, "-\(x)")
      try check(a.lt(b).data == Op.lt(x, y), "Scalar(\(x)).lt(\(y)) is \(a.lt(b).data)")
      try check(a.gt(b).data == Op.lt(y, x), "Scalar(\(x)).gt(\(y)) is \(a.gt(b).data)")
      try check(a.eq(a).data == 1, "Scalar(\(x)).eq(itself) is \(a.eq(a).data)")
    }
  }

  @Test func plainNumbersMixInOnEitherSide() {
    forAll(.smallFloats, .floats(in: 1...100)) { x, c in
      let a = Scalar(x)
      try assertClose((a + c).data, x + c, "Scalar(\(x)) + \(c)")
      try assertClose((c + a).data, c + x, "\(c) + Scalar(\(x))")
      try assertClose((a - c).data, x - c, "Scalar(\(x)) - \(c)")
      try assertClose((c - a).data, c - x, "\(c) - Scalar(\(x))")
      try assertClose((a * c).data, x * c, "Scalar(\(x)) * \(c)")
      try assertClose((c * a).data, c * x, "\(c) * Scalar(\(x))")
      try assertClose((a / c).data, x / c, "Scalar(\(x)) / \(c)")
      try assertClose((c / (a * a + 1)).data, c / (x * x + 1), "\(c) / (x² + 1)")
      try check(a.lt(c).data == Op.lt(x, c), "Scalar(\(x)).lt(\(c)) is wrong")
    }
  }

  @Test func resultsRememberTheirInputs() throws {
    let x = Scalar(2.0)
    let y = Scalar(3.0)
    let z = x * y
    try check(z.history != nil, "x * y should record a history")
    try check(z.parents.count == 2 && z.parents[0] === x && z.parents[1] === y, "parents of x * y")
    try check(z.history?.function == Mul.self, "x * y should be made by Mul")
    let w = x * 2.5
    try check(
      w.parents.count == 2 && w.parents[1].isConstant, "x * 2.5 should have a constant parent")
  }

  @Test func logOfANonPositiveNumberFollowsIEEE() throws {
    let zero = Scalar(0.0).log()
    try check(zero.data == -.infinity, "Scalar(0).log() is \(zero.data), expected -infinity")
    let negative = Scalar(-1.0).log()
    try check(negative.data.isNaN, "Scalar(-1).log() is \(negative.data), expected NaN")
  }

  @Test func scalarsPrintTheirValue() throws {
    let x = Scalar(2.0)
    try check((x + 1).description == "Scalar(3.0)", "Scalar(2) + 1 prints as \(x + 1)")
  }
}
