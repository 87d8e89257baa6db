/// The sizes and settings of one spatial axis of a convolution, checked once, with the number
/// of output positions they give.
///
/// One spatial axis of a convolution: how many input positions there are, how wide the kernel
/// is, and how the window moves. Output position p with kernel tap k reads input position
///
///     x = p · stride − padding + k · dilation
///
/// and positions outside 0..<size are the zero padding. The last window must still fit inside
/// the padded input, which gives PyTorch's output-size rule
///
///     outputSize = ⌊(size + 2 · padding − dilation · (kernel − 1) − 1) / stride⌋ + 1.
///
/// A 1-D convolution has one such axis (width), a 2-D convolution two (height and width).
public struct ConvolutionAxis: Sendable, Equatable, CustomStringConvertible {
  /// How many input positions the axis has (before padding).
  public let size: Int
  /// How many taps the kernel has along the axis.
  public let kernel: Int
  /// How far the window moves from one output position to the next.
  public let stride: Int
  /// How many zeros are imagined on each side of the input.
  public let padding: Int
  /// How far apart the kernel's taps are (1: next to each other).
  public let dilation: Int
  /// How many output positions there are: ⌊(size + 2p − d(k − 1) − 1) / s⌋ + 1.
  public let outputSize: Int

  /// Checks the settings of an axis and computes its output size. `operation` ("conv2d") and
  /// `axis` ("height") name the axis in the messages of the checks, which stop the program
  /// when a setting is out of range or when not even one window fits into the padded input.
  public init(
    size: Int, kernel: Int, stride: Int, padding: Int, dilation: Int, operation: String,
    axis: String
  ) {
    let settings =
      "\(axis) \(size), kernel \(kernel), stride \(stride), padding \(padding), "
      + "dilation \(dilation)"
    precondition(
      stride >= 1, "\(operation): the \(axis) stride must be at least 1 (\(settings))")
    precondition(
      padding >= 0, "\(operation): the \(axis) padding must not be negative (\(settings))")
    precondition(
      dilation >= 1, "\(operation): the \(axis) dilation must be at least 1 (\(settings))")
    let span = dilation * (kernel - 1) + 1
    precondition(
      span <= size + 2 * padding,
      "\(operation): the output would have no positions along the \(axis): the kernel spans "
        + "\(span) positions, but the padded input has only \(size + 2 * padding) (\(settings))")
    self.size = size
    self.kernel = kernel
    self.stride = stride
    self.padding = padding
    self.dilation = dilation
    // span ≤ size + 2p, so the numerator is not negative and / rounds down.
    self.outputSize = (size + 2 * padding - span) / stride + 1
  }

  /// The output positions p at which kernel tap `tap` reads inside the input, that is where
  /// p · stride − padding + tap · dilation lies in 0..<size (at the others it reads padding).
  /// A loop over this range needs no test per position.
  public func inside(tap: Int) -> Range<Int> {
    // p · s + shift ≥ 0 from p = ⌈−shift / s⌉ on; p · s + shift ≤ size − 1 up to
    // ⌊(size − 1 − shift) / s⌋ (integer division rounds down only for numbers ≥ 0).
    let shift = tap * dilation - padding
    let first = shift >= 0 ? 0 : (stride - 1 - shift) / stride
    let room = size - 1 - shift
    let end = room < 0 ? 0 : Swift.min(outputSize, room / stride + 1)
    return first < end ? first..<end : first..<first
  }

  /// `size 28, kernel 5, stride 1, padding 0, dilation 1 → 24`.
  public var description: String {
    "size \(size), kernel \(kernel), stride \(stride), padding \(padding), dilation \(dilation) "
      + "→ \(outputSize)"
  }
}

/// Two numbers, one for each spatial axis of an image, height first: a kernel size, a stride,
/// a padding or a dilation of a 2-D operation. An integer literal means the same number for
/// both axes, so `stride: 2` is `Size2D(2, 2)`, as PyTorch reads `stride=2`.
public struct Size2D: Sendable, Equatable, ExpressibleByIntegerLiteral, CustomStringConvertible {
  /// The number for the height (rows).
  public var height: Int
  /// The number for the width (columns).
  public var width: Int

  /// `height` for the rows, `width` for the columns.
  public init(_ height: Int, _ width: Int) {
    self.height = height
    self.width = width
  }

  /// The same number for both axes.
  public init(integerLiteral value: Int) {
    self.init(value, value)
  }

  /// `(3, 2)`: height, then width.
  public var description: String { "(\(height), \(width))" }
}
