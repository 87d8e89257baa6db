import Module2
import TensorTestSupport
import TestSupport
import Testing

/// The NumPy-style surface (indexing, shape functions, einsum, the layout operations of the
/// backends) on the simple backend. The checks are written once in `Tests/TensorChecks`;
/// Module3Tests runs the same ones on the fast backend. Not graded.
@Suite("Given code: indexing, shape functions and einsum on .simple", .explainsStops)
struct TensorSurfaceOnSimple {
  @Test(arguments: IndexingChecks.all)
  func indexing(_ check: TensorCheck) throws {
    try check.run(on: .simple)
  }

  @Test(arguments: ShapeChecks.all)
  func shapeFunctions(_ check: TensorCheck) throws {
    try check.run(on: .simple)
  }

  @Test(arguments: EinsumChecks.all)
  func einsumAndMatmul(_ check: TensorCheck) throws {
    try check.run(on: .simple)
  }

  @Test(arguments: LayoutOperationChecks.all)
  func layoutOperations(_ check: TensorCheck) throws {
    try check.run(on: .simple)
  }
}
