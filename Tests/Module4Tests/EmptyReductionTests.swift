import Module4
import TensorTestSupport
import TestSupport
import Testing

/// max and min of empty tensors, as NumPy has them: along a dimension of size 0 they stop with
/// a message; along another dimension the result is empty, with an empty gradient; the
/// positions of a maximum (argmax, argmaxIndices, topk) of an empty tensor stop. Not graded.
@Suite("Given code: max and min of empty tensors", .explainsStops)
struct EmptyReductionTests {
  @Test(arguments: [TensorBackend.simple, .fast])
  func maxAlongANonEmptyDimensionIsEmpty(backend: TensorBackend) throws {
    // np.max(np.zeros((0, 3)), axis=1, keepdims=True) has shape (0, 1).
    let x = Tensor(shape: [0, 3], data: [], backend: backend, requiresGrad: true)
    let m = x.max(dim: 1)
    try expectTensor(m, shape: [0, 1], values: [], "np.max(x, axis=1, keepdims=True)")
    try expectTensor(x.min(dim: -1, keepDims: false), shape: [0], values: [], "np.min(x, -1)")
    m.sum().backward()
    try expectTensor(x.grad!, shape: [0, 3], values: [], "∂ max over rows of nothing")
  }

  @Test(arguments: ["max(dim: 0)", "min()", "argmax(dim: 1)", "topk(1, dim: -1)"])
  func theMaximumOfNothingStops(_ call: String) async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      [call] in
      let x = Tensor.zeros([0, 3])
      switch call {
      case "max(dim: 0)": _ = x.max(dim: 0)
      case "min()": _ = x.min()
      case "argmax(dim: 1)": _ = x.argmax(dim: 1)
      default: _ = x.topk(1, dim: -1)
      }
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    try check(
      message.contains("empty") && message.contains("[0, 3]")
        || message.contains("empty") && message.contains("[0]"),
      "the message for \(call) should say the tensor or dimension is empty; it was: \(message)")
  }
}
