/// What the batch-normalisation layers share, whatever the number of positions: per channel a
/// weight (starting at 1) and a bias (starting at 0), both learned, and the running mean and
/// variance (starting at 0 and 1) used in evaluation. `TensorBatchNorm1d` and
/// `TensorBatchNorm2d` check their input's rank and call `normalize`.
///
/// Batch normalisation (Ioffe and Szegedy, 2015). Each channel c of a batch is normalised by the
/// mean and variance of its own entries over the batch (and the positions, for signals and
/// images), then scaled and shifted by two learned numbers:
///
///     μ_c  = mean of x[·, c, …]            σ²_c = mean of (x[·, c, …] − μ_c)²   (biased: ÷ n)
///     y    = (x − μ_c) / √(σ²_c + ε) · weight[c] + bias[c]
///
/// The statistics depend on the whole batch, so in training the gradient flows through μ and σ²
/// too: the layer is a composition of `mean`, `variance`, subtraction, division and `sqrt`, and
/// autodiff differentiates it. In evaluation there may be one example only, so the layer uses
/// running statistics collected while training instead, each step moving them a fraction
/// `momentum` of the way towards the batch's:
///
///     running mean     ← (1 − momentum) · running mean     + momentum · μ_c
///     running variance ← (1 − momentum) · running variance + momentum · σ²_c · n / (n − 1)
///
/// The running variance uses the unbiased estimate (÷ (n − 1), n the entries per channel),
/// while the normalisation itself uses the biased one, exactly as PyTorch does. The running
/// statistics are not parameters: no gradient reaches them and no optimizer moves them (PyTorch
/// calls them buffers).
public class TensorBatchNorm: Module {
  /// The scale of each channel, shape [channels]; `nil` for a layer made with `affine: false`.
  public let weight: Parameter?
  /// The shift of each channel, shape [channels]; `nil` with `affine: false`.
  public let bias: Parameter?
  /// The running mean of each channel, shape [channels]: a constant, updated in training mode.
  public private(set) var runningMean: Tensor
  /// The running (unbiased) variance of each channel, shape [channels].
  public private(set) var runningVariance: Tensor
  /// How many channels the input has (dimension 1).
  public let channels: Int
  /// The fraction of the way the running statistics move towards a batch's (PyTorch: 0.1).
  public let momentum: Double
  /// Added to the variance before the square root (PyTorch: 1e-5).
  public let epsilon: Double
  /// The layer's name in messages.
  let layer: String

  init(
    _ layer: String, channels: Int, epsilon: Double, momentum: Double, affine: Bool,
    backend: TensorBackend
  ) {
    precondition(channels > 0, "\(layer) needs at least one channel, got \(channels)")
    precondition(
      (0...1).contains(momentum), "\(layer): momentum must lie in [0, 1], got \(momentum)")
    precondition(epsilon >= 0, "\(layer): epsilon must not be negative, got \(epsilon)")
    self.layer = layer
    self.channels = channels
    self.momentum = momentum
    self.epsilon = epsilon
    weight = affine ? Parameter(learned(1, [channels], backend)) : nil
    bias = affine ? Parameter(learned(0, [channels], backend)) : nil
    runningMean = Tensor.zeros([channels], backend: backend)
    runningVariance = Tensor.ones([channels], backend: backend)
  }

  /// `input` (batch, channels, positions…) normalised per channel: by the batch's statistics in
  /// training mode (which also updates the running ones), by the running statistics in
  /// evaluation mode; then scaled by `weight` and shifted by `bias`.
  func normalize(_ input: Tensor) -> Tensor {
    precondition(
      input.shape[1] == channels,
      "\(layer): the input \(input.shape) has \(input.shape[1]) channels (dimension 1), the "
        + "layer expects \(channels)")
    // Seen per channel: (1, channels, 1, …), to broadcast against the input.
    var perChannel = Array(repeating: 1, count: input.dims)
    perChannel[1] = channels
    let normalized: Tensor
    if training {
      let reduced = [0] + Array(2..<input.dims)
      let count = input.size / channels
      precondition(
        count > 1,
        "\(layer): training needs more than one value per channel to compute a variance, but "
          + "the input \(input.shape) has one; use a batch of 2 or more, or eval()")
      let mean = input.mean(dims: reduced)
      let variance = input.variance(dims: reduced, correction: 0)
      normalized = (input - mean) / (variance + epsilon).sqrt()
      let unbiased = variance.detach() * (Double(count) / Double(count - 1))
      runningMean =
        runningMean * (1 - momentum) + mean.detach().reshape([channels]) * momentum
      runningVariance = runningVariance * (1 - momentum) + unbiased.reshape([channels]) * momentum
    } else {
      normalized =
        (input - runningMean.reshape(perChannel))
        / (runningVariance.reshape(perChannel) + epsilon).sqrt()
    }
    guard let weight, let bias else { return normalized }
    return normalized * weight.value(as: Tensor.self).reshape(perChannel)
      + bias.value(as: Tensor.self).reshape(perChannel)
  }

  /// `channels: 16, eps: 1e-05, momentum: 0.1, affine: true`.
  public override var extraDescription: String {
    "channels: \(channels), eps: \(epsilon), momentum: \(momentum), affine: \(weight != nil)"
  }
}

/// Batch normalisation of (batch, channels) or (batch, channels, length) inputs, PyTorch's
/// `torch.nn.BatchNorm1d` (see `TensorBatchNorm`; MyGrad's `batchnorm`, which has no running
/// statistics; NumPy has none): each channel normalised by its mean and biased variance over
/// the batch and positions in training mode, by the running statistics in evaluation mode,
/// then scaled and shifted per channel.
public final class TensorBatchNorm1d: TensorBatchNorm, Layer {
  /// A layer for `channels` channels with PyTorch's defaults: ε = 1e-5, momentum 0.1, a
  /// learned weight and bias.
  public init(
    channels: Int, epsilon: Double = 1e-5, momentum: Double = 0.1, affine: Bool = true,
    backend: TensorBackend = .simple
  ) {
    super.init(
      "TensorBatchNorm1d", channels: channels, epsilon: epsilon, momentum: momentum,
      affine: affine, backend: backend)
  }

  /// The batch (batch, channels) or (batch, channels, length), normalised per channel.
  public func forward(_ input: Tensor) -> Tensor {
    precondition(
      input.dims == 2 || input.dims == 3,
      "TensorBatchNorm1d needs an input of shape (batch, channels) or (batch, channels, "
        + "length), got shape \(input.shape)")
    return normalize(input)
  }
}

/// Batch normalisation of images (batch, channels, height, width), PyTorch's
/// `torch.nn.BatchNorm2d` (see `TensorBatchNorm`): each channel normalised by its mean and
/// biased variance over the batch and every pixel in training mode, by the running statistics
/// in evaluation mode, then scaled and shifted per channel.
public final class TensorBatchNorm2d: TensorBatchNorm, Layer {
  /// A layer for `channels` channels with PyTorch's defaults: ε = 1e-5, momentum 0.1, a
  /// learned weight and bias.
  public init(
    channels: Int, epsilon: Double = 1e-5, momentum: Double = 0.1, affine: Bool = true,
    backend: TensorBackend = .simple
  ) {
    super.init(
      "TensorBatchNorm2d", channels: channels, epsilon: epsilon, momentum: momentum,
      affine: affine, backend: backend)
  }

  /// The batch (batch, channels, height, width), normalised per channel.
  public func forward(_ input: Tensor) -> Tensor {
    precondition(
      input.dims == 4,
      "TensorBatchNorm2d needs an input of shape (batch, channels, height, width), got shape "
        + "\(input.shape)")
    return normalize(input)
  }
}

/// A leaf of `shape` filled with `value` that requires gradients: a learned parameter's start.
func learned(_ value: Double, _ shape: [Int], _ backend: TensorBackend) -> Tensor {
  Tensor(
    shape: shape, data: Array(repeating: value, count: shape.reduce(1, *)), backend: backend,
    requiresGrad: true)
}
