/// The sizes and settings of a convolution, checked once, and how one channel of one example is
/// unfolded into its block of the columns and folded back (Tasks 4.1 and 4.2).
/// `Convolution1dGeometry` and `Convolution2dGeometry` conform; the tensor function
/// `Tensor.Convolution` computes a convolution for any geometry.
///
/// What a convolution is, whatever its number of spatial axes: a batch of B examples with C input
/// channels, O filters of C channels each, and one `ConvolutionAxis` per spatial dimension (width
/// for a signal; height and width for an image). An output position reads, along every axis,
///
///     x = p · stride − padding + k · dilation        (0 outside the input: the padding)
///
/// so a filter has K taps (the product of the kernel sizes) and the output L positions (the
/// product of the axes' output sizes). Unfolding the input copies, for every (example, channel)
/// pair, its spatial inputs into a block of K × L entries: tap t, position p holds what tap t reads
/// at p. The blocks together are the *columns* [B, C·K, L] that ConvolutionLowering.swift
/// multiplies by the weight; folding adds a block back onto the inputs it came from.
///
/// Only the block of one channel depends on the number of axes: that is the student's
/// `unfoldChannel`/`foldChannel` (Task 4.1 for 1-D, Task 4.2 for 2-D). The shapes, the checks and
/// the loop over the (example, channel) pairs are written once, in this protocol's extension.
///
/// A convolution as one matrix product (im2col, "image to columns").
///
/// Every output entry is a dot product of the weights of one output channel with one window of
/// the input. Copy each window into a column of a matrix, the *columns* of shape
/// [batch, C·K, L] (K kernel taps per input channel, L output positions, so column p of example b
/// holds the C·K inputs that output position p sees), and all the dot products become one
/// matrix product with the weight seen as a matrix W of shape [O, C·K]:
///
///     out[b] = W · columns[b]                                               shape [O, L]
///
/// The backward pass is the same picture read backwards. For each example b,
///
///     dW       = Σ_b dOut[b] · columns[b]ᵀ        (every window weighted by its output's gradient)
///     dColumns = Wᵀ · dOut[b]                     (every window's share of the gradient)
///
/// and `fold` adds each window's share back onto the input positions it was copied from: the
/// gradient of the input. `unfold` and `fold` are the only parts that know the geometry; the
/// products (Task 4.1's `convolutionForward` and `convolutionBackward`, ConvolutionLowering.swift)
/// go through the backend's `matrixMultiply`, so the fast backend's blocked kernel runs them,
/// whatever the geometry. `Tensor.Convolution` calls them.
public protocol ConvolutionGeometry: Sendable {
  /// The operation's name in messages: `"conv1d"` or `"conv2d"`.
  static var operation: String { get }
  /// How many examples.
  var batch: Int { get }
  /// How many channels each input example has.
  var inChannels: Int { get }
  /// How many channels the output has (one per filter of the weight).
  var outChannels: Int { get }
  /// The spatial axes, in the order of the dimensions: `[width]`, or `[height, width]`.
  var axes: [ConvolutionAxis] { get }

  /// Unfolds one channel of one example (its spatial inputs in row-major order) into its block
  /// of the columns: one row per tap, one column per output position, all 0 on entry.
  func unfoldChannel(
    _ image: UnsafeBufferPointer<Double>, into columns: UnsafeMutableBufferPointer<Double>)

  /// Adds one channel's block of the columns back onto the inputs it was copied from (the
  /// adjoint of `unfoldChannel`; the image is all 0 on entry).
  func foldChannel(
    _ columns: UnsafeBufferPointer<Double>, into image: UnsafeMutableBufferPointer<Double>)
}

extension ConvolutionGeometry {
  /// (batch, inChannels, spatial sizes…).
  public var inputShape: [Int] { [batch, inChannels] + axes.map(\.size) }
  /// (outChannels, inChannels, kernel sizes…).
  public var weightShape: [Int] { [outChannels, inChannels] + axes.map(\.kernel) }
  /// (batch, outChannels, output sizes…).
  public var outputShape: [Int] { [batch, outChannels] + axes.map(\.outputSize) }
  /// How many taps one filter has per input channel: the product of the kernel sizes.
  public var taps: Int { axes.reduce(1) { $0 * $1.kernel } }
  /// How many output positions one example has: the product of the output sizes.
  public var positions: Int { axes.reduce(1) { $0 * $1.outputSize } }
  /// The unfolded input (batch, inChannels · taps, positions): row c · taps + t, column p holds
  /// the input that tap t of channel c meets at output position p (both counted row-major over
  /// the axes).
  public var columnsShape: [Int] { [batch, inChannels * taps, positions] }

  /// How many inputs one channel of one example has (the product of the spatial sizes).
  var channelSize: Int { axes.reduce(1) { $0 * $1.size } }

  /// The columns matrix (im2col): `input` of shape `inputShape` unfolded to `columnsShape` by
  /// `unfoldChannel`, one channel of one example at a time, through `ops` (on the fast
  /// backend's threads when the input is large).
  ///
  /// - Complexity: O(batch · inChannels · taps · positions).
  public func unfold(_ input: TensorData, _ ops: any TensorOps) -> TensorData {
    precondition(
      input.shape == inputShape,
      "\(Self.operation): the input has shape \(input.shape), the geometry expects \(inputShape)")
    let columns = blockByBlock(
      input.contiguous(ops).values, from: channelSize, to: taps * positions, ops, unfoldChannel)
    return TensorData(columns, shape: columnsShape)
  }

  /// The adjoint of `unfold` (col2im): `columns` of shape `columnsShape` folded back to
  /// `inputShape` by `foldChannel`, adding up where windows overlap, through `ops`. It gives the
  /// gradient of the input from the gradient of the columns.
  ///
  /// - Complexity: O(batch · inChannels · taps · positions).
  public func fold(_ columns: TensorData, _ ops: any TensorOps) -> TensorData {
    precondition(
      columns.shape == columnsShape,
      "\(Self.operation): the columns have shape \(columns.shape), the geometry expects "
        + "\(columnsShape)")
    let images = blockByBlock(
      columns.contiguous(ops).values, from: taps * positions, to: channelSize, ops, foldChannel)
    return TensorData(images, shape: inputShape)
  }

  /// The one loop of unfold and fold. `source` holds batch · inChannels blocks of `from`
  /// entries, one per (example, channel) pair in row-major order; the result holds as many
  /// blocks of `to` entries, and `body(sourceBlock, targetBlock)` fills the target block of each
  /// pair, zeroed just before, from its source block. Each pair reads and writes only its own
  /// blocks, so the pairs run through the backend's `forEachItem` (in parallel on the fast
  /// backend) with no locks; the buffers are taken once for the whole loop. (Zeroing each block
  /// where it is filled, rather than the whole result first, shares that work among the threads
  /// too and fills a block while it is still in the cache.)
  private func blockByBlock(
    _ source: [Double], from: Int, to: Int, _ ops: any TensorOps,
    _ body: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
  ) -> [Double] {
    let pairs = batch * inChannels
    return [Double](unsafeUninitializedCapacity: pairs * to) { target, initialized in
      source.withUnsafeBufferPointer { source in
        ops.forEachItem(pairs, workPerItem: Swift.max(from, to)) { pair in
          let block = UnsafeMutableBufferPointer(rebasing: target[(pair * to)..<((pair + 1) * to)])
          block.initialize(repeating: 0)
          body(UnsafeBufferPointer(rebasing: source[(pair * from)..<((pair + 1) * from)]), block)
        }
      }
      initialized = pairs * to
    }
  }
}

/// The shapes every geometry checks the same way: an input (batch, inChannels, sizes…) and a
/// weight (outChannels, inChannels, kernel sizes…) with one dimension per entry of `axisNames`
/// (the input's layout, `["height", "width"]`) and `kernelNames` (the weight's, `["kernelHeight",
/// "kernelWidth"]`), the same number of channels, and one `ConvolutionAxis` per spatial
/// dimension with its stride, padding and dilation. A mismatch stops with a message naming
/// `operation`, both shapes and the layout expected.
func checkedConvolution(
  _ operation: String, input: [Int], weight: [Int], axisNames: [String], kernelNames: [String],
  stride: [Int], padding: [Int], dilation: [Int]
) -> (batch: Int, inChannels: Int, outChannels: Int, axes: [ConvolutionAxis]) {
  let spatial = axisNames.count
  precondition(
    input.count == spatial + 2,
    "\(operation) needs an input of shape (batch, inChannels, "
      + "\(axisNames.joined(separator: ", "))), got shape \(input)")
  precondition(
    weight.count == spatial + 2,
    "\(operation) needs a weight of shape (outChannels, inChannels, "
      + "\(kernelNames.joined(separator: ", "))), got shape \(weight)")
  precondition(
    input[1] == weight[1],
    "\(operation): the input \(input) has \(input[1]) channels, but the weight \(weight) "
      + "expects \(weight[1]) (its dimension 1)")
  let described = "\(operation) of input \(input) with weight \(weight)"
  let axes = axisNames.indices.map { d in
    ConvolutionAxis(
      size: input[d + 2], kernel: weight[d + 2], stride: stride[d], padding: padding[d],
      dilation: dilation[d], operation: described, axis: axisNames[d])
  }
  return (input[0], input[1], weight[0], axes)
}
