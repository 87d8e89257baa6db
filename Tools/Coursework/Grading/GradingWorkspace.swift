import Foundation

/// The folder the grader works in: a copy of the submission with the official tests
/// (`submission/`), a copy of the official checkout for judging students' own tests
/// (`reference/`), build logs (`logs/`) and the files of test runs (`runs/`).
///
/// A workspace given with `--work` is kept, and grading again in it reuses both copies' builds,
/// which is what makes grading a whole class, or CI, fast. Without `--work` a fresh temporary
/// folder is used and deleted afterwards. The grader only ever works in a folder that is empty
/// or that it made itself (it leaves a marker file), because syncing a copy deletes files.
public struct GradingWorkspace: Sendable {
  /// The workspace folder.
  public let root: URL
  /// Whether the folder is temporary and should be deleted after grading.
  public let isTemporary: Bool

  /// The file that marks a folder as a grader's workspace.
  public static let markerName = ".minitorch-grading-workspace"

  /// The copy of the submission's code with the official tests around it.
  public var submission: URL { root.appendingPathComponent("submission") }
  /// The copy of the official checkout, into which students' tests are put.
  public var reference: URL { root.appendingPathComponent("reference") }
  /// Build logs.
  public var logs: URL { root.appendingPathComponent("logs") }
  /// Event streams and error output of test runs.
  public var runs: URL { root.appendingPathComponent("runs") }

  /// Opens the workspace at `folder`, making it if needed, or a fresh temporary one when
  /// `folder` is `nil`. Throws a `CourseworkError` when `folder` holds files the grader did not put
  /// there.
  public init(at folder: URL?) throws {
    let manager = FileManager.default
    if let folder {
      root = folder.standardizedFileURL
      isTemporary = false
      let contents = (try? manager.contentsOfDirectory(atPath: root.path)) ?? []
      let marker = root.appendingPathComponent(Self.markerName)
      if !contents.isEmpty && !manager.fileExists(atPath: marker.path) {
        throw CourseworkError.grading(
          "the work folder \(root.path) is not empty and was not made by the grader; pass a "
            + "new or empty folder with --work (the grader deletes files inside it)")
      }
    } else {
      root = manager.temporaryDirectory.appendingPathComponent(
        "minitorch-grade-\(UUID().uuidString)")
      isTemporary = true
    }
    do {
      for folder in [root, submission, reference, logs, runs] {
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
      }
      _ = manager.createFile(
        atPath: root.appendingPathComponent(Self.markerName).path,
        contents: Data("This folder is a MiniTorch grading workspace.\n".utf8))
    } catch {
      throw CourseworkError.grading(
        "cannot create the work folder \(root.path): \(error.localizedDescription)")
    }
  }

  /// Deletes the workspace.
  public func remove() {
    try? FileManager.default.removeItem(at: root)
  }
}
