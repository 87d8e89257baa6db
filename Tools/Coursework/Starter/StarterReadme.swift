/// The student's `README.md` of a starter, made from the template kept in the reference
/// (`assignments/starter/README.md`).
///
/// The template is Markdown with a few fields in double braces, filled from the manifest:
/// - `{{course}}`: the course's name;
/// - `{{tasks}}`: a table of every task, what it is worth and how to check it, with tasks whose
///   official solution the starter keeps marked as given;
/// - `{{first-suite}}`: the suite of the first task students write, for example `Task0_1`;
/// - `{{first-module}}`: the number of the first module students write.
///
/// Anything else is copied as it is, so the template reads like the README it becomes.
public struct StarterReadme: Sendable {
  /// The manifest of the project the starter is made from.
  public var manifest: TaskManifest
  /// The tasks whose regions the starter replaces.
  public var replacedTasks: Set<String>
  /// The first module students write.
  public var firstModule: Int

  /// A README for a starter made from `manifest` that replaces the regions of `replacedTasks`.
  public init(manifest: TaskManifest, replacedTasks: Set<String>, firstModule: Int) {
    self.manifest = manifest
    self.replacedTasks = replacedTasks
    self.firstModule = firstModule
  }

  /// `template` with its fields filled in.
  public func render(_ template: String) -> String {
    let firstTask =
      manifest.tasks.first { replacedTasks.contains($0.id) && $0.suite != nil }
      ?? manifest.tasks.first { $0.suite != nil }
    return
      template
      .replacingOccurrences(of: "{{course}}", with: manifest.course)
      .replacingOccurrences(of: "{{tasks}}", with: taskTable)
      .replacingOccurrences(of: "{{first-suite}}", with: firstTask?.suite ?? "Task0_1")
      .replacingOccurrences(of: "{{first-module}}", with: String(firstModule))
  }

  /// A Markdown table: task, title, points, and how a student checks it.
  public var taskTable: String {
    var rows = ["| Task | Title | Points | How you check it |", "| --- | --- | --- | --- |"]
    for task in manifest.tasks {
      let check: String
      if !replacedTasks.contains(task.id) {
        check = "given: the official solution is in place"
      } else {
        switch task.kind {
        case .code:
          check =
            "`swift test --filter \(task.suite ?? task.expectedSuiteName)`"
            + (task.definingChecks.map { names in
              "; scores 0 unless its defining checks pass ("
                + names.map { "`\($0)`" }.joined(separator: ", ") + ")"
            } ?? "")
        case .studentTests:
          check = "your tests must catch planted bugs: `swift run minitorch practice`"
        case .handGraded:
          check = "graded by hand: see \(task.page)"
        }
      }
      rows.append("| \(task.id) | \(task.title) | \(Report.number(task.points)) | \(check) |")
    }
    return rows.joined(separator: "\n")
  }
}
