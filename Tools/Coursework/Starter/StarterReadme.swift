import Foundation

/// The student's `README.md` of a starter, made from the template kept in the reference
/// (`assignments/starter/README.md`).
///
/// The template is Markdown with a few fields in double braces, filled from the manifest:
/// - `{{course}}`: the course's name;
/// - `{{tasks}}`: a table of the tasks from the starter's first module on, what each is worth
///   and how to check it, after a sentence saying where the earlier modules' code comes from;
/// - `{{first-suite}}` and `{{first-task}}`: the suite and the number of the first task
///   students write, for example `Task3_1` and `3.1`;
/// - `{{first-module}}`: the number of the first module students write;
/// - `{{sync-step}}`: in a starter of a later module whose earlier modules hold placeholders,
///   the command that brings the student's own earlier work in (`minitorch sync`), and
///   `{{earlier-work}}`: a sentence saying so. Both are empty otherwise, and a line holding
///   only an empty field is left out (with a blank line after it).
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

  /// The tasks of the modules before the first one.
  var earlierTasks: [CourseTask] { manifest.tasks.filter { $0.module < firstModule } }

  /// Whether students bring the earlier modules' code themselves: they hold placeholders.
  public var bringsEarlierWork: Bool {
    earlierTasks.contains { replacedTasks.contains($0.id) }
  }

  /// The command that brings a student's earlier work into this starter, when they must.
  public var syncCommand: String? {
    guard bringsEarlierWork else { return nil }
    return "swift run minitorch sync --from <your module \(firstModule - 1) repository>"
  }

  /// `template` with its fields filled in.
  public func render(_ template: String) -> String {
    let firstTask =
      manifest.tasks.first {
        $0.module >= firstModule && replacedTasks.contains($0.id) && $0.suite != nil
      }
      ?? manifest.tasks.first { $0.suite != nil }
    let fields = [
      "{{course}}": manifest.course,
      "{{tasks}}": taskTable,
      "{{first-suite}}": firstTask?.suite ?? "Task0_1",
      "{{first-task}}": firstTask?.id ?? "0.1",
      "{{first-module}}": String(firstModule),
      "{{sync-step}}": syncCommand ?? "",
      "{{earlier-work}}": earlierWork,
    ]
    var lines: [String] = []
    var dropBlank = false
    for line in template.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if let value = fields[trimmed], value.isEmpty {
        dropBlank = true
        continue
      }
      if dropBlank && trimmed.isEmpty {
        dropBlank = false
        continue
      }
      dropBlank = false
      var filled = String(line)
      for (field, value) in fields {
        filled = filled.replacingOccurrences(of: field, with: value)
      }
      lines.append(filled)
    }
    return lines.joined(separator: "\n")
  }

  /// A sentence on where the earlier modules' code comes from; empty for a starter of the first
  /// module or one that keeps the official solutions.
  public var earlierWork: String {
    guard syncCommand != nil else { return "" }
    let verb = firstModule == 1 ? "holds" : "hold"
    return "This repository starts at Module \(firstModule). \(modulesBefore) \(verb) placeholders "
      + "where your own code goes:\nbring it in first from your Module \(firstModule - 1) "
      + "repository (the first command below copies the code\nbetween your markers there into "
      + "the markers here)."
  }

  /// "Module 0" or "Modules 0–2": the modules before the first one.
  var modulesBefore: String {
    firstModule == 1 ? "Module 0" : "Modules 0–\(firstModule - 1)"
  }

  /// A Markdown table of the tasks from the first module on: task, title, points, and how a
  /// student checks it; after a sentence on the earlier modules, when there are any.
  public var taskTable: String {
    var rows = [String]()
    if let first = earlierTasks.first, let last = earlierTasks.last {
      let source =
        bringsEarlierWork
        ? "your own code, brought in with `\(syncCommand ?? "minitorch sync")`"
        : "given: the official solutions are in place"
      rows += ["\(modulesBefore) (Tasks \(first.id)–\(last.id)): \(source).", ""]
    }
    rows += ["| Task | Title | Points | How you check it |", "| --- | --- | --- | --- |"]
    for task in manifest.tasks where task.module >= firstModule {
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
