import Module2
import TensorTestSupport
import TestSupport
import Testing

/// Task 2.2: broadcasting.
@Suite("Task 2.2: broadcasting", .explainsStops)
struct Task2_2 {
  /// Shapes that broadcast, and the shape they give.
  static let compatible: [([Int], [Int], [Int])] = [
    ([1], [5], [5]),
    ([5], [1], [5]),
    ([5], [5], [5]),
    ([2, 3], [3], [2, 3]),
    ([3], [2, 3], [2, 3]),
    ([4, 1], [1, 5], [4, 5]),
    ([5, 1], [3], [5, 3]),
    ([2, 3, 1], [7, 2, 1, 5], [7, 2, 3, 5]),
    ([1, 1, 1], [2], [1, 1, 2]),
    ([3, 1, 4], [3, 2, 1], [3, 2, 4]),
  ]

  /// Shapes that do not broadcast.
  static let incompatible: [([Int], [Int])] = [
    ([2, 3], [4]),
    ([5], [3]),
    ([2, 3], [3, 2]),
    ([2, 1, 3], [2, 2]),
  ]

  @Test func theBroadcastingTable() throws {
    for (a, b, expected) in Self.compatible {
      let result = try? shapeBroadcast(a, b)
      try check(
        result == expected,
        "shapeBroadcast(\(a), \(b)) is \(String(describing: result)), expected \(expected)")
    }
  }

  @Test func incompatibleShapesAreAnErrorNamingBoth() throws {
    for (a, b) in Self.incompatible {
      do {
        let result = try shapeBroadcast(a, b)
        throw CheckFailure("shapeBroadcast(\(a), \(b)) should fail, but gave \(result)")
      } catch let error as BroadcastError {
        let expected = "cannot broadcast shapes \(a) and \(b)"
        try check(
          error.description == expected,
          "the error for \(a) and \(b) reads '\(error)', expected '\(expected)'")
      }
    }
  }

  @Test func broadcastingFollowsTheThreeRules() {
    forAll(Gen<[Int]>.shapes, Gen<[Int]>.shapes) { a, b in
      let expected = referenceBroadcastShape(a, b)
      let result = try? shapeBroadcast(a, b)
      try check(
        result == expected,
        "shapeBroadcast(\(a), \(b)) is \(String(describing: result)), expected \(String(describing: expected))"
      )
    }
  }

  @Test func broadcastingIsSymmetric() {
    forAll(Gen<[Int]>.shapes, Gen<[Int]>.shapes) { a, b in
      let forward = try? shapeBroadcast(a, b)
      let backward = try? shapeBroadcast(b, a)
      try check(
        forward == backward,
        "shapeBroadcast(\(a), \(b)) is \(String(describing: forward)), but shapeBroadcast(\(b), "
          + "\(a)) is \(String(describing: backward)); expected the same")
    }
  }

  @Test func broadcastIndexReadsTheSmallerShape() {
    forAll(Gen<Tensor>.broadcastPairs()) { pair in
      let (first, second) = pair
      let big = referenceBroadcastShape(first.shape, second.shape) ?? []
      for shape in [first.shape, second.shape] {
        for ordinal in 0..<big.reduce(1, *) {
          let index = toIndex(ordinal, big)
          let expected = referenceBroadcastIndex(index, into: shape)
          let result = broadcastIndex(index, big, shape)
          try check(
            result == expected,
            "broadcastIndex(\(index), \(big), \(shape)) is \(result), expected \(expected)")
        }
      }
    }
  }

  @Test func broadcastIndexOfEqualShapesIsTheIndex() {
    forAll(Gen<[Int]>.shapes) { shape in
      for ordinal in 0..<shape.reduce(1, *) {
        let index = toIndex(ordinal, shape)
        let result = broadcastIndex(index, shape, shape)
        try check(
          result == index,
          "broadcastIndex(\(index), \(shape), \(shape)) is \(result), expected \(index)")
      }
    }
  }
}
