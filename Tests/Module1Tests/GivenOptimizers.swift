import Module1
import TestSupport
import Testing

/// The optimizers students are given in Module 1: the `Optimizer` protocol and `SGD`, plain and
/// with momentum, on `Scalar` parameters. Not graded.
@Suite("Given code: the Optimizer protocol, SGD and momentum", .explainsStops)
struct GivenOptimizers {
  /// `OptimizerReference`'s problem on scalars: one `Scalar` parameter per entry of x and y.
  struct ScalarProblem {
    let x = OptimizerReference.x0.map { Parameter(Scalar($0)) }
    let y = OptimizerReference.y0.map { Parameter(Scalar($0)) }

    var parameters: [Parameter] { x + y }

    func values(_ parameters: [Parameter]) -> [Double] {
      parameters.map { $0.value(as: Scalar.self).data }
    }

    /// Σ kₓ·x² + Σ 0.25·x, plus Σ k_y·y³ when `withY`.
    func loss(withY: Bool) -> Scalar {
      var total = Scalar(constant: 0)
      for (k, parameter) in zip(OptimizerReference.kx, x) {
        let entry = parameter.value(as: Scalar.self)
        total = total + k * entry * entry + entry * 0.25
      }
      if withY {
        for (k, parameter) in zip(OptimizerReference.ky, y) {
          let entry = parameter.value(as: Scalar.self)
          total = total + k * entry * entry * entry
        }
      }
      return total
    }

    /// Runs the four steps with `optimizer` (which trains `parameters`) and compares every step
    /// with PyTorch's `expected`.
    func check(_ optimizer: any Optimizer, against expected: [(x: [Double], y: [Double])]) throws {
      for (number, want) in expected.enumerated() {
        let step = number + 1
        optimizer.zeroGrad()
        loss(withY: OptimizerReference.usesY(inStep: step)).backward()
        optimizer.step()
        try assertClose(
          values(x), want.x, "x after step \(step)", tolerance: OptimizerReference.tolerance)
        try assertClose(
          values(y), want.y, "y after step \(step)", tolerance: OptimizerReference.tolerance)
      }
    }
  }

  @Test func plainSGDStepsAgainstTheGradient() throws {
    let problem = ScalarProblem()
    let sgd = SGD(problem.parameters, rate: 0.1)
    sgd.zeroGrad()
    problem.loss(withY: true).backward()
    sgd.step()
    // x − 0.1 · (2kₓx + 0.25), y − 0.1 · 3k_y y².
    let x = zip(OptimizerReference.x0, OptimizerReference.kx).map { x, k in
      x - 0.1 * (2 * k * x + 0.25)
    }
    let y = zip(OptimizerReference.y0, OptimizerReference.ky).map { y, k in
      y - 0.1 * 3 * k * y * y
    }
    try assertClose(problem.values(problem.x) + problem.values(problem.y), x + y, "one SGD step")
  }

  @Test func momentumMatchesPyTorch() throws {
    let problem = ScalarProblem()
    let sgd = SGD(problem.parameters, rate: OptimizerReference.rate, momentum: 0.9)
    try problem.check(sgd, against: OptimizerReference.momentum)
  }

  @Test func nesterovMomentumMatchesPyTorch() throws {
    let problem = ScalarProblem()
    let sgd = SGD(
      problem.parameters, rate: OptimizerReference.rate, momentum: 0.9, nesterov: true)
    try problem.check(sgd, against: OptimizerReference.nesterov)
  }

  @Test func momentumAddsUpGradientsThatAgree() throws {
    // A constant gradient g: the velocity is g, 1.9g, 2.71g, …, so the steps grow towards
    // rate · g / (1 − μ) = 10 · rate · g.
    let w = Parameter(Scalar(0))
    let sgd = SGD([w], rate: 0.01, momentum: 0.9)
    var velocity = 0.0
    var expected = 0.0
    for step in 1...30 {
      sgd.zeroGrad()
      (w.value(as: Scalar.self) * 2).backward()  // g = 2
      sgd.step()
      velocity = step == 1 ? 2 : 0.9 * velocity + 2
      expected -= 0.01 * velocity
      try assertClose(w.value(as: Scalar.self).data, expected, "w after step \(step)")
    }
    #expect(velocity > 19 && velocity < 20)
  }

  @Test func aParameterWithoutAGradientKeepsItsValue() throws {
    let used = Parameter(Scalar(1))
    let unused = Parameter(Scalar(5))
    let sgd = SGD([used, unused], rate: 0.5, momentum: 0.5)
    for _ in 0..<3 {
      sgd.zeroGrad()
      (used.value(as: Scalar.self) * 3).backward()
      sgd.step()
    }
    #expect(unused.value(as: Scalar.self).data == 5)
    #expect(unused.value(as: Scalar.self).requiresGrad, "a parameter stays a variable")
    #expect(used.value(as: Scalar.self).data < 1)
  }

  @Test func zeroGradForgetsEveryGradient() throws {
    let a = Parameter(Scalar(2))
    let b = Parameter(Scalar(3))
    let optimizer: any Optimizer = SGD([a, b], rate: 0.1)
    (a.value(as: Scalar.self) * b.value(as: Scalar.self)).backward()
    #expect(a.value(as: Scalar.self).derivative == 3)
    optimizer.zeroGrad()
    #expect(a.value(as: Scalar.self).derivative == nil)
    #expect(b.value(as: Scalar.self).derivative == nil)
  }

  @Test func theRateMayChangeBetweenSteps() throws {
    // What a learning-rate schedule does: set `rate` on any optimizer between steps.
    let w = Parameter(Scalar(1))
    let optimizer: any Optimizer = SGD([w], rate: 0.1)
    for rate in [0.1, 0.05, 0.025] {
      optimizer.rate = rate
      optimizer.zeroGrad()
      w.value(as: Scalar.self).backward()  // g = 1
      optimizer.step()
    }
    try assertClose(w.value(as: Scalar.self).data, 1 - 0.175, "w after steps of 0.1, 0.05, 0.025")
  }

  @Test func nesterovWithoutMomentumIsRefused() async {
    await #expect(processExitsWith: .failure) {
      _ = SGD([Parameter(Scalar(1))], rate: 0.1, nesterov: true)
    }
  }

  @Test func aNegativeMomentumIsRefused() async {
    await #expect(processExitsWith: .failure) {
      _ = SGD([Parameter(Scalar(1))], rate: 0.1, momentum: -0.5)
    }
  }
}
