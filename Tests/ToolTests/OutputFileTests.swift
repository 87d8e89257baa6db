import Foundation
import Testing

@testable import minitorch

/// A fresh empty folder under the temporary folder, removed by `remove()`.
struct ScratchFolder {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "tool-tests-\(UUID().uuidString)")

  init() throws {
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// The path of `name` inside the folder.
  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// Writes `text` to the file `name`.
  func file(_ name: String, _ text: String = "x") throws {
    try Data(text.utf8).write(to: url.appendingPathComponent(name))
  }

  /// Makes the folder `name`.
  func folder(_ name: String) throws {
    try FileManager.default.createDirectory(
      at: url.appendingPathComponent(name), withIntermediateDirectories: true)
  }

  /// The names in the folder, hidden ones included, sorted.
  func names() -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
  }

  func remove() {
    try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.path)
    try? FileManager.default.removeItem(at: url)
  }
}

/// A folder this process cannot create files in: a folder without write permission, or, for
/// root (whom permissions do not stop), a read-only system folder; `nil` when there is none.
func unwritableFolder(in scratch: ScratchFolder) throws -> String? {
  try scratch.folder("locked")
  let locked = scratch.path("locked")
  try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked)
  for candidate in [locked, "/sys", "/proc/self"] where OutputPath.isFolder(candidate) {
    if OutputPath.problem(folder: candidate)?.contains("cannot create files") == true {
      return candidate
    }
  }
  return nil
}

@Suite("Output paths are checked before any work")
struct OutputPathTests {
  /// The message of checking `path` as a file for `--save`, or `nil` when it is accepted.
  func refusal(_ path: String) -> String? {
    do {
      _ = try OutputFile.checked(path, option: "--save", example: "x.weights")
      return nil
    } catch {
      return error.message
    }
  }

  @Test func aMissingFolderIsNamed() throws {
    let scratch = try ScratchFolder()
    defer { scratch.remove() }
    let path = scratch.path("no/such/x.weights")
    #expect(
      refusal(path)
        == "--save \(path): the folder \(scratch.path("no/such")) does not exist; make it "
        + "first (mkdir -p \(scratch.path("no/such"))) or choose another place")
  }

  @Test func aFileWhereAFolderShouldBeIsNamed() throws {
    let scratch = try ScratchFolder()
    defer { scratch.remove() }
    try scratch.file("notes.txt")
    #expect(
      refusal(scratch.path("notes.txt/x.weights"))?.hasSuffix("notes.txt is a file, not a folder")
        == true)
    #expect(
      refusal(scratch.path("notes.txt/deeper/x.weights"))?
        .hasSuffix("\(scratch.path("notes.txt")) is a file, not a folder") == true)
  }

  @Test func aFolderGivenForAFileIsRefusedWithAnExample() throws {
    let scratch = try ScratchFolder()
    defer { scratch.remove() }
    try scratch.folder("runs")
    let expected =
      "\(scratch.path("runs")) is a folder; give the name of a file in it, such as "
      + "\(scratch.path("runs"))/x.weights"
    #expect(refusal(scratch.path("runs"))?.hasSuffix(expected) == true)
    #expect(refusal(scratch.path("runs") + "/")?.hasSuffix(expected) == true)
    #expect(refusal("")?.contains("give a file name") == true)
  }

  @Test func aFolderThatTakesNoFilesIsRefused() throws {
    let scratch = try ScratchFolder()
    defer { scratch.remove() }
    guard let folder = try unwritableFolder(in: scratch) else {
      print("note: no folder here refuses new files to this process; the case is not checked")
      return
    }
    #expect(
      refusal(folder + "/x.weights")?.contains("cannot create files in the folder \(folder)")
        == true)
  }

  @Test func aGoodPathIsAcceptedAndLeavesNothingBehind() throws {
    let scratch = try ScratchFolder()
    defer { scratch.remove() }
    #expect(refusal(scratch.path("x.weights")) == nil)
    try scratch.file("x.weights")
    #expect(refusal(scratch.path("x.weights")) == nil, "an existing file is replaced")
    #expect(scratch.names() == ["x.weights"], "the check leaves no probe file")
  }

  @Test func outputFoldersAreCheckedToo() throws {
    let scratch = try ScratchFolder()
    defer { scratch.remove() }
    try scratch.file("taken")
    #expect(
      OutputPath.problem(folder: scratch.path("taken"))
        == "\(scratch.path("taken")) is a file, not a folder")
    #expect(OutputPath.problem(folder: scratch.path("a/b"))?.contains("does not exist") == true)
    #expect(OutputPath.problem(folder: scratch.path("new")) == nil)
    #expect(OutputPath.problem(folder: scratch.url.path) == nil)
  }
}

@Suite("Writing output files")
struct OutputWriteTests {
  @Test func aWriteReplacesTheFileWholeAndLeavesNoTemporaryFile() throws {
    let scratch = try ScratchFolder()
    defer { scratch.remove() }
    try scratch.file("r.html", "old")
    let file = try OutputFile.checked(scratch.path("r.html"), option: "--report", example: "r.html")
    let written = try file.write(Data("new".utf8))
    #expect(written == WrittenFile(url: file.url, problem: nil))
    #expect(try String(contentsOfFile: scratch.path("r.html"), encoding: .utf8) == "new")
    #expect(scratch.names() == ["r.html"])
  }

  @Test func anInterruptedWriteLeavesTheOldFileAsItWas() throws {
    struct Interrupted: Error {}
    let scratch = try ScratchFolder()
    defer { scratch.remove() }
    try scratch.file("graph.svg", "old picture")
    let file = try OutputFile.checked(
      scratch.path("graph.svg"), option: "--output", example: "g.dot")
    #expect(throws: Interrupted.self) {
      try file.write { temporary in
        try Data("half a pic".utf8).write(to: temporary)
        throw Interrupted()
      }
    }
    #expect(try String(contentsOfFile: scratch.path("graph.svg"), encoding: .utf8) == "old picture")
    #expect(scratch.names() == ["graph.svg"], "the half-written temporary file is removed")
  }

  @Test func aResultWhosePathFailsAfterTheWorkIsKeptElsewhereAndTheNoteSaysWhere() throws {
    let scratch = try ScratchFolder()
    defer { scratch.remove() }
    try scratch.folder("runs")
    try scratch.folder("here")
    try scratch.file("here/x.weights", "an older file, kept")
    let file = try OutputFile.checked(
      scratch.path("runs/x.weights"), option: "--save", example: "x")
    // The folder disappears while the network trains.
    try FileManager.default.removeItem(atPath: scratch.path("runs"))
    let written = try file.write(
      Data("weights".utf8),
      fallbacks: [
        scratch.url.appendingPathComponent("runs"), scratch.url.appendingPathComponent("here"),
      ])
    #expect(written.url.path == scratch.path("here/x-1.weights"))
    #expect(
      try String(contentsOfFile: scratch.path("here/x-1.weights"), encoding: .utf8) == "weights")
    #expect(
      try String(contentsOfFile: scratch.path("here/x.weights"), encoding: .utf8)
        == "an older file, kept")
    let note = written.note("the weights", asked: file)
    #expect(
      note
        == "Could not write the weights to \(scratch.path("runs/x.weights")) (the folder "
        + "\(scratch.path("runs")) does not exist; make it first (mkdir -p \(scratch.path("runs"))) "
        + "or choose another place), so the weights went to \(scratch.path("here/x-1.weights")) "
        + "instead.")
  }

  @Test func aResultNoPlaceTakesIsAnErrorNamingEveryPlace() throws {
    let scratch = try ScratchFolder()
    defer { scratch.remove() }
    try scratch.folder("runs")
    let file = try OutputFile.checked(scratch.path("runs/x.json"), option: "--json", example: "x")
    try FileManager.default.removeItem(atPath: scratch.path("runs"))
    do {
      _ = try file.write(Data("{}".utf8), fallbacks: [scratch.url.appendingPathComponent("gone")])
      Issue.record("the write should have failed")
    } catch {
      #expect(error.failures.count == 2)
      #expect(error.description.contains(scratch.path("gone/x.json")))
    }
  }

  @Test func theDefaultFolderIsMadeWhenWrittenAndIgnoredByGit() throws {
    let scratch = try ScratchFolder()
    defer { scratch.remove() }
    let file = OutputFile(
      option: "--output", url: scratch.url.appendingPathComponent("out/graph.dot"),
      makesFolder: true)
    _ = try file.write(Data("digraph {}".utf8))
    #expect(FileManager.default.fileExists(atPath: scratch.path("out/graph.dot")))
    // The repository's .gitignore lists the folder, so default outputs never reach a commit
    // or a starter.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let ignored = try String(
      contentsOf: root.appendingPathComponent(".gitignore"), encoding: .utf8
    ).split(separator: "\n").map(String.init)
    #expect(ignored.contains("/\(OutputFile.defaultFolder)/"))
    #expect(GraphCommand.output.declaration.defaultText == "out/graph.dot")
  }
}

@Suite("Commands refuse a bad output path at once")
struct OutputCommandTests {
  @Test func everyOutputOptionIsCheckedBeforeTheWork() throws {
    let scratch = try ScratchFolder()
    defer { scratch.remove() }
    try scratch.file("plain")
    try scratch.folder("folder")
    let missing = scratch.path("missing/x")
    let cases: [([String], String)] = [
      (["train", "--module", "4", "--save", missing], "--save \(missing): the folder"),
      (["train", "--module", "1", "--report", scratch.path("folder")], "is a folder"),
      (
        ["train", "--module", "0", "--report", scratch.path("plain/r.html")],
        "is a file, not a folder"
      ),
      (["train", "--module", "4", "--report", missing], "does not exist"),
      (
        ["graph", "--expression", "x", "--values", "x=1", "--output", scratch.path("folder")],
        "is a folder"
      ),
      (["bench", "--save", missing], "does not exist"),
      (["grade", "--json", scratch.path("plain/r.json")], "is a file, not a folder"),
      (["grade", "--work", scratch.path("plain")], "is a file, not a folder"),
      (["bugs", "--work", scratch.path("plain/w")], "is a file, not a folder"),
      (["starter", "--output", scratch.path("plain")], "is a file, not a folder"),
    ]
    for (arguments, expected) in cases {
      let run = runTool(arguments)
      #expect(run.status == 2, "\(arguments)")
      #expect(run.errors.contains(expected), "\(arguments): \(run.errors)")
    }
  }
}
