import Foundation

/// Makes the starter repository students begin from: a copy of the project in which the
/// solution regions of the modules it is for, and of every later module, are replaced by their
/// placeholders.
///
/// A starter is the student's repository, not a copy of the instructor's: it holds the files
/// git tracks in the source (a `graph.dot`, a report or saved weights lying in the checkout stay
/// behind; a source that is not a git checkout is copied whole, build folders aside, and the
/// summary says so); it leaves out the files in `instructorOnlyPaths` (the instructor guide,
/// the reference's CI, the grading files and their planted bugs) and gets a student
/// `README.md` made from `readmeTemplate`.
/// Everything else (tests, the manifest, the guides, the tool) is copied as it is, except that
/// `Tools/CourseSupport/CourseStart.swift` records the starter's first module (`CourseStartFile`), so that
/// its stop messages and `minitorch status` start there. Every source file is checked before
/// anything is written, so a broken marker leaves no half-made starter behind.
public struct StarterGenerator: Sendable {
  /// The project to copy: a checkout with solutions.
  public var source: URL
  /// The folder to write; it must be empty or not exist yet.
  public var output: URL
  /// The modules the starter is for; `nil` means every module. Their regions and those of
  /// every later module are replaced, so a starter never holds the solution of the module it
  /// is for or of one still to come.
  public var modules: Set<Int>?
  /// Whether the modules before the chosen ones keep the official solutions (a starter for
  /// Module 1 that hands out a working Module 0). Without it they are replaced too, and students
  /// bring their own earlier work with `minitorch sync`.
  public var keepsEarlierSolutions: Bool

  /// A generator copying `source` to `output` for `modules` (every module when `nil`), keeping
  /// the official solutions of earlier modules only when `keepsEarlierSolutions` is set.
  public init(
    source: URL, output: URL, modules: Set<Int>? = nil, keepsEarlierSolutions: Bool = false
  ) {
    self.source = source
    self.output = output
    self.modules = modules
    self.keepsEarlierSolutions = keepsEarlierSolutions
  }

  /// What a starter leaves out, as project paths; one ending in "/" is a whole folder. The
  /// instructor guide, the CI of the reference, the grading files (the planted bugs quote
  /// solution lines, so handing them out would hand out answers) and the README template.
  public static let instructorOnlyPaths = [
    "assignments/README.md", "assignments/autograder/", "assignments/starter/", ".ci/",
    ".github/",
  ]

  /// The template of the starter's `README.md`; see `StarterReadme` for what it may contain.
  public static let readmeTemplate = "assignments/starter/README.md"

  /// Whether the file at `path` stays with the instructor.
  public static func isInstructorOnly(_ path: String) -> Bool {
    instructorOnlyPaths.contains { $0.hasSuffix("/") ? path.hasPrefix($0) : path == $0 }
  }

  /// What a generated starter contains.
  public struct Summary: Sendable, Equatable {
    /// How many files were written.
    public var fileCount: Int
    /// How many regions were replaced, per task id.
    public var replacedRegions: [String: Int]
    /// How many regions kept the official solution (earlier modules, kept on request), per task
    /// id.
    public var keptRegions: [String: Int]
    /// The files left out because they stay with the instructor.
    public var leftOut: [String]
    /// Whether `README.md` was made from the template (otherwise it was copied as it is).
    public var readmeFromTemplate: Bool
    /// Whether the source is a git checkout, whose tracked files alone were copied; otherwise
    /// every file under it was, except `.git`, `.swiftpm` and `.build…` folders.
    public var copiedTrackedFiles: Bool = true
  }

  /// The first module whose regions are always replaced: the smallest chosen one, or 0.
  public var firstModule: Int { modules?.min() ?? 0 }

  /// Whether the starter replaces the regions of a task of `module`.
  public func replaces(module: Int) -> Bool {
    module >= firstModule || !keepsEarlierSolutions
  }

  /// Checks every source file, then writes the starter and says what it did.
  ///
  /// Throws a `CourseworkError` without writing anything when the output folder is not empty, a
  /// module is unknown, or a marker is broken or names a task the manifest does not have.
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
    let files = try ProjectFiles.list(in: source, skipping: output, trackedOnly: true)
    var replacements: [String: String] = [:]
    var summary = Summary(
      fileCount: 0, replacedRegions: [:], keptRegions: [:], leftOut: [], readmeFromTemplate: false,
      copiedTrackedFiles: ProjectFiles.isGitCheckout(source))
    var problems: [String] = []
    for path in files where path.hasSuffix(".swift") {
      let text = try readText(path)
      guard text.contains(SolutionRegion.beginMarker) || text.contains(SolutionRegion.endMarker)
      else { continue }
      do {
        let regions = try SolutionRegion.regions(in: text, file: path)
        problems += check(regions, manifest, path)
        let replaces = { (region: SolutionRegion) in
          manifest.task(region.taskID).map { self.replaces(module: $0.module) } ?? true
        }
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
    if files.contains(CourseStartFile.path) {
      let text = try readText(CourseStartFile.path)
      let recorded = try CourseStartFile.recording(firstModule, in: text)
      if recorded != text {
        replacements[CourseStartFile.path] = recorded
      }
    }
    if files.contains(Self.readmeTemplate) {
      let template = try readText(Self.readmeTemplate)
      let replacedTasks = Set(manifest.tasks.filter { replaces(module: $0.module) }.map(\.id))
      replacements["README.md"] = StarterReadme(
        manifest: manifest, replacedTasks: replacedTasks, firstModule: firstModule
      ).render(template)
      summary.readmeFromTemplate = true
    }
    for path in files {
      if Self.isInstructorOnly(path) {
        summary.leftOut.append(path)
        continue
      }
      try write(path, replacement: replacements[path])
      summary.fileCount += 1
    }
    if replacements["README.md"] != nil && !files.contains("README.md") {
      try write("README.md", replacement: replacements["README.md"])
      summary.fileCount += 1
    }
    return summary
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
      if let permissions = try? manager.attributesOfItem(atPath: from.path)[.posixPermissions] {
        try manager.setAttributes([.posixPermissions: permissions], ofItemAtPath: to.path)
      }
    } catch {
      throw CourseworkError.starter("cannot write \(to.path): \(error.localizedDescription)")
    }
  }
}
