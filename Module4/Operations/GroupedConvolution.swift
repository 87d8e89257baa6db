// Grouped convolution (Krizhevsky et al., 2012; the depthwise convolutions of MobileNet). The
// input channels are split into `groups` equal groups, the filters too, and each group of
// filters sees only its own group of channels:
//
//     input channels   [ c₀ … c_{C/g−1} | … | … c_{C−1} ]       g groups of C/g channels
//     filters          [ f₀ … f_{O/g−1} | … | … f_{O−1} ]       g groups of O/g filters
//     out[:, group j's filters] = conv(x[:, group j's channels], weight[group j's filters])
//
// so the weight has shape (O, C/g, kernel…): each filter has C/g channels, not C. groups = 1 is
// the ordinary convolution; groups = C (with O = C · m) is the depthwise convolution, one small
// filter per channel (m per channel). Each group is one ordinary `Tensor.Convolution` (the
// student's unfold and products, Tasks 4.1 and 4.2) on a slice of the channels; the outputs are
// concatenated along the channels. The slices and the concatenation are differentiable, so the
// gradients of the groups land in their own channels and filters.

/// The convolution of `input` with `weight` in `groups` groups, plus `bias` (shape
/// [outChannels]) on every position of its channel: the function behind `conv1d` and `conv2d`
/// when `groups` is above 1. `geometry(inputShape, weightShape)` makes the geometry of one
/// group from its shapes (batch, C/g, sizes…) and (O/g, C/g, kernel…); `operation` names the
/// caller in messages.
func groupedConvolution<Geometry: ConvolutionGeometry>(
  _ operation: String, _ input: Tensor, _ weight: Tensor, bias: Tensor?, groups: Int,
  geometry: ([Int], [Int]) -> Geometry
) -> Tensor {
  precondition(groups >= 1, "\(operation): groups must be at least 1, got \(groups)")
  precondition(
    input.dims >= 3 && weight.dims == input.dims,
    "\(operation) needs an input (batch, inChannels, sizes…) and a weight (outChannels, "
      + "inChannels / groups, kernel…) of the same rank, got \(input.shape) and \(weight.shape)")
  let (inChannels, outChannels) = (input.shape[1], weight.shape[0])
  precondition(
    inChannels % groups == 0 && outChannels % groups == 0,
    "\(operation): groups \(groups) must divide the input's \(inChannels) channels (input "
      + "\(input.shape)) and the weight's \(outChannels) filters (weight \(weight.shape))")
  let (perGroupIn, perGroupOut) = (inChannels / groups, outChannels / groups)
  precondition(
    weight.shape[1] == perGroupIn,
    "\(operation): with \(groups) groups each filter sees \(perGroupIn) of the input's "
      + "\(inChannels) channels, so the weight should have shape (\(outChannels), "
      + "\(perGroupIn), kernel…), but it has shape \(weight.shape)")
  if let bias {
    precondition(
      bias.shape == [outChannels],
      "\(operation): the bias should have shape [\(outChannels)], one entry per output "
        + "channel of the weight \(weight.shape), but it has shape \(bias.shape)")
  }
  let outputs = (0..<groups).map { group in
    let channels = (group * perGroupIn)..<((group + 1) * perGroupIn)
    let filters = (group * perGroupOut)..<((group + 1) * perGroupOut)
    let x = input[slice: TensorIndex.all, channels]
    let w = weight[slice: filters]
    return Tensor.Convolution(geometry(x.shape, w.shape)).apply(x, w)
  }
  let out = groups == 1 ? outputs[0] : Tensor.concatenate(outputs, dim: 1)
  guard let bias else { return out }
  var perChannel = Array(repeating: 1, count: out.dims)
  perChannel[1] = outChannels
  return out + bias.reshape(perChannel)
}
