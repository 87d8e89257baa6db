import Foundation
import Module4
import TensorTestSupport
import TestSupport
import Testing

/// Task 4.4: max and argmax (first arg-max on ties), softmax, logsoftmax, max pooling and
/// dropout.
@Suite("Task 4.4: max, softmax, max pooling, dropout", .explainsStops)
struct Task4_4 {
  /// Shapes of 1 to 3 dimensions of size 1 to 4, and a dimension of them.
  static var shapeAndDim: Gen<(shape: [Int], dim: Int)> {
    Gen<Int>.list(of: .ints(in: 1...4), count: 1...3).zip(.ints(in: 0...2)).map {
      ($0, $1 % $0.count)
    }
  }

  /// The entries of row-major `values` of `shape` grouped by line along `dim`: for every
  /// index with `dim` fixed to 0, the positions (row-major ordinals) along the line.
  static func lines(_ shape: [Int], dim: Int) -> [[Int]] {
    let strides = rowMajorStrides(shape)
    let size = shape.reduce(1, *)
    return (0..<size).filter { ($0 / strides[dim]) % shape[dim] == 0 }.map { start in
      (0..<shape[dim]).map { start + $0 * strides[dim] }
    }
  }

  // MARK: max and argmax

  @Test(arguments: gradedBackends)
  func maxIsTheLargestEntryOfEachLine(backend: TensorBackend) {
    forAll(Self.shapeAndDim, .ints(in: 0...1000)) { shapeAndDim, seed in
      let (shape, dim) = shapeAndDim
      var rng = SplitMix64(seed: UInt64(seed))
      let x = Gen<Tensor>.tensors(shape, values: .distinct, backend: backend).generate(using: &rng)
      let values = x.data.values
      var reduced = shape
      reduced[dim] = 1
      try assertTensor(
        x.max(dim: dim), shape: reduced,
        Self.lines(shape, dim: dim).map { line in line.map { values[$0] }.max() ?? 0 },
        "max(dim: \(dim)) of \(x.data.values) (shape \(shape))", tolerance: .exact)
      try assertTensor(
        x.max(), shape: [1], [values.max() ?? 0], "max() of \(values)", tolerance: .exact)
    }
  }

  @Test(arguments: gradedBackends)
  func tiesSendTheWholeGradientToTheFirstMaximum(backend: TensorBackend) throws {
    let x = Tensor(
      shape: [3, 4], data: [3, 7, 1, 7, 5, 5, 5, 5, -1, -2, -1, 0], backend: backend,
      requiresGrad: true)
    x.max(dim: 1).backward(Tensor(shape: [3, 1], data: [10, 20, 30], backend: backend))
    try assertClose(
      x.grad?.data.values ?? [], [0, 10, 0, 0, 20, 0, 0, 0, 0, 0, 0, 30],
      "∂max(dim: 1)/∂x with upstream [10, 20, 30] for rows [3, 7, 1, 7], [5, 5, 5, 5], "
        + "[−1, −2, −1, 0]: everything to the first maximum")
    let y = Tensor(shape: [2, 2], data: [4, 4, 4, 4], backend: backend, requiresGrad: true)
    y.max().backward()
    try assertClose(
      y.grad?.data.values ?? [], [1, 0, 0, 0], "∂max()/∂y for four equal entries")
    let z = Tensor(shape: [2, 3], data: [1, 9, 2, 9, 0, 9], backend: backend, requiresGrad: true)
    z.max(dim: 0).backward()
    try assertClose(
      z.grad?.data.values ?? [], [0, 1, 0, 1, 0, 1],
      "∂max(dim: 0)/∂z for columns [1, 9], [9, 0], [2, 9]")
  }

  @Test(arguments: gradedBackends)
  func argmaxMarksOnlyTheFirstMaximum(backend: TensorBackend) throws {
    let x = Tensor(shape: [2, 4], data: [3, 7, 1, 7, 2, 2, 2, 2], backend: backend)
    try assertTensor(
      x.argmax(dim: 1), shape: [2, 4], [0, 1, 0, 0, 1, 0, 0, 0],
      "argmax(dim: 1) of [[3, 7, 1, 7], [2, 2, 2, 2]]", tolerance: .exact)
    try assertTensor(
      x.argmax(dim: 0), shape: [2, 4], [1, 1, 0, 1, 0, 0, 1, 0],
      "argmax(dim: 0) of [[3, 7, 1, 7], [2, 2, 2, 2]]", tolerance: .exact)
    try assertTensor(
      x.argmax(), shape: [2, 4], [0, 1, 0, 0, 0, 0, 0, 0],
      "argmax() of [[3, 7, 1, 7], [2, 2, 2, 2]]", tolerance: .exact)
  }

  @Test(arguments: gradedBackends)
  func argmaxHasExactlyOneOnePerLineAtAMaximum(backend: TensorBackend) {
    // Entries from a few values, so ties are common.
    let fewValues = Gen<Double>.element(of: [-1, 0, 2, 2.5])
    forAll(Self.shapeAndDim, .ints(in: 0...1000)) { shapeAndDim, seed in
      let (shape, dim) = shapeAndDim
      var rng = SplitMix64(seed: UInt64(seed))
      let x = Gen<Tensor>.tensors(shape, values: fewValues, backend: backend).generate(using: &rng)
      let values = x.data.values
      let mask = x.argmax(dim: dim).data.values
      for line in Self.lines(shape, dim: dim) {
        let largest = line.map { values[$0] }.max() ?? 0
        let first = line.first { values[$0] == largest } ?? -1
        let marks = line.map { mask[$0] }
        try check(
          marks == line.map { $0 == first ? 1 : 0 },
          "argmax(dim: \(dim)) of the line \(line.map { values[$0] }) is \(marks); expected 1 "
            + "at the first maximum only")
      }
    }
  }

  @Test(arguments: gradedBackends)
  func maxGradientsMatchCentralDifferences(backend: TensorBackend) {
    forAll(Self.shapeAndDim, .ints(in: 0...1000), cases: 60) { shapeAndDim, seed in
      let (shape, dim) = shapeAndDim
      var rng = SplitMix64(seed: UInt64(seed))
      let x = Gen<Tensor>.tensors(shape, values: .distinct, backend: backend).generate(using: &rng)
      try gradCheck(
        { $0[0].max(dim: dim) }, [x], seed: UInt64(seed), rtol: Task4_1.rtol, atol: Task4_1.atol)
      try gradCheck(
        { $0[0].max() * 2 }, [x], seed: UInt64(seed), rtol: Task4_1.rtol, atol: Task4_1.atol)
    }
  }

  // MARK: softmax and logsoftmax

  @Test(arguments: gradedBackends)
  func softmaxOfKnownRows(backend: TensorBackend) throws {
    let x = Tensor(shape: [2, 3], data: [1, 2, 3, 0, 0, 0], backend: backend)
    let e: [Double] = [1, 2, 3].map { Foundation.exp($0) }
    let total: Double = e.reduce(0, +)
    let third: Double = 1.0 / 3
    let probabilities: [Double] = e.map { $0 / total } + [third, third, third]
    try assertTensor(
      x.softmax(dim: 1), shape: [2, 3], probabilities, "softmax(dim: 1) of [[1, 2, 3], [0, 0, 0]]")
    let logs: [Double] = probabilities.map { Foundation.log($0) }
    try assertTensor(
      x.logsoftmax(dim: 1), shape: [2, 3], logs,
      "logsoftmax(dim: 1) of [[1, 2, 3], [0, 0, 0]]")
  }

  @Test(arguments: gradedBackends)
  func softmaxLinesArePositiveAndSumToOne(backend: TensorBackend) {
    let wide = Gen<Double>.floats(in: -50...50)
    forAll(Self.shapeAndDim, .ints(in: 0...1000)) { shapeAndDim, seed in
      let (shape, dim) = shapeAndDim
      var rng = SplitMix64(seed: UInt64(seed))
      let x = Gen<Tensor>.tensors(shape, values: wide, backend: backend).generate(using: &rng)
      let p = x.softmax(dim: dim).data.values
      for line in Self.lines(shape, dim: dim) {
        let entries = line.map { p[$0] }
        try check(
          entries.allSatisfy { $0 >= 0 && $0 <= 1 },
          "softmax(dim: \(dim)) gave \(entries), not probabilities")
        try assertClose(
          entries.reduce(0, +), 1, "the sum of softmax(dim: \(dim)) along a line of \(shape)")
      }
    }
  }

  @Test(arguments: gradedBackends)
  func theExponentialOfLogsoftmaxIsSoftmax(backend: TensorBackend) {
    forAll(Self.shapeAndDim, .ints(in: 0...1000)) { shapeAndDim, seed in
      let (shape, dim) = shapeAndDim
      var rng = SplitMix64(seed: UInt64(seed))
      let x = Gen<Tensor>.tensors(shape, values: .smallFloats, backend: backend)
        .generate(using: &rng)
      try assertClose(
        x.logsoftmax(dim: dim).data.values.map { Foundation.exp($0) },
        x.softmax(dim: dim).data.values, "exp(logsoftmax(dim: \(dim))) against softmax")
    }
  }

  @Test(arguments: gradedBackends)
  func largeInputsStayFinite(backend: TensorBackend) throws {
    let x = Tensor(
      shape: [3, 3], data: [1000, -1000, 0, 1000, 1000, 999, -1000, -1000, -1000],
      backend: backend, requiresGrad: true)
    let p = x.softmax(dim: 1)
    let logp = x.logsoftmax(dim: 1)
    let e: Double = Foundation.exp(-1)
    let (top, next, third): (Double, Double, Double) = (1 / (2 + e), e / (2 + e), 1.0 / 3)
    try assertClose(
      p.data.values, [1, 0, 0, top, top, next, third, third, third],
      "softmax(dim: 1) of rows [1000, −1000, 0], [1000, 1000, 999], [−1000, −1000, −1000]",
      tolerance: Tolerance(rtol: 1e-7, atol: 1e-300))
    try check(
      logp.data.values.allSatisfy(\.isFinite),
      "logsoftmax(dim: 1) of entries ±1000 should be finite, got \(logp.data.values)")
    try assertClose(
      logp.data.values[0], 0, "logsoftmax of 1000 in the row [1000, −1000, 0]")
    try assertClose(
      logp.data.values[1], -2000, "logsoftmax of −1000 in the row [1000, −1000, 0]")
    (logp.sum() + p.sum()).backward()
    try check(
      x.grad?.data.values.allSatisfy(\.isFinite) == true,
      "the gradient through softmax and logsoftmax of ±1000 should be finite, got "
        + "\(String(describing: x.grad?.data.values))")
  }

  @Test(arguments: gradedBackends)
  func softmaxGradientsMatchCentralDifferences(backend: TensorBackend) {
    forAll(Self.shapeAndDim, .ints(in: 0...1000), cases: 60) { shapeAndDim, seed in
      let (shape, dim) = shapeAndDim
      var rng = SplitMix64(seed: UInt64(seed))
      let x = Gen<Tensor>.tensors(shape, values: .distinct, backend: backend).generate(using: &rng)
      try gradCheck(
        { $0[0].softmax(dim: dim) }, [x], seed: UInt64(seed), rtol: Task4_1.rtol,
        atol: Task4_1.atol)
      try gradCheck(
        { $0[0].logsoftmax(dim: dim) }, [x], seed: UInt64(seed), rtol: Task4_1.rtol,
        atol: Task4_1.atol)
    }
  }

  // MARK: max pooling

  @Test(arguments: gradedBackends)
  func maxPoolingOfAFourByFourImage(backend: TensorBackend) throws {
    let image = Tensor(
      shape: [1, 1, 4, 4], data: [1, 5, 2, 0, 3, 4, 2, 2, 9, 8, 0, -1, 7, 6, -3, -2],
      backend: backend, requiresGrad: true)
    let pooled = maxpool2d(image, kernel: 2)
    try assertTensor(
      pooled, shape: [1, 1, 2, 2], [5, 2, 9, 0],
      "maxpool2d of [[1, 5, 2, 0], [3, 4, 2, 2], [9, 8, 0, −1], [7, 6, −3, −2]], kernel 2",
      tolerance: .exact)
    pooled.backward()
    // The block [2, 0, 2, 2] has three maxima: its gradient goes to the first (row-major).
    try assertClose(
      image.grad?.data.values ?? [], [0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0],
      "∂Σ maxpool2d/∂x: one 1 per block, at its first maximum")
  }

  @Test(arguments: gradedBackends)
  func maxPoolingIsTheLargestOfEachBlock(backend: TensorBackend) {
    forAll(Task4_3.pooling, .ints(in: 0...1000), cases: 60) { pooling, seed in
      let (shape, kernel) = pooling
      var rng = SplitMix64(seed: UInt64(seed))
      let x = Gen<Tensor>.tensors(shape, values: .distinct, backend: backend).generate(using: &rng)
      let values = x.data.values
      let (kh, kw) = (kernel.height, kernel.width)
      let (rows, cols) = (shape[2] / kh, shape[3] / kw)
      var expected: [Double] = []
      for b in 0..<shape[0] {
        for c in 0..<shape[1] {
          for i in 0..<rows {
            for j in 0..<cols {
              var largest = -Double.infinity
              for u in 0..<kh {
                for v in 0..<kw {
                  let at = ((b * shape[1] + c) * shape[2] + i * kh + u) * shape[3] + j * kw + v
                  largest = Swift.max(largest, values[at])
                }
              }
              expected.append(largest)
            }
          }
        }
      }
      try assertTensor(
        maxpool2d(x, kernel: kernel), shape: [shape[0], shape[1], rows, cols], expected,
        "maxpool2d of \(shape) with kernel \(kernel)", tolerance: .exact)
      try gradCheck(
        { maxpool2d($0[0], kernel: kernel) }, [x], seed: UInt64(seed), samples: 6,
        rtol: Task4_1.rtol, atol: Task4_1.atol)
    }
  }

  // MARK: dropout

  @Test(arguments: gradedBackends)
  func dropoutAtRatesZeroAndOne(backend: TensorBackend) throws {
    let x = Tensor(shape: [2, 5], data: (1...10).map(Double.init), backend: backend)
    var rng = SplitMix64(seed: 1)
    try assertTensor(
      dropout(x, rate: 0, rng: &rng), shape: [2, 5], x.data.values,
      "dropout at rate 0 (nothing dropped)", tolerance: .exact)
    try assertTensor(
      dropout(x, rate: 1, rng: &rng), shape: [2, 5], Array(repeating: 0, count: 10),
      "dropout at rate 1 (everything dropped)", tolerance: .exact)
  }

  @Test(arguments: gradedBackends)
  func dropoutIsTheIdentityInEvaluationMode(backend: TensorBackend) throws {
    let x = Tensor(shape: [3, 4], data: (1...12).map(Double.init), backend: backend)
    var rng = SplitMix64(seed: 7)
    let before = rng.state
    try assertTensor(
      dropout(x, rate: 0.5, rng: &rng, training: false), shape: [3, 4], x.data.values,
      "dropout(rate: 0.5, training: false)", tolerance: .exact)
    try check(rng.state == before, "dropout in evaluation mode drew random numbers")
    let layer = TensorDropout(rate: 0.5, seed: 7)
    layer.eval()
    try assertTensor(
      layer(x), shape: [3, 4], x.data.values, "TensorDropout(rate: 0.5) after eval()",
      tolerance: .exact)
  }

  @Test(arguments: gradedBackends)
  func survivorsAreScaledAndTheGradientIsTheMask(backend: TensorBackend) {
    forAll(Gen<Double>.floats(in: 0.1...0.9), .ints(in: 0...1000)) { rate, seed in
      let x = Tensor(
        shape: [20, 25], data: (0..<500).map { Double($0 % 7) + 1 }, backend: backend,
        requiresGrad: true)
      var rng = SplitMix64(seed: UInt64(seed))
      let out = dropout(x, rate: rate, rng: &rng)
      out.backward()
      let (kept, values, grads) = (out.data.values, x.data.values, x.grad?.data.values ?? [])
      var dropped = 0
      for i in kept.indices {
        if kept[i] == 0 {
          dropped += 1
          try check(grads[i] == 0, "a dropped entry got the gradient \(grads[i]), expected 0")
        } else {
          try assertClose(
            kept[i], values[i] / (1 - rate), "a surviving entry at rate \(rate)")
          try assertClose(grads[i], 1 / (1 - rate), "the gradient of a survivor at rate \(rate)")
        }
      }
      // 500 draws: the fraction dropped is within 0.1 of the rate (about 4.5 standard deviations).
      let fraction = Double(dropped) / 500
      try check(
        abs(fraction - rate) < 0.1, "dropout at rate \(rate) dropped \(fraction) of 500 entries")
    }
  }

  @Test(arguments: gradedBackends)
  func dropoutDrawsANewMaskEachStepAndTheSameSequenceEachRun(backend: TensorBackend) throws {
    let x = Tensor.ones([4, 8], backend: backend)
    let first = TensorDropout(rate: 0.5, seed: 42)
    let second = TensorDropout(rate: 0.5, seed: 42)
    let run1 = (0..<3).map { _ in first(x).data.values }
    let run2 = (0..<3).map { _ in second(x).data.values }
    try check(run1 == run2, "two dropout layers with seed 42 gave different masks")
    try check(
      run1[0] != run1[1] && run1[1] != run1[2],
      "one dropout layer gave the same mask on consecutive steps")
    let other = TensorDropout(rate: 0.5, seed: 43)
    try check(other(x).data.values != run1[0], "seeds 42 and 43 gave the same first mask")
  }

  // MARK: the graph

  @Test(arguments: gradedBackends)
  func everyFunctionRecordsItsInput(backend: TensorBackend) {
    forAll(Self.shapeAndDim, .ints(in: 0...1000), cases: 20) { shapeAndDim, seed in
      let (shape, dim) = shapeAndDim
      var rng = SplitMix64(seed: UInt64(seed))
      let x = leaf(shape, backend, &rng)
      let results: [(String, Tensor)] = [
        ("max(dim: \(dim))", x.max(dim: dim)), ("max()", x.max()),
        ("softmax(dim: \(dim))", x.softmax(dim: dim)),
        ("logsoftmax(dim: \(dim))", x.logsoftmax(dim: dim)),
        ("dropout(rate: 0.5)", dropout(x, rate: 0.5, rng: &rng)),
      ]
      for (what, result) in results {
        try checkRecordsOperands(result, [("x", x)], "\(what) of \(shape)")
      }
      let image = leaf([1, 2, 4, 6], backend, &rng)
      try checkRecordsOperands(
        maxpool2d(image, kernel: Size2D(2, 3)), [("x", image)], "maxpool2d of [1, 2, 4, 6]")
    }
  }
}
