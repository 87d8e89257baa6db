/// The sizes and settings of a 1-D convolution, checked once: everything `Tensor.Convolution`
/// needs to compute `conv1d` (Task 4.1).
///
/// The 1-D convolution, PyTorch's `conv1d`: an input of shape (batch, inChannels, width), a weight
/// of shape (outChannels, inChannels, kernel), and
///
///     out[b, o, p] = bias[o] + Σ_c Σ_k weight[o, c, k] · x[b, c, p · stride − padding + k · dilation]
///
/// where x is 0 outside 0..<width (the padding). This is a cross-correlation, as in every deep
/// learning library: the kernel is not flipped. This type has what is 1-D about it, the
/// geometry: which input entry each column entry copies. Everything else is shared with the 2-D
/// convolution: the shapes and the loop over channels (`ConvolutionGeometry`), the matrix
/// products (ConvolutionLowering.swift) and the tensor function (`Tensor.Convolution`).
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

  /// The geometry of `conv1d` for an input of shape `input` = (batch, inChannels, width) and a
  /// weight of shape `weight` = (outChannels, inChannels, kernel). A shape of the wrong rank, a
  /// channel count that differs, a setting out of range or an input too short for one window
  /// stops the program with a message naming the shapes and settings.
  public init(
    input: [Int], weight: [Int], stride: Int = 1, padding: Int = 0, dilation: Int = 1
  ) {
    let checked = checkedConvolution(
      Self.operation, input: input, weight: weight, axisNames: ["width"],
      kernelNames: ["kernel"], stride: [stride], padding: [padding], dilation: [dilation])
    (batch, inChannels, outChannels) = (checked.batch, checked.inChannels, checked.outChannels)
    width = checked.axes[0]
  }

  /// The one spatial axis, `[width]`.
  public var axes: [ConvolutionAxis] { [width] }

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

/// The 1-D convolution of `input` (batch, inChannels, width) with `weight` (outChannels,
/// inChannels, kernel), PyTorch's `conv1d` (Task 4.1):
///
///     out[b, o, p] = bias[o] + Σ_c Σ_k weight[o, c, k] · x[b, c, p · stride − padding + k · dilation]
///
/// with x = 0 in the padding; the kernel is not flipped (a cross-correlation). The output has
/// shape (batch, outChannels, ⌊(width + 2 · padding − dilation · (kernel − 1) − 1) / stride⌋ + 1).
/// A shape or channel mismatch, a bias that is not of shape [outChannels], or settings that
/// leave no output position stop the program with a message naming the shapes and settings.
///
/// With `groups` g above 1 (PyTorch's `groups`), a grouped convolution: the weight has shape
/// (outChannels, inChannels / g, kernel) and each group of outChannels / g filters sees only its
/// own group of inChannels / g channels; g = inChannels is the depthwise convolution (see
/// GroupedConvolution.swift).
public func conv1d(
  _ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0,
  dilation: Int = 1, groups: Int = 1
) -> Tensor {
  if groups != 1 {
    return groupedConvolution("conv1d", input, weight, bias: bias, groups: groups) {
      Convolution1dGeometry(
        input: $0, weight: $1, stride: stride, padding: padding, dilation: dilation)
    }
  }
  let geometry = Convolution1dGeometry(
    input: input.shape, weight: weight.shape, stride: stride, padding: padding,
    dilation: dilation)
  return convolution(input, weight, bias: bias, geometry: geometry)
}
