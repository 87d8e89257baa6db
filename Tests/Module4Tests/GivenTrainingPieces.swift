import Foundation
import Module4
import TensorTestSupport
import TestSupport
import Testing

/// The training pieces given beside the optimizers: `AdamW`, `clipGradNorm` and the
/// learning-rate schedules, against PyTorch's `AdamW`, `clip_grad_norm_`, `StepLR` and
/// `CosineAnnealingLR`. Not graded.
@Suite("Given code: AdamW, gradient clipping, schedules", .explainsStops)
struct GivenTrainingPieces {
  typealias Reference = LayerReference

  /// PyTorch's x and y after each of four steps, from the flat literals.
  static func steps(_ x: [Double], _ y: [Double]) -> [(x: [Double], y: [Double])] {
    (0..<4).map { (Array(x[($0 * 3)..<($0 * 3 + 3)]), Array(y[($0 * 2)..<($0 * 2 + 2)])) }
  }

  @Test(arguments: gradedBackends)
  func adamWMatchesPyTorch(backend: TensorBackend) throws {
    // y gets no gradient in step 2: it is neither decayed nor moved, and its count stays.
    let adamW = try checkAgainstPyTorch(
      { AdamW($0, rate: 0.1, weightDecay: 0.1) },
      expected: Self.steps(Reference.adamWX, Reference.adamWY), on: backend)
    #expect(adamW.stepCounts == [4, 3] && adamW.weightDecay == 0.1)
    _ = try checkAgainstPyTorch(
      { AdamW($0, rate: 0.1) },
      expected: Self.steps(Reference.adamWDefaultX, Reference.adamWDefaultY),
      on: backend)
  }

  @Test func adamWWithoutDecayIsAdam() throws {
    let (a, b) = (
      Parameter(Tensor(shape: [2], data: [1, -3])), Parameter(Tensor(shape: [2], data: [1, -3]))
    )
    let (adam, adamW) = (Adam([a], rate: 0.05), AdamW([b], rate: 0.05, weightDecay: 0))
    for _ in 0..<3 {
      for (optimizer, parameter) in [(adam as any Optimizer, a), (adamW, b)] {
        optimizer.zeroGrad()
        let x = parameter.value(as: Tensor.self)
        (x * x * x).sum().backward()
        optimizer.step()
      }
    }
    try assertClose(
      b.value(as: Tensor.self).data.values, a.value(as: Tensor.self).data.values,
      "AdamW with weight decay 0 against Adam", tolerance: .exact)
  }

  @Test(arguments: gradedBackends)
  func clippingScalesAllGradientsTogether(backend: TensorBackend) throws {
    for layout in Layout.allCases {
      let a = referenceLeaf(Reference.clipA, [3, 2], layout, backend)
      let b = referenceLeaf(Reference.clipB, [4], layout, backend)
      ((a * a * a).sum() + (b * 3).sum() + a.sum() * b[slice: 0..<1]).sum().backward()
      try assertClose(gradientValues(a), Reference.clipGradA, "a's gradient before clipping")
      try assertClose(gradientValues(b), Reference.clipGradB, "b's gradient before clipping")
      let norm = clipGradNorm([Parameter(a), Parameter(b)], maxNorm: 2)
      try assertClose(norm, Reference.clipNorm[0], "the global norm before clipping, \(layout)")
      try assertClose(gradientValues(a), Reference.clipClippedA, "a's clipped gradient")
      try assertClose(gradientValues(b), Reference.clipClippedB, "b's clipped gradient")
    }
  }

  @Test func clippingLeavesShortGradientsAlone() throws {
    let x = Tensor(shape: [3], data: [0.1, -0.2, 0.3], requiresGrad: true)
    let unused = Tensor(shape: [1], data: [5], requiresGrad: true)
    (x * x).sum().backward()
    let norm = clipGradNorm([Parameter(x), Parameter(unused)], maxNorm: 10)
    try assertClose(norm, (0.04 + 0.16 + 0.36).squareRoot(), "‖2x‖")
    #expect(x.grad?.data.values == [0.2, -0.4, 0.6] && unused.grad == nil)
  }

  @Test func aNonFiniteNormLeavesTheGradientsAlone() throws {
    let x = Tensor(shape: [2], data: [1, 2], requiresGrad: true)
    (x * Tensor(shape: [2], data: [Double.infinity, 3])).sum().backward()
    let norm = clipGradNorm([Parameter(x)], maxNorm: 1)
    #expect(norm == .infinity && x.grad?.data.values == [.infinity, 3])
  }

  @Test func stepDecayMatchesPyTorch() throws {
    let optimizer = SGD([Parameter(Tensor.zeros([1]))], rate: 0.1)
    let schedule = StepLR(optimizer, stepSize: 3, gamma: 0.5)
    var rates: [Double] = []
    for _ in 0..<10 {
      schedule.step()
      rates.append(optimizer.rate)
    }
    try assertClose(rates, Reference.stepRates, "StepLR(stepSize: 3, gamma: 0.5) from 0.1")
  }

  @Test func cosineAnnealingMatchesPyTorch() throws {
    // Any optimizer takes a schedule: here Adam, whose rate PyTorch's SGD shares.
    let optimizer = Adam([Parameter(Tensor.zeros([1]))], rate: 0.1)
    let schedule = CosineAnnealingLR(optimizer, epochs: 5, minimumRate: 0.01)
    var rates: [Double] = []
    for _ in 0..<12 {
      schedule.step()
      rates.append(optimizer.rate)
    }
    try assertClose(rates, Reference.cosineRates, "CosineAnnealingLR(epochs: 5, min 0.01)")
    #expect(schedule.epoch == 12 && schedule.initialRate == 0.1)
  }

  @Test func badSettingsAreReported() async {
    await #expect(processExitsWith: .failure) {
      _ = StepLR(SGD([], rate: 0.1), stepSize: 0)
    }
    await #expect(processExitsWith: .failure) {
      _ = clipGradNorm([], maxNorm: 0)
    }
    await #expect(processExitsWith: .failure) {
      _ = AdamW([], weightDecay: -1)
    }
  }
}
