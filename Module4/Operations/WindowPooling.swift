/// Max pooling over sliding windows, PyTorch's `torch.nn.functional.max_pool2d(input,
/// kernel_size, stride, padding)` (MyGrad's `max_pool`, without padding; NumPy has none): the
/// largest entry of each `kernel` window of an input (batch, channels, height, width) as the
/// window moves by `stride` (the kernel's size when `nil`, PyTorch's default) over the input
/// with `padding` imagined around it, which never wins. Shape (batch, channels, ⌊(H + 2pH − kH) / sH⌋ + 1,
/// ⌊(W + 2pW − kW) / sW⌋ + 1). The gradient of each window goes to its first maximum.
///
/// Named apart from Task 4.4's `maxpool2d(_:kernel:)` (all lower case), which pools
/// non-overlapping blocks only: this function is built on that one (and, for windows that
/// overlap, skip entries or read padding, on Task 4.2's unfold), so it works only once those
/// tasks are written, and it cannot replace them.
///
/// Pooling over sliding windows, as PyTorch's `max_pool2d` and `avg_pool2d` do it: windows of
/// kernelHeight × kernelWidth that move by a stride (which may be smaller than the kernel, so the
/// windows overlap) over an input with zero padding around it. Tasks 4.3 and 4.4's `avgpool2d`
/// and `maxpool2d` are the special case stride = kernel, padding 0, where the windows tile the
/// image. The general case needs the convolution's unfold:
///
///     x (B, C, H, W)
///     unfold    → (B, C·K, L)      K = kh · kw taps, L = outH · outW windows (Tasks 4.1, 4.2)
///     view      → (B, C, K, L),   permute → (B, C, L, K)     one window per row of K entries
///     maxpool2d / avgpool2d with kernel (1, K) → (B, C, L, 1)   each row reduced (Tasks 4.3, 4.4)
///     view      → (B, C, outH, outW)
///
/// with outH = ⌊(H + 2 · padding − kh) / stride⌋ + 1, the convolution's rule. Windows that tile
/// the input exactly skip the unfold: Task 4.3's or 4.4's function pools the input itself.
/// Reducing with the student's own pooling functions keeps these given functions from standing
/// in for the tasks: until Tasks 4.2, 4.3 and 4.4 are written, neither works in general.
///
/// Padding: average pooling counts the padding as zeros in every window (PyTorch's default,
/// count_include_pad=True), so every window is divided by kh · kw. Max pooling never picks the
/// padding: a constant −∞ is added where a window reads padding, so any real entry beats it
/// (PyTorch requires padding ≤ half the kernel, so every window holds a real entry). The gradient
/// of the maximum goes to the first largest entry of each window (in row-major order within the
/// window, Task 4.4's rule), and an entry in several windows collects the gradients of all of
/// them (fold adds them up).
public func maxPool2d(
  _ input: Tensor, kernel: Size2D, stride: Size2D? = nil, padding: Size2D = 0
) -> Tensor {
  windowPooling("maxPool2d", input, kernel: kernel, stride: stride, padding: padding) {
    windows, kernel in maxpool2d(windows, kernel: kernel)
  }
}

/// Average pooling over sliding windows, PyTorch's `torch.nn.functional.avg_pool2d(input,
/// kernel_size, stride, padding)` with its default count_include_pad=True (MyGrad and NumPy have
/// none): the mean of each `kernel` window of an input
/// (batch, channels, height, width) as the window moves by `stride` (the kernel's size when
/// `nil`) over the input with `padding` zeros around it, which count in the mean: every window
/// is divided by kH · kW. Shape as `maxPool2d`'s.
///
/// Named apart from Task 4.3's `avgpool2d(_:kernel:)` (all lower case), which pools
/// non-overlapping blocks only: this function is built on that one (and, for windows that
/// overlap, skip entries or read padding, on Task 4.2's unfold), so it works only once those
/// tasks are written, and it cannot replace them.
public func avgPool2d(
  _ input: Tensor, kernel: Size2D, stride: Size2D? = nil, padding: Size2D = 0
) -> Tensor {
  windowPooling("avgPool2d", input, kernel: kernel, stride: stride, padding: padding) {
    windows, kernel in avgpool2d(windows, kernel: kernel)
  }
}

/// Global average pooling, PyTorch's `torch.nn.functional.adaptive_avg_pool2d(input, 1)`
/// (`x.mean(dim=(2, 3), keepdim=True)`; NumPy's `x.mean(axis=(2, 3), keepdims=True)`): the mean
/// of every channel of an input (batch, channels, height, width) over all its pixels, shape
/// (batch, channels, 1, 1); `flatten` or `view` it to (batch, channels) for a linear layer. It is
/// Task 4.3's `avgpool2d` with the whole image as its kernel, so it works once that task does.
public func globalAvgPool2d(_ input: Tensor) -> Tensor {
  precondition(
    input.dims == 4,
    "globalAvgPool2d needs an input of shape (batch, channels, height, width), got shape "
      + "\(input.shape)")
  return avgpool2d(input, kernel: Size2D(input.shape[2], input.shape[3]))
}

/// The pooling behind `maxPool2d` and `avgPool2d`: the input's windows as rows (batch,
/// channels, windows, taps), reduced by `reduce` with kernel (1, taps), in the output's shape.
/// `operation` names the caller in messages.
func windowPooling(
  _ operation: String, _ input: Tensor, kernel: Size2D, stride: Size2D?, padding: Size2D,
  reduce: (Tensor, Size2D) -> Tensor
) -> Tensor {
  checkPoolingShapes(input, kernel: kernel, operation)
  precondition(
    padding.height * 2 <= kernel.height && padding.width * 2 <= kernel.width,
    "\(operation): the padding \(padding) must be at most half the kernel \(kernel), so that "
      + "every window holds an entry of the input (PyTorch's rule)")
  // Windows that tile the input exactly (the stride is the kernel, no padding, the sizes
  // multiples of the kernel) are the blocks of Tasks 4.3 and 4.4: `reduce` takes the input
  // itself, without unfolding a copy of it (the same numbers: each window's entries are taken
  // in the same row-major order).
  if (stride ?? kernel) == kernel && padding == 0 && input.shape[2] % kernel.height == 0
    && input.shape[3] % kernel.width == 0
  {
    return reduce(input, kernel)
  }
  let (batch, channels) = (input.shape[0], input.shape[1])
  let geometry = Convolution2dGeometry(
    input: input.shape, weight: [1, channels, kernel.height, kernel.width],
    stride: stride ?? kernel, padding: padding)
  let taps = geometry.taps
  let positions = geometry.positions
  var windows = Tensor.Unfold(geometry).apply(input).view(batch, channels, taps, positions)
  if operation == "maxPool2d" && (padding.height > 0 || padding.width > 0) {
    windows = windows + paddingPenalty(geometry, backend: input.backend)
  }
  let pooled = reduce(windows.permute(0, 1, 3, 2), Size2D(1, taps))
  return pooled.view(batch, channels, geometry.height.outputSize, geometry.width.outputSize)
}

/// A constant (1, 1, taps, positions): 0 where a tap of a window reads the input, −∞ where it
/// reads padding. The unfolding of an image of ones marks the input with 1 and the padding
/// with 0; log turns those into 0 and −∞.
private func paddingPenalty(_ geometry: Convolution2dGeometry, backend: TensorBackend) -> Tensor {
  let one = Convolution2dGeometry(
    input: [1, 1, geometry.height.size, geometry.width.size],
    weight: [1, 1, geometry.height.kernel, geometry.width.kernel],
    stride: Size2D(geometry.height.stride, geometry.width.stride),
    padding: Size2D(geometry.height.padding, geometry.width.padding))
  let ones = TensorData.filled(one.inputShape, with: 1)
  let marks = one.unfold(ones, backend.ops).values.map { $0 == 0 ? -Double.infinity : 0 }
  return Tensor(shape: [1, 1, one.taps, one.positions], data: marks, backend: backend)
}
