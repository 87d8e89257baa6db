import Module2
import TensorTestSupport
import TestSupport
import Testing

/// What a PyTorch or MyGrad user reaches for next (issue 21): negative dimension numbers,
/// comparisons and selection, and the shape helpers, on the simple backend. The checks are
/// written once in `Tests/TensorTestSupport`; Module3Tests runs the same ones on the fast
/// backend. Not graded.
@Suite("Given code: negative dimensions, selection and shape helpers on .simple", .explainsStops)
struct PyTorchSurfaceOnSimple {
  @Test(arguments: NegativeDimensionChecks.all)
  func negativeDimensions(_ check: TensorCheck) throws {
    try check.run(on: .simple)
  }

  @Test(arguments: SelectionChecks.all)
  func selection(_ check: TensorCheck) throws {
    try check.run(on: .simple)
  }

  @Test(arguments: ShapeHelperChecks.all)
  func shapeHelpers(_ check: TensorCheck) throws {
    try check.run(on: .simple)
  }

  @Test(arguments: EmptyTensorChecks.all)
  func emptyTensors(_ check: TensorCheck) throws {
    try check.run(on: .simple)
  }
}

/// Dimension numbers out of range, or one dimension named twice, stop with a message naming the
/// call and the shape. Each runs in a process of its own. Not graded.
@Suite("Given code: wrong dimension numbers are explained", .explainsStops)
struct DimensionNumberStops {
  @Test(arguments: [
    "sum(dim: -4)", "mean(dims: [0, -4])", "cumsum(dim: 3)", "unsqueeze(-5)",
    "sum(dims: [2, -1])", "variance(dim: 5)",
  ])
  func aWrongDimensionNamesTheCallAndTheShape(_ call: String) async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      [call] in
      let x = Tensor.zeros([2, 3, 4])
      switch call {
      case "sum(dim: -4)": _ = x.sum(dim: -4)
      case "mean(dims: [0, -4])": _ = x.mean(dims: [0, -4])
      case "cumsum(dim: 3)": _ = x.cumsum(dim: 3)
      case "unsqueeze(-5)": _ = x.unsqueeze(-5)
      case "sum(dims: [2, -1])": _ = x.sum(dims: [2, -1])
      default: _ = x.variance(dim: 5)
      }
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    let twice = call == "sum(dims: [2, -1])"
    try check(
      message.contains(call) && message.contains("[2, 3, 4]")
        && message.contains(twice ? "listed more than once" : "counts from the end"),
      "the message should name \(call) and the shape [2, 3, 4]; it was: \(message)")
  }
}
