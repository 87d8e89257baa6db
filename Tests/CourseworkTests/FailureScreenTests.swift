import Coursework
import Testing

/// Measuring what one planted bug prints.
@Suite("Failure screens")
struct FailureScreenTests {
  @Test func failureReportsAreTheIssueLinesAndWhatFollowsThem() {
    let output = """
      ◇ Test run started.
      ↳ Testing Library Version: 6.3.1
      ◇ Suite "Task 3.1" started.
      ◇ Test a() started.
      ◇ Test b() started.
      ✘ Test a() recorded an issue at Task3_1.swift:36:22: Issue recorded
      ↳ Property failed on case 1 of 100.
          input: [1.0]
          replay: MINITORCH_SEED=1 swift test --filter Task3_1/a
      ✔ Test b() passed after 0.1 seconds.
      ✘ Test a() recorded an issue at Task3_1.swift:36:22: Issue recorded
      ↳ 9 more failures of this test not shown
      ✘ Test a() failed after 0.1 seconds with 2 issues.
      ✘ Suite "Task 3.1" failed after 0.1 seconds with 2 issues.
      ↳ /// the suite's doc comment
      ✘ Test run with 2 tests in 1 suite failed after 0.1 seconds with 2 issues.

      """
    let counted = FailureScreen.count(output)
    #expect(counted.lines == 16)
    #expect(counted.failureLines == 6)
  }

  @Test func aScreenFitsUpToTheLimit() {
    let fits = FailureScreen(
      task: "3.1", bug: "b", lines: 70, failureLines: FailureScreen.failureLineLimit)
    #expect(fits.fits && fits.line.hasPrefix("✓ Task 3.1 b: swift test prints 70 lines"))
    let long = FailureScreen(
      task: "3.1", bug: "b", lines: 500, failureLines: FailureScreen.failureLineLimit + 1)
    #expect(!long.fits && long.line.hasPrefix("✗"))
  }
}
