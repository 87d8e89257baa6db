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

  @Test func aBodyEditReplacesTheRegionOfItsFunctionAndCanUseTheOriginal() throws {
    let text = source(
      "  public static func id(_ x: Double) -> Double {", "    \(begin) Task 0.1", "    return x",
      "    \(end)", "  }", "  public static func neg(_ x: Double) -> Double {",
      "    \(begin) Task 0.1", "    return -x", "    \(end)", "  }")
    let bug = Mutant(
      task: "0.2", name: "neg-doubled", file: "Module0/Ops.swift", function: "neg",
      body: "return 2 * original")
    #expect(
      try bug.applied(to: text)
        == source(
          "  public static func id(_ x: Double) -> Double {", "    \(begin) Task 0.1",
          "    return x", "    \(end)", "  }", "  public static func neg(_ x: Double) -> Double {",
          "    \(begin) Task 0.1", "    let original: Double = { () -> Double in", "    return -x",
          "    }()", "    return 2 * original", "    \(end)", "  }"))
    #expect(try bug.regionBodies(in: text).keys.sorted() == [1])
    let missing = Mutant(
      task: "0.2", name: "m", file: "Module0/Ops.swift", function: "exp", body: "return 0")
    #expect {
      try missing.applied(to: text)
    } throws: { error in
      String(describing: error).contains("has no function 'exp'")
    }
  }

  @Test func aBugOutsideTheRegionsIsRefused() throws {
    let text = source("func f() -> Int {", "  \(begin) Task 0.1", "  return 1", "  \(end)", "}")
    #expect {
      try mutant(find: "func f()", replace: "func g()").regionBodies(in: text)
    } throws: { error in
      String(describing: error).contains("outside its solution regions")
    }
    #expect(
      try mutant(find: "return 1", replace: "return 2").regionBodies(in: text) == [
        0: ["  return 2"]
      ])
  }

  @Test func theSchemaSwitchesEveryBugOfARegionAndDeclaresTheSwitch() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write(
      "Module0/Ops.swift",
      source("func f() -> Int {", "  \(begin) Task 0.1", "  return 1", "  \(end)", "}"))
    let bugs = [
      Mutant(
        task: "0.2", name: "two", file: "Module0/Ops.swift", find: "return 1", replace: "return 2"),
      Mutant(
        task: "0.2", name: "three", file: "Module0/Ops.swift", function: "f",
        body: "return original + 2"),
    ]
    let files = try MutantSchema.files(planting: bugs, in: folder.url)
    #expect(Set(files.keys) == ["Module0/Ops.swift", "Module0/\(MutantSchema.declarationFile)"])
    #expect(
      files["Module0/Ops.swift"]
        == source(
          "func f() -> Int {", "  \(begin) Task 0.1", "  if minitorchPlantedBug == \"two\" {",
          "  return 2", "  } else if minitorchPlantedBug == \"three\" {",
          "  let original: Int = { () -> Int in", "  return 1", "  }()", "  return original + 2",
          "  } else {", "  return 1", "  }", "  \(end)", "}"))
    #expect(
      files["Module0/\(MutantSchema.declarationFile)"]?.contains(MutantSchema.variable) == true)
  }
}
