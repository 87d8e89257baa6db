import Module2
import TestSupport
import Testing

/// The message a stopped process printed.
private func stopMessage(_ result: ExitTest.Result?) -> String {
  String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}

/// Mistakes in slicing, shape functions and einsum stop with a message that names the index or
/// spec and the shapes. Each runs in a process of its own (an exit test). Not graded.
@Suite("Given code: indexing and einsum mistakes are explained", .explainsStops)
struct TensorSurfaceStops {
  @Test func anIndexOutOfRangeNamesTheIndexAndTheShape() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor.zeros([2, 3])[slice: .all, 3]
    }
    let message = stopMessage(result)
    try check(
      message.contains("index 3") && message.contains("[2, 3]")
        && message.contains("dimension 1"),
      "the message should name index 3, dimension 1 and shape [2, 3]; it was: \(message)")
  }

  @Test func aListPositionOutOfRangeNamesItAndTheShape() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor.zeros([2, 3])[slice: [0, -3]]
    }
    let message = stopMessage(result)
    try check(
      message.contains("index -3") && message.contains("[2, 3]"),
      "the message should name index -3 and shape [2, 3]; it was: \(message)")
  }

  @Test func aRangePastTheEndIsNotCutToFit() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor.zeros([4])[slice: 1..<7]
    }
    let message = stopMessage(result)
    try check(
      message.contains("1..<7") && message.contains("[4]"),
      "the message should name the range 1..<7 and shape [4]; it was: \(message)")
  }

  @Test func aMaskOfTheWrongShapeIsReported() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor.zeros([2, 3])[slice: Tensor.ones([3])]
    }
    let message = stopMessage(result)
    try check(
      message.contains("mask of shape [3]") && message.contains("[2, 3]"),
      "the message should name the mask's shape [3] and the tensor's [2, 3]; it was: \(message)")
  }

  @Test func tooManyItemsAreReported() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor.zeros([2, 3])[slice: 0, 0, 0]
    }
    let message = stopMessage(result)
    try check(
      message.contains("3 dimensions") && message.contains("[2, 3]"),
      "the message should say 3 dimensions are named for shape [2, 3]; it was: \(message)")
  }

  @Test func updatingTheSameEntryTwiceIsReported() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor.zeros([3]).updating(at: [1, 1], with: 5.0)
    }
    let message = stopMessage(result)
    try check(
      message.contains("more than once") && message.contains("adding(_:at:)"),
      "the message should say an entry is named twice and point to adding(_:at:); it was: "
        + message)
  }

  @Test func aValueThatDoesNotFitTheSelectionIsReported() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor.zeros([2, 3]).updating(at: 0, with: Tensor.ones([2]))
    }
    let message = stopMessage(result)
    try check(
      message.contains("[2]") && message.contains("[3]"),
      "the message should name the value's shape [2] and the selection's [3]; it was: \(message)")
  }

  @Test func aBadSpecNamesTheSpecAndTheShapes() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = einsum("ij,jk->iz", Tensor.zeros([2, 3]), Tensor.zeros([3, 4]))
    }
    let message = stopMessage(result)
    try check(
      message.contains("ij,jk->iz") && message.contains("letter z")
        && message.contains("[[2, 3], [3, 4]]"),
      "the message should name the spec, the letter z and the shapes; it was: \(message)")
  }

  @Test func mismatchedEinsumSizesNameTheLetter() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = einsum("ij,jk", Tensor.zeros([2, 3]), Tensor.zeros([4, 5]))
    }
    let message = stopMessage(result)
    try check(
      message.contains("letter j") && message.contains("3") && message.contains("4")
        && message.contains("ij,jk"),
      "the message should name letter j with sizes 3 and 4; it was: \(message)")
  }

  @Test func aTermOfTheWrongLengthIsReported() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = einsum("ijk", Tensor.zeros([2, 3]))
    }
    let message = stopMessage(result)
    try check(
      message.contains("\"ijk\" names 3 dimensions") && message.contains("[2, 3]"),
      "the message should say the term names 3 dimensions for shape [2, 3]; it was: \(message)")
  }

  @Test func vectorsOfDifferentLengthsDoNotMultiply() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor.zeros([3]).matmul(Tensor.zeros([4, 5]))
    }
    let message = stopMessage(result)
    try check(
      message.contains("[3]") && message.contains("[4, 5]"),
      "the message should name shapes [3] and [4, 5]; it was: \(message)")
  }

  @Test func transposingAVectorSaysWhatToDo() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor.zeros([3]).transposed()
    }
    let message = stopMessage(result)
    try check(
      message.contains("unsqueeze"), "the message should suggest unsqueeze; it was: \(message)")
  }

  @Test func concatenatingMismatchedShapesNamesThem() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor.concatenate([Tensor.zeros([2, 3]), Tensor.zeros([3, 3])], dim: 1)
    }
    let message = stopMessage(result)
    try check(
      message.contains("[[2, 3], [3, 3]]") && message.contains("dim: 1"),
      "the message should name both shapes and the dimension; it was: \(message)")
  }

  @Test func aBackendStopsAtAPositionOutOfRange() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = SimpleOps().gather(TensorData.filled([2, 3], with: 0), dim: 1, positions: [0, 3])
    }
    let message = stopMessage(result)
    try check(
      message.contains("position 3") && message.contains("[2, 3]"),
      "the message should name position 3 and shape [2, 3]; it was: \(message)")
  }
}
