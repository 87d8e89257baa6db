import Coursework
import Foundation
import Testing

/// Keeping a copy in step with a set of files without touching what did not change.
@Suite("Folder mirror")
struct FolderMirrorTests {
  @Test func theCopyEndsUpHoldingExactlyTheFiles() throws {
    let source = try TemporaryFolder()
    let copy = try TemporaryFolder()
    defer {
      source.remove()
      copy.remove()
    }
    try source.write("a.swift", "a")
    try source.write("Sub/b.swift", "b")
    try copy.write("old/stale.swift", "stale")
    try copy.write(".build/keep", "build product")
    try FolderMirror.sync(
      [
        "a.swift": source.url.appendingPathComponent("a.swift"),
        "Sub/b.swift": source.url.appendingPathComponent("Sub/b.swift"),
      ],
      into: copy.url)
    #expect(try ProjectFiles.list(in: copy.url) == ["Sub/b.swift", "a.swift"])
    #expect(try copy.read(".build/keep") == "build product")
    #expect(!FileManager.default.fileExists(atPath: copy.url.appendingPathComponent("old").path))
  }

  @Test func unchangedFilesAreNotRewritten() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let file = folder.url.appendingPathComponent("same.swift")
    #expect(try FolderMirror.write(Data("x".utf8), to: file))
    let past = Date(timeIntervalSince1970: 1_000_000)
    try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: file.path)
    #expect(try !FolderMirror.write(Data("x".utf8), to: file))
    let date = try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate]
    #expect(date as? Date == past)
    #expect(try FolderMirror.write(Data("y".utf8), to: file))
  }
}

/// Builds notice every rewrite, however quick.
@Suite("Folder mirror modification times")
struct FolderMirrorTimeTests {
  @Test func aRewriteAlwaysMovesToALaterWholeSecond() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let file = folder.url.appendingPathComponent("mutated.swift")
    func second() throws -> Double {
      let date = try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate]
      return try #require(date as? Date).timeIntervalSince1970.rounded(.down)
    }
    try FolderMirror.write(Data("original".utf8), to: file)
    var last = try second()
    for text in ["bug one", "original", "bug two", "original"] {
      try FolderMirror.write(Data(text.utf8), to: file)
      let now = try second()
      #expect(now > last, "writing '\(text)' kept the modification second \(now)")
      last = now
    }
  }
}
