import Foundation
import Module4
import TensorTestSupport
import TestSupport
import Testing

/// The faster ways the reference solutions and the given code take through a convolutional
/// network, each checked against the plain way it replaces: max and average pooling in one pass
/// over the blocks against `tile` followed by `max(dim: 4)` or `mean(dim: 4)`, and a convolution of a constant input (which
/// skips folding a gradient nobody reads) against the same convolution of a variable. Results
/// must not depend on the number of threads. Not graded.
@Suite("Given code: fast paths against the plain ones", .explainsStops)
struct GivenFastPaths {
  /// The fast backend with a threshold of 1, so that even small loops are shared among
  /// `threads` threads.
  static func fast(threads: Int) -> TensorBackend {
    .fast(parallel: Parallel(threshold: 1, grain: 8, threads: threads))
  }

  static let backends: [TensorBackend] = [.simple, .fast, fast(threads: 1), fast(threads: 2)]

  /// An input of `shape` whose entries are drawn from only a few values, so that blocks tie.
  static func fewValues(_ shape: [Int], seed: UInt64, backend: TensorBackend) -> Tensor {
    var rng = SplitMix64(seed: seed)
    let values = (0..<shape.reduce(1, *)).map { _ in Double(rng.next() % 4) - 1.5 }
    return Tensor(TensorData(values, shape: shape), backend: backend, requiresGrad: true)
  }

  @Test(arguments: backends)
  func maxPoolingMatchesTileThenMax(backend: TensorBackend) {
    let cases: [(shape: [Int], kernel: Size2D)] = [
      ([2, 3, 4, 6], 2), ([1, 2, 6, 6], Size2D(3, 2)), ([3, 1, 4, 4], Size2D(1, 4)),
      ([2, 2, 5, 3], Size2D(5, 1)), ([1, 1, 2, 2], 1),
    ]
    forAll(.ints(in: 0...1000), cases: 20) { seed in
      for (shape, kernel) in cases {
        let x = Self.fewValues(shape, seed: UInt64(seed), backend: backend)
        let plainInput = Tensor(x.data, backend: backend, requiresGrad: true)
        let pooled = maxpool2d(x, kernel: kernel)
        let tiled = tile(plainInput, kernel: kernel)
        let plain = tiled.max(dim: 4).view(
          tiled.shape[0], tiled.shape[1], tiled.shape[2], tiled.shape[3])
        try check(
          pooled.shape == plain.shape && pooled.data.values == plain.data.values,
          "maxpool2d of \(shape) with kernel \(kernel) gave \(pooled.data.values), "
            + "tile then max gave \(plain.data.values)")
        // A gradient that differs per block, so a gradient sent to the wrong block shows.
        let dOut = Tensor.rand(pooled.shape, seed: UInt64(seed) &+ 1, backend: backend)
        pooled.backward(dOut)
        plain.backward(dOut)
        try check(
          x.grad?.data.values == plainInput.grad?.data.values,
          "∂maxpool2d/∂x of \(shape) with kernel \(kernel) gave \(x.grad?.data.values ?? []), "
            + "tile then max gave \(plainInput.grad?.data.values ?? [])")
      }
    }
  }

  @Test(arguments: backends)
  func averagePoolingMatchesTileThenMean(backend: TensorBackend) {
    let cases: [(shape: [Int], kernel: Size2D)] = [
      ([2, 3, 4, 6], 2), ([1, 2, 6, 6], Size2D(3, 2)), ([3, 1, 4, 4], Size2D(1, 4)),
      ([2, 2, 5, 3], Size2D(5, 1)), ([1, 1, 2, 2], 1),
    ]
    forAll(.ints(in: 0...1000), cases: 10) { seed in
      for (shape, kernel) in cases {
        let x = Tensor(
          Tensor.rand(shape, seed: UInt64(seed)).data, backend: backend, requiresGrad: true)
        let plainInput = Tensor(x.data, backend: backend, requiresGrad: true)
        let pooled = avgpool2d(x, kernel: kernel)
        let tiled = tile(plainInput, kernel: kernel)
        let plain = tiled.mean(dim: 4).view(
          tiled.shape[0], tiled.shape[1], tiled.shape[2], tiled.shape[3])
        try check(pooled.shape == plain.shape, "avgpool2d of \(shape): shape \(pooled.shape)")
        try assertClose(
          pooled.data.values, plain.data.values,
          "avgpool2d of \(shape) with kernel \(kernel) against tile then mean")
        let dOut = Tensor.rand(pooled.shape, seed: UInt64(seed) &+ 1, backend: backend)
        pooled.backward(dOut)
        plain.backward(dOut)
        try assertClose(
          x.grad?.data.values ?? [], plainInput.grad?.data.values ?? [],
          "∂avgpool2d/∂x of \(shape) with kernel \(kernel) against tile then mean")
      }
    }
  }

  @Test func maxPoolingOfAPermutedInputReadsItInItsOwnOrder() throws {
    let x = Tensor(Tensor.rand([2, 4, 6, 3], seed: 3).data, requiresGrad: true)
    let permuted = x.permute(0, 3, 1, 2)  // (2, 3, 4, 6), not contiguous
    let pooled = maxpool2d(permuted, kernel: 2)
    let copy = Tensor(permuted.contiguous().data)
    try assertClose(
      pooled.data.values, maxpool2d(copy, kernel: 2).data.values,
      "maxpool2d of a permuted input against the same numbers laid out contiguously",
      tolerance: .exact)
    pooled.sum().backward()
    #expect(x.grad?.shape == x.shape)
    #expect(x.grad?.data.values.reduce(0, +) == Double(pooled.size), "one 1 per block")
  }

  @Test(arguments: backends)
  func aConstantInputGivesTheSameOutputAndWeightGradients(backend: TensorBackend) throws {
    let settings: [(input: [Int], weight: [Int], padding: Size2D)] = [
      ([2, 1, 7, 6], [3, 1, 3, 2], 1), ([3, 2, 5, 5], [4, 2, 3, 3], 0),
    ]
    for (seed, (inputShape, weightShape, padding)) in settings.enumerated() {
      let images = Tensor.rand(inputShape, seed: UInt64(seed), backend: backend)
      let variable = Tensor(images.data, backend: backend, requiresGrad: true)
      var weightGradients: [[Double]] = []
      var biasGradients: [[Double]] = []
      var outputs: [[Double]] = []
      for input in [images, variable] {
        let weight = Tensor(
          Tensor.rand(weightShape, seed: 10).data, backend: backend, requiresGrad: true)
        let bias = Tensor(
          Tensor.rand([weightShape[0]], seed: 11).data, backend: backend, requiresGrad: true)
        let out = conv2d(input, weight, bias: bias, padding: padding)
        out.backward(Tensor.rand(out.shape, seed: 12, backend: backend))
        outputs.append(out.data.values)
        weightGradients.append(weight.grad?.data.values ?? [])
        biasGradients.append(bias.grad?.data.values ?? [])
      }
      let described = "conv2d of \(inputShape) with \(weightShape), padding \(padding)"
      try check(outputs[0] == outputs[1], "\(described): the outputs differ")
      try check(
        weightGradients[0] == weightGradients[1],
        "\(described): the weight gradient with a constant input differs from a variable's")
      try check(biasGradients[0] == biasGradients[1], "\(described): the bias gradients differ")
      #expect(images.grad == nil, "a constant never receives a gradient")
      #expect(variable.grad?.shape == inputShape, "a variable input still gets its gradient")
    }
  }

  @Test func aLeNetStepGivesTheSameBitsOnOneAndTwoThreads() throws {
    // The LeNet shape on 16 × 16 images (conv, max pooling twice, linear), in evaluation mode
    // so that dropout draws nothing: the loss and every gradient must not depend on how the
    // work was shared out.
    let architecture = try ImageClassifierArchitecture(
      height: 16, width: 16, channels: (4, 6), hidden: 12)
    var results: [[Double]] = []
    for threads in [1, 2] {
      let backend = Self.fast(threads: threads)
      let network = ImageClassifier(architecture, seed: 3, backend: backend)
      network.eval()
      let images = Tensor.rand([5, 1, 16, 16], seed: 4, backend: backend)
      let loss = nllLoss(logProbabilities: network(images), targets: [0, 3, 9, 1, 4])
      loss.backward()
      results.append(
        [loss.item()]
          + network.namedParameters().flatMap {
            $0.parameter.value(as: Tensor.self).grad?.data.values ?? []
          })
    }
    try check(results[0].count > 1, "the step produced no gradients")
    try check(
      results[0] == results[1],
      "a LeNet step's loss and gradients differ between one and two threads")
  }
}
