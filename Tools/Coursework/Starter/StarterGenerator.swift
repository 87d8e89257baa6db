import Foundation

/// Makes the starter repository students begin from: a copy of the project in which every
/// solution region of the chosen modules is replaced by its placeholder.
///
/// Nothing else differs: tests, the manifest, the guides, the tool and the CI configuration are
/// copied as they are, except the files in `graderOnlyFiles`, which stay with the instructor. Every
/// source file is checked before anything is written, so a broken marker leaves no half-made
/// starter behind.
public struct StarterGenerator: Sendable {
  /// The project to copy: a checkout with solutions.
  public var source: URL
  /// The folder to write; it must be empty or not exist yet.
  public var output: URL
  /// The modules whose regions are replaced; `nil` means every module.
  public var modules: Set<Int>?

  /// A generator copying `source` to `output`, replacing the regions of `modules` (all when
  /// `nil`).
  public init(source: URL, output: URL, modules: Set<Int>? = nil) {
    self.source = source
    self.output = output
    self.modules = modules
  }

  /// Files a starter leaves out. The planted bugs the grader uses to check students' tests
  /// quote the solution lines they break, so handing them out would hand out answers.
  public static let graderOnlyFiles: Set<String> = [Mutant.relativePath]

  /// What a generated starter contains.
  public struct Summary: Sendable, Equatable {
    /// How many files were written.
    public var fileCount: Int
    /// How many regions were replaced, per task id.
    public var replacedRegions: [String: Int]
    /// How many regions kept their solution because their module was not chosen, per task id.
    public var keptRegions: [String: Int]
    /// The files left out because they belong to the grader.
    public var leftOut: [String]
  }

  /// Checks every source file, then writes the starter and says what it did.
  ///
  /// Throws a `CourseworkError` without writing anything when
  /// the output folder is not empty, a module is unknown, or a marker is broken or names a task
  /// the manifest does not have.
  public func generate() throws -> Summary {
    let manifest = try TaskManifest.load(projectRoot: source)
    if let modules {
      let unknown = modules.subtracting(manifest.modules).sorted()
      guard unknown.isEmpty else {
        throw CourseworkError.starter(
          "the manifest has no module \(unknown.map(String.init).joined(separator: ", ")); "
            + "its modules are \(manifest.modules.map(String.init).joined(separator: ", "))")
      }
    }
    try refuseNonEmptyOutput()
    let files = try ProjectFiles.list(in: source, skipping: output)
    var replacements: [String: String] = [:]
    var summary = Summary(fileCount: 0, replacedRegions: [:], keptRegions: [:], leftOut: [])
    var problems: [String] = []
    for path in files where path.hasSuffix(".swift") {
      let text = try readText(path)
      guard text.contains(SolutionRegion.beginMarker) || text.contains(SolutionRegion.endMarker)
      else { continue }
      do {
        let regions = try SolutionRegion.regions(in: text, file: path)
        problems += check(regions, manifest, path)
        let replaces = { (region: SolutionRegion) in isChosen(region, manifest) }
        for region in regions {
          if replaces(region) {
            summary.replacedRegions[region.taskID, default: 0] += 1
          } else {
            summary.keptRegions[region.taskID, default: 0] += 1
          }
        }
        let starter = try StarterFile(starterOf: text, path: path, replaces: replaces)
        if starter.text != text {
          replacements[path] = starter.text
        }
      } catch let error as CourseworkError where error.kind == .solutionMarker {
        problems.append(error.description)
      }
    }
    guard problems.isEmpty else {
      throw CourseworkError.starter(
        "no starter written; fix these solution markers first:\n  "
          + problems.joined(separator: "\n  "))
    }
    for path in files {
      if Self.graderOnlyFiles.contains(path) {
        summary.leftOut.append(path)
        continue
      }
      try write(path, replacement: replacements[path])
      summary.fileCount += 1
    }
    return summary
  }

  /// Whether `region` belongs to one of the chosen modules.
  private func isChosen(_ region: SolutionRegion, _ manifest: TaskManifest) -> Bool {
    guard let task = manifest.task(region.taskID) else { return false }
    return modules?.contains(task.module) ?? true
  }

  /// The problems with `regions` of the file at `path` that the parser cannot see: tasks the
  /// manifest does not list. (Hand-graded tasks may have regions: Task 1.5's network is code
  /// a student writes, graded by a person from what it does.)
  private func check(_ regions: [SolutionRegion], _ manifest: TaskManifest, _ path: String)
    -> [String]
  {
    regions.compactMap { region in
      guard manifest.task(region.taskID) == nil else { return nil }
      return CourseworkError.solutionMarker(
        file: path, line: region.beginLine,
        "Task \(region.taskID) is not in \(TaskManifest.relativePath); fix the task number"
      ).description
    }
  }

  private func refuseNonEmptyOutput() throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: output.path, isDirectory: &isFolder) else {
      return
    }
    guard isFolder.boolValue else {
      throw CourseworkError.starter(
        "\(output.path) is a file; pass a new or empty folder with --output")
    }
    let contents = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
    guard contents.isEmpty else {
      throw CourseworkError.starter(
        "\(output.path) is not empty; pass a new or empty folder with --output, so that no "
          + "file of yours is overwritten")
    }
  }

  private func readText(_ path: String) throws -> String {
    let url = source.appendingPathComponent(path)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw CourseworkError.starter("cannot read \(url.path)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw CourseworkError.starter("\(url.path) is not UTF-8 text; Swift sources must be UTF-8")
    }
    return text
  }

  /// Copies one file, or writes its starter text, keeping its permissions (scripts stay
  /// executable).
  private func write(_ path: String, replacement: String?) throws {
    let manager = FileManager.default
    let from = source.appendingPathComponent(path)
    let to = output.appendingPathComponent(path)
    do {
      try manager.createDirectory(
        at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
      guard let replacement else {
        try manager.copyItem(at: from, to: to)
        return
      }
      try Data(replacement.utf8).write(to: to)
      if let permissions = try manager.attributesOfItem(atPath: from.path)[.posixPermissions] {
        try manager.setAttributes([.posixPermissions: permissions], ofItemAtPath: to.path)
      }
    } catch {
      throw CourseworkError.starter("cannot write \(to.path): \(error.localizedDescription)")
    }
  }
}
