import Coursework
import Foundation
import Testing

/// Which files belong to a project.
@Suite("Project files")
struct ProjectFilesTests {
  @Test func aWalkSkipsBuildFoldersAndGitButKeepsHiddenFiles() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    for path in [
      "a.swift", "Sub/b.swift", ".ci/run", ".build/x", ".build-linux/y", ".git/HEAD",
      ".swiftpm/z", "Sub/.build/w",
    ] {
      try folder.write(path, "x")
    }
    #expect(try ProjectFiles.list(in: folder.url) == [".ci/run", "Sub/b.swift", "a.swift"])
  }

  @Test(.enabled(if: Subprocess.findExecutable("git") != nil))
  func aGitCheckoutListsTrackedAndUntrackedButNotIgnoredFiles() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write(".gitignore", "ignored.txt\n")
    try folder.write("tracked.swift", "x")
    try folder.write("untracked.swift", "x")
    try folder.write("ignored.txt", "x")
    let git = try #require(Subprocess.findExecutable("git"))
    _ = try Subprocess.output(of: git, ["init", "-q"], in: folder.url)
    _ = try Subprocess.output(of: git, ["add", "tracked.swift", ".gitignore"], in: folder.url)
    #expect(
      try ProjectFiles.list(in: folder.url) == [".gitignore", "tracked.swift", "untracked.swift"])
    #expect(ProjectFiles.isGitCheckout(folder.url))
    #expect(
      try ProjectFiles.list(in: folder.url, trackedOnly: true) == [".gitignore", "tracked.swift"])
  }

  @Test func aFolderThatIsNoCheckoutIsWalkedEvenForTrackedFilesOnly() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("a.swift", "x")
    try folder.write("graph.dot", "x")
    try folder.write(".build/x", "x")
    #expect(!ProjectFiles.isGitCheckout(folder.url))
    #expect(try ProjectFiles.list(in: folder.url, trackedOnly: true) == ["a.swift", "graph.dot"])
  }
}
