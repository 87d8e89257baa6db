import Foundation
import Testing

@testable import minitorch

/// `minitorch docs` refuses a bad command line before any work: nothing is built, and a folder
/// of other files is never replaced by a site.
@Suite("minitorch docs: its command line")
struct DocsCommandTests {
  @Test func theOutputFolderIsRequired() {
    let (status, errors) = runTool(["docs"])
    #expect(status == 2)
    #expect(errors.contains("--output DIR is required"))
  }

  @Test func theBasePathMustBeAnAbsolutePath() throws {
    let scratch = try ScratchFolder()
    defer { scratch.remove() }
    for path in ["minitorch", "/a b", "/x?y"] {
      let (status, errors) = runTool(
        ["docs", "--output", scratch.path("site"), "--base-path", path])
      #expect(status == 2, "\(path)")
      #expect(errors.contains("--base-path must start with /"), "\(path)")
    }
  }

  @Test func aFileIsNotAFolderForTheSite() throws {
    let scratch = try ScratchFolder()
    defer { scratch.remove() }
    try scratch.file("site")
    let (status, errors) = runTool(["docs", "--output", scratch.path("site")])
    #expect(status == 2)
    #expect(errors.contains("is a file, not a folder"))
  }

  @Test func aFolderOfOtherFilesIsNeverReplaced() throws {
    let scratch = try ScratchFolder()
    defer { scratch.remove() }
    try scratch.folder("site")
    try scratch.file("site/notes.txt", "mine")
    let (status, errors) = runTool(["docs", "--output", scratch.path("site")])
    #expect(status == 1)
    #expect(errors.contains("holds files that are not a site made by minitorch docs"))
    #expect(try String(contentsOfFile: scratch.path("site/notes.txt"), encoding: .utf8) == "mine")
  }
}
