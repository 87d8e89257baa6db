import Module2
import TestSupport

// `OptimizerReference`'s problem on tensors, run with any optimizer on any backend: written once,
// run by Module 2's tests on the simple backend and by Module 3's on the fast one.

/// The four steps of `OptimizerReference`'s problem, with x and y each one tensor parameter on
/// `backend` and the optimizer `make` builds for them; throws unless every step agrees with
/// PyTorch's `expected`. Returns the optimizer after its four steps.
@discardableResult
public func checkAgainstPyTorch<Trainer: Optimizer>(
  _ make: ([Parameter]) -> Trainer, expected: [(x: [Double], y: [Double])],
  on backend: TensorBackend
) throws -> Trainer {
  let x = Parameter(Tensor(shape: [3], data: OptimizerReference.x0, backend: backend))
  let y = Parameter(Tensor(shape: [2], data: OptimizerReference.y0, backend: backend))
  let kx = Tensor(shape: [3], data: OptimizerReference.kx, backend: backend)
  let ky = Tensor(shape: [2], data: OptimizerReference.ky, backend: backend)
  let optimizer = make([x, y])
  for (number, want) in expected.enumerated() {
    let step = number + 1
    optimizer.zeroGrad()
    let xs = x.value(as: Tensor.self)
    var loss = (kx * xs * xs).sum() + (xs * 0.25).sum()
    if OptimizerReference.usesY(inStep: step) {
      let ys = y.value(as: Tensor.self)
      loss = loss + (ky * ys * ys * ys).sum()
    }
    loss.backward()
    optimizer.step()
    for (name, parameter, values) in [("x", x, want.x), ("y", y, want.y)] {
      let tensor = parameter.value(as: Tensor.self)
      try check(
        tensor.backend.name == backend.name && tensor.requiresGrad,
        "\(name) after step \(step) must stay a parameter on the \(backend) backend")
      try assertClose(
        tensor.data.values, values, "\(name) after step \(step) on \(backend)",
        tolerance: OptimizerReference.tolerance)
    }
  }
  return optimizer
}
