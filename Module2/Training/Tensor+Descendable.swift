// Tensors as parameters an optimizer moves: Module 1's `SGD` trains them as it trains scalars,
// and `Adam` (Adam.swift) trains tensors only. Every update is computed by the tensor's backend
// on the whole tensor at once, like any other tensor operation.

extension Tensor: Descendable {
  /// The gradient collected since `zeroGrad()`, a constant of this tensor's shape.
  public var gradient: Tensor? { grad }

  /// A new leaf holding data + step, computed by the backend.
  public func moved(by step: Tensor) -> Tensor {
    Tensor(backend.ops.zip(data, step.data, .add), backend: backend, requiresGrad: true)
  }
}

extension Tensor: GradientArithmetic {
  /// This tensor times `factor`, entry by entry, as a constant (no graph is recorded).
  public func scaled(by factor: Double) -> Tensor {
    Tensor(backend.ops.zip(data, TensorData([factor], shape: [1]), .mul), backend: backend)
  }
}
