import Coursework
import Foundation
import Testing

/// The solution regions of this checkout agree with the manifest: every region names a task of
/// the manifest, and every task with code or student-written tests has a region, so the
/// starter generator leaves nothing solved and invents nothing. (Hand-graded tasks may have
/// regions too, for the code whose results a person grades.)
@Suite("Solution regions of this checkout")
struct CheckoutRegionChecks {
  let manifest: TaskManifest
  let regions: [(path: String, region: SolutionRegion)]

  init() throws {
    manifest = try TaskManifest.load(projectRoot: projectRoot)
    var found: [(String, SolutionRegion)] = []
    for path in try ProjectFiles.list(in: projectRoot) where path.hasSuffix(".swift") {
      let text = try String(contentsOf: projectRoot.appendingPathComponent(path), encoding: .utf8)
      for region in try SolutionRegion.regions(in: text, file: path) {
        found.append((path, region))
      }
    }
    regions = found
  }

  @Test func everyRegionNamesATaskOfTheManifest() {
    for (path, region) in regions {
      #expect(
        manifest.task(region.taskID) != nil,
        "\(path):\(region.beginLine) names Task \(region.taskID), which the manifest does not list"
      )
    }
  }

  @Test func everyTaskWithCodeHasARegion() {
    for task in manifest.tasks where task.kind != .handGraded {
      #expect(
        regions.contains { $0.region.taskID == task.id },
        "Task \(task.id) has no '// BEGIN SOLUTION Task \(task.id)' region anywhere")
    }
  }

  @Test func studentWrittenTestsAreRegionsInTheirSuiteFile() {
    for task in manifest.tasks where task.kind == .studentTests {
      #expect(
        regions.contains { $0.region.taskID == task.id && $0.path == task.suitePath },
        "Task \(task.id)'s tests should be solution regions in \(task.suitePath ?? "?")")
    }
  }
}
