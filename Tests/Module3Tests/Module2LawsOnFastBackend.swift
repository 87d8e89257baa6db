import Module3
import TensorTestSupport
import TestSupport
import Testing

/// A fast backend under test, named by its settings (both are called "fast").
struct FastSetting: Sendable, CustomStringConvertible {
  let description: String
  let backend: TensorBackend

  /// The default settings (one thread for these small tensors), and a threshold of 1 with small
  /// chunks, so that the threaded paths run too. Each runs half of every law's cases: the two
  /// together cost what one run of Module 2's suites costs.
  static let all = [
    FastSetting(description: ".fast", backend: .fast),
    FastSetting(
      description: ".fast(parallel: Parallel(threshold: 1, grain: 7))",
      backend: .fast(parallel: Parallel(threshold: 1, grain: 7))),
  ]
}

/// Every law of Module 2's tensor suites (Tasks 2.3 and 2.4: forward values, broadcasting,
/// reductions, layouts, gradients), run on the fast backend: the same law bodies, from
/// TensorTestSupport, with another backend. Not graded: these laws go through Module 2's tensor
/// functions, which are Module 2's tasks, so a Module 2 bug would fail them too. The graded
/// suites Task3_1 … Task3_4 check FastOps itself against oracles in the tests.
@Suite("Given code: Module 2's laws on the fast backend", .explainsStops)
struct Module2LawsOnFastBackend {
  @Test(arguments: TensorProperty.forward, FastSetting.all)
  func forwardLaw(_ law: TensorProperty, on setting: FastSetting) throws {
    try PropertyCases.$share.withValue(0.5) { try law.check(setting.backend) }
  }

  @Test(arguments: TensorProperty.backward, FastSetting.all)
  func backwardLaw(_ law: TensorProperty, on setting: FastSetting) throws {
    try PropertyCases.$share.withValue(0.5) { try law.check(setting.backend) }
  }
}
