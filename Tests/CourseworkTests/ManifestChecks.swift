import Coursework
import Foundation
import Testing

/// The checkout these tests were compiled from.
let projectRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// How a task's points are written in tables: whole numbers without a decimal point.
func formatPoints(_ points: Double) -> String {
  points == points.rounded() ? String(Int(points)) : String(points)
}

/// The manifest agrees with the test files and the assignment pages, so that the one list of
/// tasks is the truth everywhere.
@Suite("Task manifest")
struct ManifestChecks {
  let manifest: TaskManifest

  init() throws {
    manifest = try TaskManifest.load(projectRoot: projectRoot)
  }

  @Test func everyGradedTaskHasItsSuiteFile() throws {
    for task in manifest.tasks {
      guard let path = task.suitePath, let suite = task.suite else { continue }
      let url = projectRoot.appendingPathComponent(path)
      let source = try String(contentsOf: url, encoding: .utf8)
      #expect(source.contains("struct \(suite)"), "\(path) should declare struct \(suite)")
    }
  }

  @Test func everyTaskIsInItsPagePointsTable() throws {
    for task in manifest.tasks {
      let page = try String(
        contentsOf: projectRoot.appendingPathComponent(task.page), encoding: .utf8)
      let row = "| \(task.id) | \(task.title) | \(formatPoints(task.points)) |"
      #expect(page.contains(row), "\(task.page) should have the table row '\(row)'")
    }
  }

  @Test func everyHandGradedTaskEndsItsPageWithWhatToHandIn() throws {
    func words(_ text: String) -> String {
      text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
    for task in manifest.tasks where task.kind == .handGraded {
      let page = try String(
        contentsOf: projectRoot.appendingPathComponent(task.page), encoding: .utf8)
      let expected = "**Hand in** (Task \(task.id)): \(task.handIn ?? "")"
      #expect(
        words(page).contains(words(expected)),
        "\(task.page) should say '\(expected)', the manifest's handIn for Task \(task.id)")
    }
  }

  @Test func everySuiteFileIsInTheManifest() throws {
    let tests = projectRoot.appendingPathComponent("Tests")
    let folders = try FileManager.default.contentsOfDirectory(atPath: tests.path)
    for folder in folders where folder.hasPrefix("Module") {
      let files = try FileManager.default.contentsOfDirectory(
        atPath: tests.appendingPathComponent(folder).path)
      for file in files where file.hasPrefix("Task") && file.hasSuffix(".swift") {
        let suite = String(file.dropLast(".swift".count))
        #expect(
          manifest.tasks.contains { $0.suite == suite },
          "Tests/\(folder)/\(file) is a task suite that the manifest does not list")
      }
    }
  }

  @Test func badManifestsAreRejectedWithAReason() {
    func rejection(_ tasks: [CourseTask]) -> String? {
      do {
        try TaskManifest(course: "x", tasks: tasks).validate()
        return nil
      } catch {
        return String(describing: error)
      }
    }
    let good = CourseTask(
      id: "1.2", module: 1, title: "T", points: 5, suite: "Task1_2", kind: .code, handIn: nil)
    #expect(rejection([good]) == nil)
    #expect(rejection([good, good])?.contains("listed twice") == true)
    var wrongModule = good
    wrongModule.module = 2
    #expect(rejection([wrongModule])?.contains("says module 2") == true)
    var wrongSuite = good
    wrongSuite.suite = "Task12"
    #expect(rejection([wrongSuite])?.contains("Task1_2") == true)
    var handGraded = good
    handGraded.kind = .handGraded
    #expect(rejection([handGraded])?.contains("handIn") == true)
  }
}
