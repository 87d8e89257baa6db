import Module4

/// A piece of Module 4's work that `minitorch bench` times per call: each call builds its graph
/// through the public API, runs it forward and backward, as a training step does.
struct ConvolutionBenchmark: Sendable {
  /// What the table calls it.
  let name: String
  /// Makes the inputs on a backend once, and returns the call to time.
  let prepare: @Sendable (TensorBackend) -> () -> Void

  /// The pieces `minitorch bench --parts convolution` times.
  static let all: [ConvolutionBenchmark] = [
    conv2dWithGradients, conv2dWithBias, lenetStep, maxPoolLeNetStep,
  ]

  /// conv2d of 16 images 1×28×28 with 8 filters 5×5, forward, then backward from a gradient of
  /// ones to the gradients of the images and the filters.
  static let conv2dWithGradients = conv2dStep(
    "conv2d (16,1,28,28)×(8,1,5,5), forward + input and weight gradients", withBias: false)

  /// The same with a bias, whose gradient is computed too (issue 20's figure).
  static let conv2dWithBias = conv2dStep(
    "conv2d (16,1,28,28)×(8,1,5,5)+bias, forward + all gradients", withBias: true)

  /// conv2d of 16 images 1×28×28 with 8 filters 5×5 (and a bias of 8 when `withBias`), forward,
  /// then backward from a gradient of ones to the gradients of everything that went in.
  static func conv2dStep(_ name: String, withBias: Bool) -> ConvolutionBenchmark {
    ConvolutionBenchmark(name: name) { backend in
      let images = Tensor(
        Tensor.rand([16, 1, 28, 28], seed: 5).data, backend: backend, requiresGrad: true)
      let filters = Tensor(
        Tensor.rand([8, 1, 5, 5], seed: 6).data, backend: backend, requiresGrad: true)
      let bias =
        withBias
        ? Tensor(Tensor.rand([8], seed: 8).data, backend: backend, requiresGrad: true) : nil
      return {
        images.zeroGrad()
        filters.zeroGrad()
        bias?.zeroGrad()
        let output = conv2d(images, filters, bias: bias)
        output.backward(Tensor.ones(output.shape, backend: backend))
      }
    }
  }

  /// One SGD step of the LeNet shape with max pooling on a batch of 16 images 1×28×28 (issue
  /// 20's figure): conv 1→8 5×5, ReLU, 2×2 max pooling, conv 8→16 3×3, ReLU, 2×2 max pooling,
  /// linear 400→64, ReLU, linear 64→10, logsoftmax, the mean negative log-likelihood,
  /// backward, step.
  static let maxPoolLeNetStep = ConvolutionBenchmark(
    name: "LeNet SGD step, batch 16 of 1×28×28 (conv 1→8 5×5, maxpool 2, conv 8→16 3×3, "
      + "maxpool 2, 400→64→10)"
  ) { backend in
    sgdStep(MaxPoolLeNet(backend: backend), backend)
  }

  /// One SGD step of a small LeNet-style network on a batch of 16 images 1×28×28: conv 1→4
  /// 3×3 and conv 4→8 3×3 (both keep the size, ReLU after each), 4×4 average pooling, linear
  /// 392→64, ReLU, linear 64→10, logsoftmax, the mean negative log-likelihood, backward, step.
  static let lenetStep = ConvolutionBenchmark(
    name: "LeNet-style SGD step, batch 16 of 1×28×28 (conv 1→4→8 3×3, avgpool 4, 392→64→10)"
  ) { backend in
    sgdStep(SmallLeNet(backend: backend), backend)
  }

  /// One SGD step at rate 0.01 of `network` on a batch of 16 random 1×28×28 images (seed 7)
  /// labelled 0–9 in turn: zero the gradients, the mean negative log-likelihood of its
  /// log-probabilities, backward, step.
  static func sgdStep<Network: Layer>(_ network: Network, _ backend: TensorBackend) -> () -> Void
  where Network.Input == Tensor, Network.Output == Tensor {
    let optimizer = SGD(network.parameters(), rate: 0.01)
    let images = Tensor(Tensor.rand([16, 1, 28, 28], seed: 7).data, backend: backend)
    let labels = (0..<16).map { $0 % 10 }
    return {
      optimizer.zeroGrad()
      let loss = nllLoss(logProbabilities: network(images), targets: labels)
      loss.backward()
      optimizer.step()
    }
  }
}

/// The network of the LeNet-style benchmark step.
final class SmallLeNet: Module, Layer {
  let conv1: TensorConv2d
  let conv2: TensorConv2d
  let linear1: TensorLinear
  let linear2: TensorLinear

  init(backend: TensorBackend) {
    conv1 = TensorConv2d(
      inChannels: 1, outChannels: 4, kernel: 3, padding: 1, seed: 1, backend: backend)
    conv2 = TensorConv2d(
      inChannels: 4, outChannels: 8, kernel: 3, padding: 1, seed: 2, backend: backend)
    linear1 = TensorLinear(392, 64, seed: 3, backend: backend, initialization: .he)
    linear2 = TensorLinear(64, 10, seed: 4, backend: backend, initialization: .he)
  }

  /// Log-probabilities (batch, 10) of a batch (batch, 1, 28, 28).
  func forward(_ images: Tensor) -> Tensor {
    let features = avgpool2d(conv2(conv1(images).relu()).relu(), kernel: 4)
    let flat = features.contiguous().view(images.shape[0], 392)
    return linear2(linear1(flat).relu()).logsoftmax(dim: 1)
  }
}

/// The network of the max-pooling LeNet benchmark step.
final class MaxPoolLeNet: Module, Layer {
  let conv1: TensorConv2d
  let conv2: TensorConv2d
  let linear1: TensorLinear
  let linear2: TensorLinear

  init(backend: TensorBackend) {
    conv1 = TensorConv2d(inChannels: 1, outChannels: 8, kernel: 5, seed: 1, backend: backend)
    conv2 = TensorConv2d(inChannels: 8, outChannels: 16, kernel: 3, seed: 2, backend: backend)
    linear1 = TensorLinear(400, 64, seed: 3, backend: backend, initialization: .he)
    linear2 = TensorLinear(64, 10, seed: 4, backend: backend, initialization: .he)
  }

  /// Log-probabilities (batch, 10) of a batch (batch, 1, 28, 28).
  func forward(_ images: Tensor) -> Tensor {
    let first = maxpool2d(conv1(images).relu(), kernel: 2)
    let second = maxpool2d(conv2(first).relu(), kernel: 2)
    let flat = second.contiguous().view(images.shape[0], 400)
    return linear2(linear1(flat).relu()).logsoftmax(dim: 1)
  }
}

/// One convolutional piece on one backend.
struct ConvolutionResult: Codable, BackendResult {
  let name: String
  let backend: String
  let threads: Int
  /// Seconds per call.
  let seconds: Timing
  /// Processor seconds per call, all threads together: other programs do not add to it, so on
  /// a busy machine it is the steadier figure. Missing from files saved before it was measured.
  let processorSeconds: Timing?
}

extension Bench {
  /// Every piece of `ConvolutionBenchmark.all`, on each backend.
  mutating func convolutions() -> [ConvolutionResult] {
    var results: [ConvolutionResult] = []
    for piece in ConvolutionBenchmark.all {
      for (backendName, limit, backend) in backends {
        progress.show("\(piece.name), \(backendName) backend, \(describe(limit))")
        let call = piece.prepare(backend)
        let (clock, processor) = timeOnBothClocks(runs: repetitions, call)
        results.append(
          ConvolutionResult(
            name: piece.name, backend: backendName, threads: limit ?? cores, seconds: clock,
            processorSeconds: processor))
      }
    }
    return results
  }

  /// `runs` timed calls of `body` after one warm-up call, each on the clock and in processor
  /// time (all of this process's threads).
  func timeOnBothClocks(runs: Int, _ body: () -> Void) -> (clock: Timing, processor: Timing) {
    let clock = ContinuousClock()
    body()
    var (seconds, processorSeconds): ([Double], [Double]) = ([], [])
    for _ in 0..<runs {
      let (start, processorStart) = (clock.now, EpochTimer.processorTime())
      body()
      processorSeconds.append(EpochTimer.processorTime() - processorStart)
      seconds.append((clock.now - start).seconds)
    }
    return (Timing(seconds), Timing(processorSeconds))
  }

}
