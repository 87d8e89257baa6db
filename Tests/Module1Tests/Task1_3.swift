import Module1
import TestSupport
import Testing

/// f(x, y) = x · y + 3x, a two-input function written for this test: ∂f/∂x = y + 3, ∂f/∂y = x.
struct TimesPlusThreeX: BinaryFunction {
  func forward(_ ctx: Context<Double>, _ x: Double, _ y: Double) -> Double {
    ctx.saveForBackward(x, y)
    return x * y + 3 * x
  }

  func backward(_ ctx: Context<Double>, _ dOut: Double) -> (Double, Double) {
    let (x, y) = ctx.savedPair
    return (dOut * (y + 3), dOut * x)
  }
}

/// g(x, y) = x + 2y + 1: ∂g/∂x = 1, ∂g/∂y = 2.
struct XPlusTwoY: BinaryFunction {
  func forward(_ ctx: Context<Double>, _ x: Double, _ y: Double) -> Double {
    x + 2 * y + 1
  }

  func backward(_ ctx: Context<Double>, _ dOut: Double) -> (Double, Double) {
    (dOut, 2 * dOut)
  }
}

/// The variables of `entries` by name: each entry's variable is called by the first name in
/// `names` whose variable it is, or described as a constant or another variable. For messages
/// such as "chainRule's entries are for [y, x], expected [x, y]".
func entryNames(_ entries: [(variable: Scalar, derivative: Double)], _ names: [(String, Scalar)])
  -> String
{
  let described = entries.map { entry in
    if let name = names.first(where: { $0.1 === entry.variable })?.0 { return name }
    let kind = entry.variable.isConstant ? "a constant" : "another variable"
    return "\(kind) \(entry.variable)"
  }
  return "[" + described.joined(separator: ", ") + "]"
}

/// Task 1.3: the chain rule, on functions defined here (so it does not depend on Task 1.4).
@Suite("Task 1.3: chain rule", .explainsStops)
struct Task1_3 {
  @Test func eachInputGetsDOutTimesItsLocalDerivative() {
    forAll(.smallFloats, .smallFloats, .smallFloats) { x, y, d in
      let (a, b) = (Scalar(x), Scalar(y))
      let shares = TimesPlusThreeX().apply(a, b).chainRule(d)
      try check(
        shares.count == 2 && shares[0].variable === a && shares[1].variable === b,
        "f(x, y).chainRule gave entries for \(entryNames(shares, [("x", a), ("y", b)])), "
          + "expected [x, y]")
      try assertClose(shares[0].derivative, d * (y + 3), "∂f/∂x share at (\(x), \(y)), dOut \(d)")
      try assertClose(shares[1].derivative, d * x, "∂f/∂y share at (\(x), \(y)), dOut \(d)")
    }
  }

  @Test func constantInputsAreLeftOut() {
    forAll(.smallFloats, .smallFloats, .smallFloats) { x, c, d in
      let a = Scalar(x)
      let second = XPlusTwoY().apply(a, Scalar(constant: c)).chainRule(d)
      try check(
        second.count == 1 && second[0].variable === a,
        "g(x, constant \(c)).chainRule gave entries for \(entryNames(second, [("x", a)])), "
          + "expected [x] alone: a constant gets no entry")
      try assertClose(second[0].derivative, d, "∂g/∂x share, dOut \(d)")
      let first = XPlusTwoY().apply(Scalar(constant: c), a).chainRule(d)
      try check(
        first.count == 1 && first[0].variable === a,
        "g(constant \(c), y).chainRule gave entries for \(entryNames(first, [("y", a)])), "
          + "expected [y] alone: a constant gets no entry")
      try assertClose(first[0].derivative, 2 * d, "∂g/∂y share, dOut \(d)")
    }
  }

  @Test func anInputUsedTwiceAppearsTwice() {
    forAll(.smallFloats, .smallFloats) { x, d in
      let a = Scalar(x)
      let shares = TimesPlusThreeX().apply(a, a).chainRule(d)
      try check(
        shares.count == 2 && shares.allSatisfy { $0.variable === a },
        "f(x, x).chainRule gave entries for \(entryNames(shares, [("x", a)])), "
          + "expected [x, x]: one entry per use")
      try assertClose(
        shares[0].derivative + shares[1].derivative, d * (2 * x + 3),
        "the sum of x's two shares of f(x, x), dOut \(d)")
    }
  }

  @Test func computedInputsAreKept() {
    // An input that is itself computed is not a constant, and must be passed on.
    forAll(.smallFloats, .smallFloats) { x, y in
      let inner = XPlusTwoY().apply(Scalar(x), Scalar(y))
      let shares = TimesPlusThreeX().apply(inner, Scalar(constant: 1)).chainRule(1)
      try check(
        shares.count == 1 && shares[0].variable === inner,
        "f(inner, constant 1).chainRule, where inner = g(x, y) is computed, gave entries for "
          + "\(entryNames(shares, [("inner", inner)])), expected [inner] alone: a computed "
          + "input is kept, a constant left out")
      try assertClose(shares[0].derivative, 1 + 3, "∂f/∂inner share with y = 1, dOut 1")
    }
  }
}
