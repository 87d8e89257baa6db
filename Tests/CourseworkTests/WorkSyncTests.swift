import Coursework
import Foundation
import Testing

/// Carrying a student's region bodies into a new starter.
@Suite("Carrying work forward")
struct WorkSyncTests {
  /// A checkout whose Module0/Ops.swift has two Task 0.1 regions with the given bodies.
  func checkout(_ first: String, _ second: String, header: String = "// Ops") throws
    -> TemporaryFolder
  {
    let folder = try TemporaryFolder()
    try folder.write("Package.swift", "// swift-tools-version: 6.0\n")
    try folder.write("assignments/tasks.json", sampleManifest)
    try folder.write(
      "Module0/Ops.swift",
      source(
        header, "func f() -> Int {", "  \(begin) Task 0.1", "  \(first)", "  \(end)", "}",
        "func g() -> Int {", "  \(begin) Task 0.1", "  \(second)", "  \(end)", "}"))
    try folder.write(
      "Module1/More.swift", source("\(begin) Task 1.1", "notImplemented(\"Task 1.1\")", end))
    return folder
  }

  let stub = "notImplemented(\"Task 0.1\")"

  @Test func writtenRegionsReplacePlaceholdersAndNothingElseChanges() throws {
    let old = try checkout("return 1", stub)
    let new = try checkout(stub, stub)
    defer {
      old.remove()
      new.remove()
    }
    try old.write("Module0/Helper.swift", "// mine\n")
    try old.write("Module0/Given.swift", "// given, edited\n")
    try new.write("Module0/Given.swift", "// given\n")
    try old.write(CourseStartFile.path, "public static let module = 1\n")
    try new.write(CourseStartFile.path, "public static let module = 2\n")
    let summary = try WorkSync(from: old.url, to: new.url).run()
    #expect(summary.differingFiles == ["Module0/Given.swift"], "the start record is not work")
    #expect(CourseStartFile.module(inCheckout: new.url) == 2)
    #expect(try new.read("Module0/Given.swift") == "// given\n")
    #expect(summary.carriedRegions == ["0.1": 1])
    #expect(summary.changedFiles == ["Module0/Ops.swift"])
    #expect(summary.copiedFiles == ["Module0/Helper.swift"])
    #expect(try new.read("Module0/Ops.swift") == old.read("Module0/Ops.swift"))
    #expect(try new.read("Module0/Helper.swift") == "// mine\n")
  }

  @Test func codeAlreadyInTheNewStarterIsLeftAlone() throws {
    let old = try checkout("return 1", "return 2")
    let new = try checkout("return 10", stub)
    defer {
      old.remove()
      new.remove()
    }
    let summary = try WorkSync(from: old.url, to: new.url).run()
    #expect(summary.carriedRegions == ["0.1": 1])
    #expect(summary.keptRegions == ["Module0/Ops.swift:3 (Task 0.1)"])
    let text = try new.read("Module0/Ops.swift")
    #expect(text.contains("return 10") && text.contains("return 2"))
  }

  @Test func aFileThatDiffersOutsideItsRegionsStopsEverything() throws {
    let old = try checkout("return 1", stub, header: "// Ops, edited")
    let new = try checkout(stub, stub)
    defer {
      old.remove()
      new.remove()
    }
    let before = try new.read("Module0/Ops.swift")
    #expect {
      try WorkSync(from: old.url, to: new.url).run()
    } throws: { error in
      let message = String(describing: error)
      return message.contains("Module0/Ops.swift: differs from the new starter outside")
        && message.contains("your line 1 is '// Ops, edited', the new starter has '// Ops'")
    }
    #expect(try new.read("Module0/Ops.swift") == before)
  }

  @Test func onlyTheChosenModulesMove() throws {
    let old = try checkout("return 1", stub)
    let new = try checkout(stub, stub)
    defer {
      old.remove()
      new.remove()
    }
    let summary = try WorkSync(from: old.url, to: new.url, modules: [1]).run()
    #expect(summary.carriedRegions.isEmpty)
    #expect(try new.read("Module0/Ops.swift").contains(stub))
  }
}
