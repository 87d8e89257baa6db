/// The sizes and settings of a 2-D convolution, checked once: everything `unfold2d`, `fold2d`
/// and `Tensor.Convolution2d` need (Task 4.2).
///
/// The 2-D convolution, PyTorch's `conv2d`: an input of shape (batch, inChannels, height, width),
/// a weight of shape (outChannels, inChannels, kernelHeight, kernelWidth), and
///
///     out[b, o, i, j] = bias[o] + Σ_c Σ_u Σ_v weight[o, c, u, v] · x[b, c, i′, j′]
///     with i′ = i · strideH − paddingH + u · dilationH,  j′ = j · strideW − paddingW + v · dilationW
///
/// where x is 0 outside the image (the padding), and the kernel is not flipped. Each axis follows
/// the 1-D rule on its own (`ConvolutionAxis`); the matrix product is the same as for 1-D
/// (`ConvolutionGeometry`), with K = kernelHeight · kernelWidth taps and L = outputHeight ·
/// outputWidth positions.
public struct Convolution2dGeometry: ConvolutionGeometry, Equatable {
  /// `"conv2d"`.
  public static let operation = "conv2d"

  /// How many examples.
  public let batch: Int
  /// How many channels each input example has.
  public let inChannels: Int
  /// How many channels the output has (one per filter of the weight).
  public let outChannels: Int
  /// The height axis (rows): size, kernel, stride, padding, dilation and output size.
  public let height: ConvolutionAxis
  /// The width axis (columns).
  public let width: ConvolutionAxis

  /// The geometry of `conv2d` for an input of shape `input` = (batch, inChannels, height,
  /// width), a weight of shape `weight` = (outChannels, inChannels, kernelHeight, kernelWidth)
  /// and, when there is one, a bias of shape `bias` = (outChannels), with a stride, padding
  /// and dilation per axis. A shape of the wrong rank, a channel count that differs, a bias of
  /// the wrong size, a setting out of range or an image too small for one window stops the
  /// program with a message naming the shapes and settings.
  public init(
    input: [Int], weight: [Int], bias: [Int]? = nil, stride: Size2D = 1, padding: Size2D = 0,
    dilation: Size2D = 1
  ) {
    let operation = "conv2d"
    precondition(
      input.count == 4,
      "\(operation) needs an input of shape (batch, inChannels, height, width), got shape "
        + "\(input)")
    precondition(
      weight.count == 4,
      "\(operation) needs a weight of shape (outChannels, inChannels, kernelHeight, "
        + "kernelWidth), got shape \(weight)")
    precondition(
      input[1] == weight[1],
      "\(operation): the input \(input) has \(input[1]) channels, but the weight \(weight) "
        + "expects \(weight[1]) (its dimension 1)")
    if let bias {
      precondition(
        bias == [weight[0]],
        "\(operation): the bias should have shape [\(weight[0])], one entry per output "
          + "channel of the weight \(weight), but it has shape \(bias)")
    }
    let described = "\(operation) of input \(input) with weight \(weight)"
    batch = input[0]
    inChannels = input[1]
    outChannels = weight[0]
    height = ConvolutionAxis(
      size: input[2], kernel: weight[2], stride: stride.height, padding: padding.height,
      dilation: dilation.height, operation: described, axis: "height")
    width = ConvolutionAxis(
      size: input[3], kernel: weight[3], stride: stride.width, padding: padding.width,
      dilation: dilation.width, operation: described, axis: "width")
  }

  /// (batch, inChannels, height, width).
  public var inputShape: [Int] { [batch, inChannels, height.size, width.size] }
  /// (outChannels, inChannels, kernelHeight, kernelWidth).
  public var weightShape: [Int] { [outChannels, inChannels, height.kernel, width.kernel] }
  /// (batch, outChannels, outputHeight, outputWidth).
  public var outputShape: [Int] { [batch, outChannels, height.outputSize, width.outputSize] }
  /// The unfolded input (batch, inChannels · kernelHeight · kernelWidth, outputHeight ·
  /// outputWidth): row (c · kernelHeight + u) · kernelWidth + v, column i · outputWidth + j holds
  /// the input that tap (u, v) of channel c meets at output position (i, j).
  public var columnsShape: [Int] {
    [
      batch, inChannels * height.kernel * width.kernel, height.outputSize * width.outputSize,
    ]
  }

  /// Task 4.2: unfolds one channel of one example. `image` holds its height × width inputs in
  /// row-major order; `columns` is its block of the columns matrix, in row-major order with one
  /// row per tap (u, v) and one column per output position (i, j), all 0 on entry:
  ///
  ///     columns[((u · kernelWidth + v) · outputHeight + i) · outputWidth + j] = image[i′ · width + j′]
  ///     i′ = i · strideH − paddingH + u · dilationH,   j′ = j · strideW − paddingW + v · dilationW
  ///
  /// leaving the entry at 0 when (i′, j′) lies in the padding (outside the image).
  /// `height.inside(tap: u)` and `width.inside(tap: v)` (given) are the output rows and columns
  /// where a tap reads inside the image.
  public func unfoldChannel(
    _ image: UnsafeBufferPointer<Double>, into columns: UnsafeMutableBufferPointer<Double>
  ) {
    // BEGIN SOLUTION Task 4.2
    let (rows, cols) = (height.outputSize, width.outputSize)
    for u in 0..<height.kernel {
      let rowShift = u * height.dilation - height.padding
      for v in 0..<width.kernel {
        let columnShift = v * width.dilation - width.padding
        let inside = width.inside(tap: v)
        for i in height.inside(tap: u) {
          let block = ((u * width.kernel + v) * rows + i) * cols
          let pixels = (i * height.stride + rowShift) * width.size + columnShift
          for j in inside {
            columns[block + j] = image[pixels + j * width.stride]
          }
        }
      }
    }
    // END SOLUTION
  }

  /// Task 4.2: the adjoint of `unfoldChannel`: adds every column entry back onto the pixel it
  /// was copied from. `columns` is one channel's block; `image` (height × width entries, all 0
  /// on entry) receives image[i′ · width + j′] += columns[((u · kernelWidth + v) · outputHeight
  /// + i) · outputWidth + j] for every tap (u, v) and position (i, j) outside the padding.
  public func foldChannel(
    _ columns: UnsafeBufferPointer<Double>, into image: UnsafeMutableBufferPointer<Double>
  ) {
    // BEGIN SOLUTION Task 4.2
    let (rows, cols) = (height.outputSize, width.outputSize)
    for u in 0..<height.kernel {
      let rowShift = u * height.dilation - height.padding
      for v in 0..<width.kernel {
        let columnShift = v * width.dilation - width.padding
        let inside = width.inside(tap: v)
        for i in height.inside(tap: u) {
          let block = ((u * width.kernel + v) * rows + i) * cols
          let pixels = (i * height.stride + rowShift) * width.size + columnShift
          for j in inside {
            image[pixels + j * width.stride] += columns[block + j]
          }
        }
      }
    }
    // END SOLUTION
  }
}

/// The columns matrix of a 2-D convolution (im2col): `geometry.unfold(input)`.
public func unfold2d(_ input: TensorData, _ geometry: Convolution2dGeometry) -> TensorData {
  geometry.unfold(input)
}

/// The adjoint of `unfold2d` (col2im): `geometry.fold(columns)`.
public func fold2d(_ columns: TensorData, _ geometry: Convolution2dGeometry) -> TensorData {
  geometry.fold(columns)
}

extension Tensor {
  /// The differentiable 2-D convolution (Task 4.2): inputs (input, weight) or (input, weight,
  /// bias), output of shape (batch, outChannels, outputHeight, outputWidth); see `conv2d`.
  ///
  /// Forward and backward are the 1-D ones (Task 4.1's `convolutionForward` and
  /// `convolutionBackward`) with the 2-D unfold and fold.
  public struct Convolution2d: TensorFunction {
    /// How far the window moves per output position, per axis.
    public let stride: Size2D
    /// Zeros imagined on each side of the input, per axis.
    public let padding: Size2D
    /// The distance between kernel taps, per axis.
    public let dilation: Size2D

    /// A 2-D convolution with these settings.
    public init(stride: Size2D = 1, padding: Size2D = 0, dilation: Size2D = 1) {
      self.stride = stride
      self.padding = padding
      self.dilation = dilation
    }

    /// The geometry for the inputs (input, weight[, bias]).
    func geometry(_ inputs: [Tensor]) -> Convolution2dGeometry {
      let (input, weight, bias) = convolutionInputs(inputs, of: "Convolution2d")
      return Convolution2dGeometry(
        input: input.shape, weight: weight.shape, bias: bias?.shape, stride: stride,
        padding: padding, dilation: dilation)
    }

    /// Unfolds the input and multiplies by the weight (see `ConvolutionGeometry.forward`).
    public func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor {
      geometry(inputs).forward(ctx, inputs)
    }

    /// The gradients of the input (folded columns), the weight and, if there was one, the bias
    /// (see `ConvolutionGeometry.backward`).
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor] {
      let saved = ctx.savedValues
      return geometry([saved[0], saved[1]] + saved.dropFirst(3)).backward(ctx, dOut)
    }
  }
}

/// The 2-D convolution of `input` (batch, inChannels, height, width) with `weight`
/// (outChannels, inChannels, kernelHeight, kernelWidth), PyTorch's `conv2d` (Task 4.2):
///
///     out[b, o, i, j] = bias[o] + Σ_c Σ_u Σ_v weight[o, c, u, v] · x[b, c, i′, j′]
///     i′ = i · strideH − paddingH + u · dilationH,   j′ = j · strideW − paddingW + v · dilationW
///
/// with x = 0 in the padding; the kernel is not flipped (a cross-correlation). `stride`,
/// `padding` and `dilation` take one number for both axes (`padding: 1`) or one per axis
/// (`padding: Size2D(1, 2)`, height first). Each output size follows the 1-D rule. A shape or
/// channel mismatch, a bias that is not of shape [outChannels], or settings that leave no output
/// position stop the program with a message naming the shapes and settings.
public func conv2d(
  _ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: Size2D = 1,
  padding: Size2D = 0, dilation: Size2D = 1
) -> Tensor {
  let function = Tensor.Convolution2d(stride: stride, padding: padding, dilation: dilation)
  guard let bias else { return function.apply(input, weight) }
  return function.apply(input, weight, bias)
}
