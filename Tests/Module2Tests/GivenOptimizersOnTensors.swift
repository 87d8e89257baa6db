import Foundation
import Module2
import TensorTestSupport
import TestSupport
import Testing

/// The optimizers on tensors, given in Module 2: Module 1's `SGD` (plain and with momentum) on
/// tensor parameters, and `Adam`, with its step counted per parameter. Not graded.
@Suite("Given code: SGD and Adam on tensors", .explainsStops)
struct GivenOptimizersOnTensors {
  @Test func momentumOnTensorsMatchesPyTorch() throws {
    try checkAgainstPyTorch(
      { SGD($0, rate: OptimizerReference.rate, momentum: 0.9) },
      expected: OptimizerReference.momentum, on: .simple)
    try checkAgainstPyTorch(
      { SGD($0, rate: OptimizerReference.rate, momentum: 0.9, nesterov: true) },
      expected: OptimizerReference.nesterov, on: .simple)
  }

  @Test func adamCountsStepsPerParameterAsPyTorchDoes() throws {
    // y has no gradient in step 2: it keeps its value and its averages, and its third step is
    // its second, with the bias corrections of t = 2 (a count of the optimizer's steps would
    // use t = 3 and move y by about a third less).
    let adam = try checkAgainstPyTorch(
      { Adam($0, rate: OptimizerReference.rate) }, expected: OptimizerReference.adam,
      on: .simple)
    #expect(adam.stepCounts == [4, 3])
  }

  @Test func plainSGDOnTensorsStepsAgainstTheGradient() throws {
    let w = Parameter(Tensor(shape: [2, 2], data: [1, -2, 3, 0.5]))
    let sgd = SGD([w], rate: 0.25)
    sgd.zeroGrad()
    let current = w.value(as: Tensor.self)
    (current * current).sum().backward()  // gradient 2w
    sgd.step()
    let moved = w.value(as: Tensor.self)
    #expect(moved.shape == [2, 2] && moved.requiresGrad && moved.isLeaf)
    try assertClose(moved.data.values, [0.5, -1, 1.5, 0.25], "w − 0.25 · 2w")
  }

  /// A quadratic bowl ½ Σ aᵢ xᵢ² that is 100 times steeper along x₀ than along x₁.
  static func bowl(_ x: Tensor) -> Tensor {
    (x * x * Tensor(shape: [2], data: [100, 1])).sum() * 0.5
  }

  @Test func adamsFirstStepsMoveEachEntryByTheRate() throws {
    // With a constant gradient g, the bias-corrected averages are exactly g and g², so every
    // step moves each entry by rate · g / (|g| + ε): the rate, against the gradient's sign,
    // however large or small the gradient is.
    let x = Parameter(Tensor(shape: [3], data: [1, -2, 3]))
    let c = Tensor(shape: [3], data: [0.5, -4, 1e-3])
    let adam = Adam([x], rate: 0.1)
    for step in 1...3 {
      adam.zeroGrad()
      (x.value(as: Tensor.self) * c).sum().backward()
      adam.step()
      let moved = [0.5, -4, 1e-3].map { 0.1 * Double(step) * $0 / (abs($0) + 1e-8) }
      try assertClose(
        x.value(as: Tensor.self).data.values, zip([1.0, -2, 3], moved).map { $0 - $1 },
        "x after \(step) Adam steps on Σ c · x", tolerance: Tolerance(rtol: 1e-12, atol: 1e-12))
    }
    #expect(adam.stepCounts == [3])
  }

  @Test func adamMinimisesAnIllConditionedBowlFasterThanSGD() throws {
    // SGD must keep its rate below 2/100 or diverge along the steep axis, so it crawls along
    // the shallow one; Adam's per-entry scaling does not care.
    let sgdX = Parameter(Tensor(shape: [2], data: [1, 1]))
    let adamX = Parameter(Tensor(shape: [2], data: [1, 1]))
    let optimizers: [(any Optimizer, Parameter)] = [
      (SGD([sgdX], rate: 0.019), sgdX), (Adam([adamX], rate: 0.1), adamX),
    ]
    for _ in 0..<100 {
      for (optimizer, x) in optimizers {
        optimizer.zeroGrad()
        Self.bowl(x.value(as: Tensor.self)).backward()
        optimizer.step()
      }
    }
    let sgdLoss = Self.bowl(sgdX.value(as: Tensor.self)).item()
    let adamLoss = Self.bowl(adamX.value(as: Tensor.self)).item()
    #expect(
      adamLoss < sgdLoss / 10,
      "after 100 steps Adam's loss \(adamLoss) should be under a tenth of SGD's \(sgdLoss)")
  }

  @Test func adamRefusesParametersThatAreNotTensors() async {
    await #expect(processExitsWith: .failure) {
      _ = Adam([Parameter(Scalar(1))])
    }
  }
}
