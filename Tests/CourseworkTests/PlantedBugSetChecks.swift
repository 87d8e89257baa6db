import Coursework
import Foundation
import Testing

/// Whether this checkout has the grading set (a starter has only the practice set).
let hasGradingSet = FileManager.default.fileExists(
  atPath: projectRoot.appendingPathComponent(Mutant.relativePath).path)

/// The planted bugs of this checkout: the grading set and the practice set can be planted in
/// the reference code, and the practice set is never the grading set.
@Suite("Planted bug sets of this checkout")
struct PlantedBugSetChecks {
  let grading: [Mutant]
  let practice: [Mutant]

  init() throws {
    grading = hasGradingSet ? try Mutant.load(projectRoot: projectRoot) : []
    practice = try Mutant.load(projectRoot: projectRoot, path: Mutant.practicePath)
  }

  @Test func everyPracticeBugCanBePlantedInsideASolutionRegion() throws {
    try expectPlantable(practice)
  }

  @Test(.enabled(if: hasGradingSet))
  func everyGradingBugCanBePlantedInsideASolutionRegion() throws {
    try expectPlantable(grading)
  }

  /// Every code task's planted bug still finds its text, once, inside a solution region: a
  /// change to the reference that moves the text is caught here in a second, not after
  /// `minitorch bugs --code` has built its copy.
  @Test(.enabled(if: hasGradingSet))
  func everyCodeTaskBugCanBePlantedInsideASolutionRegion() throws {
    try expectPlantable(try Mutant.load(projectRoot: projectRoot, path: Mutant.codePath))
  }

  func expectPlantable(_ bugs: [Mutant]) throws {
    #expect(!bugs.isEmpty)
    let files = try MutantSchema.files(planting: bugs, in: projectRoot)
    for file in Set(bugs.map(\.file)) {
      #expect(files[file]?.contains(bugs.first { $0.file == file }?.name ?? "?") == true)
    }
  }

  /// Students are told how many bugs of each kind their laws caught, never the bugs' names, so
  /// every bug of the grading set has a kind, one of those the Task 0.2 guide lists.
  @Test(.enabled(if: hasGradingSet))
  func everyGradingBugHasAKindTheGuideNames() throws {
    let guide = try String(
      contentsOf: projectRoot.appendingPathComponent("assignments/module0.md"), encoding: .utf8)
    let table = guide.components(separatedBy: "| Kind of bug |").dropFirst().first ?? ""
    let kinds = table.split(separator: "\n").dropFirst(2).prefix { $0.hasPrefix("| ") }.map {
      $0.split(separator: "|").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    }
    #expect(kinds.count >= 5, "the Task 0.2 guide's table of kinds: \(kinds)")
    for bug in grading where bug.task == "0.2" {
      #expect(kinds.contains(bug.kind ?? ""), "\(bug.name) has the kind \(bug.kind ?? "none")")
    }
  }

  @Test(.enabled(if: hasGradingSet))
  func thePracticeSetIsNotTheGradingSet() throws {
    #expect(Set(grading.map(\.name)).isDisjoint(with: practice.map(\.name)))
    for bug in practice {
      let text = try String(
        contentsOf: projectRoot.appendingPathComponent(bug.file), encoding: .utf8)
      let planted = try bug.applied(to: text)
      for other in grading where other.file == bug.file {
        #expect(try other.applied(to: text) != planted, "\(bug.name) is \(other.name)")
      }
    }
  }

  @Test func practiceBugsNeedNoSolutionText() {
    // The practice set ships with the starter: its bugs are new bodies written in terms of
    // `original`, never a text of the reference solution to find.
    for bug in practice {
      #expect(bug.find == nil && bug.function != nil, "\(bug.name) quotes the solution")
    }
  }

  @Test(.enabled(if: hasGradingSet))
  func everyTaskWithStudentTestsHasBugsInBothSets() throws {
    let manifest = try TaskManifest.load(projectRoot: projectRoot)
    for task in manifest.tasks where task.kind == .studentTests {
      #expect(grading.contains { $0.task == task.id }, "Task \(task.id): no grading bugs")
      #expect(practice.contains { $0.task == task.id }, "Task \(task.id): no practice bugs")
    }
  }
}
