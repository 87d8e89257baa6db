import Foundation

/// Carries a student's own code from their earlier checkout into the starter of the next module
/// (as minitorch's `sync_previous_module` does): the bodies of their solution regions replace
/// the placeholders of the same regions in the new starter, whose tests and other files stay
/// as they are. What `minitorch sync` does.
///
/// Only region bodies move, so a file must match the new starter everywhere outside its
/// regions; when one does not, nothing at all is written and the error names the file and the
/// first line that differs. A region the new starter already has code in (the student's own,
/// or an official solution kept on purpose) is left alone and reported. Files the student added
/// inside a stage folder or a test folder are copied when the new starter has no file there.
public struct WorkSync: Sendable {
  /// The student's earlier checkout.
  public var source: URL
  /// The new starter, which receives the code.
  public var destination: URL
  /// Only regions of tasks of these modules move; all when `nil`.
  public var modules: Set<Int>?

  /// A sync from `source` into `destination`, for `modules` (all when `nil`).
  public init(from source: URL, to destination: URL, modules: Set<Int>? = nil) {
    self.source = source.standardizedFileURL
    self.destination = destination.standardizedFileURL
    self.modules = modules
  }

  /// What a sync did.
  public struct Summary: Sendable, Equatable {
    /// Regions whose body came from the earlier checkout, per task id.
    public var carriedRegions: [String: Int] = [:]
    /// Files copied because the new starter has none at their place.
    public var copiedFiles: [String] = []
    /// Regions left as they were because the new starter already has code there, as
    /// `file:line (Task X.Y)`.
    public var keptRegions: [String] = []
    /// Files rewritten in the new starter.
    public var changedFiles: [String] = []
    /// Files without regions, in a stage folder, that differ from the new starter's: only code
    /// inside regions moves, so the new starter's version stays.
    public var differingFiles: [String] = []
  }

  /// Checks every file, then writes the new starter's changed files. Throws a `CourseworkError`
  /// (without writing anything) when a folder is not a checkout, both are the same folder, or a
  /// file with the student's code differs from the new starter outside its regions.
  public func run() throws -> Summary {
    let (writes, summary) = try plan()
    for (path, text) in writes {
      let url = destination.appendingPathComponent(path)
      do {
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
      } catch {
        throw CourseworkError.sync("cannot write \(url.path): \(error.localizedDescription)")
      }
    }
    return summary
  }

  /// The files to write (path → text) and what they carry, without writing anything.
  public func plan() throws -> (writes: [String: String], summary: Summary) {
    try Checkout.check(source, role: "earlier checkout", option: "--from")
    try Checkout.check(destination, role: "new starter", option: "--to")
    guard source.resolvingSymlinksInPath() != destination.resolvingSymlinksInPath() else {
      throw CourseworkError.sync("--from and --to are the same folder; nothing to carry")
    }
    let manifest = try TaskManifest.load(projectRoot: destination)
    let sourceFiles = try ProjectFiles.list(in: source)
    let destinationFiles = Set(try ProjectFiles.list(in: destination))
    let stages = Checkout.stageFolders(in: Array(destinationFiles))
    var writes: [String: String] = [:]
    var summary = Summary()
    var problems: [String] = []

    for path in sourceFiles where path.hasSuffix(".swift") {
      let text = try read(source, path)
      let regions: [SolutionRegion]
      do {
        regions = try SolutionRegion.regions(in: text, file: path)
      } catch let error as CourseworkError {
        problems.append("\(path) in --from: \(error.message)")
        continue
      }
      let carried = regions.filter { region in
        isChosen(region.taskID, manifest)
          && !Placeholder(forFileAt: path).isPlaceholder(region.body, taskID: region.taskID)
      }
      if regions.isEmpty || carried.isEmpty {
        if regions.isEmpty && isStudentFolder(path, stages) {
          if !destinationFiles.contains(path) {
            writes[path] = text
            summary.copiedFiles.append(path)
          } else if try read(destination, path) != text {
            summary.differingFiles.append(path)
          }
        }
        continue
      }
      guard destinationFiles.contains(path) else {
        problems.append(
          "\(path) holds your code for \(taskList(carried)), but the new starter has no "
            + "\(path); copy that code by hand to where the new starter has it")
        continue
      }
      do {
        if let merged = try merge(text, into: try read(destination, path), path, manifest, &summary)
        {
          writes[path] = merged
          summary.changedFiles.append(path)
        }
      } catch let error as CourseworkError {
        problems.append(error.description)
      }
    }
    guard problems.isEmpty else {
      throw CourseworkError.sync(
        "nothing was changed; first fix these files (only code between BEGIN SOLUTION and END "
          + "SOLUTION is carried):\n  " + problems.joined(separator: "\n  "))
    }
    return (writes, summary)
  }

  /// The new starter's `destination` text with the student's region bodies from `text`, or
  /// `nil` when nothing changes. Throws when the files differ outside their regions.
  private func merge(
    _ text: String, into destinationText: String, _ path: String, _ manifest: TaskManifest,
    _ summary: inout Summary
  ) throws -> String? {
    let mine = try SolutionRegion.regions(in: text, file: path)
    let theirs = try SolutionRegion.regions(in: destinationText, file: path)
    if let difference = Self.firstDifference(text, mine, destinationText, theirs) {
      throw CourseworkError(
        .sync,
        "differs from the new starter outside its solution regions: your line "
          + "\(difference.line) is \(difference.mine), the new starter has \(difference.theirs)",
        file: path)
    }
    var lines = SolutionRegion.lines(of: destinationText)
    var changed = false
    let placeholder = Placeholder(forFileAt: path)
    for (own, target) in zip(mine, theirs).reversed() {
      guard isChosen(own.taskID, manifest),
        !placeholder.isPlaceholder(own.body, taskID: own.taskID), own.body != target.body
      else { continue }
      guard placeholder.isPlaceholder(target.body, taskID: target.taskID) else {
        summary.keptRegions.append("\(path):\(target.beginLine) (Task \(target.taskID))")
        continue
      }
      lines.replaceSubrange(target.beginLine..<(target.endLine - 1), with: own.body)
      summary.carriedRegions[own.taskID, default: 0] += 1
      changed = true
    }
    guard changed else { return nil }
    return lines.joined(separator: "\n")
      + (SolutionRegion.endsWithNewline(destinationText) ? "\n" : "")
  }

  /// Where two versions of a file first differ outside their region bodies: the line number in
  /// the first and both lines (quoted, or "the end of the file"); `nil` when they agree.
  static func firstDifference(
    _ text: String, _ regions: [SolutionRegion], _ other: String, _ otherRegions: [SolutionRegion]
  ) -> (line: Int, mine: String, theirs: String)? {
    let mine = numberedOutside(text, regions)
    let theirs = numberedOutside(other, otherRegions)
    for index in 0..<max(mine.count, theirs.count) {
      let left = index < mine.count ? mine[index] : nil
      let right = index < theirs.count ? theirs[index] : nil
      guard left?.text != right?.text else { continue }
      let quote = { (line: (number: Int, text: String)?) in
        line.map { "'\($0.text.trimmingCharacters(in: .whitespaces))'" } ?? "the end of the file"
      }
      return (left?.number ?? (mine.last?.number ?? 0) + 1, quote(left), quote(right))
    }
    return nil
  }

  /// The lines of `text` outside the bodies of `regions`, with their line numbers (from 1).
  static func numberedOutside(_ text: String, _ regions: [SolutionRegion]) -> [(
    number: Int, text: String
  )] {
    var inBody = Set<Int>()
    for region in regions where region.endLine - region.beginLine > 1 {
      inBody.formUnion((region.beginLine + 1)..<region.endLine)
    }
    return SolutionRegion.lines(of: text).enumerated().compactMap { index, line in
      inBody.contains(index + 1) ? nil : (index + 1, line)
    }
  }

  /// Whether regions of `taskID` move.
  private func isChosen(_ taskID: String, _ manifest: TaskManifest) -> Bool {
    guard let modules else { return true }
    return manifest.task(taskID).map { modules.contains($0.module) } ?? false
  }

  /// Whether `path` lies where students may add files of their own: a stage folder, or a test
  /// folder of one.
  private func isStudentFolder(_ path: String, _ stages: [String]) -> Bool {
    stages.contains { path.hasPrefix($0 + "/") || path.hasPrefix("Tests/\($0)Tests/") }
  }

  /// "Task 0.1" or "Tasks 0.1, 0.3" for the tasks of `regions`.
  private func taskList(_ regions: [SolutionRegion]) -> String {
    var tasks: [String] = []
    for region in regions where !tasks.contains(region.taskID) {
      tasks.append(region.taskID)
    }
    return (tasks.count == 1 ? "Task " : "Tasks ") + tasks.joined(separator: ", ")
  }

  /// The text of `path` in `root`.
  private func read(_ root: URL, _ path: String) throws -> String {
    let url = root.appendingPathComponent(path)
    guard let data = FileManager.default.contents(atPath: url.path),
      let text = String(data: data, encoding: .utf8)
    else {
      throw CourseworkError.sync("cannot read \(url.path) as UTF-8 text")
    }
    return text
  }
}
