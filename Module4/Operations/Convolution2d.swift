/// The sizes and settings of a 2-D convolution, checked once: everything `Tensor.Convolution`
/// needs to compute `conv2d` (Task 4.2).
///
/// The 2-D convolution, PyTorch's `conv2d`: an input of shape (batch, inChannels, height, width),
/// a weight of shape (outChannels, inChannels, kernelHeight, kernelWidth), and
///
///     out[b, o, i, j] = bias[o] + Σ_c Σ_u Σ_v weight[o, c, u, v] · x[b, c, i′, j′]
///     with i′ = i · strideH − paddingH + u · dilationH,  j′ = j · strideW − paddingW + v · dilationW
///
/// where x is 0 outside the image (the padding), and the kernel is not flipped. Each axis follows
/// the 1-D rule on its own (`ConvolutionAxis`). Only the geometry is 2-D: the shapes, the loop
/// over channels, the matrix products and the tensor function are the 1-D convolution's
/// (`ConvolutionGeometry`, ConvolutionLowering.swift, `Tensor.Convolution`), with
/// K = kernelHeight · kernelWidth taps and L = outputHeight · outputWidth positions.
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
  /// width) and a weight of shape `weight` = (outChannels, inChannels, kernelHeight,
  /// kernelWidth), with a stride, padding and dilation per axis. A shape of the wrong rank, a
  /// channel count that differs, a setting out of range or an image too small for one window
  /// stops the program with a message naming the shapes and settings.
  public init(
    input: [Int], weight: [Int], stride: Size2D = 1, padding: Size2D = 0, dilation: Size2D = 1
  ) {
    let checked = checkedConvolution(
      Self.operation, input: input, weight: weight, axisNames: ["height", "width"],
      kernelNames: ["kernelHeight", "kernelWidth"], stride: [stride.height, stride.width],
      padding: [padding.height, padding.width], dilation: [dilation.height, dilation.width])
    (batch, inChannels, outChannels) = (checked.batch, checked.inChannels, checked.outChannels)
    (height, width) = (checked.axes[0], checked.axes[1])
  }

  /// The two spatial axes, `[height, width]`: tap (u, v) is tap u · kernelWidth + v, output
  /// position (i, j) is position i · outputWidth + j.
  public var axes: [ConvolutionAxis] { [height, width] }

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
    // (`&+` and `&*` in the innermost loop: index arithmetic without overflow checks, so that
    // the copy runs as vector instructions; the indices stay inside the buffers by construction.)
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
            columns[block &+ j] = image[pixels &+ j &* width.stride]
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
            image[pixels &+ j &* width.stride] += columns[block &+ j]
          }
        }
      }
    }
    // END SOLUTION
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
///
/// With `groups` g above 1 (PyTorch's `groups`), a grouped convolution: the weight has shape
/// (outChannels, inChannels / g, kH, kW) and each group of outChannels / g filters sees only
/// its own group of inChannels / g channels; g = inChannels is the depthwise convolution (see
/// GroupedConvolution.swift).
public func conv2d(
  _ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: Size2D = 1,
  padding: Size2D = 0, dilation: Size2D = 1, groups: Int = 1
) -> Tensor {
  if groups != 1 {
    return groupedConvolution("conv2d", input, weight, bias: bias, groups: groups) {
      Convolution2dGeometry(
        input: $0, weight: $1, stride: stride, padding: padding, dilation: dilation)
    }
  }
  let geometry = Convolution2dGeometry(
    input: input.shape, weight: weight.shape, stride: stride, padding: padding,
    dilation: dilation)
  return convolution(input, weight, bias: bias, geometry: geometry)
}
