import Module2
import TestSupport
import Testing

/// The gradient of `tensor`; throws, naming `what`, when backward() left it without one.
func gradient(of tensor: Tensor, _ what: String) throws -> Tensor {
  guard let grad = tensor.grad else {
    throw CheckFailure(
      "\(what) has no gradient (grad is nil), expected one of shape \(tensor.shape)")
  }
  return grad
}

/// Task 2.4: every backward pass, and broadcasting undone in the chain rule.
@Suite("Task 2.4: tensor backward", .explainsStops)
struct Task2_4 {
  /// A seed for `gradCheck` that differs from case to case but is fixed for a given tensor.
  static func seed(_ t: Tensor) -> UInt64 {
    UInt64(t.size * 31 + t.dims)
  }

  @Test(arguments: MathTest.oneArgumentNames)
  func oneArgumentGradientsMatchCentralDifferences(name: String) {
    forAll(Gen<Tensor>.tensors()) { t in
      try gradCheck({ MathTest.oneArgument(name, $0[0]) }, [t], seed: Self.seed(t))
    }
  }

  @Test(arguments: MathTest.twoArgumentNames)
  func twoArgumentGradientsMatchCentralDifferences(name: String) {
    forAll(Gen<Tensor>.pairs()) { pair in
      try gradCheck(
        { MathTest.twoArgument(name, $0[0], $0[1]) }, [pair.0, pair.1], seed: Self.seed(pair.0))
    }
  }

  @Test(arguments: MathTest.twoArgumentNames)
  func broadcastGradientsMatchCentralDifferences(name: String) {
    forAll(Gen<Tensor>.broadcastPairs()) { pair in
      try gradCheck(
        { MathTest.twoArgument(name, $0[0], $0[1]) }, [pair.0, pair.1], seed: Self.seed(pair.0))
    }
  }

  @Test func everyGradientHasItsInputsShape() {
    forAll(Gen<Tensor>.broadcastPairs()) { pair in
      let a = Tensor(pair.0.data, requiresGrad: true)
      let b = Tensor(pair.1.data, requiresGrad: true)
      (a * b + a).backward()
      try check(
        a.grad?.shape == a.shape,
        "a.grad has shape \(String(describing: a.grad?.shape)), a has \(a.shape)")
      try check(
        b.grad?.shape == b.shape,
        "b.grad has shape \(String(describing: b.grad?.shape)), b has \(b.shape)")
    }
  }

  @Test func aOneEntryTensorTimesARow() throws {
    let a = Tensor(shape: [1], data: [3], requiresGrad: true)
    let b = Tensor(shape: [1, 2], data: [1, 2], requiresGrad: true)
    (a * b).backward()
    try check(
      a.grad?.shape == [1], "a.grad should have shape [1], got \(String(describing: a.grad?.shape))"
    )
    try check(
      b.grad?.shape == [1, 2],
      "b.grad should have shape [1, 2], got \(String(describing: b.grad?.shape))")
    try check(
      a.grad?.data.values == [3], "a.grad should be [3] (1 + 2), got \(String(describing: a.grad))")
    try check(
      b.grad?.data.values == [3, 3], "b.grad should be [[3, 3]], got \(String(describing: b.grad))")
  }

  @Test func theWorkedBroadcastExample() throws {
    // sum(x · y) for x of shape [5] and y of shape [3, 1]: every x entry meets y's 3 entries
    // (0 + 1 + 2 = 3), and every y entry meets x's 5 entries (0 + .25 + .5 + .75 + 1 = 2.5).
    let x = Tensor(shape: [5], data: [0, 0.25, 0.5, 0.75, 1], requiresGrad: true)
    let y = Tensor(shape: [3, 1], data: [0, 1, 2], requiresGrad: true)
    (x * y).sum().backward()
    try assertClose(try gradient(of: x, "x").data.values, [3, 3, 3, 3, 3], "x.grad")
    try check(
      y.grad?.shape == [3, 1],
      "y.grad should have shape [3, 1], got \(String(describing: y.grad?.shape))")
    try assertClose(try gradient(of: y, "y").data.values, [2.5, 2.5, 2.5], "y.grad")
  }

  @Test func reductionGradientsMatchCentralDifferences() {
    forAll(Gen<Tensor>.tensors(), .ints(in: 0...3)) { t, d in
      let dim = d % t.dims
      try gradCheck({ $0[0].sum(dim: dim) }, [t], seed: Self.seed(t))
      try gradCheck({ $0[0].mean(dim: dim) }, [t], seed: Self.seed(t))
      try gradCheck({ $0[0].sum() }, [t], seed: Self.seed(t))
      try gradCheck({ $0[0].mean() }, [t], seed: Self.seed(t))
    }
  }

  @Test func layoutGradientsMatchCentralDifferences() {
    forAll(Gen<Tensor>.tensors(), Gen<[Int]>.permutations(of: 4)) { t, order4 in
      let order = order4.filter { $0 < t.dims }
      try gradCheck(
        { Tensor.Permute(order: order).apply($0[0]) * Tensor.Permute(order: order).apply($0[0]) },
        [t], seed: Self.seed(t))
      try gradCheck({ $0[0].contiguous().view($0[0].size).sigmoid() }, [t], seed: Self.seed(t))
      try gradCheck({ $0[0].contiguous() * 3 }, [t], seed: Self.seed(t))
    }
  }

  @Test func matmulGradientsMatchCentralDifferences() {
    let sizes = Gen<Int>.ints(in: 1...3)
    forAll(Gen<Int>.list(of: sizes, count: 4...4), .element(of: [false, true])) { n, batched in
      let (rows, inner, columns, batch) = (n[0], n[1], n[2], n[3])
      let a = Tensor.rand(batched ? [batch, rows, inner] : [rows, inner], seed: UInt64(rows))
      let b = Tensor.rand([inner, columns], seed: UInt64(columns))
      try gradCheck({ $0[0].matmul($0[1]) }, [a, b], seed: UInt64(inner))
      try gradCheck({ $0[0].matmul($0[1].permute(1, 0).permute(1, 0)) }, [a, b], seed: 1)
    }
  }

  @Test func backwardOfAnyShapeIsSeededWithOnes() {
    forAll(Gen<Tensor>.tensors()) { t in
      let x = Tensor(t.data, requiresGrad: true)
      (x * 2).backward()
      let grad = try gradient(of: x, "x after (x * 2).backward()")
      try assertEntries(grad, shape: x.shape, "the gradient of 2x") { _ in 2 }
    }
  }

  @Test func gradientsAccumulateUntilCleared() throws {
    let x = Tensor(shape: [2], data: [1, 2], requiresGrad: true)
    (x * x).sum().backward()
    (x * x).sum().backward()
    try assertClose(
      try gradient(of: x, "x after two backward()").data.values, [4, 8],
      "x.grad after two backward() of Σx² at [1, 2]")
    x.zeroGrad()
    (x * 3).sum().backward()
    try assertClose(
      try gradient(of: x, "x after zeroGrad() and backward()").data.values, [3, 3],
      "x.grad after zeroGrad() and backward() of Σ3x")
  }

  @Test func constantsNeverReceiveAGradient() throws {
    let x = Tensor(shape: [2], data: [1, 2], requiresGrad: true)
    let c = Tensor(shape: [2], data: [5, 6])
    (x * c + c).sum().backward()
    try check(
      c.grad == nil,
      "the constant c received the gradient \(String(describing: c.grad)), expected none")
    try assertClose(
      try gradient(of: x, "x").data.values, [5, 6], "∂Σ(x·c + c)/∂x")
  }

  @Test func unbroadcastSumsOverEveryBroadcastDimension() {
    // `unbroadcast(_:to:)` on its own: a gradient of ones in the broadcast shape sums, for each
    // entry of the smaller input, to the number of copies broadcasting made of it.
    forAll(Gen<Tensor>.broadcastPairs()) { pair in
      let (a, b) = pair
      let big = referenceBroadcastShape(a.shape, b.shape) ?? []
      let reduced = unbroadcast(Tensor.ones(big), to: a.shape)
      let copies = Double(big.reduce(1, *) / a.size)
      try assertEntries(reduced, shape: a.shape, "ones \(big) summed to \(a.shape)") { _ in copies }
    }
  }

  @Test func sumBackwardSpreadsTheGradientOverTheSummedDimension() {
    forAll(Gen<Tensor>.tensors(), .ints(in: 0...3)) { t, d in
      let dim = d % t.dims
      let x = Tensor(t.data, requiresGrad: true)
      (x.sum(dim: dim) * 2).backward()
      try assertEntries(x.grad ?? Tensor.zeros([1]), shape: x.shape, "grad of 2 · sum(dim: \(dim))")
      {
        _ in 2
      }
    }
  }
}
