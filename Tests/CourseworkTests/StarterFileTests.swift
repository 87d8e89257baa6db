import Coursework
import Testing

/// Turning one source file into its starter version.
@Suite("Starter files")
struct StarterFileTests {
  let operators = source(
    "enum Ops {",
    "  static func mul(_ x: Double, _ y: Double) -> Double {",
    "    \(begin) Task 0.1",
    "    let product = x * y",
    "    return product",
    "    \(end)",
    "  }",
    "",
    "  static func later() -> Int {",
    "      \(begin) Task 1.1",
    "      return 2",
    "      \(end)",
    "  }",
    "}")

  @Test func sourceRegionsBecomeNotImplementedIndentedLikeTheMarker() throws {
    let starter = try StarterFile(starterOf: operators, path: "Module0/Ops.swift")
    #expect(
      starter.text
        == source(
          "enum Ops {",
          "  static func mul(_ x: Double, _ y: Double) -> Double {",
          "    \(begin) Task 0.1",
          "    notImplemented(\"Task 0.1\")",
          "    \(end)",
          "  }",
          "",
          "  static func later() -> Int {",
          "      \(begin) Task 1.1",
          "      notImplemented(\"Task 1.1\")",
          "      \(end)",
          "  }",
          "}"))
    #expect(starter.replacedRegions == ["0.1": 1, "1.1": 1])
  }

  @Test func testFileRegionsBecomeTestNotWritten() throws {
    let text = source(
      "@Test func law() {", "  \(begin) Task 0.2", "  forAll(.smallFloats) { _ in }",
      "  \(end)", "}")
    let starter = try StarterFile(starterOf: text, path: "Tests/Module0Tests/Task0_2.swift")
    #expect(starter.text.contains("\n  testNotWritten(\"Task 0.2\")\n"))
    #expect(!starter.text.contains("forAll"))
  }

  @Test func onlyChosenRegionsAreReplaced() throws {
    let starter = try StarterFile(starterOf: operators, path: "Module0/Ops.swift") {
      $0.taskID.hasPrefix("0.")
    }
    #expect(starter.text.contains("notImplemented(\"Task 0.1\")"))
    #expect(starter.text.contains("      return 2\n"))
    #expect(starter.replacedRegions == ["0.1": 1])
  }

  @Test func makingTheStarterOfAStarterChangesNothing() throws {
    let once = try StarterFile(starterOf: operators, path: "Module0/Ops.swift")
    let twice = try StarterFile(starterOf: once.text, path: "Module0/Ops.swift")
    #expect(twice.text == once.text)
  }

  @Test func textOutsideRegionsIsKeptByteForByte() throws {
    let text = "// header\n\(begin) Task 0.1\nx\n\(end)\ntrailing without newline"
    let starter = try StarterFile(starterOf: text, path: "Module0/A.swift")
    #expect(
      starter.text
        == "// header\n\(begin) Task 0.1\nnotImplemented(\"Task 0.1\")\n\(end)\n"
        + "trailing without newline")
  }

  @Test func placeholdersAreRecognised() {
    #expect(Placeholder(forFileAt: "Tests/Module0Tests/Task0_2.swift") == .testNotWritten)
    #expect(Placeholder(forFileAt: "Module0/Operators.swift") == .notImplemented)
    #expect(
      Placeholder.notImplemented.isPlaceholder(["  notImplemented(\"Task 0.1\")"], taskID: "0.1"))
    #expect(!Placeholder.notImplemented.isPlaceholder(["  return 1"], taskID: "0.1"))
    #expect(
      !Placeholder.notImplemented.isPlaceholder(["notImplemented(\"Task 0.2\")"], taskID: "0.1"))
  }
}

/// Files with Windows line ends keep them.
@Suite("Starter files with Windows line ends")
struct StarterFileLineEndTests {
  @Test func windowsLineEndsSurviveTheReplacement() throws {
    let text = "a\r\n  \(begin) Task 0.1\r\n  return 1\r\n  \(end)\r\nb\r\n"
    let starter = try StarterFile(starterOf: text, path: "Module0/A.swift")
    #expect(
      starter.text
        == "a\r\n  \(begin) Task 0.1\r\n  notImplemented(\"Task 0.1\")\r\n  \(end)\r\nb\r\n")
  }
}
