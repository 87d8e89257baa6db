import Coursework
import Foundation
import Testing

/// Making a whole starter repository from a small project on disk.
@Suite("Starter generator")
struct StarterGeneratorTests {
  /// A project with solutions in two modules, a student-written test, a script, the reference's
  /// CI and grading files.
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
    try project.write("tool.sh", "#!/bin/sh\necho ok\n")
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o755], ofItemAtPath: project.url.appendingPathComponent("tool.sh").path)
    try project.write(".ci/run", "#!/bin/sh\necho ok\n")
    try project.write("assignments/README.md", "for instructors\n")
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
    #expect(Set(summary.leftOut) == [".ci/run", "assignments/README.md", Mutant.relativePath])
    #expect(!summary.readmeFromTemplate)
    let files = try contents(of: output.url)
    #expect(
      Set(files.keys) == [
        "Package.swift", "assignments/tasks.json", "Module0/Ops.swift", "Module1/More.swift",
        "Tests/Module0Tests/Task0_2.swift", "README.md", "tool.sh",
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
        atPath: output.url.appendingPathComponent("tool.sh").path)[.posixPermissions] as? Int
    #expect(permissions == 0o755)
  }

  @Test func theChosenModuleAndEveryLaterOneLoseTheirSolutions() throws {
    let project = try makeProject()
    let output = try TemporaryFolder()
    defer {
      project.remove()
      output.remove()
    }
    let summary = try StarterGenerator(source: project.url, output: output.url, modules: [0])
      .generate()
    #expect(summary.replacedRegions == ["0.1": 1, "0.2": 1, "1.1": 1])
    #expect(summary.keptRegions.isEmpty)
    #expect(try output.read("Module1/More.swift").contains("notImplemented(\"Task 1.1\")"))
  }

  @Test func earlierModulesLoseTheirSolutionsUnlessAskedToKeepThem() throws {
    let project = try makeProject()
    let stubbed = try TemporaryFolder()
    let kept = try TemporaryFolder()
    defer {
      project.remove()
      stubbed.remove()
      kept.remove()
    }
    let withoutFlag = try StarterGenerator(source: project.url, output: stubbed.url, modules: [1])
      .generate()
    #expect(withoutFlag.replacedRegions == ["0.1": 1, "0.2": 1, "1.1": 1])
    #expect(try stubbed.read("Module0/Ops.swift").contains("notImplemented(\"Task 0.1\")"))

    let withFlag = try StarterGenerator(
      source: project.url, output: kept.url, modules: [1], keepsEarlierSolutions: true
    ).generate()
    #expect(withFlag.replacedRegions == ["1.1": 1])
    #expect(withFlag.keptRegions == ["0.1": 1, "0.2": 1])
    #expect(try kept.read("Module0/Ops.swift").contains("  return 1\n"))
    #expect(try kept.read("Module1/More.swift").contains("notImplemented(\"Task 1.1\")"))
  }

  @Test func theReadmeIsMadeFromTheTemplateWhichStaysBehind() throws {
    let project = try makeProject()
    let output = try TemporaryFolder()
    defer {
      project.remove()
      output.remove()
    }
    try project.write(
      StarterGenerator.readmeTemplate,
      "# {{course}}\nstart: swift test --filter {{first-suite}}\n\n{{tasks}}\n")
    let summary = try StarterGenerator(
      source: project.url, output: output.url, modules: [1], keepsEarlierSolutions: true
    ).generate()
    #expect(summary.readmeFromTemplate)
    #expect(summary.leftOut.contains(StarterGenerator.readmeTemplate))
    let readme = try output.read("README.md")
    #expect(readme.hasPrefix("# Sample\nstart: swift test --filter Task1_1\n"))
    #expect(readme.contains("Module 0 (Tasks 0.1–0.2): given: the official solutions are in place"))
    #expect(!readme.contains("| 0.1 |"), "the table starts at the starter's module: \(readme)")
    #expect(readme.contains("| 1.1 | More | 5 | `swift test --filter Task1_1` |"))
    #expect(readme.contains("| 1.5 | Train | 4 | graded by hand: see assignments/module1.md |"))
    #expect(!readme.contains("{{"))
  }

  @Test func aLaterModulesStarterStartsThereAndBringsTheEarlierWorkFirst() throws {
    let project = try makeProject()
    let output = try TemporaryFolder()
    let whole = try TemporaryFolder()
    defer {
      project.remove()
      output.remove()
      whole.remove()
    }
    try project.write(
      StarterGenerator.readmeTemplate,
      "# {{course}}\n\n{{earlier-work}}\n\n```\n{{sync-step}}\nswift test --filter "
        + "{{first-suite}}\n```\nWrite notImplemented(\"Task {{first-task}}\").\n\n{{tasks}}\n")
    try project.write(
      CourseStartFile.path, "enum CourseStart {\n  public static let module = 0\n}\n")
    _ = try StarterGenerator(source: project.url, output: output.url, modules: [1]).generate()
    let readme = try output.read("README.md")
    #expect(readme.contains("This repository starts at Module 1."), "\(readme)")
    #expect(
      readme.contains(
        "```\nswift run minitorch sync --from <your module 0 repository>\nswift test --filter "
          + "Task1_1\n```"), "\(readme)")
    #expect(readme.contains("Write notImplemented(\"Task 1.1\")."), "\(readme)")
    #expect(readme.contains("Module 0 (Tasks 0.1–0.2): your own code, brought in with"))
    #expect(!readme.contains("| 0.1 |"), "\(readme)")
    #expect(try output.read(CourseStartFile.path).contains("  public static let module = 1\n"))
    #expect(CourseStartFile.module(inCheckout: output.url) == 1)

    _ = try StarterGenerator(source: project.url, output: whole.url).generate()
    let first = try whole.read("README.md")
    #expect(first.hasPrefix("# Sample\n\n```\nswift test --filter Task0_1\n```\n"), "\(first)")
    #expect(first.contains("| 0.1 | Ops | 10 |"), "\(first)")
    #expect(CourseStartFile.module(inCheckout: whole.url) == 0)
  }

  @Test(.enabled(if: Subprocess.findExecutable("git") != nil))
  func aStarterOfAGitCheckoutHoldsItsTrackedFilesOnly() throws {
    let project = try makeProject()
    let output = try TemporaryFolder()
    defer {
      project.remove()
      output.remove()
    }
    let git = try #require(Subprocess.findExecutable("git"))
    _ = try Subprocess.output(of: git, ["init", "-q"], in: project.url)
    _ = try Subprocess.output(of: git, ["add", "."], in: project.url)
    try project.write("graph.dot", "digraph {}\n")
    try project.write("reports/run.html", "<html></html>\n")
    let summary = try StarterGenerator(source: project.url, output: output.url).generate()
    #expect(summary.copiedTrackedFiles)
    let files = try contents(of: output.url)
    #expect(files["graph.dot"] == nil && files["reports/run.html"] == nil, "\(files.keys)")
    #expect(files["Module0/Ops.swift"] != nil)
  }

  @Test func aSourceThatIsNoGitCheckoutIsCopiedWholeAndSaysSo() throws {
    let project = try makeProject()
    let output = try TemporaryFolder()
    defer {
      project.remove()
      output.remove()
    }
    try project.write("graph.dot", "digraph {}\n")
    let summary = try StarterGenerator(source: project.url, output: output.url).generate()
    #expect(!summary.copiedTrackedFiles)
    #expect(try output.read("graph.dot") == "digraph {}\n")
    let build = output.url.appendingPathComponent(".build")
    #expect(!FileManager.default.fileExists(atPath: build.path))
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

  /// The rule the issue asks for, on this checkout: a starter for Module k holds no solution of
  /// Module k or of any later module, and without `keepsEarlierSolutions` none at all.
  @Test(arguments: [(0, false), (1, false), (1, true), (2, true)])
  func aStarterOfThisCheckoutHoldsNoSolutionOfItsOwnOrALaterModule(module: Int, keeps: Bool)
    throws
  {
    let output = try TemporaryFolder()
    defer { output.remove() }
    let manifest = try TaskManifest.load(projectRoot: projectRoot)
    _ = try StarterGenerator(
      source: projectRoot, output: output.url, modules: [module], keepsEarlierSolutions: keeps
    ).generate()
    var checked = 0
    for path in try ProjectFiles.list(in: output.url) where path.hasSuffix(".swift") {
      let regions = try SolutionRegion.regions(in: try output.read(path), file: path)
      guard !regions.isEmpty else { continue }
      let sourceText = try String(
        contentsOf: projectRoot.appendingPathComponent(path), encoding: .utf8)
      let sourceRegions = try SolutionRegion.regions(in: sourceText, file: path)
      for (region, original) in zip(regions, sourceRegions) {
        let taskModule = try #require(manifest.task(region.taskID)).module
        let place = "\(path):\(region.beginLine): Task \(region.taskID)"
        if taskModule >= module || !keeps {
          let placeholder = Placeholder(forFileAt: path)
          #expect(
            placeholder.isPlaceholder(region.body, taskID: region.taskID),
            "\(place): a solution survived")
          checked += 1
        } else {
          #expect(region.body == original.body, "\(place) should keep the official code")
        }
      }
    }
    #expect(checked > 0)
    for path in StarterGenerator.instructorOnlyPaths {
      #expect(!FileManager.default.fileExists(atPath: output.url.appendingPathComponent(path).path))
    }
  }
}
