import Coursework
import Foundation
import Testing

/// Comparing a submission's files with the official layout, and finding its root.
@Suite("Submission layout")
struct SubmissionLayoutTests {
  let official = [
    "Package.swift", "Module0/Ops.swift", "Module0/Lists.swift", "Module1/More.swift",
    "Module2/Core/Tensor.swift", "Tests/Module0Tests/Task0_2.swift",
    "Tests/Module0Tests/Task0_1.swift",
  ]
  let stages = ["Module0", "Module1", "Module2"]

  func layout(_ submission: [String]) -> SubmissionLayout {
    SubmissionLayout(
      officialFiles: official, submissionFiles: submission, stages: stages,
      studentFiles: ["Tests/Module0Tests/Task0_2.swift"])
  }

  @Test func aCompleteSubmissionMissesNothing() {
    let complete = layout(official + ["Module0/Helper.swift"])
    #expect(complete.isComplete)
    #expect(complete.notes { _ in [] }.isEmpty)
  }

  @Test func missingFilesAndFoldersAreNamedWithTheirTasks() {
    let found = layout(["Package.swift", "Module0/Ops.swift", "Module1/More.swift"])
    #expect(found.missingFolders == ["Module2"])
    #expect(found.missingFiles == ["Module0/Lists.swift", "Tests/Module0Tests/Task0_2.swift"])
    let notes = found.notes { $0 == "Module0/Lists.swift" ? ["0.3"] : [] }
    #expect(notes.count == 3)
    #expect(notes[0].hasPrefix("The submission has no Module2/ folder"))
    #expect(
      notes[1]
        == "The submission has no Module0/Lists.swift (it holds Task 0.3). It was graded as the "
        + "starter has it (placeholders only).")
    #expect(notes[2] == "The submission has no Tests/Module0Tests/Task0_2.swift.")
  }

  @Test func aMissingDocumentationCatalogIsNotNamed() {
    let withCatalog = SubmissionLayout(
      officialFiles: official + ["Module0/Module0.docc/Module0.md"], submissionFiles: official,
      stages: stages, studentFiles: ["Tests/Module0Tests/Task0_2.swift"])
    #expect(withCatalog.isComplete)
    #expect(!SubmissionLayout.isDocumentation("Module0/Module0.docc"))
    #expect(SubmissionLayout.isDocumentation("Module0/Module0.docc/Resources/a.png"))
  }

  @Test func aMovedFileIsFoundByItsName() {
    let inFolder = layout(
      official.filter { $0 != "Module0/Lists.swift" } + ["Module0/Sub/Lists.swift"])
    #expect(inFolder.isMovedWithinItsFolder("Module0/Lists.swift"))
    #expect(
      inFolder.notes { _ in [] }.first?.contains("at Module0/Sub/Lists.swift; it was graded there")
        == true)

    let outside = layout(official.filter { $0 != "Module0/Lists.swift" } + ["Lists.swift"])
    #expect(!outside.isMovedWithinItsFolder("Module0/Lists.swift"))
    #expect(
      outside.notes { _ in [] }.first?.contains(
        "at Lists.swift, outside its folder, so it was not graded") == true)
  }

  @Test func aZipOfTheRepositoryFolderIsGradedFromItsOneSubfolder() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("minitorch-alice/Package.swift", "// swift-tools-version: 6.0\n")
    try folder.write("__MACOSX/minitorch-alice/Package.swift", "junk")
    let (root, note) = try Checkout.root(of: folder.url, role: "submission", option: "--submission")
    #expect(root.lastPathComponent == "minitorch-alice")
    #expect(note?.contains("minitorch-alice/") == true)

    try folder.write("Package.swift", "// swift-tools-version: 6.0\n")
    let top = try Checkout.root(of: folder.url, role: "submission", option: "--submission")
    #expect(top.root == folder.url && top.note == nil)
  }

  @Test func aFileIsReportedAsAFile() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("alice.zip", "PK")
    #expect {
      try Checkout.root(
        of: folder.url.appendingPathComponent("alice.zip"), role: "submission",
        option: "--submission")
    } throws: { error in
      String(describing: error).contains("alice.zip is a file, not a folder; unzip it")
    }
  }
}
