import Module2
import TensorTestSupport
import TestSupport
import Testing

/// Task 2.4: every backward pass, and broadcasting undone in the chain rule. Each law is
/// written once, for any backend, in `Tests/TensorTestSupport/TensorBackwardProperties.swift`
/// (Module 3 checks the same laws on its fast backend); this suite runs them on `.simple`.
@Suite("Task 2.4: tensor backward", .explainsStops)
struct Task2_4 {
  typealias Law = TensorBackwardProperties

  @Test(arguments: MathTest.oneArgumentNames)
  func oneArgumentGradientsMatchCentralDifferences(name: String) {
    Law.oneArgumentGradientsMatchCentralDifferences(name, on: .simple)
  }

  @Test(arguments: MathTest.twoArgumentNames)
  func twoArgumentGradientsMatchCentralDifferences(name: String) {
    Law.twoArgumentGradientsMatchCentralDifferences(name, on: .simple)
  }

  @Test(arguments: MathTest.twoArgumentNames)
  func broadcastGradientsMatchCentralDifferences(name: String) {
    Law.broadcastGradientsMatchCentralDifferences(name, on: .simple)
  }

  @Test(arguments: GradientTest.oneArgumentNames)
  func oneArgumentGradientsAtOrderOne(name: String) {
    Law.oneArgumentGradientsAtOrderOne(name, on: .simple)
  }

  @Test(arguments: GradientTest.twoArgumentNames)
  func twoArgumentGradientsAtOrderOne(name: String) {
    Law.twoArgumentGradientsAtOrderOne(name, on: .simple)
  }

  @Test func everyGradientHasItsInputsShape() {
    Law.everyGradientHasItsInputsShape(on: .simple)
  }

  @Test func aOneEntryTensorTimesARow() throws {
    try Law.aOneEntryTensorTimesARow(on: .simple)
  }

  @Test func theWorkedBroadcastExample() throws {
    try Law.theWorkedBroadcastExample(on: .simple)
  }

  @Test func reductionGradientsMatchCentralDifferences() {
    Law.reductionGradientsMatchCentralDifferences(on: .simple)
  }

  @Test func layoutGradientsMatchCentralDifferences() {
    Law.layoutGradientsMatchCentralDifferences(on: .simple)
  }

  @Test func layoutBackwardsReadAnIncomingGradientOfAnyLayout() {
    Law.layoutBackwardsReadAnIncomingGradientOfAnyLayout(on: .simple)
  }

  @Test func everyBackwardReadsAnIncomingGradientOfAnyLayout() {
    Law.everyBackwardReadsAnIncomingGradientOfAnyLayout(on: .simple)
  }

  @Test func comparisonsHaveZeroGradients() {
    Law.comparisonsHaveZeroGradients(on: .simple)
  }

  @Test func reluPassesNothingBackAtZero() {
    Law.reluPassesNothingBackAtZero(on: .simple)
  }

  @Test func aTensorUsedSeveralTimesCollectsEveryShare() {
    Law.aTensorUsedSeveralTimesCollectsEveryShare(on: .simple)
  }

  @Test func matmulGradientsMatchCentralDifferences() {
    Law.matmulGradientsMatchCentralDifferences(on: .simple)
  }

  @Test func backwardOfAnyShapeIsSeededWithOnes() {
    Law.backwardOfAnyShapeIsSeededWithOnes(on: .simple)
  }

  @Test func gradientsAccumulateUntilCleared() throws {
    try Law.gradientsAccumulateUntilCleared(on: .simple)
  }

  @Test func constantsNeverReceiveAGradient() throws {
    try Law.constantsNeverReceiveAGradient(on: .simple)
  }

  @Test func unbroadcastSumsOverEveryBroadcastDimension() {
    Law.unbroadcastSumsOverEveryBroadcastDimension(on: .simple)
  }

  @Test func sumBackwardSpreadsTheGradientOverTheSummedDimension() {
    Law.sumBackwardSpreadsTheGradientOverTheSummedDimension(on: .simple)
  }
}
