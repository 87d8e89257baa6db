/// Layer normalisation of `input` over its last dimensions, PyTorch's
/// `torch.nn.functional.layer_norm(input, normalized_shape, weight, bias, eps)` (MyGrad
/// and NumPy have none): every block of the last `normalizedShape.count` dimensions,
/// which must equal `normalizedShape`, becomes (x − μ) / √(σ² + ε) with its own mean μ and
/// biased variance σ², then times `weight` and plus `bias` (each of shape `normalizedShape`)
/// when given. Differentiable in all three.
///
/// Layer normalisation (Ba, Kiros and Hinton, 2016). Where batch normalisation normalises each
/// channel over the batch, layer normalisation normalises each example over its own last
/// dimensions (its features), so it needs no batch statistics and behaves the same in training
/// and evaluation. For the entries x of one example's normalised block (the last
/// `normalizedShape.count` dimensions):
///
///     μ = mean of x      σ² = mean of (x − μ)²      (biased: ÷ n)
///     y = (x − μ) / √(σ² + ε) · weight + bias       weight and bias of shape normalizedShape
///
/// The weight and bias are one number per entry of the block (elementwise), not per channel.
/// Like batch normalisation it is a composition of `mean`, `variance` and arithmetic, so autodiff
/// gives its gradient.
public func layerNorm(
  _ input: Tensor, normalizedShape: [Int], weight: Tensor? = nil, bias: Tensor? = nil,
  epsilon: Double = 1e-5
) -> Tensor {
  let count = normalizedShape.count
  precondition(
    count >= 1 && input.dims >= count && Array(input.shape.suffix(count)) == normalizedShape,
    "layerNorm: the last dimensions of the input \(input.shape) must be the normalized shape "
      + "\(normalizedShape)")
  for (name, tensor) in [("weight", weight), ("bias", bias)] {
    if let tensor {
      precondition(
        tensor.shape == normalizedShape,
        "layerNorm: the \(name) should have the normalized shape \(normalizedShape), but it has "
          + "shape \(tensor.shape)")
    }
  }
  let dims = Array((input.dims - count)..<input.dims)
  let mean = input.mean(dims: dims)
  let variance = input.variance(dims: dims, correction: 0)
  var y = (input - mean) / (variance + epsilon).sqrt()
  if let weight { y = y * weight }
  if let bias { y = y + bias }
  return y
}

/// A layer-normalisation layer, PyTorch's `torch.nn.LayerNorm(normalized_shape)`: `layerNorm`
/// over the last dimensions, which must be `normalizedShape`, with a learned weight (starting
/// at 1) and bias (starting at 0) of that shape unless `elementwiseAffine` is false. The same in
/// training and evaluation mode.
public final class TensorLayerNorm: Module, Layer {
  /// The scale of each entry of the normalised block; `nil` without `elementwiseAffine`.
  public let weight: Parameter?
  /// The shift of each entry of the normalised block; `nil` without `elementwiseAffine`.
  public let bias: Parameter?
  /// The shape of the last dimensions normalised together.
  public let normalizedShape: [Int]
  /// Added to the variance before the square root (PyTorch: 1e-5).
  public let epsilon: Double

  /// A layer normalising blocks of `normalizedShape` (a feature count `[features]`, or more
  /// dimensions), with PyTorch's defaults.
  public init(
    _ normalizedShape: [Int], epsilon: Double = 1e-5, elementwiseAffine: Bool = true,
    backend: TensorBackend = .simple
  ) {
    precondition(
      !normalizedShape.isEmpty && normalizedShape.allSatisfy { $0 > 0 },
      "TensorLayerNorm needs a normalized shape of positive sizes, got \(normalizedShape)")
    self.normalizedShape = normalizedShape
    self.epsilon = epsilon
    weight = elementwiseAffine ? Parameter(learned(1, normalizedShape, backend)) : nil
    bias = elementwiseAffine ? Parameter(learned(0, normalizedShape, backend)) : nil
  }

  /// The input, each block of its last dimensions normalised.
  public func forward(_ input: Tensor) -> Tensor {
    layerNorm(
      input, normalizedShape: normalizedShape, weight: weight?.value(as: Tensor.self),
      bias: bias?.value(as: Tensor.self), epsilon: epsilon)
  }

  /// `normalizedShape: [8], eps: 1e-05, elementwiseAffine: true`.
  public override var extraDescription: String {
    "normalizedShape: \(normalizedShape), eps: \(epsilon), elementwiseAffine: \(weight != nil)"
  }
}
