import Module4
import TensorTestSupport
import TestSupport
import Testing

/// Task 4.1: the 1-D convolution: unfold, fold, and the forward and backward passes as matrix
/// products.
@Suite("Task 4.1: 1-D convolution", .explainsStops)
struct Task4_1 {
  /// The tolerance of every gradient check of Module 4's tasks: at inputs of order 1 (`.distinct`)
  /// and a random incoming gradient, relative to the gradient's size (`Tolerance.gradient`), so
  /// that a wrong derivative shows however small the gradient is.
  static let (rtol, atol) = (Tolerance.gradient.rtol, Tolerance.gradient.atol)

  /// A seed for `gradCheck` that differs from case to case.
  static func seed(_ settings: AxisSettings, _ channels: Channels) -> UInt64 {
    UInt64(settings.size * 131 + settings.kernel * 17 + channels.inChannels * 5 + channels.batch)
  }

  // MARK: unfold and fold

  @Test(arguments: gradedBackends)
  func unfoldCopiesEachWindowIntoAColumn(backend: TensorBackend) {
    forAll(AxisSettings.gen, Channels.gen) { axis, channels in
      let shape = [channels.batch, channels.inChannels, axis.size]
      let x = (0..<shape.reduce(1, *)).map { Double($0 + 1) }
      let geometry = Convolution1dGeometry(
        input: shape, weight: [1, channels.inChannels, axis.kernel], stride: axis.stride,
        padding: axis.padding, dilation: axis.dilation)
      let columns = geometry.unfold(TensorData(x, shape: shape), backend.ops)
      // columns[b, c·K + k, p] = x[b, c, p·s − pad + k·d], 0 in the padding.
      var expected: [Double] = []
      for b in 0..<channels.batch {
        for c in 0..<channels.inChannels {
          for k in 0..<axis.kernel {
            for p in 0..<axis.outputSize {
              let at = p * axis.stride - axis.padding + k * axis.dilation
              expected.append(
                at >= 0 && at < axis.size ? x[(b * channels.inChannels + c) * axis.size + at] : 0)
            }
          }
        }
      }
      let columnsShape = [
        channels.batch, channels.inChannels * axis.kernel, axis.outputSize,
      ]
      try check(
        columns.shape == columnsShape,
        "unfold of input \(shape) (\(axis)) has shape \(columns.shape), expected \(columnsShape)")
      try assertClose(
        columns.values, expected, "unfold of input \(shape) (\(axis))", tolerance: .exact)
    }
  }

  @Test(arguments: gradedBackends)
  func foldIsTheAdjointOfUnfold(backend: TensorBackend) {
    // ⟨unfold(x), c⟩ = ⟨x, fold(c)⟩ for all x and c: fold sends every column entry back to the
    // input position it came from, which is what makes fold(dColumns) the input's gradient.
    forAll(AxisSettings.gen, Channels.gen, Gen<Double>.list(of: .distinct, count: 200...200)) {
      axis, channels, numbers in
      let shape = [channels.batch, channels.inChannels, axis.size]
      let geometry = Convolution1dGeometry(
        input: shape, weight: [1, channels.inChannels, axis.kernel], stride: axis.stride,
        padding: axis.padding, dilation: axis.dilation)
      let x = Array(numbers.prefix(shape.reduce(1, *)))
      let columnsSize = geometry.columnsShape.reduce(1, *)
      let c = (0..<columnsSize).map { numbers[($0 * 7 + 3) % numbers.count] }
      let folded = geometry.fold(TensorData(c, shape: geometry.columnsShape), backend.ops)
      try check(
        folded.shape == shape, "fold gave shape \(folded.shape), expected the input's \(shape)")
      try assertClose(
        dot(x, folded.values),
        dot(geometry.unfold(TensorData(x, shape: shape), backend.ops).values, c),
        "⟨x, fold(c)⟩ against ⟨unfold(x), c⟩ for input \(shape) (\(axis))")
    }
  }

  // MARK: forward

  @Test(arguments: gradedBackends)
  func knownSmallCases(backend: TensorBackend) throws {
    // x = 1…5 and the asymmetric kernel [1, 2, 3]: out[p] = x[p] + 2x[p + 1] + 3x[p + 2]; a
    // flipped kernel gives 3x[p] + 2x[p + 1] + x[p + 2] = [10, 16, 22] instead.
    let x = Tensor(shape: [1, 1, 5], data: [1, 2, 3, 4, 5], backend: backend)
    let w = Tensor(shape: [1, 1, 3], data: [1, 2, 3], backend: backend)
    let cases: [(stride: Int, padding: Int, dilation: Int, expected: [Double])] = [
      (1, 0, 1, [14, 20, 26]),
      (1, 1, 1, [8, 14, 20, 26, 14]),
      (2, 1, 1, [8, 20, 14]),
      (1, 0, 2, [22]),
      (2, 2, 2, [11, 22, 13]),
    ]
    for (stride, padding, dilation, expected) in cases {
      let out = conv1d(x, w, stride: stride, padding: padding, dilation: dilation)
      try assertTensor(
        out, shape: [1, 1, expected.count], expected,
        "conv1d of 1…5 with [1, 2, 3], stride \(stride), padding \(padding), dilation "
          + "\(dilation)")
    }
  }

  @Test(arguments: gradedBackends)
  func channelsAreSummedAndBiasAdded(backend: TensorBackend) throws {
    // Two input channels, two filters: filter 0 adds the channels, filter 1 subtracts them.
    let x = Tensor(shape: [1, 2, 3], data: [1, 2, 3, 10, 20, 30], backend: backend)
    let w = Tensor(shape: [2, 2, 1], data: [1, 1, 1, -1], backend: backend)
    let bias = Tensor(shape: [2], data: [0.5, -0.5], backend: backend)
    try assertTensor(
      conv1d(x, w, bias: bias), shape: [1, 2, 3], [11.5, 22.5, 33.5, -9.5, -18.5, -27.5],
      "conv1d summing and subtracting two channels, with bias [0.5, −0.5]")
  }

  /// A random input and weight of distinct values for `axis` and `channels`, from `seed`.
  static func operands(
    _ axis: AxisSettings, _ channels: Channels, seed: Int, _ backend: TensorBackend
  ) -> (x: Tensor, w: Tensor) {
    let xShape = [channels.batch, channels.inChannels, axis.size]
    let wShape = [channels.outChannels, channels.inChannels, axis.kernel]
    var rng = SplitMix64(seed: UInt64(seed))
    let x = Gen<Tensor>.tensors(xShape, values: .distinct, backend: backend).generate(using: &rng)
    let w = Gen<Tensor>.tensors(wShape, values: .distinct, backend: backend).generate(using: &rng)
    return (x, w)
  }

  @Test(arguments: gradedBackends)
  func conv1dMatchesTheDefinition(backend: TensorBackend) {
    forAll(AxisSettings.gen, Channels.gen, .ints(in: 0...1000), cases: 60) {
      axis, channels, seed in
      let (x, w) = Self.operands(axis, channels, seed: seed, backend)
      let (xShape, wShape) = (x.shape, w.shape)
      let b = channels.bias ? Tensor.rand([channels.outChannels], seed: 9, backend: backend) : nil
      let out = conv1d(
        x, w, bias: b, stride: axis.stride, padding: axis.padding, dilation: axis.dilation)
      let expected = referenceConv1d(
        x.data.values, xShape, w.data.values, wShape, bias: b?.data.values, axis)
      try assertTensor(
        out, shape: [channels.batch, channels.outChannels, axis.outputSize], expected,
        "conv1d of \(xShape) with \(wShape) (\(axis), \(channels))")
    }
  }

  // MARK: backward

  @Test(arguments: gradedBackends)
  func gradientsMatchCentralDifferences(backend: TensorBackend) {
    forAll(AxisSettings.gen, Channels.gen, .ints(in: 0...1000), cases: 40) {
      axis, channels, seed in
      let xShape = [channels.batch, channels.inChannels, axis.size]
      let wShape = [channels.outChannels, channels.inChannels, axis.kernel]
      var rng = SplitMix64(seed: UInt64(seed))
      var inputs = [
        Gen<Tensor>.tensors(xShape, values: .distinct, backend: backend).generate(using: &rng),
        Gen<Tensor>.tensors(wShape, values: .distinct, backend: backend).generate(using: &rng),
      ]
      if channels.bias {
        inputs.append(
          Gen<Tensor>.tensors([channels.outChannels], values: .distinct, backend: backend).generate(
            using: &rng))
      }
      try gradCheck(
        { t in
          conv1d(
            t[0], t[1], bias: t.count > 2 ? t[2] : nil, stride: axis.stride,
            padding: axis.padding, dilation: axis.dilation)
        }, inputs, seed: Self.seed(axis, channels), samples: 6, rtol: Self.rtol, atol: Self.atol)
    }
  }

  @Test(arguments: gradedBackends)
  func theWeightGradientOfAOneTapKernelIsTheInputSum(backend: TensorBackend) throws {
    // out[b, 0, p] = w · x[b, 0, p], so ∂Σ out/∂w = Σ x, and ∂Σ out/∂x = w everywhere.
    let x = Tensor(shape: [2, 1, 3], data: [1, 2, 3, 4, 5, 6], backend: backend)
    let w = Tensor(shape: [1, 1, 1], data: [3], backend: backend, requiresGrad: true)
    let input = Tensor(x.data, backend: backend, requiresGrad: true)
    conv1d(input, w).sum().backward()
    try assertClose(w.grad?.data.values ?? [], [21], "∂Σ out/∂w for a one-tap kernel")
    try assertClose(
      input.grad?.data.values ?? [], Array(repeating: 3, count: 6), "∂Σ out/∂x for w = 3")
  }

  @Test(arguments: gradedBackends)
  func theWeightGradientIsTheSameWhenTheInputIsAConstant(backend: TensorBackend) {
    // A first layer's input is a batch of data: nobody needs its gradient (needsColumns is
    // false), and the weight's gradient must be the one computed beside the input's.
    forAll(AxisSettings.gen, Channels.gen, .ints(in: 0...1000), cases: 20) {
      axis, channels, seed in
      let (x, w) = Self.operands(axis, channels, seed: seed, backend)
      func weightGradient(inputNeedsGradient: Bool) -> [Double] {
        let input = Tensor(x.data, backend: backend, requiresGrad: inputNeedsGradient)
        let weight = Tensor(w.data, backend: backend, requiresGrad: true)
        let out = conv1d(
          input, weight, stride: axis.stride, padding: axis.padding, dilation: axis.dilation)
        // Each output entry weighted differently, so that every entry of dOut matters.
        let weights = Tensor.rand(out.shape, seed: UInt64(seed), backend: backend)
        (out * weights).sum().backward()
        return weight.grad?.data.values ?? []
      }
      try assertClose(
        weightGradient(inputNeedsGradient: false), weightGradient(inputNeedsGradient: true),
        "the weight's gradient with a constant input (\(axis), \(channels))")
    }
  }

  // MARK: the graph

  @Test(arguments: gradedBackends)
  func theOutputRecordsTheInputWeightAndBias(backend: TensorBackend) {
    forAll(AxisSettings.gen, Channels.gen, .ints(in: 0...1000), cases: 20) {
      axis, channels, seed in
      var rng = SplitMix64(seed: UInt64(seed))
      let shapes = [
        [channels.batch, channels.inChannels, axis.size],
        [channels.outChannels, channels.inChannels, axis.kernel], [channels.outChannels],
      ]
      let (x, w, b) = (
        leaf(shapes[0], backend, &rng), leaf(shapes[1], backend, &rng),
        leaf(shapes[2], backend, &rng)
      )
      let out = conv1d(
        x, w, bias: b, stride: axis.stride, padding: axis.padding, dilation: axis.dilation)
      try checkRecordsOperands(
        out, [("the input", x), ("the weight", w), ("the bias", b)], "conv1d (\(axis))")
    }
  }
}
