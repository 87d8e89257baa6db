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

  @Test func forAllReportsSeedInputAndReplayCommand() {
    withKnownIssue {
      forAll(.floats(in: 10...100)) { x in
        try check(x < 50, "\(x) is not below 50")
      }
    } matching: { issue in
      let text = issue.comments.map(\.rawValue).joined()
      return text.contains("input:") && text.contains("MINITORCH_SEED=")
        && text.contains(
          "swift test --filter TestSupportChecks/forAllReportsSeedInputAndReplayCommand")
        && text.contains("simplest failing input found: 50.0")
    }
  }

  @Test func shrinkingFindsASimplerCounterexample() {
    withKnownIssue {
      forAll(Gen.list(of: .smallFloats, count: 0...10)) { list in
        try check(list.count < 3, "list has \(list.count) elements")
      }
    } matching: { issue in
      issue.comments.map(\.rawValue).joined()
        .contains("simplest failing input found: [0.0, 0.0, 0.0]")
    }
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
