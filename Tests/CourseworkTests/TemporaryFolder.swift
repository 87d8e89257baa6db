import Coursework
import Foundation

/// A fresh folder under the system's temporary folder, for tests that write files; `remove()`
/// deletes it.
struct TemporaryFolder {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("coursework-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// Writes `text` to `path` inside the folder, making folders as needed.
  func write(_ path: String, _ text: String) throws {
    let file = url.appendingPathComponent(path)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: file)
  }

  /// The text of the file at `path` inside the folder.
  func read(_ path: String) throws -> String {
    try String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
  }

  func remove() {
    try? FileManager.default.removeItem(at: url)
  }
}

/// Source text from lines, each ending in a newline. Tests build marker lines with
/// `begin`/`end` so that no line of this file is itself a marker.
func source(_ lines: String...) -> String {
  lines.map { $0 + "\n" }.joined()
}

/// The BEGIN marker, for building fixtures.
let begin = SolutionRegion.beginMarker
/// The END marker, for building fixtures.
let end = SolutionRegion.endMarker

/// A manifest with two modules: code tasks 0.1 and 1.1, the student-tests task 0.2 and the
/// hand-graded task 1.5.
let sampleManifest = """
  {
    "course": "Sample",
    "tasks": [
      {"id": "0.1", "module": 0, "title": "Ops", "points": 10, "suite": "Task0_1", "kind": "code"},
      {"id": "0.2", "module": 0, "title": "Laws", "points": 6, "suite": "Task0_2",
       "kind": "student-tests"},
      {"id": "1.1", "module": 1, "title": "More", "points": 5, "suite": "Task1_1", "kind": "code"},
      {"id": "1.5", "module": 1, "title": "Train", "points": 4, "kind": "hand-graded",
       "handIn": "the training log"}
    ]
  }
  """
