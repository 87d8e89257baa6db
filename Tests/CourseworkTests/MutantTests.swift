import Coursework
import Foundation
import Testing

/// Planting bugs by exact edits.
@Suite("Planted bugs")
struct MutantTests {
  func mutant(find: String, replace: String = "X") -> Mutant {
    Mutant(task: "0.2", name: "m", file: "Module0/Ops.swift", find: find, replace: replace)
  }

  @Test func aTextFoundOnceIsReplaced() throws {
    let text = "return x * y\nreturn x + y\n"
    #expect(
      try mutant(find: "return x * y", replace: "return x * y + x").applied(to: text)
        == "return x * y + x\nreturn x + y\n")
  }

  @Test func aTextFoundNeverOrTwiceIsRefused() {
    for (find, count) in [("missing", 0), ("return", 2), ("aa", 2), ("", 0)] {
      #expect(throws: CourseworkError.self) {
        try mutant(find: find).applied(to: "return a\nreturn aaa\n")
      }
      do {
        _ = try mutant(find: find).applied(to: "return 1\nreturn 2 aaa\n")
      } catch {
        #expect(String(describing: error).contains("found it \(count) times"), "\(find)")
      }
    }
  }

  @Test func theFileIsReadAndDuplicateNamesAreRefused() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    #expect(throws: CourseworkError.self) { try Mutant.load(projectRoot: folder.url) }
    let one = """
      {"task": "0.2", "name": "a", "file": "F.swift", "find": "x", "replace": "y"}
      """
    try folder.write(Mutant.relativePath, "{\"mutants\": [\(one)]}")
    #expect(try Mutant.load(projectRoot: folder.url).map(\.name) == ["a"])
    try folder.write(Mutant.relativePath, "{\"mutants\": [\(one), \(one)]}")
    #expect {
      try Mutant.load(projectRoot: folder.url)
    } throws: { error in
      String(describing: error).contains("twice")
    }
    try folder.write(Mutant.relativePath, "{\"bugs\": []}")
    #expect(throws: CourseworkError.self) { try Mutant.load(projectRoot: folder.url) }
  }
}
