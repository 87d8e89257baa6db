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

  @Test func layoutBackwardsReadAnIncomingGradientOfAnyLayout() {
    // The incoming gradient may be a permuted or strided view starting at an offset; permute,
    // contiguous and view must pass its entries back by index, not by storage position.
    forAll(Gen<Tensor>.tensors(), Gen<[Int]>.permutations(of: 4), .ints(in: 0...1_000_000)) {
      t, order4, seed in
      var rng = SplitMix64(seed: UInt64(seed))
      let order = order4.filter { $0 < t.dims }
      // permute: the entry at index i of the output came from the input entry whose dimension
      // order[k] is i[k], and gets the incoming gradient at i.
      let x = Tensor(t.data, requiresGrad: true)
      let permuted = Tensor.Permute(order: order).apply(x)
      var upstream = upstreamGradient(permuted.shape, using: &rng)
      permuted.backward(upstream)
      var grad = try gradient(of: x, "x after permute(\(order)).backward(upstream)")
      for index in upstream.data.indices() {
        var source = Array(repeating: 0, count: t.dims)
        for (k, dimension) in order.enumerated() {
          source[dimension] = index[k]
        }
        try check(
          grad.data[source] == upstream.data[index],
          "permute(\(order)) of shape \(t.shape): the gradient at \(source) is "
            + "\(grad.data[source]), expected the incoming \(upstream.data[index]) at \(index) "
            + "(incoming strides \(upstream.data.strides), offset \(upstream.data.offset))")
      }
      // contiguous: the same index.
      let y = Tensor(t.data, requiresGrad: true)
      let copy = y.contiguous()
      upstream = upstreamGradient(copy.shape, using: &rng)
      copy.backward(upstream)
      grad = try gradient(of: y, "y after contiguous().backward(upstream)")
      try assertEntries(
        grad, shape: t.shape,
        "the gradient of contiguous() for incoming strides \(upstream.data.strides), offset "
          + "\(upstream.data.offset)", tolerance: .exact
      ) { upstream.data[$0] }
      // view of a packed leaf that starts at an offset: the same entries in row-major order.
      let packed = Tensor(
        TensorData([7] + t.data.values, shape: t.shape, offset: 1), requiresGrad: true)
      let newShape = seed % 2 == 0 ? [t.size] : Array(t.shape.reversed())
      let viewed = Tensor.View(shape: newShape).apply(packed)
      upstream = upstreamGradient(newShape, using: &rng)
      viewed.backward(upstream)
      grad = try gradient(of: packed, "x after view(\(newShape)).backward(upstream)")
      for ordinal in 0..<t.size {
        let (index, incoming) = (countingIndex(ordinal, t.shape), countingIndex(ordinal, newShape))
        try check(
          grad.data[index] == upstream.data[incoming],
          "view(\(newShape)) of shape \(t.shape): the gradient at \(index) is "
            + "\(grad.data[index]), expected the incoming \(upstream.data[incoming]) at "
            + "\(incoming), the same row-major position (incoming strides "
            + "\(upstream.data.strides), offset \(upstream.data.offset))")
      }
    }
  }

  @Test func everyBackwardReadsAnIncomingGradientOfAnyLayout() {
    forAll(Gen<Tensor>.tensors(), .ints(in: 0...3), .ints(in: 0...1_000_000), cases: 60) {
      t, d, seed in
      var rng = SplitMix64(seed: UInt64(seed))
      let dim = d % t.dims
      try checkBackward({ $0[0].sum(dim: dim) }, [t], "sum(dim: \(dim))", using: &rng)
      try checkBackward({ $0[0].mean() }, [t], "mean()", using: &rng)
      try checkBackward({ $0[0] * $0[0].sigmoid() }, [t], "x · σ(x)", using: &rng)
      try checkBackward(
        { ($0[0] - 0.25).relu() / ($0[0] * $0[0] + 1) }, [t], "relu(x − 0.25) / (x² + 1)",
        using: &rng)
      let order = Array((0..<t.dims).reversed())
      try checkBackward(
        { x in
          let flat = Tensor.Permute(order: order).apply(x[0]).contiguous().view(t.size)
          return (flat * flat + 1).log()
        }, [t], "log(p² + 1) of p, the reversed layout seen flat", using: &rng)
    }
    let sizes = Gen<Int>.ints(in: 1...3)
    forAll(Gen<Int>.list(of: sizes, count: 4...4), .ints(in: 0...1_000_000), cases: 30) {
      n, seed in
      var rng = SplitMix64(seed: UInt64(seed))
      let a = Gen<Tensor>.tensors([n[3], n[0], n[1]]).generate(using: &rng)
      let b = Gen<Tensor>.tensors([n[1], n[2]]).generate(using: &rng)
      try checkBackward({ $0[0].matmul($0[1]) }, [a, b], "matmul", using: &rng)
    }
  }

  @Test func comparisonsHaveZeroGradients() {
    // lt, gt, eq, isClose and all are steps: whatever the incoming gradient, nothing flows back.
    forAll(Gen<Tensor>.broadcastPairs(), .ints(in: 0...3), .ints(in: 0...1_000_000)) {
      pair, d, seed in
      var rng = SplitMix64(seed: UInt64(seed))
      let a = Tensor(pair.0.data, requiresGrad: true)
      let b = Tensor(pair.1.data, requiresGrad: true)
      let steps = a.lt(b) + a.gt(b) + a.eq(b) + a.isClose(b) + a.lt(a) + b.eq(b)
      let out = steps + a.all(dim: d % a.dims)
      out.backward(upstreamGradient(out.shape, using: &rng))
      for (name, input) in [("a", a), ("b", b)] {
        let grad = try gradient(of: input, name)
        try assertEntries(
          grad, shape: input.shape,
          "the gradient of \(name) through lt, gt, eq, isClose and all", tolerance: .exact
        ) { _ in 0 }
      }
    }
  }

  @Test func reluPassesNothingBackAtZero() {
    // relu′(0) is taken to be 0 (a corner), so entries that are exactly 0 get no gradient.
    forAll(Gen<Tensor>.tensors(values: .element(of: [-1.5, 0, 0, 2])), .ints(in: 0...1_000_000)) {
      t, seed in
      var rng = SplitMix64(seed: UInt64(seed))
      let x = Tensor(t.data, requiresGrad: true)
      let y = x.relu()
      let upstream = upstreamGradient(y.shape, using: &rng)
      y.backward(upstream)
      try assertEntries(
        try gradient(of: x, "x"), shape: t.shape, "the gradient of relu at \(t.data.values)",
        tolerance: .exact
      ) { t.data[$0] > 0 ? upstream.data[$0] : 0 }
    }
  }

  @Test func aTensorUsedSeveralTimesCollectsEveryShare() {
    // One function applied to x twice (x · x), and diamonds: values that split and meet again.
    forAll(Gen<Tensor>.tensors(values: .floats(in: -3...3))) { t in
      try gradCheck({ $0[0] + $0[0] * $0[0] }, [t], seed: Self.seed(t))
      try gradCheck({ ($0[0] * 2) * ($0[0] + 3) }, [t], seed: Self.seed(t) + 1)
    }
    forAll(Gen<Tensor>.broadcastPairs(values: .floats(in: -3...3))) { pair in
      try gradCheck(
        { x in
          let y = x[0] * x[1]
          return y * x[0] + y.sigmoid() * x[1]
        }, [pair.0, pair.1], seed: Self.seed(pair.0))
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
