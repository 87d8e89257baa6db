import Foundation
import Module2
import TensorTestSupport
import TestSupport
import Testing

/// Task 2.3: the simple backend's map, zip and reduce, and the forward pass of every tensor
/// function, checked entry by entry against plain `Double` math. Each law is written once, for
/// any backend, in `Tests/TensorTestSupport/TensorForwardProperties.swift` (Module 3 checks the
/// same laws on its fast backend); this suite runs them on `.simple`.
@Suite("Task 2.3: tensor forward", .explainsStops)
struct Task2_3 {
  typealias Law = TensorForwardProperties

  @Test(arguments: MathTest.oneArgumentNames)
  func oneArgumentFunctionsWorkEntryByEntry(name: String) {
    Law.oneArgumentFunctionsWorkEntryByEntry(name, on: .simple)
  }

  @Test(arguments: MathTest.twoArgumentNames)
  func twoArgumentFunctionsWorkEntryByEntry(name: String) {
    Law.twoArgumentFunctionsWorkEntryByEntry(name, on: .simple)
  }

  @Test(arguments: MathTest.twoArgumentNames)
  func twoArgumentFunctionsBroadcast(name: String) {
    Law.twoArgumentFunctionsBroadcast(name, on: .simple)
  }

  @Test func everyFunctionRecordsItsVariableOperands() {
    Law.everyFunctionRecordsItsVariableOperands(on: .simple)
  }

  @Test func sumAlongADimensionKeepsItWithSizeOne() {
    Law.sumAlongADimensionKeepsItWithSizeOne(on: .simple)
  }

  @Test func meanAlongADimension() {
    Law.meanAlongADimension(on: .simple)
  }

  @Test func sumAndMeanOfEverything() {
    Law.sumAndMeanOfEverything(on: .simple)
  }

  @Test func theWorkedSumExample() throws {
    try Law.theWorkedSumExample(on: .simple)
  }

  @Test func allIsOneWhereEveryEntryIsNonzero() {
    Law.allIsOneWhereEveryEntryIsNonzero(on: .simple)
  }

  @Test func comparisonsGiveOnesAndZeros() {
    Law.comparisonsGiveOnesAndZeros(on: .simple)
  }

  @Test func comparisonsAtEqualEntriesAndExactBoundaries() throws {
    try Law.comparisonsAtEqualEntriesAndExactBoundaries(on: .simple)
  }

  @Test func permuteIsAViewWithReorderedDimensions() {
    Law.permuteIsAViewWithReorderedDimensions(on: .simple)
  }

  @Test func contiguousCopiesIntoRowMajorOrder() {
    Law.contiguousCopiesIntoRowMajorOrder(on: .simple)
  }

  @Test func viewReshapesAContiguousTensor() {
    Law.viewReshapesAContiguousTensor(on: .simple)
  }

  @Test func viewOfAContiguousTensorThatStartsAtAnOffset() {
    Law.viewOfAContiguousTensorThatStartsAtAnOffset(on: .simple)
  }

  @Test func viewOfANonContiguousTensorIsRejected() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let t = Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6]).permute(1, 0)
      _ = t.view(6)
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    try check(
      message.contains("contiguous()") && message.contains("[3, 2]"),
      "the message should name the shape and suggest contiguous(); it was: \(message)")
  }

  @Test func shapesThatDoNotBroadcastStopWithBothShapes() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor.zeros([2, 3]) * Tensor.zeros([4])
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    try check(
      message.contains("[2, 3]") && message.contains("[4]"),
      "multiplying shapes [2, 3] and [4] should stop with a message naming both; it was: "
        + "\(message)")
  }

  @Test func aDimensionThatDoesNotExistStopsNamingIt() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = (Tensor.zeros([2, 3]) * 2).sum(dim: 2)
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    try check(
      message.contains("dim: 2") && message.contains("[2, 3]"),
      "sum(dim: 2) of a tensor of shape [2, 3] should stop with a message naming the dimension "
        + "and the shape; it was: \(message)")
  }

  @Test func matmulMatchesTheDefinition() {
    Law.matmulMatchesTheDefinition(on: .simple)
  }

  @Test func mapBroadcastsToABiggerShape() {
    Law.mapBroadcastsToABiggerShape(on: .simple)
  }
}
