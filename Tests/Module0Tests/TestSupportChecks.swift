import Module0
import TestSupport
import Testing

/// The test tools themselves: seeded generators, the property runner, closeness. Not graded.
@Suite("Test support: generators, forAll, closeness", .explainsStops)
struct TestSupportChecks {
  @Test func splitMix64IsDeterministicAndUniform() {
    var first = SplitMix64(seed: 42)
    var second = SplitMix64(seed: 42)
    let a = (0..<1000).map { _ in first.nextDouble() }
    let b = (0..<1000).map { _ in second.nextDouble() }
    #expect(a == b)
    #expect(a.allSatisfy { $0 >= 0 && $0 < 1 })
    let mean = a.reduce(0, +) / Double(a.count)
    #expect(abs(mean - 0.5) < 0.05)
    var third = SplitMix64(seed: 43)
    #expect(third.nextDouble() != a[0])
  }

  @Test func generatorsStayInTheirRanges() {
    var rng = SplitMix64(seed: 7)
    for _ in 0..<2000 {
      let x = Gen.smallFloats.generate(using: &rng)
      #expect(x >= -100 && x <= 100)
      let n = Gen.smallInts.generate(using: &rng)
      #expect((1...3).contains(n))
      let list = Gen.list(of: .smallFloats, count: 2...4).generate(using: &rng)
      #expect((2...4).contains(list.count))
    }
  }

  @Test func aStopMessageMentionsOnlyWholeNumbers() {
    let stop = "Module0/ListFunctions.swift:41: Fatal error: lengths 4 and 17 (Task 0.7)"
    #expect(mentionsNumber(stop, 4))
    #expect(mentionsNumber(stop, 17))
    #expect(!mentionsNumber(stop, 7), "7 appears only inside 17 and 0.7")
    #expect(!mentionsNumber(stop, 41), "41 is a line number")
    #expect(!mentionsNumber(stop, 1))
    #expect(!mentionsNumber("Task0_4 stopped", 4), "4 is part of a name")
  }

  @Test func edgeValuesAreDrawnSometimes() {
    var rng = SplitMix64(seed: 11)
    let draws = (0..<1000).map { _ in Gen.smallFloats.generate(using: &rng) }
    #expect(draws.contains(0))
    #expect(draws.contains(100))
    #expect(draws.contains(-100))
  }

  @Test func forAllPassesWhenThePropertyHolds() {
    var count = 0
    forAll(.smallFloats) { x in
      count += 1
      try check(x * 0 == 0, "x · 0 should be 0")
    }
    #expect(count == 100)
  }

  /// The first failure of `property` on 100 cases of `gen` (seed 7), shrunk.
  func firstFailure<A>(_ gen: Gen<A>, _ property: (A) throws -> Void) -> PropertyFailure? {
    propertyFailure(gen, cases: 100, seed: 7, replayFilter: "Suite/test", property)
  }

  @Test func aFailureReportsSeedInputAndReplayCommand() throws {
    let failure = try #require(
      propertyFailure(
        .floats(in: 10...100), cases: 100, seed: 1234, replayFilter: "TestSupportChecks/example"
      ) { x in
        try check(x < 50, "\(x) is not below 50")
      })
    let text = failure.description
    #expect(text.contains("Property failed on case \(failure.caseNumber) of 100."), "\(text)")
    #expect(text.contains("  input: \(failure.input)\n  why:   \(failure.input) is not below 50"))
    #expect(
      text.hasSuffix("replay: MINITORCH_SEED=1234 swift test --filter TestSupportChecks/example"))
    #expect(failure.simplest?.input == "50.0", "\(text)")
    #expect(text.contains("simplest failing input found: 50.0\n  why:   50.0 is not below 50"))
  }

  @Test func aPassingPropertyHasNoFailure() {
    #expect(firstFailure(.smallFloats) { x in try check(x * 0 == 0, "x · 0 is not 0") } == nil)
  }

  @Test func shrinkingEndsAtOneWhenEveryNonzeroNumberFails() throws {
    // A law broken everywhere but at 0 used to shrink towards 0 for ever: -6.46e-28.
    let failure = try #require(
      firstFailure(.smallFloats) { x in try check(x == 0, "\(x) is not 0") })
    #expect(failure.simplest?.input == "1.0", "\(failure)")
    let negative = try #require(
      firstFailure(.smallFloats) { x in try check(x >= 0, "\(x) is negative") })
    #expect(negative.simplest?.input == "-1.0", "\(negative)")
    let small = try #require(
      firstFailure(.smallFloats) { x in try check(x == 0 || abs(x) > 0.7, "\(x) is near 0") })
    #expect(small.simplest?.input == "0.5", "\(small)")
  }

  /// x < edge fails from the edge up; shrinking must end at the simplest failing number in the
  /// range: 0, then ±1, ±0.5, then the fewest decimal places, the fewest digits, the smallest.
  @Test(arguments: [
    (-100.0...100.0, 0.3, "1.0"), (-100...100, 1.7, "2.0"), (-100...100, 12.345, "20.0"),
    (10...100, 50, "50.0"), (-100...100, 99.99, "100.0"), (1.41...1.42, 1.4142, "1.42"),
    (1.41...1.4199, 1.4142, "1.415"), (0...1, 0.123, "1.0"), (0...0.9, 0.123, "0.5"),
    (0...0.45, 0.123, "0.2"),
  ])
  func shrinkingEndsAtTheSimplestNumberPastAnEdge(
    range: ClosedRange<Double>, edge: Double, simplest: String
  ) throws {
    let failure = try #require(
      firstFailure(.floats(in: range)) { x in try check(x < edge, "\(x) is not below \(edge)") })
    #expect((failure.simplest?.input ?? failure.input) == simplest, "\(failure)")
  }

  @Test func shrinkingAListDropsAndSimplifiesElements() throws {
    let failure = try #require(
      firstFailure(Gen.list(of: .smallFloats, count: 0...10)) { list in
        try check(list.count < 3, "list has \(list.count) elements")
      })
    #expect(failure.simplest?.input == "[0.0, 0.0, 0.0]", "\(failure)")
    let large = try #require(
      firstFailure(Gen.list(of: .smallFloats, count: 1...10)) { list in
        try check(list.allSatisfy { $0 < 20 }, "an element is 20 or more")
      })
    #expect(failure.simplest != nil)
    #expect(large.simplest?.input == "[20.0]", "\(large)")
  }

  @Test func shrinkProposalsAreSimplerAndInRange() {
    var rng = SplitMix64(seed: 3)
    for range in [-100.0...100.0, 10.0...100.0, -3.0...(-1.0), 0.001...0.5] {
      let gen = Gen.floats(in: range)
      for _ in 0..<200 {
        let value = gen.generate(using: &rng)
        let proposals = gen.shrink(value)
        #expect(
          proposals.allSatisfy { range.contains($0) }, "\(proposals) for \(value) in \(range)")
        #expect(!proposals.contains(value), "\(value) proposed as simpler than itself")
        #expect(Set(proposals).count == proposals.count, "repeated proposals: \(proposals)")
      }
    }
    #expect(Gen.smallFloats.shrink(0).isEmpty, "nothing is simpler than 0")
    #expect(Gen.smallFloats.shrink(1) == [0], "only 0 is simpler than 1")
    #expect(Gen.smallFloats.shrink(73.25).prefix(3) == [0, 73, 73.2])
  }

  @Test func seedsDependOnTheTestName() {
    #expect(propertySeed(for: "Task0_1/a") != propertySeed(for: "Task0_1/b"))
    #expect(propertySeed(for: "Task0_1/a") == propertySeed(for: "Task0_1/a"))
  }

  @Test func toleranceFollowsTheAllCloseRule() {
    #expect(Tolerance.standard.accepts(1.0, 1.0 + 1e-9))
    #expect(!Tolerance.standard.accepts(1.0, 1.001))
    #expect(Tolerance.finiteDifference.accepts(100.5, 100))
    #expect(!Tolerance.exact.accepts(1.0, 1.0 + 1e-15))
    #expect(Tolerance.exact.accepts(.nan, .nan))
    #expect(Tolerance.exact.accepts(-.infinity, -.infinity))
    #expect(!Tolerance.finiteDifference.accepts(.nan, 1))
  }

  @Test func assertCloseExplainsTheDifference() {
    #expect(throws: CheckFailure.self) {
      try assertClose([1, 2, 3], [1, 2, 4], "v")
    }
    do {
      try assertClose(2.0, 3.0, "f(1)")
      Issue.record("assertClose(2, 3) did not throw")
    } catch {
      #expect(String(describing: error).contains("f(1) is 2.0, but expected 3.0"))
    }
  }
}
