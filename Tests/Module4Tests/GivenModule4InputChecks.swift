import Module4
import TestSupport
import Testing

/// The input checks that ship as given code around Module 4's tasks: convolution, pooling,
/// softmax and dropout stop on a bad input with a message naming the shapes and settings. The
/// checks run before any task's code, so these tests pass before the tasks are written: they
/// are not graded (a graded suite rewards only a task's own code).
@Suite("Given code: Module 4's input checks", .explainsStops)
struct GivenModule4InputChecks {
  // MARK: conv1d

  @Test func conv1dChannelMismatchIsReportedWithBothShapes() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = conv1d(Tensor.zeros([2, 3, 8]), Tensor.zeros([4, 2, 3]))
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    try check(
      message.contains("[2, 3, 8]") && message.contains("[4, 2, 3]")
        && message.contains("channels"),
      "the message should name the input [2, 3, 8], the weight [4, 2, 3] and the channels; "
        + "it was: \(message)")
  }

  @Test func anInputShorterThanTheKernelIsReported() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = conv1d(Tensor.zeros([1, 1, 3]), Tensor.zeros([1, 1, 3]), padding: 0, dilation: 2)
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    try check(
      message.contains("[1, 1, 3]") && message.contains("dilation 2"),
      "the message should name the input [1, 1, 3] and the dilation 2 that leave no output "
        + "position; it was: \(message)")
  }

  @Test func aBiasOfTheWrongSizeIsReported() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = conv1d(Tensor.zeros([1, 1, 5]), Tensor.zeros([2, 1, 3]), bias: Tensor.zeros([3]))
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    try check(
      message.contains("bias") && message.contains("[3]") && message.contains("[2]"),
      "the message should say the bias [3] should be [2]; it was: \(message)")
  }

  // MARK: conv2d

  @Test func conv2dChannelMismatchIsReportedWithBothShapes() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = conv2d(Tensor.zeros([1, 3, 5, 5]), Tensor.zeros([2, 1, 3, 3]))
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    try check(
      message.contains("[1, 3, 5, 5]") && message.contains("[2, 1, 3, 3]"),
      "the message should name the input [1, 3, 5, 5] and the weight [2, 1, 3, 3]; it was: "
        + "\(message)")
  }

  @Test func anInputOfTheWrongRankIsReported() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = conv2d(Tensor.zeros([5, 5]), Tensor.zeros([1, 1, 3, 3]))
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    try check(
      message.contains("[5, 5]") && message.contains("(batch, inChannels, height, width)"),
      "the message should name the shape [5, 5] and the layout conv2d expects; it was: "
        + "\(message)")
  }

  @Test func anImageSmallerThanTheKernelIsReportedForItsAxis() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = conv2d(Tensor.zeros([1, 1, 6, 2]), Tensor.zeros([1, 1, 3, 3]))
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    try check(
      message.contains("width") && message.contains("[1, 1, 6, 2]"),
      "the message should say the width of [1, 1, 6, 2] is too small; it was: \(message)")
  }

  // MARK: tile and average pooling

  @Test func aHeightThatTheKernelDoesNotDivideIsReported() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = avgpool2d(Tensor.zeros([1, 1, 5, 4]), kernel: 2)
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    try check(
      message.contains("avgpool2d") && message.contains("height 5")
        && message.contains("[1, 1, 5, 4]"),
      "the message should say avgpool2d's input [1, 1, 5, 4] has a height 5 that 2 does not "
        + "divide; it was: \(message)")
  }

  @Test func aWidthThatTheKernelDoesNotDivideIsReported() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = tile(Tensor.zeros([1, 1, 4, 7]), kernel: Size2D(2, 3))
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    try check(
      message.contains("tile") && message.contains("width 7") && message.contains("3"),
      "the message should say tile's width 7 is not a multiple of 3; it was: \(message)")
  }

  // MARK: softmax and dropout

  @Test func softmaxOfAMissingDimensionIsReported() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor.zeros([2, 3]).softmax(dim: 2)
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    try check(
      message.contains("softmax") && message.contains("[2, 3]"),
      "the message should name softmax and the shape [2, 3]; it was: \(message)")
  }

  @Test func aDropoutRateAboveOneIsReported() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var rng = SplitMix64(seed: 0)
      _ = dropout(Tensor.zeros([2]), rate: 1.5, rng: &rng)
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    try check(
      message.contains("1.5"), "the message should name the rate 1.5; it was: \(message)")
  }
}
