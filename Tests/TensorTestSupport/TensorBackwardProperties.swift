import Module2
import TestSupport
import Testing

/// The laws of Task 2.4 (every backward pass, and broadcasting undone in the chain rule), each
/// written once for any backend: Module 2's suite `Task2_4` checks them on `.simple`, and
/// Module 3 on `.fast`. Gradients are compared with central differences or with values
/// worked out from the definitions, never with another backend.
public enum TensorBackwardProperties {
  /// A seed for `gradCheck` that differs from case to case but is fixed for a given tensor.
  public static func seed(_ t: Tensor) -> UInt64 {
    UInt64(t.size * 31 + t.dims)
  }

  /// Each one-argument function of the MathTest table has the gradient central differences
  /// give.
  public static func oneArgumentGradientsMatchCentralDifferences(
    _ name: String, on backend: TensorBackend,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(Gen<Tensor>.tensors(backend: backend), sourceLocation: sourceLocation) { t in
      try gradCheck({ MathTest.oneArgument(name, $0[0]) }, [t], seed: seed(t))
    }
  }

  /// Each two-argument function has the gradients central differences give.
  public static func twoArgumentGradientsMatchCentralDifferences(
    _ name: String, on backend: TensorBackend,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(Gen<Tensor>.pairs(backend: backend), sourceLocation: sourceLocation) { pair in
      try gradCheck(
        { MathTest.twoArgument(name, $0[0], $0[1]) }, [pair.0, pair.1], seed: seed(pair.0))
    }
  }

  /// … also when the inputs' shapes broadcast.
  public static func broadcastGradientsMatchCentralDifferences(
    _ name: String, on backend: TensorBackend,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(Gen<Tensor>.broadcastPairs(backend: backend), sourceLocation: sourceLocation) { pair in
      try gradCheck(
        { MathTest.twoArgument(name, $0[0], $0[1]) }, [pair.0, pair.1], seed: seed(pair.0))
    }
  }

  /// A gradient has its input's shape, whatever shape the input was broadcast to.
  public static func everyGradientHasItsInputsShape(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(Gen<Tensor>.broadcastPairs(backend: backend), sourceLocation: sourceLocation) { pair in
      let a = Tensor(pair.0.data, backend: backend, requiresGrad: true)
      let b = Tensor(pair.1.data, backend: backend, requiresGrad: true)
      (a * b + a).backward()
      try check(
        a.grad?.shape == a.shape,
        "a.grad has shape \(String(describing: a.grad?.shape)), a has \(a.shape)")
      try check(
        b.grad?.shape == b.shape,
        "b.grad has shape \(String(describing: b.grad?.shape)), b has \(b.shape)")
    }
  }

  /// [3] · [[1, 2]]: the one entry collects both products' gradients.
  public static func aOneEntryTensorTimesARow(on backend: TensorBackend) throws {
    let a = Tensor(shape: [1], data: [3], backend: backend, requiresGrad: true)
    let b = Tensor(shape: [1, 2], data: [1, 2], backend: backend, requiresGrad: true)
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

  /// The guide's example: sum(x · y) for x of shape [5] and y of shape [3, 1].
  public static func theWorkedBroadcastExample(on backend: TensorBackend) throws {
    // Every x entry meets y's 3 entries (0 + 1 + 2 = 3), and every y entry meets x's 5 entries
    // (0 + .25 + .5 + .75 + 1 = 2.5).
    let x = Tensor(shape: [5], data: [0, 0.25, 0.5, 0.75, 1], backend: backend, requiresGrad: true)
    let y = Tensor(shape: [3, 1], data: [0, 1, 2], backend: backend, requiresGrad: true)
    (x * y).sum().backward()
    try assertClose(try gradient(of: x, "x").data.values, [3, 3, 3, 3, 3], "x.grad")
    try check(
      y.grad?.shape == [3, 1],
      "y.grad should have shape [3, 1], got \(String(describing: y.grad?.shape))")
    try assertClose(try gradient(of: y, "y").data.values, [2.5, 2.5, 2.5], "y.grad")
  }

  /// sum and mean, along a dimension and of everything, have the gradients central
  /// differences give.
  public static func reductionGradientsMatchCentralDifferences(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(Gen<Tensor>.tensors(backend: backend), .ints(in: 0...3), sourceLocation: sourceLocation)
    { t, d in
      let dim = d % t.dims
      try gradCheck({ $0[0].sum(dim: dim) }, [t], seed: seed(t))
      try gradCheck({ $0[0].mean(dim: dim) }, [t], seed: seed(t))
      try gradCheck({ $0[0].sum() }, [t], seed: seed(t))
      try gradCheck({ $0[0].mean() }, [t], seed: seed(t))
    }
  }

  /// permute, contiguous and view pass gradients back to the right entries.
  public static func layoutGradientsMatchCentralDifferences(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(
      Gen<Tensor>.tensors(backend: backend), Gen<[Int]>.permutations(of: 4),
      sourceLocation: sourceLocation
    ) { t, order4 in
      let order = order4.filter { $0 < t.dims }
      try gradCheck(
        { Tensor.Permute(order: order).apply($0[0]) * Tensor.Permute(order: order).apply($0[0]) },
        [t], seed: seed(t))
      try gradCheck({ $0[0].contiguous().view($0[0].size).sigmoid() }, [t], seed: seed(t))
      try gradCheck({ $0[0].contiguous() * 3 }, [t], seed: seed(t))
    }
  }

  /// The incoming gradient may be a permuted or strided view starting at an offset; permute,
  /// contiguous and view must pass its entries back by index, not by storage position.
  public static func layoutBackwardsReadAnIncomingGradientOfAnyLayout(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(
      Gen<Tensor>.tensors(backend: backend), Gen<[Int]>.permutations(of: 4),
      .ints(in: 0...1_000_000), sourceLocation: sourceLocation
    ) { t, order4, seed in
      var rng = SplitMix64(seed: UInt64(seed))
      let order = order4.filter { $0 < t.dims }
      // permute: the entry at index i of the output came from the input entry whose dimension
      // order[k] is i[k], and gets the incoming gradient at i.
      let x = Tensor(t.data, backend: backend, requiresGrad: true)
      let permuted = Tensor.Permute(order: order).apply(x)
      var upstream = upstreamGradient(permuted.shape, backend: backend, using: &rng)
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
      let y = Tensor(t.data, backend: backend, requiresGrad: true)
      let copy = y.contiguous()
      upstream = upstreamGradient(copy.shape, backend: backend, using: &rng)
      copy.backward(upstream)
      grad = try gradient(of: y, "y after contiguous().backward(upstream)")
      try assertEntries(
        grad, shape: t.shape,
        "the gradient of contiguous() for incoming strides \(upstream.data.strides), offset "
          + "\(upstream.data.offset)", tolerance: .exact
      ) { upstream.data[$0] }
      // view of a packed leaf that starts at an offset: the same entries in row-major order.
      let packed = Tensor(
        TensorData([7] + t.data.values, shape: t.shape, offset: 1), backend: backend,
        requiresGrad: true)
      let newShape = seed % 2 == 0 ? [t.size] : Array(t.shape.reversed())
      let viewed = Tensor.View(shape: newShape).apply(packed)
      upstream = upstreamGradient(newShape, backend: backend, using: &rng)
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

  /// Every backward reads an incoming gradient of any layout: sums, means, products, relu,
  /// division, log, layouts and matmul, against central differences.
  public static func everyBackwardReadsAnIncomingGradientOfAnyLayout(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(
      Gen<Tensor>.tensors(backend: backend), .ints(in: 0...3), .ints(in: 0...1_000_000),
      cases: 60, sourceLocation: sourceLocation
    ) { t, d, seed in
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
    forAll(
      Gen<Int>.list(of: sizes, count: 4...4), .ints(in: 0...1_000_000), cases: 30,
      sourceLocation: sourceLocation
    ) { n, seed in
      var rng = SplitMix64(seed: UInt64(seed))
      let a = Gen<Tensor>.tensors([n[3], n[0], n[1]], backend: backend).generate(using: &rng)
      let b = Gen<Tensor>.tensors([n[1], n[2]], backend: backend).generate(using: &rng)
      try checkBackward({ $0[0].matmul($0[1]) }, [a, b], "matmul", using: &rng)
    }
  }

  /// lt, gt, eq, isClose and all are steps: whatever the incoming gradient, nothing flows
  /// back.
  public static func comparisonsHaveZeroGradients(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(
      Gen<Tensor>.broadcastPairs(backend: backend), .ints(in: 0...3), .ints(in: 0...1_000_000),
      sourceLocation: sourceLocation
    ) { pair, d, seed in
      var rng = SplitMix64(seed: UInt64(seed))
      let a = Tensor(pair.0.data, backend: backend, requiresGrad: true)
      let b = Tensor(pair.1.data, backend: backend, requiresGrad: true)
      let steps = a.lt(b) + a.gt(b) + a.eq(b) + a.isClose(b) + a.lt(a) + b.eq(b)
      let out = steps + a.all(dim: d % a.dims)
      out.backward(upstreamGradient(out.shape, backend: backend, using: &rng))
      for (name, input) in [("a", a), ("b", b)] {
        let grad = try gradient(of: input, name)
        try assertEntries(
          grad, shape: input.shape,
          "the gradient of \(name) through lt, gt, eq, isClose and all", tolerance: .exact
        ) { _ in 0 }
      }
    }
  }

  /// relu′(0) is taken to be 0 (a corner), so entries that are exactly 0 get no gradient.
  public static func reluPassesNothingBackAtZero(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(
      Gen<Tensor>.tensors(values: .element(of: [-1.5, 0, 0, 2]), backend: backend),
      .ints(in: 0...1_000_000), sourceLocation: sourceLocation
    ) { t, seed in
      var rng = SplitMix64(seed: UInt64(seed))
      let x = Tensor(t.data, backend: backend, requiresGrad: true)
      let y = x.relu()
      let upstream = upstreamGradient(y.shape, backend: backend, using: &rng)
      y.backward(upstream)
      try assertEntries(
        try gradient(of: x, "x"), shape: t.shape, "the gradient of relu at \(t.data.values)",
        tolerance: .exact
      ) { t.data[$0] > 0 ? upstream.data[$0] : 0 }
    }
  }

  /// One function applied to x twice (x · x), and diamonds: values that split and meet again.
  public static func aTensorUsedSeveralTimesCollectsEveryShare(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(
      Gen<Tensor>.tensors(values: .floats(in: -3...3), backend: backend),
      sourceLocation: sourceLocation
    ) { t in
      try gradCheck({ $0[0] + $0[0] * $0[0] }, [t], seed: seed(t))
      try gradCheck({ ($0[0] * 2) * ($0[0] + 3) }, [t], seed: seed(t) + 1)
    }
    forAll(
      Gen<Tensor>.broadcastPairs(values: .floats(in: -3...3), backend: backend),
      sourceLocation: sourceLocation
    ) { pair in
      try gradCheck(
        { x in
          let y = x[0] * x[1]
          return y * x[0] + y.sigmoid() * x[1]
        }, [pair.0, pair.1], seed: seed(pair.0))
    }
  }

  /// matmul has the gradients central differences give, with and without a batch, and for a
  /// right factor seen through two permutes.
  public static func matmulGradientsMatchCentralDifferences(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let sizes = Gen<Int>.ints(in: 1...3)
    forAll(
      Gen<Int>.list(of: sizes, count: 4...4), .element(of: [false, true]),
      sourceLocation: sourceLocation
    ) { n, batched in
      let (rows, inner, columns, batch) = (n[0], n[1], n[2], n[3])
      let a = Tensor.rand(
        batched ? [batch, rows, inner] : [rows, inner], seed: UInt64(rows), backend: backend)
      let b = Tensor.rand([inner, columns], seed: UInt64(columns), backend: backend)
      try gradCheck({ $0[0].matmul($0[1]) }, [a, b], seed: UInt64(inner))
      try gradCheck({ $0[0].matmul($0[1].permute(1, 0).permute(1, 0)) }, [a, b], seed: 1)
    }
  }

  /// backward() on a tensor of any shape starts from ones.
  public static func backwardOfAnyShapeIsSeededWithOnes(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(Gen<Tensor>.tensors(backend: backend), sourceLocation: sourceLocation) { t in
      let x = Tensor(t.data, backend: backend, requiresGrad: true)
      (x * 2).backward()
      let grad = try gradient(of: x, "x after (x * 2).backward()")
      try assertEntries(grad, shape: x.shape, "the gradient of 2x") { _ in 2 }
    }
  }

  /// Gradients add up across backward() calls until zeroGrad().
  public static func gradientsAccumulateUntilCleared(on backend: TensorBackend) throws {
    let x = Tensor(shape: [2], data: [1, 2], backend: backend, requiresGrad: true)
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

  /// A constant never receives a gradient.
  public static func constantsNeverReceiveAGradient(on backend: TensorBackend) throws {
    let x = Tensor(shape: [2], data: [1, 2], backend: backend, requiresGrad: true)
    let c = Tensor(shape: [2], data: [5, 6], backend: backend)
    (x * c + c).sum().backward()
    try check(
      c.grad == nil,
      "the constant c received the gradient \(String(describing: c.grad)), expected none")
    try assertClose(
      try gradient(of: x, "x").data.values, [5, 6], "∂Σ(x·c + c)/∂x")
  }

  /// `unbroadcast(_:to:)` on its own: a gradient of ones in the broadcast shape sums, for each
  /// entry of the smaller input, to the number of copies broadcasting made of it.
  public static func unbroadcastSumsOverEveryBroadcastDimension(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(Gen<Tensor>.broadcastPairs(backend: backend), sourceLocation: sourceLocation) { pair in
      let (a, b) = pair
      let big = referenceBroadcastShape(a.shape, b.shape) ?? []
      let reduced = unbroadcast(Tensor.ones(big, backend: backend), to: a.shape)
      let copies = Double(big.reduce(1, *) / a.size)
      try assertEntries(reduced, shape: a.shape, "ones \(big) summed to \(a.shape)") { _ in copies }
    }
  }

  /// The gradient of sum(dim:) spreads the incoming gradient over the summed dimension.
  public static func sumBackwardSpreadsTheGradientOverTheSummedDimension(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(Gen<Tensor>.tensors(backend: backend), .ints(in: 0...3), sourceLocation: sourceLocation)
    { t, d in
      let dim = d % t.dims
      let x = Tensor(t.data, backend: backend, requiresGrad: true)
      (x.sum(dim: dim) * 2).backward()
      try assertEntries(
        x.grad ?? Tensor.zeros([1]), shape: x.shape, "grad of 2 · sum(dim: \(dim))"
      ) { _ in 2 }
    }
  }
}
