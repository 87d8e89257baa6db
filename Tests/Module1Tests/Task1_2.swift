import Foundation
import Module1
import TestSupport
import Testing

/// Task 1.2: the forward pass of every scalar function, and `Scalar` arithmetic built on them.
@Suite("Task 1.2: scalar forward", .explainsStops)
struct Task1_2 {
  typealias Op = Operators

  /// Runs a function's forward pass directly, with a fresh context.
  func forward(_ function: any DifferentiableFunction<Double>, _ inputs: Double...) -> Double {
    function.forward(Context(), inputs: inputs)
  }

  /// Throws unless `function.forward(inputs)` is exactly `expected` (the operator it wraps).
  func checkForward(
    _ function: any DifferentiableFunction<Double>, _ inputs: [Double], _ expected: Double
  ) throws {
    let actual = function.forward(Context(), inputs: inputs)
    let arguments = inputs.map { "\($0)" }.joined(separator: ", ")
    try check(
      actual == expected,
      "\(function).forward(\(arguments)) is \(actual), expected \(expected)")
  }

  @Test func oneArgumentForwardsMatchTheOperators() {
    forAll(.smallFloats) { x in
      try checkForward(Scalar.Neg(), [x], Op.neg(x))
      try checkForward(Scalar.Sigmoid(), [x], Op.sigmoid(x))
      try checkForward(Scalar.ReLU(), [x], Op.relu(x))
      try checkForward(Scalar.Exp(), [x], Op.exp(x))
      let positive = abs(x) + 1
      try checkForward(Scalar.Log(), [positive], Op.log(positive))
      try checkForward(Scalar.Inv(), [positive], Op.inv(positive))
    }
  }

  @Test func twoArgumentForwardsMatchTheOperators() {
    forAll(.smallFloats, .smallFloats) { x, y in
      try checkForward(Scalar.Add(), [x, y], Op.add(x, y))
      try checkForward(Scalar.Mul(), [x, y], Op.mul(x, y))
      try checkForward(Scalar.Compare(.lessThan), [x, y], Op.lt(x, y))
      try checkForward(Scalar.Compare(.equal), [x, x], 1)
      try checkForward(Scalar.Compare(.equal), [x, y], Op.eq(x, y))
    }
  }

  @Test func forwardsSaveWhatTheirDocCommentsSay() {
    // Task 1.4's backward passes read these values, so they are part of each forward's job.
    func checkSaved(
      _ function: any DifferentiableFunction<Double>, _ inputs: [Double], _ expected: [Double],
      _ what: String
    ) throws {
      let ctx = Context<Double>()
      _ = function.forward(ctx, inputs: inputs)
      let arguments = inputs.map { "\($0)" }.joined(separator: ", ")
      try assertClose(
        ctx.savedValues, expected,
        "the values \(function).forward(\(arguments)) saved (its doc comment says it saves "
          + "\(what))")
    }
    forAll(.smallFloats, .smallFloats) { x, y in
      let positive = abs(x) + 1
      try checkSaved(Scalar.Log(), [positive], [positive], "x")
      try checkSaved(Scalar.Mul(), [x, y], [x, y], "x and y")
      try checkSaved(Scalar.Inv(), [positive], [positive], "x")
      try checkSaved(Scalar.Sigmoid(), [x], [Op.sigmoid(x)], "σ(x)")
      try checkSaved(Scalar.ReLU(), [x], [x], "x")
      try checkSaved(Scalar.Exp(), [x], [Op.exp(x)], "e^x")
    }
  }

  @Test func comparisonsAtEqualAndNearlyEqualInputs() {
    // x < x is false, x = x is true, and numbers 0.005 apart are close but not equal.
    forAll(.smallFloats) { x in
      let near = x + 0.005
      try checkForward(Scalar.Compare(.lessThan), [x, x], 0)
      try checkForward(Scalar.Compare(.equal), [x, x], 1)
      try checkForward(Scalar.Compare(.equal), [x, near], 0)
      try checkForward(Scalar.Compare(.lessThan), [x, near], 1)
      let (a, b) = (Scalar(x), Scalar(near))
      let cases: [(String, Scalar, Double)] = [
        ("Scalar(\(x)).lt(itself)", a.lt(a), 0),
        ("Scalar(\(x)).gt(itself)", a.gt(a), 0),
        ("Scalar(\(x)).gt(\(x))", a.gt(x), 0),
        ("Scalar(\(x)).lt(\(x))", a.lt(x), 0),
        ("Scalar(\(x)).eq(\(x))", a.eq(x), 1),
        ("Scalar(\(x)).eq(Scalar(\(near)))", a.eq(b), 0),
        ("Scalar(\(x)).lt(Scalar(\(near)))", a.lt(b), 1),
        ("Scalar(\(x)).gt(Scalar(\(near)))", a.gt(b), 0),
        ("Scalar(\(near)).gt(Scalar(\(x)))", b.gt(a), 1),
      ]
      for (what, result, expected) in cases {
        try check(result.data == expected, "\(what) is \(result.data), expected \(expected)")
      }
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
      try check(
        a.lt(b).data == Op.lt(x, y),
        "Scalar(\(x)).lt(\(y)) is \(a.lt(b).data), expected \(Op.lt(x, y))")
      try check(
        a.gt(b).data == Op.lt(y, x),
        "Scalar(\(x)).gt(\(y)) is \(a.gt(b).data), expected \(Op.lt(y, x))")
      try check(a.eq(a).data == 1, "Scalar(\(x)).eq(itself) is \(a.eq(a).data), expected 1.0")
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
      try check(
        a.lt(c).data == Op.lt(x, c),
        "Scalar(\(x)).lt(\(c)) is \(a.lt(c).data), expected \(Op.lt(x, c))")
    }
  }

  @Test func resultsRememberTheirInputs() throws {
    let x = Scalar(2.0)
    let y = Scalar(3.0)
    let z = x * y
    try check(z.history != nil, "(x * y).history is nil, expected the Mul that made it")
    try check(
      z.parents.count == 2 && z.parents[0] === x && z.parents[1] === y,
      "(x * y).parents are \(z.parents), expected [x, y], the very objects x = \(x) and y = \(y)")
    try check(
      z.history?.function is Scalar.Mul,
      "x * y was made by \(z.history.map { "\($0.function)" } ?? "nothing"), expected Mul")
    let w = x * 2.5
    try check(
      w.parents.count == 2 && w.parents[0] === x && w.parents[1].isConstant,
      "(x * 2.5).parents are \(w.parents) (constant: \(w.parents.map(\.isConstant))), "
        + "expected x and a constant 2.5")
  }

  /// Every operation of `Scalar`, applied to variables, with or without a plain number beside
  /// them: its result must remember each variable it was computed from.
  static let unaryOperations: [(String, @Sendable (Scalar) -> Scalar)] = [
    ("-x", { -$0 }), ("x.log()", { $0.log() }), ("x.exp()", { $0.exp() }),
    ("x.sigmoid()", { $0.sigmoid() }), ("x.relu()", { $0.relu() }), ("x + 2.5", { $0 + 2.5 }),
    ("x - 2.5", { $0 - 2.5 }), ("x * 2.5", { $0 * 2.5 }), ("x / 2.5", { $0 / 2.5 }),
    ("2.5 + x", { 2.5 + $0 }), ("2.5 - x", { 2.5 - $0 }), ("2.5 * x", { 2.5 * $0 }),
    ("2.5 / x", { 2.5 / $0 }), ("x.lt(2.5)", { $0.lt(2.5) }), ("x.gt(2.5)", { $0.gt(2.5) }),
    ("x.eq(2.5)", { $0.eq(2.5) }),
  ]
  static let binaryOperations: [(String, @Sendable (Scalar, Scalar) -> Scalar)] = [
    ("x + y", { $0 + $1 }), ("x - y", { $0 - $1 }), ("x * y", { $0 * $1 }),
    ("x / y", { $0 / $1 }), ("x.lt(y)", { $0.lt($1) }), ("x.gt(y)", { $0.gt($1) }),
    ("x.eq(y)", { $0.eq($1) }),
  ]

  /// Throws unless `result`, computed by `what` from the variables `operands`, has a history
  /// and reaches every one of them through its parents (directly, or through the functions an
  /// operation is built from: x − y is x + (−y)).
  func checkRemembers(_ result: Scalar, _ operands: [(String, Scalar)], _ what: String) throws {
    try check(
      result.history != nil,
      "\(what) is a leaf (no history): it must be computed by a function's apply, so "
        + "that backpropagation can reach its inputs")
    let seen = ancestorIdentities(of: result) { $0.parents }
    for (name, operand) in operands {
      try check(
        seen.contains(ObjectIdentifier(operand)),
        "\(what) does not remember its operand \(name) = \(operand): no chain of parents leads "
          + "from the result to \(name), so backward() would never reach it (is it turned into a "
          + "constant, or into a new Scalar?)")
    }
  }

  @Test func everyOperationRemembersItsVariableOperands() {
    forAll(.floats(in: 0.5...10), .floats(in: 0.5...10)) { u, v in
      for (what, operation) in Self.unaryOperations {
        let x = Scalar(u)
        try checkRemembers(operation(x), [("x", x)], "\(what) at x = \(u)")
      }
      for (what, operation) in Self.binaryOperations {
        let (x, y) = (Scalar(u), Scalar(v))
        try checkRemembers(operation(x, y), [("x", x), ("y", y)], "\(what) at (\(u), \(v))")
      }
    }
  }

  @Test(arguments: MathTest.oneArgumentNames + MathTest.twoArgumentNames)
  func theMathTestFunctionsRememberTheirVariables(name: String) {
    forAll(.smallFloats, .smallFloats) { u, v in
      let (x, y) = (Scalar(u), Scalar(v))
      if MathTest.oneArgumentNames.contains(name) {
        try checkRemembers(MathTest.oneArgument(name, x), [("x", x)], "\(name)(\(u))")
      } else {
        try checkRemembers(
          MathTest.twoArgument(name, x, y), [("x", x), ("y", y)], "\(name)(\(u), \(v))")
      }
    }
  }

  @Test func logOfANonPositiveNumberFollowsIEEE() throws {
    let zero = Scalar(0.0).log()
    try check(zero.data == -.infinity, "Scalar(0).log() is \(zero.data), expected -infinity")
    let negative = Scalar(-1.0).log()
    try check(negative.data.isNaN, "Scalar(-1).log() is \(negative.data), expected NaN")
  }

  @Test func scalarsPrintTheirValue() throws {
    let x = Scalar(2.0)
    try check(
      (x + 1).description == "Scalar(3.0)", "Scalar(2) + 1 prints as \(x + 1), expected Scalar(3.0)"
    )
  }
}
