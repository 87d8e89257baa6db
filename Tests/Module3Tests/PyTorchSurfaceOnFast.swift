import Module3
import TensorTestSupport
import TestSupport
import Testing

/// The checks of issue 21's additions (negative dimensions, selection, shape helpers) that
/// Module2Tests runs on `.simple`, here on the fast backend with threads for any job bigger
/// than one chunk of 64 entries. Not graded.
@Suite("Given code: negative dimensions, selection and shape helpers on .fast", .explainsStops)
struct PyTorchSurfaceOnFast {
  static let threadedFast = TensorBackend.fast(parallel: Parallel(threshold: 1, grain: 64))

  @Test(arguments: NegativeDimensionChecks.all)
  func negativeDimensions(_ check: TensorCheck) throws {
    try check.run(on: Self.threadedFast)
  }

  @Test(arguments: SelectionChecks.all)
  func selection(_ check: TensorCheck) throws {
    try check.run(on: Self.threadedFast)
  }

  @Test(arguments: ShapeHelperChecks.all)
  func shapeHelpers(_ check: TensorCheck) throws {
    try check.run(on: Self.threadedFast)
  }

  @Test(arguments: EmptyTensorChecks.all)
  func emptyTensors(_ check: TensorCheck) throws {
    try check.run(on: Self.threadedFast)
  }
}
