import Module4
import TestSupport
import Testing

/// One graded Module 4 test, named, to run again on another backend.
struct FastCheck: Sendable, CustomStringConvertible {
  /// The task and the test's name.
  let description: String
  /// The test's body, given the backend.
  let run: @Sendable (TensorBackend) throws -> Void

  init(_ description: String, _ run: @escaping @Sendable (TensorBackend) throws -> Void) {
    self.description = description
    self.run = run
  }

  /// Every graded Module 4 test that takes a backend.
  static let all: [FastCheck] = [
    FastCheck("Task 4.1: knownSmallCases") { try Task4_1().knownSmallCases(backend: $0) },
    FastCheck("Task 4.1: channelsAreSummedAndBiasAdded") {
      try Task4_1().channelsAreSummedAndBiasAdded(backend: $0)
    },
    FastCheck("Task 4.1: conv1dMatchesTheDefinition") {
      Task4_1().conv1dMatchesTheDefinition(backend: $0)
    },
    FastCheck("Task 4.1: gradientsMatchCentralDifferences") {
      Task4_1().gradientsMatchCentralDifferences(backend: $0)
    },
    FastCheck("Task 4.1: theWeightGradientOfAOneTapKernelIsTheInputSum") {
      try Task4_1().theWeightGradientOfAOneTapKernelIsTheInputSum(backend: $0)
    },
    FastCheck("Task 4.2: thePlusKernelOnTheFiveByFiveImage") {
      try Task4_2().thePlusKernelOnTheFiveByFiveImage(backend: $0)
    },
    FastCheck("Task 4.2: anAsymmetricKernelOnANonSquareImage") {
      try Task4_2().anAsymmetricKernelOnANonSquareImage(backend: $0)
    },
    FastCheck("Task 4.2: conv2dMatchesTheDefinition") {
      Task4_2().conv2dMatchesTheDefinition(backend: $0)
    },
    FastCheck("Task 4.2: gradientsMatchCentralDifferences") {
      Task4_2().gradientsMatchCentralDifferences(backend: $0)
    },
    FastCheck("Task 4.2: everyInputPixelCollectsTheGradientOfEveryWindowThatSawIt") {
      try Task4_2().everyInputPixelCollectsTheGradientOfEveryWindowThatSawIt(backend: $0)
    },
    FastCheck("Task 4.3: tileOfAFourByFourImage") {
      try Task4_3().tileOfAFourByFourImage(backend: $0)
    },
    FastCheck("Task 4.3: tilePutsEachBlockInTheLastDimension") {
      Task4_3().tilePutsEachBlockInTheLastDimension(backend: $0)
    },
    FastCheck("Task 4.3: averagePoolingOfAFourByFourImage") {
      try Task4_3().averagePoolingOfAFourByFourImage(backend: $0)
    },
    FastCheck("Task 4.3: averagePoolingIsTheMeanOfEachBlock") {
      Task4_3().averagePoolingIsTheMeanOfEachBlock(backend: $0)
    },
    FastCheck("Task 4.3: averagePoolingSharesTheGradientEquallyInItsBlock") {
      Task4_3().averagePoolingSharesTheGradientEquallyInItsBlock(backend: $0)
    },
    FastCheck("Task 4.4: maxIsTheLargestEntryOfEachLine") {
      Task4_4().maxIsTheLargestEntryOfEachLine(backend: $0)
    },
    FastCheck("Task 4.4: tiesSendTheWholeGradientToTheFirstMaximum") {
      try Task4_4().tiesSendTheWholeGradientToTheFirstMaximum(backend: $0)
    },
    FastCheck("Task 4.4: argmaxMarksOnlyTheFirstMaximum") {
      try Task4_4().argmaxMarksOnlyTheFirstMaximum(backend: $0)
    },
    FastCheck("Task 4.4: argmaxHasExactlyOneOnePerLineAtAMaximum") {
      Task4_4().argmaxHasExactlyOneOnePerLineAtAMaximum(backend: $0)
    },
    FastCheck("Task 4.4: maxGradientsMatchCentralDifferences") {
      Task4_4().maxGradientsMatchCentralDifferences(backend: $0)
    },
    FastCheck("Task 4.4: softmaxOfKnownRows") { try Task4_4().softmaxOfKnownRows(backend: $0) },
    FastCheck("Task 4.4: softmaxLinesArePositiveAndSumToOne") {
      Task4_4().softmaxLinesArePositiveAndSumToOne(backend: $0)
    },
    FastCheck("Task 4.4: theExponentialOfLogsoftmaxIsSoftmax") {
      Task4_4().theExponentialOfLogsoftmaxIsSoftmax(backend: $0)
    },
    FastCheck("Task 4.4: largeInputsStayFinite") {
      try Task4_4().largeInputsStayFinite(backend: $0)
    },
    FastCheck("Task 4.4: softmaxGradientsMatchCentralDifferences") {
      Task4_4().softmaxGradientsMatchCentralDifferences(backend: $0)
    },
    FastCheck("Task 4.4: maxPoolingOfAFourByFourImage") {
      try Task4_4().maxPoolingOfAFourByFourImage(backend: $0)
    },
    FastCheck("Task 4.4: maxPoolingIsTheLargestOfEachBlock") {
      Task4_4().maxPoolingIsTheLargestOfEachBlock(backend: $0)
    },
    FastCheck("Task 4.4: dropoutAtRatesZeroAndOne") {
      try Task4_4().dropoutAtRatesZeroAndOne(backend: $0)
    },
    FastCheck("Task 4.4: dropoutIsTheIdentityInEvaluationMode") {
      try Task4_4().dropoutIsTheIdentityInEvaluationMode(backend: $0)
    },
    FastCheck("Task 4.4: survivorsAreScaledAndTheGradientIsTheMask") {
      Task4_4().survivorsAreScaledAndTheGradientIsTheMask(backend: $0)
    },
    FastCheck("Task 4.4: dropoutDrawsANewMaskEachStepAndTheSameSequenceEachRun") {
      try Task4_4().dropoutDrawsANewMaskEachStepAndTheSameSequenceEachRun(backend: $0)
    },
  ]
}

/// The graded Module 4 tests again, on Module 3's fast backend with its threaded paths on. Not
/// graded: a bug in a student's fast backend costs Module 3's points, not Module 4's twice; but a
/// Module 4 that only works on the simple backend shows up here, before it trains slowly.
@Suite("Given code: Module 4's tasks on the fast backend", .explainsStops)
struct Module4OnFastBackend {
  @Test(arguments: FastCheck.all)
  func theGradedTest(_ check: FastCheck) throws {
    try check.run(threadedFastBackend)
  }
}
