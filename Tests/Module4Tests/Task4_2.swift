import Module4
import TensorTestSupport
import TestSupport
import Testing

/// Task 4.2: the 2-D convolution: unfold and fold of images, with a stride, padding and
/// dilation per axis.
@Suite("Task 4.2: 2-D convolution", .explainsStops)
struct Task4_2 {
  /// Settings for both axes (height first) and the channels.
  static var settings: Gen<(AxisSettings, AxisSettings, Channels)> {
    AxisSettings.gen.zip(AxisSettings.gen, Channels.gen)
  }

  /// The geometry for `rows` × `cols` images with `channels`.
  static func geometry(_ rows: AxisSettings, _ cols: AxisSettings, _ channels: Channels)
    -> Convolution2dGeometry
  {
    Convolution2dGeometry(
      input: [channels.batch, channels.inChannels, rows.size, cols.size],
      weight: [channels.outChannels, channels.inChannels, rows.kernel, cols.kernel],
      stride: Size2D(rows.stride, cols.stride), padding: Size2D(rows.padding, cols.padding),
      dilation: Size2D(rows.dilation, cols.dilation))
  }

  // MARK: known cases

  @Test(arguments: gradedBackends)
  func thePlusKernelOnTheFiveByFiveImage(backend: TensorBackend) throws {
    // The image 0…24 and a plus of ones, padding 1: each output is a pixel plus its four
    // neighbours inside the image; the top-left one is 0 + 1 + 5 = 6.
    let image = Tensor(shape: [1, 1, 5, 5], data: (0..<25).map(Double.init), backend: backend)
    let plus = Tensor(shape: [1, 1, 3, 3], data: [0, 1, 0, 1, 1, 1, 0, 1, 0], backend: backend)
    let expected: [Double] = [
      6, 9, 13, 17, 16,
      21, 30, 35, 40, 35,
      41, 55, 60, 65, 55,
      61, 80, 85, 90, 75,
      56, 79, 83, 87, 66,
    ]
    try assertTensor(
      conv2d(image, plus, padding: 1), shape: [1, 1, 5, 5], expected,
      "conv2d of the image 0…24 with the plus kernel, padding 1")
  }

  @Test(arguments: gradedBackends)
  func anAsymmetricKernelOnANonSquareImage(backend: TensorBackend) throws {
    // A 3 × 4 image 0…11 and the 2 × 3 kernel [[1, 2, 3], [4, 5, 6]] (numbers from NumPy). A
    // flipped kernel gives [[41, 62], [125, 146]]; swapped axes give a different shape.
    let image = Tensor(shape: [1, 1, 3, 4], data: (0..<12).map(Double.init), backend: backend)
    let kernel = Tensor(shape: [1, 1, 2, 3], data: [1, 2, 3, 4, 5, 6], backend: backend)
    try assertTensor(
      conv2d(image, kernel), shape: [1, 1, 2, 2], [85, 106, 169, 190],
      "conv2d of the 3 × 4 image 0…11 with [[1, 2, 3], [4, 5, 6]]")
    try assertTensor(
      conv2d(image, kernel, stride: Size2D(2, 1), padding: Size2D(1, 0)), shape: [1, 1, 2, 2],
      [17, 32, 169, 190],
      "the same with stride (2, 1) and padding (1, 0): only the height is padded and strided")
  }

  // MARK: unfold and fold

  @Test(arguments: gradedBackends)
  func unfoldCopiesEachWindowIntoAColumn(backend: TensorBackend) {
    forAll(Self.settings) { rows, cols, channels in
      let geometry = Self.geometry(rows, cols, channels)
      let shape = geometry.inputShape
      let x = (0..<shape.reduce(1, *)).map { Double($0 + 1) }
      let columns = geometry.unfold(TensorData(x, shape: shape), backend.ops)
      // columns[b, (c·KH + u)·KW + v, i·OW + j] = x[b, c, i·sh − ph + u·dh, j·sw − pw + v·dw].
      var expected: [Double] = []
      for b in 0..<channels.batch {
        for c in 0..<channels.inChannels {
          for u in 0..<rows.kernel {
            for v in 0..<cols.kernel {
              for i in 0..<rows.outputSize {
                for j in 0..<cols.outputSize {
                  let y = i * rows.stride - rows.padding + u * rows.dilation
                  let z = j * cols.stride - cols.padding + v * cols.dilation
                  let inside = y >= 0 && y < rows.size && z >= 0 && z < cols.size
                  let at = ((b * channels.inChannels + c) * rows.size + y) * cols.size + z
                  expected.append(inside ? x[at] : 0)
                }
              }
            }
          }
        }
      }
      let what = "unfold of input \(shape) (height: \(rows); width: \(cols))"
      try check(
        columns.shape == geometry.columnsShape,
        "\(what) has shape \(columns.shape), expected \(geometry.columnsShape)")
      try assertClose(columns.values, expected, what, tolerance: .exact)
    }
  }

  @Test(arguments: gradedBackends)
  func foldIsTheAdjointOfUnfold(backend: TensorBackend) {
    forAll(Self.settings, Gen<Double>.list(of: .distinct, count: 300...300)) { settings, numbers in
      let (rows, cols, channels) = settings
      let geometry = Self.geometry(rows, cols, channels)
      let shape = geometry.inputShape
      let x = (0..<shape.reduce(1, *)).map { numbers[$0 % numbers.count] }
      let columnsSize = geometry.columnsShape.reduce(1, *)
      let c = (0..<columnsSize).map { numbers[($0 * 7 + 3) % numbers.count] }
      let folded = geometry.fold(TensorData(c, shape: geometry.columnsShape), backend.ops)
      try check(
        folded.shape == shape, "fold gave shape \(folded.shape), expected the input's \(shape)")
      try assertClose(
        dot(x, folded.values),
        dot(geometry.unfold(TensorData(x, shape: shape), backend.ops).values, c),
        "⟨x, fold(c)⟩ against ⟨unfold(x), c⟩ for input \(shape) (height: \(rows); width: "
          + "\(cols))")
    }
  }

  // MARK: forward and backward

  @Test(arguments: gradedBackends)
  func conv2dMatchesTheDefinition(backend: TensorBackend) {
    forAll(Self.settings, .ints(in: 0...1000), cases: 60) { settings, seed in
      let (rows, cols, channels) = settings
      let geometry = Self.geometry(rows, cols, channels)
      var rng = SplitMix64(seed: UInt64(seed))
      let x = Gen<Tensor>.tensors(geometry.inputShape, values: .distinct, backend: backend)
        .generate(using: &rng)
      let w = Gen<Tensor>.tensors(geometry.weightShape, values: .distinct, backend: backend)
        .generate(using: &rng)
      let b = channels.bias ? Tensor.rand([channels.outChannels], seed: 5, backend: backend) : nil
      let out = conv2d(
        x, w, bias: b, stride: Size2D(rows.stride, cols.stride),
        padding: Size2D(rows.padding, cols.padding),
        dilation: Size2D(rows.dilation, cols.dilation))
      let expected = referenceConv2d(
        x.data.values, geometry.inputShape, w.data.values, geometry.weightShape,
        bias: b?.data.values, rows, cols)
      try assertTensor(
        out, shape: geometry.outputShape, expected,
        "conv2d of \(geometry.inputShape) with \(geometry.weightShape) (height: \(rows); width: "
          + "\(cols); \(channels))")
    }
  }

  @Test(arguments: gradedBackends)
  func gradientsMatchCentralDifferences(backend: TensorBackend) {
    forAll(Self.settings, .ints(in: 0...1000), cases: 30) { settings, seed in
      let (rows, cols, channels) = settings
      let geometry = Self.geometry(rows, cols, channels)
      var rng = SplitMix64(seed: UInt64(seed))
      var inputs = [
        Gen<Tensor>.tensors(geometry.inputShape, values: .distinct, backend: backend).generate(
          using: &rng),
        Gen<Tensor>.tensors(geometry.weightShape, values: .distinct, backend: backend).generate(
          using: &rng),
      ]
      if channels.bias {
        inputs.append(
          Gen<Tensor>.tensors([channels.outChannels], values: .distinct, backend: backend).generate(
            using: &rng))
      }
      try gradCheck(
        { t in
          conv2d(
            t[0], t[1], bias: t.count > 2 ? t[2] : nil, stride: Size2D(rows.stride, cols.stride),
            padding: Size2D(rows.padding, cols.padding),
            dilation: Size2D(rows.dilation, cols.dilation))
        }, inputs, seed: UInt64(seed), samples: 6, rtol: Task4_1.rtol, atol: Task4_1.atol)
    }
  }

  @Test(arguments: gradedBackends)
  func everyInputPixelCollectsTheGradientOfEveryWindowThatSawIt(backend: TensorBackend) throws {
    // A 3 × 3 kernel of ones over a 4 × 4 image, no padding: ∂Σ out/∂x counts the windows that
    // contain each pixel (corners 1, edges 2, the middle 4).
    let input = Tensor(
      shape: [1, 1, 4, 4], data: Array(repeating: 1, count: 16), backend: backend,
      requiresGrad: true)
    let w = Tensor.ones([1, 1, 3, 3], backend: backend)
    conv2d(input, w).sum().backward()
    try assertClose(
      input.grad?.data.values ?? [], [1, 2, 2, 1, 2, 4, 4, 2, 2, 4, 4, 2, 1, 2, 2, 1],
      "∂Σ conv2d(x, ones 3 × 3)/∂x on a 4 × 4 image")
  }

  // MARK: the graph

  @Test(arguments: gradedBackends)
  func theOutputRecordsTheInputWeightAndBias(backend: TensorBackend) {
    forAll(Self.settings, .ints(in: 0...1000), cases: 20) { settings, seed in
      let (rows, cols, channels) = settings
      let geometry = Self.geometry(rows, cols, channels)
      var rng = SplitMix64(seed: UInt64(seed))
      let x = leaf(geometry.inputShape, backend, &rng)
      let w = leaf(geometry.weightShape, backend, &rng)
      let b = leaf([channels.outChannels], backend, &rng)
      let out = conv2d(
        x, w, bias: b, stride: Size2D(rows.stride, cols.stride),
        padding: Size2D(rows.padding, cols.padding),
        dilation: Size2D(rows.dilation, cols.dilation))
      try checkRecordsOperands(
        out, [("the input", x), ("the weight", w), ("the bias", b)], "conv2d")
    }
  }
}
