import Coursework
import Foundation
import Testing

/// Making a whole starter repository from a small project on disk.
@Suite("Starter generator")
struct StarterGeneratorTests {
  /// A project with solutions in two modules, a student-written test, a script and a mutants
  /// file.
  func makeProject() throws -> TemporaryFolder {
    let project = try TemporaryFolder()
    try project.write("Package.swift", "// swift-tools-version: 6.0\n")
    try project.write("assignments/tasks.json", sampleManifest)
    try project.write(
      "Module0/Ops.swift",
      source("func f() -> Int {", "  \(begin) Task 0.1", "  return 1", "  \(end)", "}"))
    try project.write(
      "Module1/More.swift",
      source("func g() -> Int {", "  \(begin) Task 1.1", "  return 2", "  \(end)", "}"))
    try project.write(
      "Tests/Module0Tests/Task0_2.swift",
      source("@Test func law() {", "  \(begin) Task 0.2", "  #expect(f() == 1)", "  \(end)", "}"))
    try project.write("README.md", "read me\n")
    try project.write(".ci/run", "#!/bin/sh\necho ok\n")
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o755], ofItemAtPath: project.url.appendingPathComponent(".ci/run").path)
    try project.write(Mutant.relativePath, "{\"mutants\": []}\n")
    try project.write(".build/debug/junk", "build product\n")
    return project
  }

  /// Every file under `root` with its text.
  func contents(of root: URL) throws -> [String: String] {
    var result: [String: String] = [:]
    for path in try ProjectFiles.list(in: root) {
      result[path] = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }
    return result
  }

  @Test func everyRegionIsReplacedAndEverythingElseCopied() throws {
    let project = try makeProject()
    let output = try TemporaryFolder()
    defer {
      project.remove()
      output.remove()
    }
    let summary = try StarterGenerator(source: project.url, output: output.url).generate()
    #expect(summary.replacedRegions == ["0.1": 1, "0.2": 1, "1.1": 1])
    #expect(summary.keptRegions.isEmpty)
    #expect(summary.leftOut == [Mutant.relativePath])
    let files = try contents(of: output.url)
    #expect(
      Set(files.keys) == [
        "Package.swift", "assignments/tasks.json", "Module0/Ops.swift", "Module1/More.swift",
        "Tests/Module0Tests/Task0_2.swift", "README.md", ".ci/run",
      ])
    #expect(files["Module0/Ops.swift"]?.contains("  notImplemented(\"Task 0.1\")\n") == true)
    #expect(files["Module1/More.swift"]?.contains("  notImplemented(\"Task 1.1\")\n") == true)
    #expect(
      files["Tests/Module0Tests/Task0_2.swift"]?.contains("  testNotWritten(\"Task 0.2\")\n")
        == true)
    #expect(files["README.md"] == "read me\n")
    #expect(files["assignments/tasks.json"] == sampleManifest)
    let permissions =
      try FileManager.default.attributesOfItem(
        atPath: output.url.appendingPathComponent(".ci/run").path)[.posixPermissions] as? Int
    #expect(permissions == 0o755)
  }

  @Test func onlyTheChosenModulesLoseTheirSolutions() throws {
    let project = try makeProject()
    let output = try TemporaryFolder()
    defer {
      project.remove()
      output.remove()
    }
    let summary = try StarterGenerator(source: project.url, output: output.url, modules: [1])
      .generate()
    #expect(summary.replacedRegions == ["1.1": 1])
    #expect(summary.keptRegions == ["0.1": 1, "0.2": 1])
    #expect(try output.read("Module0/Ops.swift").contains("  return 1\n"))
    #expect(try output.read("Module1/More.swift").contains("notImplemented(\"Task 1.1\")"))
  }

  @Test func theStarterOfAStarterIsTheSameStarter() throws {
    let project = try makeProject()
    let first = try TemporaryFolder()
    let second = try TemporaryFolder()
    defer {
      project.remove()
      first.remove()
      second.remove()
    }
    _ = try StarterGenerator(source: project.url, output: first.url).generate()
    _ = try StarterGenerator(source: first.url, output: second.url).generate()
    #expect(try contents(of: first.url) == contents(of: second.url))
  }

  @Test func aNonEmptyOutputFolderIsRefusedAndLeftAlone() throws {
    let project = try makeProject()
    let output = try TemporaryFolder()
    defer {
      project.remove()
      output.remove()
    }
    try output.write("mine.txt", "keep me\n")
    #expect {
      try StarterGenerator(source: project.url, output: output.url).generate()
    } throws: { error in
      String(describing: error).contains("is not empty")
    }
    #expect(try contents(of: output.url) == ["mine.txt": "keep me\n"])
  }

  @Test func brokenMarkersAreAllReportedAndNothingIsWritten() throws {
    let project = try makeProject()
    let output = try TemporaryFolder()
    defer {
      project.remove()
      output.remove()
    }
    try project.write("Module0/Nested.swift", source("\(begin) Task 0.1", "\(begin) Task 0.1"))
    try project.write("Module1/Unknown.swift", source("", "\(begin) Task 9.9", end))
    var message = ""
    do {
      _ = try StarterGenerator(source: project.url, output: output.url).generate()
    } catch {
      message = String(describing: error)
    }
    #expect(message.contains("Module0/Nested.swift:2: "))
    #expect(message.contains("Module1/Unknown.swift:2: Task 9.9 is not in assignments/tasks.json"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: output.url.path).isEmpty)
  }

  @Test func unknownModulesAreRefused() throws {
    let project = try makeProject()
    defer { project.remove() }
    let output = project.url.appendingPathComponent("out")
    #expect {
      try StarterGenerator(source: project.url, output: output, modules: [0, 7]).generate()
    } throws: { error in
      String(describing: error).contains("no module 7")
    }
  }

  @Test func anOutputFolderInsideTheProjectIsNotCopiedIntoItself() throws {
    let project = try makeProject()
    defer { project.remove() }
    let output = project.url.appendingPathComponent("out")
    _ = try StarterGenerator(source: project.url, output: output).generate()
    #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("out").path))
    #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("README.md").path))
  }
}
