import Module2
import TestSupport
import Testing

/// One law of Module 2's tensor suites, runnable on any backend. Module 2's suites call each
/// law by name on `.simple`; a later stage walks these tables to run every law on its own
/// backend, so a law added to `TensorForwardProperties` or `TensorBackwardProperties` belongs
/// in a table too.
public struct TensorProperty: Sendable, CustomStringConvertible {
  /// The law's name, as Module 2's suite calls its test.
  public let name: String
  /// Checks the law on a backend: records an issue (or throws) when it does not hold.
  public let check: @Sendable (TensorBackend) throws -> Void

  /// The law `name`, checked by `check`.
  public init(_ name: String, _ check: @escaping @Sendable (TensorBackend) throws -> Void) {
    self.name = name
    self.check = check
  }

  /// The law's name.
  public var description: String { name }

  /// Task 2.3's laws: the forward pass of every tensor function, map, zip and reduce.
  public static let forward: [TensorProperty] = {
    typealias P = TensorForwardProperties
    return [
      TensorProperty("oneArgumentFunctionsWorkEntryByEntry") { backend in
        for name in MathTest.oneArgumentNames {
          P.oneArgumentFunctionsWorkEntryByEntry(name, on: backend)
        }
      },
      TensorProperty("twoArgumentFunctionsWorkEntryByEntry") { backend in
        for name in MathTest.twoArgumentNames {
          P.twoArgumentFunctionsWorkEntryByEntry(name, on: backend)
        }
      },
      TensorProperty("twoArgumentFunctionsBroadcast") { backend in
        for name in MathTest.twoArgumentNames {
          P.twoArgumentFunctionsBroadcast(name, on: backend)
        }
      },
      TensorProperty("sumAlongADimensionKeepsItWithSizeOne") {
        P.sumAlongADimensionKeepsItWithSizeOne(on: $0)
      },
      TensorProperty("meanAlongADimension") { P.meanAlongADimension(on: $0) },
      TensorProperty("sumAndMeanOfEverything") { P.sumAndMeanOfEverything(on: $0) },
      TensorProperty("theWorkedSumExample") { try P.theWorkedSumExample(on: $0) },
      TensorProperty("allIsOneWhereEveryEntryIsNonzero") {
        P.allIsOneWhereEveryEntryIsNonzero(on: $0)
      },
      TensorProperty("comparisonsGiveOnesAndZeros") { P.comparisonsGiveOnesAndZeros(on: $0) },
      TensorProperty("comparisonsAtEqualEntriesAndExactBoundaries") {
        try P.comparisonsAtEqualEntriesAndExactBoundaries(on: $0)
      },
      TensorProperty("permuteIsAViewWithReorderedDimensions") {
        P.permuteIsAViewWithReorderedDimensions(on: $0)
      },
      TensorProperty("contiguousCopiesIntoRowMajorOrder") {
        P.contiguousCopiesIntoRowMajorOrder(on: $0)
      },
      TensorProperty("viewReshapesAContiguousTensor") { P.viewReshapesAContiguousTensor(on: $0) },
      TensorProperty("viewOfAContiguousTensorThatStartsAtAnOffset") {
        P.viewOfAContiguousTensorThatStartsAtAnOffset(on: $0)
      },
      TensorProperty("matmulMatchesTheDefinition") { P.matmulMatchesTheDefinition(on: $0) },
      TensorProperty("mapBroadcastsToABiggerShape") { P.mapBroadcastsToABiggerShape(on: $0) },
      TensorProperty("everyFunctionRecordsItsVariableOperands") {
        P.everyFunctionRecordsItsVariableOperands(on: $0)
      },
    ]
  }()

  /// Task 2.4's laws: every backward pass, and broadcasting undone in the chain rule.
  public static let backward: [TensorProperty] = {
    typealias P = TensorBackwardProperties
    return [
      TensorProperty("oneArgumentGradientsMatchCentralDifferences") { backend in
        for name in MathTest.oneArgumentNames {
          P.oneArgumentGradientsMatchCentralDifferences(name, on: backend)
        }
      },
      TensorProperty("twoArgumentGradientsMatchCentralDifferences") { backend in
        for name in MathTest.twoArgumentNames {
          P.twoArgumentGradientsMatchCentralDifferences(name, on: backend)
        }
      },
      TensorProperty("broadcastGradientsMatchCentralDifferences") { backend in
        for name in MathTest.twoArgumentNames {
          P.broadcastGradientsMatchCentralDifferences(name, on: backend)
        }
      },
      TensorProperty("oneArgumentGradientsAtOrderOne") { backend in
        for name in GradientTest.oneArgumentNames {
          P.oneArgumentGradientsAtOrderOne(name, on: backend)
        }
      },
      TensorProperty("twoArgumentGradientsAtOrderOne") { backend in
        for name in GradientTest.twoArgumentNames {
          P.twoArgumentGradientsAtOrderOne(name, on: backend)
        }
      },
      TensorProperty("everyGradientHasItsInputsShape") { P.everyGradientHasItsInputsShape(on: $0) },
      TensorProperty("aOneEntryTensorTimesARow") { try P.aOneEntryTensorTimesARow(on: $0) },
      TensorProperty("theWorkedBroadcastExample") { try P.theWorkedBroadcastExample(on: $0) },
      TensorProperty("reductionGradientsMatchCentralDifferences") {
        P.reductionGradientsMatchCentralDifferences(on: $0)
      },
      TensorProperty("layoutGradientsMatchCentralDifferences") {
        P.layoutGradientsMatchCentralDifferences(on: $0)
      },
      TensorProperty("layoutBackwardsReadAnIncomingGradientOfAnyLayout") {
        P.layoutBackwardsReadAnIncomingGradientOfAnyLayout(on: $0)
      },
      TensorProperty("everyBackwardReadsAnIncomingGradientOfAnyLayout") {
        P.everyBackwardReadsAnIncomingGradientOfAnyLayout(on: $0)
      },
      TensorProperty("comparisonsHaveZeroGradients") { P.comparisonsHaveZeroGradients(on: $0) },
      TensorProperty("reluPassesNothingBackAtZero") { P.reluPassesNothingBackAtZero(on: $0) },
      TensorProperty("aTensorUsedSeveralTimesCollectsEveryShare") {
        P.aTensorUsedSeveralTimesCollectsEveryShare(on: $0)
      },
      TensorProperty("matmulGradientsMatchCentralDifferences") {
        P.matmulGradientsMatchCentralDifferences(on: $0)
      },
      TensorProperty("backwardOfAnyShapeIsSeededWithOnes") {
        P.backwardOfAnyShapeIsSeededWithOnes(on: $0)
      },
      TensorProperty("gradientsAccumulateUntilCleared") {
        try P.gradientsAccumulateUntilCleared(on: $0)
      },
      TensorProperty("constantsNeverReceiveAGradient") {
        try P.constantsNeverReceiveAGradient(on: $0)
      },
      TensorProperty("unbroadcastSumsOverEveryBroadcastDimension") {
        P.unbroadcastSumsOverEveryBroadcastDimension(on: $0)
      },
      TensorProperty("sumBackwardSpreadsTheGradientOverTheSummedDimension") {
        P.sumBackwardSpreadsTheGradientOverTheSummedDimension(on: $0)
      },
    ]
  }()
}
