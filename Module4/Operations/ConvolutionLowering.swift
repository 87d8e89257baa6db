/// Task 4.1: the forward pass of a convolution once the input is unfolded: for `columns` of
/// shape [B, C·K, L] and a weight of shape [O, C, …] with C·K entries per output channel,
/// out[b] = W · columns[b], plus bias[o] on every entry of output channel o when there is a
/// bias (shape [O]). The result has shape [B, O, L].
///
/// Use the backend's operations: `ops.matrixMultiply` broadcasts a [O, C·K] matrix against
/// the batch of [C·K, L] matrices, `ops.zip` adds a bias seen as [O, 1], and
/// `weight.reshaped([O, C·K], ops)` (given) sees the weight as a matrix.
func convolutionForward(
  columns: TensorData, weight: TensorData, bias: TensorData?, _ ops: any TensorOps
) -> TensorData {
  let outChannels = weight.shape[0]
  let taps = weight.size / outChannels
  precondition(
    columns.dims == 3 && columns.shape[1] == taps,
    "convolutionForward: columns \(columns.shape) should be [batch, \(taps), positions] "
      + "for a weight of shape \(weight.shape)")
  // BEGIN SOLUTION Task 4.1
  let out = ops.matrixMultiply(weight.reshaped([outChannels, taps], ops), columns)
  guard let bias else { return out }
  return ops.zip(out, bias.reshaped([outChannels, 1], ops), .add)
  // END SOLUTION
}

/// Task 4.1: the gradients of `convolutionForward` given dOut of shape [B, O, L]:
///
/// - dColumns = Wᵀ · dOut[b] for every b, shape [B, C·K, L] (which `fold` turns into the
///   input's gradient);
/// - dWeight = Σ_b dOut[b] · columns[b]ᵀ, O·C·K entries in the weight's order;
/// - dBias = dOut summed over the batch and the positions, O entries.
///
/// dWeight and dBias may come in any shape with their entries in that row-major order (the
/// reductions leave [1, O, C·K] and [1, O, 1]); the caller reshapes them. `TensorData`'s
/// `transposed()` swaps the last two dimensions without copying.
func convolutionBackward(
  dOut: TensorData, columns: TensorData, weight: TensorData, _ ops: any TensorOps
) -> (dColumns: TensorData, dWeight: TensorData, dBias: TensorData) {
  let outChannels = weight.shape[0]
  precondition(
    dOut.dims == 3 && dOut.shape[1] == outChannels,
    "convolutionBackward: dOut \(dOut.shape) should be [batch, \(outChannels), positions]")
  // BEGIN SOLUTION Task 4.1
  let matrix = weight.reshaped([outChannels, weight.size / outChannels], ops)
  let dColumns = ops.matrixMultiply(matrix.transposed(), dOut)
  let perExample = ops.matrixMultiply(dOut, columns.transposed())
  let dWeight = ops.reduce(perExample, dim: 0, .sum)
  let dBias = ops.reduce(ops.reduce(dOut, dim: 2, .sum), dim: 0, .sum)
  return (dColumns, dWeight, dBias)
  // END SOLUTION
}

/// What the lowering needs from the geometry of a convolution: its shapes, and how one channel
/// of one example is unfolded into its block of the columns and folded back (Tasks 4.1 and
/// 4.2). `Convolution1dGeometry` and `Convolution2dGeometry` conform; everything else about a
/// convolution (the matrix products, the parallel loop over channels, the tensor function's
/// forward and backward) is written once, below, for any geometry.
///
/// A convolution as one matrix product (im2col, "image to columns").
///
/// Every output entry is a dot product of the weights of one output channel with one window of
/// the input. Copy each window into a column of a matrix, the *columns* of shape
/// [batch, C·K, L] (K kernel taps per input channel, L output positions, so column p of example b
/// holds the C·K inputs that output position p sees), and all the dot products become one
/// matrix product with the weight seen as a matrix W of shape [O, C·K]:
///
///     out[b] = W · columns[b] (+ bias, the same for every position)          shape [O, L]
///
/// The backward pass is the same picture read backwards. For each example b,
///
///     dW       = Σ_b dOut[b] · columns[b]ᵀ        (every window weighted by its output's gradient)
///     dColumns = Wᵀ · dOut[b]                     (every window's share of the gradient)
///     dBias    = Σ_b Σ_p dOut[b, :, p]
///
/// and `fold` adds each window's share back onto the input positions it was copied from: the
/// gradient of the input. `unfold` and `fold` are the only parts that know the geometry; the
/// products go through the backend's `matrixMultiply`, so the fast backend's blocked kernel runs
/// them. `Convolution1dGeometry` and `Convolution2dGeometry` are the two geometries.
public protocol ConvolutionGeometry: Sendable {
  /// The operation's name in messages: `"conv1d"` or `"conv2d"`.
  static var operation: String { get }
  /// How many examples.
  var batch: Int { get }
  /// How many channels each input example has.
  var inChannels: Int { get }
  /// How many channels the output has.
  var outChannels: Int { get }
  /// (batch, inChannels, spatial sizes…).
  var inputShape: [Int] { get }
  /// (outChannels, inChannels, kernel sizes…).
  var weightShape: [Int] { get }
  /// (batch, outChannels, output sizes…).
  var outputShape: [Int] { get }
  /// The unfolded input: (batch, inChannels · taps, output positions).
  var columnsShape: [Int] { get }
  /// Unfolds one channel of one example (its spatial inputs in row-major order) into its block
  /// of the columns (one row per tap, one column per output position; all 0 on entry).
  func unfoldChannel(
    _ image: UnsafeBufferPointer<Double>, into columns: UnsafeMutableBufferPointer<Double>)
  /// Adds one channel's block of the columns back onto the inputs it was copied from (the
  /// adjoint of `unfoldChannel`; the image is all 0 on entry).
  func foldChannel(
    _ columns: UnsafeBufferPointer<Double>, into image: UnsafeMutableBufferPointer<Double>)
}

extension ConvolutionGeometry {
  /// How many inputs one channel of one example has (the product of the spatial sizes).
  var channelSize: Int { inputShape.dropFirst(2).reduce(1, *) }

  /// How many entries one channel's block of the columns has (taps · output positions).
  var blockSize: Int { columnsShape[1] / inChannels * columnsShape[2] }

  /// The columns matrix (im2col): `input` of shape `inputShape` unfolded to `columnsShape` by
  /// `unfoldChannel`, one channel of one example at a time, in parallel when the input is large.
  ///
  /// - Complexity: O(batch · inChannels · taps · output positions).
  public func unfold(_ input: TensorData) -> TensorData {
    precondition(
      input.shape == inputShape,
      "\(Self.operation): the input has shape \(input.shape), the geometry expects \(inputShape)")
    let columns = unfoldChannels(
      input.values, channels: batch * inChannels, rowSize: channelSize, blockSize: blockSize,
      unfoldChannel)
    return TensorData(columns, shape: columnsShape)
  }

  /// The adjoint of `unfold` (col2im): `columns` of shape `columnsShape` folded back to
  /// `inputShape` by `foldChannel`, adding up where windows overlap. It gives the gradient of
  /// the input from the gradient of the columns.
  ///
  /// - Complexity: O(batch · inChannels · taps · output positions).
  public func fold(_ columns: TensorData) -> TensorData {
    precondition(
      columns.shape == columnsShape,
      "\(Self.operation): the columns have shape \(columns.shape), the geometry expects "
        + "\(columnsShape)")
    let images = foldChannels(
      columns.values, channels: batch * inChannels, rowSize: channelSize, blockSize: blockSize,
      foldChannel)
    return TensorData(images, shape: inputShape)
  }

  /// The forward pass of the tensor function for `inputs` (input, weight[, bias]): unfolds the
  /// input and multiplies by the weight (`convolutionForward`); saves the input, the weight and
  /// the columns (and the bias, when there is one, so the backward pass returns its gradient).
  func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor {
    let (input, weight) = (inputs[0], inputs[1])
    let ops = input.backend.ops
    let columns = unfold(input.data.contiguous(ops))
    let bias = inputs.count == 3 ? inputs[2].data : nil
    let out = convolutionForward(columns: columns, weight: weight.data, bias: bias, ops)
    let saved = Tensor(columns, backend: input.backend)
    if inputs.count == 3 {
      ctx.saveForBackward(input, weight, saved, inputs[2])
    } else {
      ctx.saveForBackward(input, weight, saved)
    }
    return Tensor(out.reshaped(outputShape, ops), backend: input.backend)
  }

  /// The backward pass of the tensor function: the gradients of the input (the columns'
  /// gradient folded back), the weight and, if there was one, the bias.
  func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor] {
    let saved = ctx.savedValues
    let ops = dOut.backend.ops
    let positions = [batch, outChannels, columnsShape[2]]
    let gradients = convolutionBackward(
      dOut: dOut.data.reshaped(positions, ops), columns: saved[2].data, weight: saved[1].data,
      ops)
    var result = [
      Tensor(fold(gradients.dColumns), backend: dOut.backend),
      Tensor(gradients.dWeight.reshaped(weightShape, ops), backend: dOut.backend),
    ]
    if saved.count == 4 {
      result.append(Tensor(gradients.dBias.reshaped([outChannels], ops), backend: dOut.backend))
    }
    return result
  }
}

/// The inputs of a convolution's tensor function, (input, weight) or (input, weight, bias),
/// after checking how many there are; `function` names it in the message.
func convolutionInputs(_ inputs: [Tensor], of function: String) -> (
  input: Tensor, weight: Tensor, bias: Tensor?
) {
  precondition(
    inputs.count == 2 || inputs.count == 3,
    "\(function) takes (input, weight) or (input, weight, bias), got \(inputs.count) tensors")
  return (inputs[0], inputs[1], inputs.count == 3 ? inputs[2] : nil)
}

// The plumbing around the geometry-specific `unfoldChannel` and `foldChannel` (given): the
// columns matrix [B, C·K, L] is, example by example and channel by channel, one contiguous block
// of K·L entries per (b, c), and the input one contiguous row of its spatial entries per (b, c).
// So each (b, c) pair reads and writes only its own block: the pairs run in parallel with no
// locks, and the buffers are taken once for the whole loop.

/// The columns of `channels` rows of `rowSize` inputs each (`values`, row-major), each row
/// unfolded into its own zeroed block of `blockSize` entries by `unfold(row, block)`.
func unfoldChannels(
  _ values: [Double], channels: Int, rowSize: Int, blockSize: Int,
  _ unfold: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
) -> [Double] {
  precondition(
    values.count == channels * rowSize,
    "unfold: \(values.count) inputs for "
      + "\(channels) rows of \(rowSize)")
  var columns = [Double](repeating: 0, count: channels * blockSize)
  values.withUnsafeBufferPointer { rows in
    columns.withUnsafeMutableBufferPointer { blocks in
      parallelLoop(channels, work: blockSize) { channel in
        unfold(
          UnsafeBufferPointer(rebasing: rows[(channel * rowSize)..<((channel + 1) * rowSize)]),
          UnsafeMutableBufferPointer(
            rebasing: blocks[(channel * blockSize)..<((channel + 1) * blockSize)]))
      }
    }
  }
  return columns
}

/// The rows of `channels` blocks of `blockSize` column entries each (`columns`, row-major),
/// each block added into its own zeroed row of `rowSize` entries by `fold(block, row)`.
func foldChannels(
  _ columns: [Double], channels: Int, rowSize: Int, blockSize: Int,
  _ fold: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
) -> [Double] {
  precondition(
    columns.count == channels * blockSize,
    "fold: \(columns.count) column entries "
      + "for \(channels) blocks of \(blockSize)")
  var rows = [Double](repeating: 0, count: channels * rowSize)
  columns.withUnsafeBufferPointer { blocks in
    rows.withUnsafeMutableBufferPointer { output in
      parallelLoop(channels, work: blockSize) { channel in
        fold(
          UnsafeBufferPointer(
            rebasing: blocks[(channel * blockSize)..<((channel + 1) * blockSize)]),
          UnsafeMutableBufferPointer(
            rebasing: output[(channel * rowSize)..<((channel + 1) * rowSize)]))
      }
    }
  }
  return rows
}
