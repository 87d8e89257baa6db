// The layers of a convolutional network, on tensors.
//
// Names: Module 1 gave the bare name `Linear` to its layer of `Scalar`s, and Module 2 called its
// layer on tensors `TensorLinear`. This stage keeps that one rule for every layer on tensors:
// `Tensor` + PyTorch's name. So the linear layer stays Module 2's `TensorLinear` (this file adds
// He initialisation to it), and the new layers are `TensorConv1d`, `TensorConv2d` and
// `TensorDropout`. The differentiable functions they call keep PyTorch's functional names in
// lower case (`conv1d`, `conv2d`, `dropout`), and the graph node behind both convolutions is
// `Tensor.Convolution`, spelled out so that it does not read like a layer.
//
// Weights are laid out as PyTorch lays them out for convolutions, (outChannels, inChannels,
// kernel…); `TensorLinear` keeps Module 2's (inputs, outputs), so that its forward pass is x W + b.

extension TensorLinear {
  /// A layer from `inputs` to `outputs` features whose weights start as `initialization`
  /// says (`.he`: uniform in ±√(6 / inputs), bias 0), drawn from `seed`.
  public convenience init(
    _ inputs: Int, _ outputs: Int, seed: UInt64, backend: TensorBackend = .simple,
    initialization: Initialization
  ) {
    self.init(inputs, outputs, seed: seed, backend: backend)
    weights.update(
      initialization.weights([inputs, outputs], fanIn: inputs, seed: seed, backend: backend))
    bias.update(initialization.bias(outputs, seed: seed &+ 1, backend: backend))
  }
}

/// What every convolution layer holds, whatever its number of axes: the filters, of shape
/// (outChannels, inChannels, kernel sizes…), and a bias of one number per output channel (or
/// none). Weights start He-uniform (fan-in inChannels · the product of the kernel sizes) unless
/// told otherwise; the bias starts at 0. `TensorConv1d` and `TensorConv2d` add their settings and
/// call `conv1d` or `conv2d`.
public class TensorConvolution: Module {
  /// The filters, shape (outChannels, inChannels, kernel sizes…).
  public let weights: Parameter
  /// One number per output channel, or `nil` for a layer made with `bias: false`.
  public let bias: Parameter?
  /// How many groups the channels are split into (1: every filter sees every channel; see
  /// `conv2d`'s `groups`).
  public let groups: Int

  /// Filters of `kernel` sizes (one per axis) from `inChannels` to `outChannels` channels in
  /// `groups` groups (each filter sees inChannels / groups channels), drawn from `seed`; `layer`
  /// names the layer in the message when a size is not positive or the groups do not divide
  /// the channels.
  init(
    _ layer: String, inChannels: Int, outChannels: Int, kernel: [Int], groups: Int, bias: Bool,
    seed: UInt64, backend: TensorBackend, initialization: Initialization
  ) {
    let sizes = kernel.map(String.init).joined(separator: ", ")
    precondition(
      inChannels > 0 && outChannels > 0 && kernel.allSatisfy { $0 > 0 },
      "\(layer) needs positive sizes, got inChannels \(inChannels), outChannels "
        + "\(outChannels), kernel \(kernel.count == 1 ? sizes : "(\(sizes))")")
    precondition(
      groups >= 1 && inChannels % groups == 0 && outChannels % groups == 0,
      "\(layer): groups \(groups) must divide inChannels \(inChannels) and outChannels "
        + "\(outChannels)")
    let fanIn = inChannels / groups * kernel.reduce(1, *)
    self.groups = groups
    weights = Parameter(
      initialization.weights(
        [outChannels, inChannels / groups] + kernel, fanIn: fanIn, seed: seed, backend: backend))
    self.bias =
      bias ? Parameter(initialization.bias(outChannels, seed: seed &+ 1, backend: backend)) : nil
  }

  /// The filters and the bias (`nil` without one) as tensors, for the forward pass.
  var parameterTensors: (weights: Tensor, bias: Tensor?) {
    (weights.value(as: Tensor.self), bias?.value(as: Tensor.self))
  }

  /// `in: 1, out: 4, kernel: 3` followed by `settings` (and `groups: 2` when there are
  /// groups).
  func describe(kernel: String, settings: String) -> String {
    let shape = weights.value(as: Tensor.self).shape
    let grouped = groups == 1 ? "" : ", groups: \(groups)"
    return "in: \(shape[1] * groups), out: \(shape[0]), kernel: \(kernel), \(settings)\(grouped)"
  }
}

/// A 1-D convolution layer: `conv1d(x, weights, bias:, …)` for inputs of shape (batch,
/// inChannels, width), with weights of shape (outChannels, inChannels / groups, kernel) and a
/// bias of shape (outChannels) (see `TensorConvolution`).
public final class TensorConv1d: TensorConvolution, Layer {
  /// How far the window moves per output position.
  public let stride: Int
  /// Zeros imagined on each side of the input.
  public let padding: Int
  /// The distance between kernel taps.
  public let dilation: Int

  /// A layer from `inChannels` to `outChannels` channels with a kernel of `kernel` taps,
  /// initialised from `seed`.
  public init(
    inChannels: Int, outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
    dilation: Int = 1, groups: Int = 1, bias: Bool = true, seed: UInt64,
    backend: TensorBackend = .simple, initialization: Initialization = .he
  ) {
    self.stride = stride
    self.padding = padding
    self.dilation = dilation
    super.init(
      "TensorConv1d", inChannels: inChannels, outChannels: outChannels, kernel: [kernel],
      groups: groups, bias: bias, seed: seed, backend: backend, initialization: initialization)
  }

  /// The convolution of a batch (batch, inChannels, width) with the layer's filters.
  public func forward(_ input: Tensor) -> Tensor {
    let (weights, bias) = parameterTensors
    return conv1d(
      input, weights, bias: bias, stride: stride, padding: padding, dilation: dilation,
      groups: groups)
  }

  /// `in: 1, out: 4, kernel: 3, stride: 1, padding: 1, dilation: 1`.
  public override var extraDescription: String {
    describe(
      kernel: "\(weights.value(as: Tensor.self).shape[2])",
      settings: "stride: \(stride), padding: \(padding), dilation: \(dilation)")
  }
}

/// A 2-D convolution layer: `conv2d(x, weights, bias:, …)` for inputs of shape (batch,
/// inChannels, height, width), with weights of shape (outChannels, inChannels / groups,
/// kernelHeight, kernelWidth) and a bias of shape (outChannels) (see `TensorConvolution`).
public final class TensorConv2d: TensorConvolution, Layer {
  /// How far the window moves per output position, per axis.
  public let stride: Size2D
  /// Zeros imagined on each side of the input, per axis.
  public let padding: Size2D
  /// The distance between kernel taps, per axis.
  public let dilation: Size2D

  /// A layer from `inChannels` to `outChannels` channels with a `kernel` (one number for a
  /// square kernel, or `Size2D(height, width)`), initialised from `seed`.
  public init(
    inChannels: Int, outChannels: Int, kernel: Size2D, stride: Size2D = 1, padding: Size2D = 0,
    dilation: Size2D = 1, groups: Int = 1, bias: Bool = true, seed: UInt64,
    backend: TensorBackend = .simple, initialization: Initialization = .he
  ) {
    self.stride = stride
    self.padding = padding
    self.dilation = dilation
    super.init(
      "TensorConv2d", inChannels: inChannels, outChannels: outChannels,
      kernel: [kernel.height, kernel.width], groups: groups, bias: bias, seed: seed,
      backend: backend,
      initialization: initialization)
  }

  /// The convolution of a batch (batch, inChannels, height, width) with the layer's filters.
  public func forward(_ input: Tensor) -> Tensor {
    let (weights, bias) = parameterTensors
    return conv2d(
      input, weights, bias: bias, stride: stride, padding: padding, dilation: dilation,
      groups: groups)
  }

  /// `in: 1, out: 4, kernel: (3, 3), stride: (1, 1), padding: (1, 1), dilation: (1, 1)`.
  public override var extraDescription: String {
    let shape = weights.value(as: Tensor.self).shape
    return describe(
      kernel: "\(Size2D(shape[2], shape[3]))",
      settings: "stride: \(stride), padding: \(padding), dilation: \(dilation)")
  }
}
