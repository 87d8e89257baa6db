import Coursework
import Foundation
import Testing

/// Test ids and the filters that run exactly one test.
@Suite("Test ids")
struct TestIDTests {
  @Test func anIdHasTargetSuiteAndFunction() throws {
    let id = try #require(TestID("Module2Tests.Task2_3/broadcastIndex(of:into:)"))
    #expect(id.target == "Module2Tests")
    #expect(id.suite == "Task2_3")
    #expect(id.function == "broadcastIndex(of:into:)")
  }

  @Test func linesThatAreNotIdsAreRejected() {
    #expect(TestID("Module0Tests.Task0_1") == nil)
    #expect(TestID("no-dot/function()") == nil)
    #expect(TestID("") == nil)
    #expect(TestID("Module0Tests.Task0_1/") == nil)
  }

  @Test func eventIdsMatchWithOrWithoutTheirLocation() throws {
    let id = try #require(TestID("Module0Tests.Task0_3/add()"))
    #expect(id.matches(eventTestID: "Module0Tests.Task0_3/add()"))
    #expect(id.matches(eventTestID: "Module0Tests.Task0_3/add()/Task0_3.swift:4:2"))
    #expect(!id.matches(eventTestID: "Module0Tests.Task0_3/addLists()/Task0_3.swift:9:2"))
    #expect(!id.matches(eventTestID: "Module0Tests.Task0_3"))
  }

  @Test func theFilterMatchesThisTestOnly() throws {
    let id = try #require(TestID("Module0Tests.Task0_3/add(x:)"))
    let pattern = try NSRegularExpression(pattern: id.filterPattern)
    func matches(_ text: String) -> Bool {
      pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
    #expect(id.filterPattern == "^Module0Tests\\.Task0_3/add\\(x:\\)(/|$)")
    #expect(matches("Module0Tests.Task0_3/add(x:)"))
    #expect(matches("Module0Tests.Task0_3/add(x:)/Task0_3.swift:4:2"))
    #expect(!matches("Module0Tests.Task0_3/add(x:y:)/Task0_3.swift:4:2"))
    #expect(!matches("XModule0Tests.Task0_3/add(x:)"))
    #expect(!matches("Module0TestsXTask0_3/add(x:)"))
  }

  @Test func everyMetacharacterIsEscaped() {
    #expect(
      TestID.escapedForRegex("a.b*c+d?e(f)g[h]i{j}k|l^m$n\\o")
        == #"a\.b\*c\+d\?e\(f\)g\[h\]i\{j\}k\|l\^m\$n\\o"#)
  }
}
