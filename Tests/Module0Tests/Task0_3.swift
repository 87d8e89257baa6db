import Module0
import TestSupport
import Testing

/// Task 0.3: `map`, `zipWith`, `reduce` and the list functions built from them.
@Suite("Task 0.3: higher-order functions", .explainsStops)
struct Task0_3 {
  typealias Op = Operators

  static var lists: Gen<[Double]> { Gen.list(of: .smallFloats, count: 0...10) }

  /// Two lists of the same length, drawn together.
  static var listPairs: Gen<([Double], [Double])> {
    Gen.ints(in: 0...10).flatMap { n in
      Gen.list(of: .smallFloats, count: n...n).zip(Gen.list(of: .smallFloats, count: n...n))
    }
  }

  @Test func mapAppliesTheFunctionToEachElementInOrder() {
    forAll(Self.lists) { list in
      let result = Op.map { 3 * $0 - 1 }(list)
      let expected = list.map { 3 * $0 - 1 }
      try check(result == expected, "map(3x - 1)(\(list)) is \(result), expected \(expected)")
    }
  }

  @Test func mapOfTheEmptyListIsEmpty() throws {
    let result = Op.map(Op.neg)([])
    try check(result.isEmpty, "map(neg)([]) is \(result), expected []")
  }

  @Test func zipWithCombinesElementsPairwise() {
    forAll(Self.listPairs) { xs, ys in
      let result = Op.zipWith { 2 * $0 - $1 }(xs, ys)
      let expected = (0..<xs.count).map { 2 * xs[$0] - ys[$0] }
      try check(
        result == expected, "zipWith(2x - y)(\(xs), \(ys)) is \(result), expected \(expected)")
    }
  }

  @Test func listsOfDifferentLengthsStopWithBothLengths() async throws {
    // zipWith's doc comment: a mismatch traps with both lengths in the message. Either list may
    // be the longer one; neither may be cut short silently.
    for (xs, ys) in [
      ([1.0, 2, 3, 4], [1.0, 2, 3, 4, 5, 6, 7]), ([1, 2, 3, 4, 5, 6, 7], [1, 2, 3, 4]),
    ] {
      let result = await #expect(
        processExitsWith: .failure, observing: [\.standardErrorContent],
        "zipWith of lists of lengths \(xs.count) and \(ys.count) should stop"
      ) { [xs = xs as [Double], ys = ys as [Double]] in
        _ = Operators.zipWith(Operators.add)(xs, ys)
      }
      let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
      try check(
        mentionsNumber(message, 4) && mentionsNumber(message, 7),
        "the stop for lists of lengths \(xs.count) and \(ys.count) should name both lengths; "
          + "it was: \(message)")
    }
  }

  @Test func reduceFoldsFromTheLeft() {
    // f(acc, x) = 10 · acc + x is not symmetric, so the order of the fold shows.
    forAll(Gen.list(of: .ints(in: 0...9), count: 0...6), .ints(in: 0...9)) { digits, start in
      let list = digits.map(Double.init)
      let result = Op.reduce({ 10 * $0 + $1 }, Double(start))(list)
      var expected = Double(start)
      for digit in digits {
        expected = 10 * expected + Double(digit)
      }
      try check(
        result == expected,
        "reduce(10·acc + x, \(start))(\(list)) is \(result), expected \(expected)")
    }
  }

  @Test func reduceOfTheEmptyListIsTheStart() {
    forAll(.smallFloats) { start in
      let result = Op.reduce(Op.add, start)([])
      try check(result == start, "reduce(add, \(start))([]) is \(result), expected \(start)")
    }
  }

  @Test func negListNegatesEveryElement() {
    forAll(Self.lists) { list in
      let result = Op.negList(list)
      let expected = list.map { -$0 }
      try check(result == expected, "negList(\(list)) is \(result), expected \(expected)")
    }
  }

  @Test func addListsAddsElementwise() {
    forAll(Self.listPairs) { xs, ys in
      let result = Op.addLists(xs, ys)
      let expected = zip(xs, ys).map { $0 + $1 }
      try check(
        result == expected, "addLists(\(xs), \(ys)) is \(result), expected \(expected)")
    }
  }

  @Test func sumMatchesAPlainLoop() throws {
    forAll(Self.lists) { list in
      var expected = 0.0
      for x in list {
        expected += x
      }
      try assertClose(Op.sum(list), expected, "sum(\(list))")
    }
    try check(Op.sum([]) == 0, "sum([]) is \(Op.sum([])), expected 0")
  }

  @Test func sumDistributesOverAddLists() {
    forAll(Self.listPairs) { xs, ys in
      try assertClose(
        Op.sum(Op.addLists(xs, ys)), Op.sum(xs) + Op.sum(ys),
        "sum(addLists(\(xs), \(ys))) against sum(xs) + sum(ys)")
    }
  }

  @Test func prodMatchesAPlainLoop() throws {
    forAll(Gen.list(of: .floats(in: -3...3), count: 0...8)) { list in
      var expected = 1.0
      for x in list {
        expected *= x
      }
      try assertClose(Op.prod(list), expected, "prod(\(list))")
    }
    try check(Op.prod([]) == 1, "prod([]) is \(Op.prod([])), expected 1")
  }
}
