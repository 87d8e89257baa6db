/// The sizes and settings of a 1-D convolution, checked once: everything `unfold1d`, `fold1d`
/// and `Tensor.Convolution1d` need (Tasks 4.1).
///
/// The 1-D convolution, PyTorch's `conv1d`: an input of shape (batch, inChannels, width), a weight
/// of shape (outChannels, inChannels, kernel), and
///
///     out[b, o, p] = bias[o] + Σ_c Σ_k weight[o, c, k] · x[b, c, p · stride − padding + k · dilation]
///
/// where x is 0 outside 0..<width (the padding). This is a cross-correlation, as in every deep
/// learning library: the kernel is not flipped. `ConvolutionGeometry` shows how it becomes a
/// matrix product; this type has the geometry: which input entry each column entry copies.
public struct Convolution1dGeometry: ConvolutionGeometry, Equatable {
  /// `"conv1d"`.
  public static let operation = "conv1d"

  /// How many examples.
  public let batch: Int
  /// How many channels each input example has.
  public let inChannels: Int
  /// How many channels the output has (one per filter of the weight).
  public let outChannels: Int
  /// The width axis: its size, kernel, stride, padding, dilation and output size.
  public let width: ConvolutionAxis

  /// The geometry of `conv1d` for an input of shape `input` = (batch, inChannels, width), a
  /// weight of shape `weight` = (outChannels, inChannels, kernel) and, when there is one, a
  /// bias of shape `bias` = (outChannels). A shape of the wrong rank, a channel count that
  /// differs, a bias of the wrong size, a setting out of range or an input too short for one
  /// window stops the program with a message naming the shapes and settings.
  public init(
    input: [Int], weight: [Int], bias: [Int]? = nil, stride: Int = 1, padding: Int = 0,
    dilation: Int = 1
  ) {
    let operation = "conv1d"
    precondition(
      input.count == 3,
      "\(operation) needs an input of shape (batch, inChannels, width), got shape \(input)")
    precondition(
      weight.count == 3,
      "\(operation) needs a weight of shape (outChannels, inChannels, kernel), got shape "
        + "\(weight)")
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
    batch = input[0]
    inChannels = input[1]
    outChannels = weight[0]
    width = ConvolutionAxis(
      size: input[2], kernel: weight[2], stride: stride, padding: padding, dilation: dilation,
      operation: "\(operation) of input \(input) with weight \(weight)", axis: "width")
  }

  /// (batch, inChannels, width).
  public var inputShape: [Int] { [batch, inChannels, width.size] }
  /// (outChannels, inChannels, kernel).
  public var weightShape: [Int] { [outChannels, inChannels, width.kernel] }
  /// (batch, outChannels, outputWidth).
  public var outputShape: [Int] { [batch, outChannels, width.outputSize] }
  /// The unfolded input (batch, inChannels · kernel, outputWidth): row c · kernel + k, column p
  /// holds the input that kernel tap k of channel c meets at output position p.
  public var columnsShape: [Int] { [batch, inChannels * width.kernel, width.outputSize] }

  /// Task 4.1: unfolds one channel of one example. `row` holds its `width.size` inputs;
  /// `columns` is its block of the columns matrix, kernel × outputWidth entries in row-major
  /// order, all 0 on entry. For every kernel tap k and output position p, set
  ///
  ///     columns[k · outputWidth + p] = row[p · stride − padding + k · dilation]
  ///
  /// and leave the entry at 0 when that position lies in the padding (outside 0..<size).
  /// `width.inside(tap: k)` (given) is the range of positions p where tap k reads inside the
  /// row: looping over it instead of testing every position keeps the inner loop free of tests.
  public func unfoldChannel(
    _ row: UnsafeBufferPointer<Double>, into columns: UnsafeMutableBufferPointer<Double>
  ) {
    // BEGIN SOLUTION Task 4.1
    let positions = width.outputSize
    for k in 0..<width.kernel {
      let shift = k * width.dilation - width.padding
      for p in width.inside(tap: k) {
        columns[k * positions + p] = row[p * width.stride + shift]
      }
    }
    // END SOLUTION
  }

  /// Task 4.1: the adjoint of `unfoldChannel`: adds every column entry back onto the input
  /// position it was copied from. `columns` is one channel's block (kernel × outputWidth);
  /// `row` (width.size entries, all 0 on entry) receives
  ///
  ///     row[p · stride − padding + k · dilation] += columns[k · outputWidth + p]
  ///
  /// for every tap k and position p that does not fall into the padding. An input position read
  /// by several windows collects all their shares: this is the gradient of the input.
  public func foldChannel(
    _ columns: UnsafeBufferPointer<Double>, into row: UnsafeMutableBufferPointer<Double>
  ) {
    // BEGIN SOLUTION Task 4.1
    let positions = width.outputSize
    for k in 0..<width.kernel {
      let shift = k * width.dilation - width.padding
      for p in width.inside(tap: k) {
        row[p * width.stride + shift] += columns[k * positions + p]
      }
    }
    // END SOLUTION
  }
}

/// The columns matrix of a 1-D convolution (im2col): `geometry.unfold(input)`.
public func unfold1d(_ input: TensorData, _ geometry: Convolution1dGeometry) -> TensorData {
  geometry.unfold(input)
}

/// The adjoint of `unfold1d` (col2im): `geometry.fold(columns)`.
public func fold1d(_ columns: TensorData, _ geometry: Convolution1dGeometry) -> TensorData {
  geometry.fold(columns)
}

extension Tensor {
  /// The differentiable 1-D convolution (Task 4.1): inputs (input, weight) or (input, weight,
  /// bias), output of shape (batch, outChannels, outputWidth); see `conv1d`.
  ///
  /// The forward pass unfolds the input and multiplies (`convolutionForward`); the backward
  /// pass multiplies the other way round (`convolutionBackward`) and folds the columns'
  /// gradient back onto the input: the same index map as the forward pass, run backwards.
  public struct Convolution1d: TensorFunction {
    /// How far the window moves per output position.
    public let stride: Int
    /// Zeros imagined on each side of the input.
    public let padding: Int
    /// The distance between kernel taps.
    public let dilation: Int

    /// A 1-D convolution with these settings.
    public init(stride: Int = 1, padding: Int = 0, dilation: Int = 1) {
      self.stride = stride
      self.padding = padding
      self.dilation = dilation
    }

    /// The geometry for the inputs (input, weight[, bias]).
    func geometry(_ inputs: [Tensor]) -> Convolution1dGeometry {
      let (input, weight, bias) = convolutionInputs(inputs, of: "Convolution1d")
      return Convolution1dGeometry(
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

/// The 1-D convolution of `input` (batch, inChannels, width) with `weight` (outChannels,
/// inChannels, kernel), PyTorch's `conv1d` (Task 4.1):
///
///     out[b, o, p] = bias[o] + Σ_c Σ_k weight[o, c, k] · x[b, c, p · stride − padding + k · dilation]
///
/// with x = 0 in the padding; the kernel is not flipped (a cross-correlation). The output has
/// shape (batch, outChannels, ⌊(width + 2 · padding − dilation · (kernel − 1) − 1) / stride⌋ + 1).
/// A shape or channel mismatch, a bias that is not of shape [outChannels], or settings that
/// leave no output position stop the program with a message naming the shapes and settings.
public func conv1d(
  _ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0,
  dilation: Int = 1
) -> Tensor {
  let function = Tensor.Convolution1d(stride: stride, padding: padding, dilation: dilation)
  guard let bias else { return function.apply(input, weight) }
  return function.apply(input, weight, bias)
}
