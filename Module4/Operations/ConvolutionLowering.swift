/// Task 4.1: the forward pass of a convolution once the input is unfolded: for `columns` of
/// shape [B, C·K, L] and a weight of shape [O, C, …] with C·K entries per output channel,
/// out[b] = W · columns[b]. The result has shape [B, O, L].
///
/// Use the backend's operations: `ops.matrixMultiply` broadcasts a [O, C·K] matrix against
/// the batch of [C·K, L] matrices, and `weight.reshaped([O, C·K], ops)` (given) sees the
/// weight as a matrix.
func convolutionForward(columns: TensorData, weight: TensorData, _ ops: any TensorOps)
  -> TensorData
{
  let outChannels = weight.shape[0]
  let taps = weight.size / outChannels
  precondition(
    columns.dims == 3 && columns.shape[1] == taps,
    "convolutionForward: columns \(columns.shape) should be [batch, \(taps), positions] "
      + "for a weight of shape \(weight.shape)")
  // BEGIN SOLUTION Task 4.1
  return ops.matrixMultiply(weight.reshaped([outChannels, taps], ops), columns)
  // END SOLUTION
}

/// Task 4.1: the gradients of `convolutionForward` given dOut of shape [B, O, L]:
///
/// - dColumns = Wᵀ · dOut[b] for every b, shape [B, C·K, L] (which `fold` turns into the
///   input's gradient), when `needsColumns`; `nil` otherwise, without computing it: the input is
///   then a constant, such as a batch of images, whose gradient nobody receives;
/// - dWeight = Σ_b dOut[b] · columns[b]ᵀ, O·C·K entries in the weight's order.
///
/// dWeight may come in any shape with its entries in that row-major order (a reduction over
/// the batch leaves [1, O, C·K]); the caller reshapes it. `TensorData`'s `transposed()` swaps
/// the last two dimensions without copying.
func convolutionBackward(
  dOut: TensorData, columns: TensorData, weight: TensorData, needsColumns: Bool,
  _ ops: any TensorOps
) -> (dColumns: TensorData?, dWeight: TensorData) {
  let outChannels = weight.shape[0]
  precondition(
    dOut.dims == 3 && dOut.shape[1] == outChannels,
    "convolutionBackward: dOut \(dOut.shape) should be [batch, \(outChannels), positions]")
  // BEGIN SOLUTION Task 4.1
  let matrix = weight.reshaped([outChannels, weight.size / outChannels], ops)
  let dColumns = needsColumns ? ops.matrixMultiply(matrix.transposed(), dOut) : nil
  let perExample = ops.matrixMultiply(dOut, columns.transposed())
  let dWeight = ops.reduce(perExample, dim: 0, .sum)
  return (dColumns, dWeight)
  // END SOLUTION
}
