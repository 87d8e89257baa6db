extension Tensor {
  /// The differentiable convolution of an input (batch, inChannels, sizes…) with a weight
  /// (outChannels, inChannels, kernel sizes…) over `geometry` (Tasks 4.1 and 4.2):
  ///
  ///     out[b, o, p] = Σ_c Σ_t weight[o, c, t] · x[b, c, where tap t reads at position p]
  ///
  /// with x = 0 in the padding, the kernel not flipped (a cross-correlation). `conv1d` and
  /// `conv2d` build the geometry from the shapes and settings and apply this function.
  ///
  /// One convolution for every geometry. The tensor function keeps its geometry (sizes, stride,
  /// padding, dilation of every axis) in its value, as `Sum` keeps its dim:
  ///
  ///     forward(ctx, input, weight):  columns = unfold(input)                      [B, C·K, L]
  ///                                   out[b]  = W · columns[b]                     [B, O, L]
  ///     backward(ctx, dOut):          dInput  = fold(Wᵀ · dOut[b])
  ///                                   dWeight = Σ_b dOut[b] · columns[b]ᵀ
  ///
  /// (the products are Task 4.1's `convolutionForward` and `convolutionBackward`, the unfold and
  /// fold are Tasks 4.1 and 4.2's, per geometry). A bias is not part of the convolution: `conv1d`
  /// and `conv2d` add it afterwards as an ordinary broadcast addition, bias[o] on every position of
  /// output channel o, whose gradient, the sum of dOut over the batch and the positions, comes from
  /// undoing the broadcast.
  ///
  /// ```swift
  /// let geometry = Convolution2dGeometry(input: x.shape, weight: w.shape, padding: 1)
  /// let y = Tensor.Convolution(geometry).apply(x, w)    // shape geometry.outputShape
  /// ```
  public struct Convolution<Geometry: ConvolutionGeometry>: BinaryFunction {
    /// The shapes and settings: the input and weight it takes, and where each tap reads.
    public let geometry: Geometry

    /// The convolution over `geometry`.
    public init(_ geometry: Geometry) {
      self.geometry = geometry
    }

    /// The input, then the weight.
    public var inputNames: [String] { ["input", "weight"] }

    /// Unfolds the input and multiplies by the weight (`convolutionForward`); keeps the columns
    /// and the weight for the backward pass.
    public func forward(_ ctx: Context<Tensor>, _ input: Tensor, _ weight: Tensor) -> Tensor {
      precondition(
        input.shape == geometry.inputShape && weight.shape == geometry.weightShape,
        "\(Geometry.operation): the input \(input.shape) and the weight \(weight.shape) are "
          + "not the shapes \(geometry.inputShape) and \(geometry.weightShape) of the geometry")
      let ops = input.backend.ops
      let columns = geometry.unfold(input.data, ops)
      let out = convolutionForward(columns: columns, weight: weight.data, ops)
      ctx.saveForBackward(Tensor(columns, backend: input.backend), weight)
      return Tensor(out.reshaped(geometry.outputShape, ops), backend: input.backend)
    }

    /// The gradients of the input (the columns' gradient folded back onto the input; zeros,
    /// without the columns' gradient or the fold, when the input is a constant such as a batch
    /// of images, whose gradient nobody receives: `ctx.needsGradient(ofInput: 0)`) and of the
    /// weight (`convolutionBackward`).
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> (Tensor, Tensor) {
      let (columns, weight) = ctx.savedPair
      let ops = dOut.backend.ops
      let perPosition = [geometry.batch, geometry.outChannels, geometry.positions]
      let needsInput = ctx.needsGradient(ofInput: 0)
      let gradients = convolutionBackward(
        dOut: dOut.data.reshaped(perPosition, ops), columns: columns.data, weight: weight.data,
        needsColumns: needsInput, ops)
      let dInput: TensorData
      if needsInput {
        guard let dColumns = gradients.dColumns else {
          preconditionFailure(
            "\(Geometry.operation): convolutionBackward (Task 4.1) returned no dColumns, but "
              + "the input needs its gradient (needsColumns was true)")
        }
        dInput = geometry.fold(dColumns, ops)
      } else {
        dInput = TensorData.filled(geometry.inputShape, with: 0)
      }
      return (
        Tensor(dInput, backend: dOut.backend),
        Tensor(gradients.dWeight.reshaped(geometry.weightShape, ops), backend: dOut.backend)
      )
    }
  }
}

/// The convolution of `input` with `weight` over `geometry`, plus `bias` (shape [outChannels])
/// on every position of its output channel when there is one: the one function behind `conv1d`
/// and `conv2d`. The bias's shape is checked before anything is computed; a wrong one stops with
/// a message naming both shapes.
public func convolution<Geometry: ConvolutionGeometry>(
  _ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, geometry: Geometry
) -> Tensor {
  let outChannels = geometry.outChannels
  if let bias {
    precondition(
      bias.shape == [outChannels],
      "\(Geometry.operation): the bias should have shape [\(outChannels)], one entry per "
        + "output channel of the weight \(weight.shape), but it has shape \(bias.shape)")
  }
  let out = Tensor.Convolution(geometry).apply(input, weight)
  guard let bias else { return out }
  // The output seen as (batch, outChannels, positions) and the bias as (outChannels, 1): each
  // row of positions gets its channel's number, added a whole row at a time (views share
  // storage, so nothing is copied).
  let rows = out.reshape([geometry.batch, outChannels, geometry.positions])
  return (rows + bias.reshape([outChannels, 1])).reshape(geometry.outputShape)
}
