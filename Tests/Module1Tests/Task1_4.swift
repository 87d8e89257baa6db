import Foundation
import Module1
import TestSupport
import Testing

/// A count that several threads may add to (tests run in parallel).
final class SharedCount: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0

  /// The count now.
  var value: Int { lock.withLock { count } }

  /// Adds one.
  func increment() { lock.withLock { count += 1 } }
}

/// h(x) = x, counting how often its backward pass runs.
struct CountingIdentity: UnaryFunction {
  static let backwardCalls = SharedCount()

  func forward(_ ctx: Context<Double>, _ x: Double) -> Double {
    x
  }

  func backward(_ ctx: Context<Double>, _ dOut: Double) -> Double {
    Self.backwardCalls.increment()
    return dOut
  }
}

/// A random graph: `leafCount` leaves and one constant, then one node per recipe entry that adds
/// or multiplies two earlier values chosen by the entry, and a root that adds the first leaf to
/// the last node (so the root is never a constant).
func randomGraph(leafCount: Int, recipe: [Int]) -> Scalar {
  randomGraph((0..<leafCount).map { Scalar(Double($0) + 1) }, recipe: recipe)
}

/// The random graph of `randomGraph(leafCount:recipe:)` built on the given leaves (at least one).
/// Values are often used several times: by one node twice (x · x), or by two nodes that meet
/// again later (diamonds).
func randomGraph(_ leaves: [Scalar], recipe: [Int]) -> Scalar {
  var values = leaves
  values.append(Scalar(constant: 0.5))
  for entry in recipe {
    let a = values[entry % values.count]
    let b = values[(entry / 7) % values.count]
    values.append(entry % 2 == 0 ? a + b : a * b)
  }
  return values[values.count - 1] + values[0]
}

/// Throws unless backpropagating `dOut` from f(point) gives each input dOut times the central
/// difference of f there, within `Tolerance.gradient` (relative to the derivative's size). A
/// leaf that receives nothing counts as 0.
func expectDerivatives(_ f: ([Scalar]) -> Scalar, at point: [Double], dOut: Double, _ what: String)
  throws
{
  let leaves = point.map { Scalar($0) }
  f(leaves).backward(dOut)
  let numeric: ([Double]) -> Double = { values in f(values.map { Scalar(constant: $0) }).data }
  for (input, leaf) in leaves.enumerated() {
    let estimate = dOut * centralDifference(numeric, point, arg: input)
    try assertClose(
      leaf.derivative ?? 0, estimate,
      "\(what): the derivative of input \(input) at \(point) for dOut \(dOut), against dOut times "
        + "the central difference", tolerance: .gradient)
  }
}

/// Task 1.4: topological order, backpropagation, and every backward pass.
@Suite("Task 1.4: backpropagation", .explainsStops)
struct Task1_4 {
  @Test func sortPutsTheRootFirstAndEveryVariableBeforeItsInputs() {
    forAll(.ints(in: 1...4), Gen.list(of: .ints(in: 0...10_000), count: 1...25)) {
      leafCount, recipe in
      let root = randomGraph(leafCount: leafCount, recipe: recipe)
      let order = topologicalSort(root)
      try check(
        order.first === root,
        "the order starts with \(order.first.map { "\($0)" } ?? "nothing"), expected the root "
          + "\(root)")
      var position: [ObjectIdentifier: Int] = [:]
      for (index, variable) in order.enumerated() {
        if let earlier = position[variable.uniqueID] {
          throw CheckFailure(
            "\(variable) is in the order at positions \(earlier) and \(index), expected once")
        }
        position[variable.uniqueID] = index
      }
      for (index, variable) in order.enumerated() {
        try check(
          !variable.isConstant,
          "the order holds the constant \(variable) at position \(index), expected no constants")
        for parent in variable.parents where !parent.isConstant {
          guard let parentIndex = position[parent.uniqueID] else {
            throw CheckFailure(
              "\(parent), an input of \(variable) (position \(index)), is missing from the order, "
                + "expected after it")
          }
          try check(
            parentIndex > index,
            "\(parent) is at position \(parentIndex), before \(variable) at \(index), which uses "
              + "it; expected every variable before its inputs")
        }
      }
    }
  }

  @Test func sortReachesEveryVariableTheRootDependsOn() {
    forAll(.ints(in: 1...4), Gen.list(of: .ints(in: 0...10_000), count: 1...25)) {
      leafCount, recipe in
      let root = randomGraph(leafCount: leafCount, recipe: recipe)
      // Everything reachable, found by a plain search written here.
      var reachable: Set<ObjectIdentifier> = []
      var stack = [root]
      while let next = stack.popLast() {
        guard !next.isConstant, reachable.insert(ObjectIdentifier(next)).inserted else { continue }
        stack += next.parents
      }
      let sorted = Set(topologicalSort(root).map { ObjectIdentifier($0) })
      try check(
        sorted == reachable,
        "the order has \(sorted.count) variables, but \(reachable.count) are reachable")
    }
  }

  @Test func sortOfADiamondVisitsTheSharedNodeOnce() throws {
    let x = Scalar(3.0)
    let y = x * 2
    let z = y + y
    let order = topologicalSort(z)
    try check(
      order.count == 3 && order[0] === z && order[1] === y && order[2] === x,
      "topologicalSort(y + y) should be [z, y, x], got \(order)")
    let leafOrder = topologicalSort(x)
    try check(
      leafOrder.count == 1 && leafOrder[0] === x,
      "topologicalSort(x) of a leaf x is \(leafOrder), expected [x] (\(x)) alone")
  }

  @Test func theWorkedExample() throws {
    // f = x·y + x·x at (2, 4): f = 12, ∂f/∂x = y + 2x = 8, ∂f/∂y = x = 2.
    let x = Scalar(2.0)
    let y = Scalar(4.0)
    let f = x * y + x * x
    f.backward()
    try check(f.data == 12, "f is \(f.data), expected 12")
    try check(x.derivative == 8, "∂f/∂x is \(String(describing: x.derivative)), expected 8")
    try check(y.derivative == 2, "∂f/∂y is \(String(describing: y.derivative)), expected 2")
  }

  @Test func aPolynomial() throws {
    // d/dx (2 + 3x − 5x²) = 3 − 10x = −22 at x = 2.5.
    let x = Scalar(2.5)
    (2 + 3 * x - 5 * x * x).backward()
    try assertClose(x.derivative ?? .nan, -22, "d/dx (2 + 3x − 5x²) at 2.5")
  }

  @Test func derivativesAccumulateUntilCleared() throws {
    let x = Scalar(3.0)
    (x * x).backward()
    (x * x).backward()
    try check(
      x.derivative == 12,
      "after two backward() calls of x² at 3, x.derivative is "
        + "\(String(describing: x.derivative)), expected 12 (6 + 6)")
    x.zeroGrad()
    (x * x).backward(0.5)
    try check(
      x.derivative == 3,
      "after zeroGrad() and backward(0.5) of x² at 3, x.derivative is "
        + "\(String(describing: x.derivative)), expected 3")
  }

  @Test func constantsNeverReceiveADerivative() throws {
    let x = Scalar(3.0)
    let c = Scalar(constant: 4.0)
    let f = x * c + c
    f.backward()
    try check(
      c.derivative == nil,
      "the constant c received the derivative \(String(describing: c.derivative)), expected none")
    try check(
      x.derivative == 4,
      "∂(x·c + c)/∂x is \(String(describing: x.derivative)), expected c = 4")
    let g = x * 2.5
    g.backward()
    try check(
      g.parents[1].derivative == nil,
      "the constant 2.5 in x * 2.5 received the derivative "
        + "\(String(describing: g.parents[1].derivative)), expected none")
  }

  @Test func aSharedNodeIsSummedNotVisitedTwice() throws {
    let x = Scalar(3.0)
    let y = CountingIdentity().apply(x)
    let before = CountingIdentity.backwardCalls.value
    (y * y + y).backward()
    let calls = CountingIdentity.backwardCalls.value - before
    try check(calls == 1, "the shared node's backward ran \(calls) times, expected once")
    try check(x.derivative == 7, "d/dx (x² + x) at 3 is 7, got \(String(describing: x.derivative))")
  }

  @Test func gradientDescentOnWSquared() throws {
    // w ← w − 0.3 · 2w = 0.4 w: 10, 4, 1.6, 0.64, …
    let w = Parameter(Scalar(10.0), name: "w")
    let optimizer = SGD([w], rate: 0.3)
    var expected = 10.0
    for step in 1...5 {
      optimizer.zeroGrad()
      let value = w.value(as: Scalar.self)
      (value * value).backward()
      optimizer.step()
      expected *= 0.4
      try assertClose(w.value(as: Scalar.self).data, expected, "w after step \(step)")
    }
  }

  @Test func backwardPassesMatchTheirFormulas() throws {
    forAll(.floats(in: 0.5...10), .smallFloats, .smallFloats) { x, y, d in
      func backward(_ function: any DifferentiableFunction<Double>, _ inputs: Double...)
        -> [Double]
      {
        let ctx = Context<Double>()
        _ = function.forward(ctx, inputs: inputs)
        return function.backward(ctx, dOut: d)
      }
      try assertClose(backward(Scalar.Add(), x, y), [d, d], "Add.backward")
      try assertClose(backward(Scalar.Mul(), x, y), [d * y, d * x], "Mul.backward")
      try assertClose(backward(Scalar.Neg(), y), [-d], "Neg.backward")
      try assertClose(backward(Scalar.Log(), x), [d / x], "Log.backward")
      try assertClose(backward(Scalar.Inv(), x), [-d / (x * x)], "Inv.backward")
      try assertClose(backward(Scalar.Exp(), x), [d * Operators.exp(x)], "Exp.backward")
      let s = Operators.sigmoid(y)
      try assertClose(backward(Scalar.Sigmoid(), y), [d * s * (1 - s)], "Sigmoid.backward")
      try assertClose(backward(Scalar.ReLU(), y), [y > 0 ? d : 0], "ReLU.backward")
      try assertClose(
        backward(Scalar.Compare(.lessThan), x, y), [0, 0], "Compare(.lessThan).backward")
      try assertClose(backward(Scalar.Compare(.equal), x, y), [0, 0], "Compare(.equal).backward")
      // The corner and the ties: relu′(0) is taken to be 0; comparisons of equal inputs too.
      try assertClose(backward(Scalar.ReLU(), 0), [0], "ReLU.backward at 0 with dOut \(d)")
      try assertClose(
        backward(Scalar.Compare(.lessThan), y, y), [0, 0],
        "Compare(.lessThan).backward at equal inputs \(y)")
      try assertClose(
        backward(Scalar.Compare(.equal), y, y), [0, 0],
        "Compare(.equal).backward at equal inputs \(y)")
    }
  }

  @Test func aVariableUsedTwiceCollectsBothShares() {
    // x feeds one node twice (x · x), and a diamond: a = x · y and b = x + y meet in a · b.
    forAll(.floats(in: -10...10), .floats(in: -10...10), .floats(in: -3...3)) { u, v, d in
      let x = Scalar(u)
      (x * x).backward(d)
      try assertClose(x.derivative ?? .nan, d * 2 * u, "d/dx (x · x) at \(u), dOut \(d)")
      x.zeroGrad()
      (x + x * x).backward(d)
      try assertClose(
        x.derivative ?? .nan, d * (1 + 2 * u), "d/dx (x + x · x) at \(u), dOut \(d)")
      let (p, q) = (Scalar(u), Scalar(v))
      let (a, b) = (p * q, p + q)
      (a * b).backward(d)
      // ∂(ab)/∂x = y·b + a, ∂(ab)/∂y = x·b + a.
      try assertClose(
        p.derivative ?? .nan, d * (v * (u + v) + u * v),
        "d/dx (x·y)(x + y) at (\(u), \(v)), dOut \(d)")
      try assertClose(
        q.derivative ?? .nan, d * (u * (u + v) + u * v),
        "d/dy (x·y)(x + y) at (\(u), \(v)), dOut \(d)")
    }
  }

  @Test func derivativesOfRandomGraphsMatchCentralDifferences() {
    // Graphs of sums and products that reuse their values in every way, backpropagated from a
    // random dOut; each leaf's derivative must be dOut times the central difference (a leaf the
    // root does not depend on receives nothing, which counts as 0).
    forAll(
      Gen.list(of: .floats(in: -1...1), count: 1...4),
      Gen.list(of: .ints(in: 0...10_000), count: 1...8),
      .floats(in: -2...2)
    ) { point, recipe, d in
      let leaves = point.map { Scalar($0) }
      randomGraph(leaves, recipe: recipe).backward(d)
      let numeric: ([Double]) -> Double = { values in
        randomGraph(values.map { Scalar(constant: $0) }, recipe: recipe).data
      }
      for (number, leaf) in leaves.enumerated() {
        let estimate = d * centralDifference(numeric, point, arg: number)
        try assertClose(
          leaf.derivative ?? 0, estimate,
          "the derivative of leaf \(number) of the graph \(recipe) at \(point), dOut \(d)",
          tolerance: .finiteDifference)
      }
    }
  }

  @Test(arguments: MathTest.oneArgumentNames)
  func oneArgumentDerivativesMatchCentralDifferences(name: String) {
    forAll(.smallFloats) { x in
      try derivativeCheck({ MathTest.oneArgument(name, $0[0]) }, x)
    }
  }

  @Test(arguments: MathTest.twoArgumentNames)
  func twoArgumentDerivativesMatchCentralDifferences(name: String) {
    forAll(.smallFloats, .smallFloats) { x, y in
      try derivativeCheck({ MathTest.twoArgument(name, $0[0], $0[1]) }, x, y)
    }
  }

  @Test(arguments: GradientTest.oneArgumentNames)
  func oneArgumentDerivativesAtOrderOne(name: String) {
    forAll(GradientTest.inputs, GradientTest.incoming) { x, d in
      try expectDerivatives({ GradientTest.oneArgument(name, $0[0]) }, at: [x], dOut: d, name)
    }
  }

  @Test(arguments: GradientTest.twoArgumentNames)
  func twoArgumentDerivativesAtOrderOne(name: String) {
    forAll(GradientTest.inputs, GradientTest.inputs, GradientTest.incoming) { x, y, d in
      try expectDerivatives(
        { GradientTest.twoArgument(name, $0[0], $0[1]) }, at: [x, y], dOut: d, name)
    }
  }

  @Test func aMillionDeepChainBackpropagatesAndIsFreed() async {
    // Recursion in the sort, the walk or the teardown would overflow the stack long before a
    // million levels; the exit test turns such a crash into a failure of this test alone.
    await #expect(
      processExitsWith: .success,
      """
      a million-deep chain should backpropagate and be freed; a crash is most likely a stack \
      overflow from recursion in the sort, the walk or the teardown
      """
    ) {
      var x = Scalar(1.0)
      let start = x
      for _ in 0..<1_000_000 {
        x = x * 1.0
      }
      x.backward()
      let derivative = start.derivative
      precondition(
        derivative == 1,
        "d/dx of x·1·1·…·1 is \(String(describing: derivative)), expected 1")
    }
  }
}
