import Module1
import TestSupport
import Testing

/// A backpropagation written differently from Task 1.4's: it follows every path from the root
/// separately, recursively, calling `chainRule` once per path with that path's part of the
/// derivative. Exponential in general, fine for the small graphs here; it stands for a
/// student's own `backpropagate`, which must feed retained derivatives too.
private func backpropagatePathByPath(_ variable: Scalar, _ dOut: Double) {
  if variable.isLeaf {
    variable.accumulateDerivative(dOut)
    return
  }
  for (parent, share) in variable.chainRule(dOut) where !parent.isConstant {
    backpropagatePathByPath(parent, share)
  }
}

/// The autodiff conveniences given in Module 1 for lectures: `retainGrad()` on computed
/// scalars, `backward(_:)` with an upstream derivative, and `withoutGradients { … }`. Not graded.
@Suite("Given code: retained derivatives, upstream seeds, withoutGradients", .explainsStops)
struct GradientBookkeeping {
  @Test func retainedDerivativesOfIntermediatesMatchTheChainRule() throws {
    // f = x·y = 6, g = f² + x = 39: ∂g/∂f = 2f = 12, ∂g/∂x = 2f·y + 1 = 25, ∂g/∂y = 2f·x = 36.
    let x = Scalar(3)
    let y = Scalar(2)
    let f = x * y
    let square = f * f
    let g = square + x
    f.retainGrad()
    g.retainGrad()
    g.backward()
    try assertClose(try #require(f.derivative), 12, "∂g/∂f for f = x·y, g = f² + x")
    try assertClose(try #require(g.derivative), 1, "∂g/∂g")
    try assertClose(try #require(x.derivative), 25, "∂g/∂x")
    try assertClose(try #require(y.derivative), 36, "∂g/∂y")
    #expect(square.derivative == nil, "f² did not ask to retain its derivative but has one")
  }

  @Test func theRootRetainsTheSeedItWasGiven() throws {
    let x = Scalar(1.5)
    let h = x * x
    h.retainGrad()
    h.backward(2.5)
    try assertClose(try #require(h.derivative), 2.5, "h.derivative after h.backward(2.5)")
    try assertClose(try #require(x.derivative), 7.5, "x.derivative = 2.5 · 2x at x = 1.5")
  }

  @Test func retainedDerivativesAddUpUntilZeroGrad() throws {
    let x = Scalar(2)
    let f = x.exp()
    f.retainGrad()
    let out = f * 3
    out.backward()
    out.backward()
    try assertClose(try #require(f.derivative), 6, "two backward() calls of 3·f give 3 + 3")
    f.zeroGrad()
    #expect(f.derivative == nil, "zeroGrad() should forget a retained derivative")
  }

  @Test func anyBackpropagationThatCallsChainRuleFeedsRetainedDerivatives() throws {
    // g = (x·y)² + x·y: the product f = x·y is reached along two paths, and the path-by-path
    // walk hands f its derivative in two parts, 2f = 12 and 1; they add up to 13.
    let x = Scalar(3)
    let y = Scalar(2)
    let f = x * y
    f.retainGrad()
    let g = f * f + f
    backpropagatePathByPath(g, 1)
    try assertClose(try #require(f.derivative), 13, "∂g/∂f for g = f² + f, f = 6")
    try assertClose(try #require(x.derivative), 26, "∂g/∂x = 13 · y")
  }

  @Test func retainGradOnALeafChangesNothing() throws {
    let x = Scalar(4)
    x.retainGrad()
    #expect(!x.retainsGrad, "a leaf keeps its derivative anyway; retainGrad() should not mark it")
    (x * x).backward()
    try assertClose(try #require(x.derivative), 8, "∂x²/∂x at 4")
  }

  @Test func retainGradOnAConstantSaysWhy() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      Scalar(constant: 2).retainGrad()
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("retainGrad() on a constant"), "the stop said: \(message)")
  }

  @Test func nothingIsRecordedInsideWithoutGradients() throws {
    let x = Scalar(3)
    let y = withoutGradients { x * x + 1 }
    try assertClose(y.data, 10, "x² + 1 at 3")
    #expect(y.isConstant && y.history == nil, "a result computed without gradients has history")
    #expect(GradientMode.isEnabled, "recording should be back on after withoutGradients")
    let z = x * x
    #expect(!z.isConstant, "a result computed after withoutGradients should be recorded")
  }

  @Test func recordingComesBackAfterAnError() {
    struct Stop: Error {}
    #expect(throws: Stop.self) {
      try withoutGradients { () throws -> Void in throw Stop() }
    }
    #expect(GradientMode.isEnabled, "recording should be back on after withoutGradients threw")
  }

  @Test func withoutGradientsHoldsOnlyInItsOwnTask() async {
    // Tasks run concurrently, half of them inside withoutGradients, each suspending between
    // operations so that they interleave: none may see another's setting.
    let results = await withTaskGroup(of: (Int, Bool).self) { group in
      for task in 0..<8 {
        group.addTask {
          let off = task.isMultiple(of: 2)
          let body = { () async -> Bool in
            var right = true
            for _ in 0..<50 {
              let y = Scalar(1) * Scalar(2)
              right = right && y.isConstant == off && GradientMode.isEnabled == !off
              await Task.yield()
            }
            return right
          }
          return (task, off ? await withoutGradients { await body() } : await body())
        }
      }
      var all: [(Int, Bool)] = []
      for await result in group { all.append(result) }
      return all
    }
    for (task, right) in results {
      #expect(right, "task \(task) saw the other tasks' gradient setting")
    }
  }

  @Test func childTasksInheritWithoutGradients() async {
    let inherited = await withoutGradients {
      async let child = { (Scalar(1) * Scalar(2)).isConstant }()
      return await child
    }
    #expect(inherited, "a child task started inside withoutGradients should not record either")
  }
}
