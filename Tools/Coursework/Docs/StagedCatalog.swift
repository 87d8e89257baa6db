import Foundation

/// The catalog DocC converts for one stage, assembled in the work folder at build time: a copy
/// of the stage's committed catalog (`Module1/Module1.docc`), the pages of `assignments/` this
/// stage carries (links rewritten), and, in the landing page's Topics, generated groups: the
/// guide pages, then one group per task listing the functions whose doc comment names it. So
/// the task groups follow the code (a function that moves or is renamed moves with them), and
/// the committed catalog holds only what a person writes: the overview and the given code's
/// groups.
struct StagedCatalog {
  /// Where a staged file came from: its project path and the generated lines inserted into it.
  struct Origin: Equatable {
    /// The project path (`Module1/Module1.docc/Module1.md`, `assignments/module1.md`).
    let path: String
    /// The line after which generated lines were inserted (0: none).
    let insertedAfter: Int
    /// How many lines were inserted.
    let insertedCount: Int
  }

  /// The staged catalog folder, `….docc`.
  let folder: URL
  /// The origin of each staged file, by its path.
  let origins: [String: Origin]

  /// Assembles the catalog of `stage` in `folder` (replacing whatever is there) from
  /// `committed` (project path of the stage's catalog, when it exists under `root`), the
  /// `articles` (a page and its rewritten text) and the `topics` lines to insert.
  static func make(
    stage: String, root: URL, committed: String?, articles: [(GuidePage, String)],
    topics: [String], in folder: URL
  ) throws -> StagedCatalog {
    let manager = FileManager.default
    try? manager.removeItem(at: folder)
    try manager.createDirectory(at: folder, withIntermediateDirectories: true)
    var origins: [String: Origin] = [:]
    var landing: (URL, String)?
    if let committed {
      let source = root.appendingPathComponent(committed)
      // Hidden files stay behind: `.docc-build`, where `docc preview` writes by default.
      for file in try ProjectFiles.walk(source, skipping: nil)
      where !file.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
        let target = folder.appendingPathComponent(file)
        try manager.createDirectory(
          at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try manager.copyItem(at: source.appendingPathComponent(file), to: target)
        origins[target.path] = Origin(
          path: committed + "/" + file, insertedAfter: 0, insertedCount: 0)
        if landing == nil, file.hasSuffix(".md"),
          let text = try? String(contentsOf: target, encoding: .utf8),
          isLandingPage(text, of: stage)
        {
          landing = (target, committed + "/" + file)
        }
      }
    }
    for (page, text) in articles {
      let target = folder.appendingPathComponent(page.article + ".md")
      guard !manager.fileExists(atPath: target.path) else {
        throw CourseworkError.docs(
          "\(origins[target.path]?.path ?? target.path) has the name of the generated article "
            + "\(page.article), made from \(page.source); rename it")
      }
      try Data(text.utf8).write(to: target)
      origins[target.path] = Origin(path: page.source, insertedAfter: 0, insertedCount: 0)
    }
    let (file, path) = landing ?? (folder.appendingPathComponent("\(stage).md"), "")
    let original = landing.flatMap { try? String(contentsOf: $0.0, encoding: .utf8) }
    let (text, after) = insertingTopics(topics, into: original ?? "# ``\(stage)``\n", of: stage)
    try Data(text.utf8).write(to: file)
    origins[file.path] = Origin(
      path: path.isEmpty ? file.path : path, insertedAfter: after, insertedCount: topics.count)
    return StagedCatalog(folder: folder, origins: origins)
  }

  /// Whether `text` is the landing page of `stage`'s documentation (its title is the module).
  static func isLandingPage(_ text: String, of stage: String) -> Bool {
    text.split(separator: "\n", omittingEmptySubsequences: true).first?
      .trimmingCharacters(in: .whitespaces) == "# ``\(stage)``"
  }

  /// `text` with `topics` inserted at the start of its `## Topics` section (made at the end when
  /// there is none), and the line after which they went.
  static func insertingTopics(_ topics: [String], into text: String, of stage: String) -> (
    String, Int
  ) {
    var lines = text.components(separatedBy: "\n")
    if let heading = lines.firstIndex(where: {
      $0.trimmingCharacters(in: .whitespaces) == "## Topics"
    }) {
      lines.insert(contentsOf: topics, at: heading + 1)
      return (lines.joined(separator: "\n"), heading + 1)
    }
    while lines.last?.isEmpty == true { lines.removeLast() }
    lines += ["", "## Topics"]
    let after = lines.count
    return ((lines + topics).joined(separator: "\n") + "\n", after)
  }

  /// The generated Topics groups: the pages of `assignments/` this stage carries, then one
  /// group per task (in the manifest's order, titled as the manifest titles it) with its
  /// functions. A method whose name other task functions of the stage share (the `forward` of
  /// each function type, the `unfoldChannel` of each geometry) is listed as the type it belongs
  /// to, once, since a list of `forward`s would not say which is which; the type's other
  /// members of the group are then found on its page. A group lists its entries in the order the
  /// guide's section of the task first names them (the rest after, in file order). Each group
  /// starts with an empty line.
  static func topics(
    pages: [GuidePage], tasks: [CourseTask], functions: [StageSymbols.TaskFunction]
  ) -> [String] {
    let guide = pages.first { $0.article == "Guide" }
    var lines: [String] = []
    if !pages.isEmpty {
      lines += ["", pages.count == 1 ? "### The guide" : "### The guides", ""]
      lines += pages.map { "- <doc:\($0.article)>" }
    }
    let baseName = { (function: StageSymbols.TaskFunction) in
      (function.symbol.pathComponents.last ?? "").prefix { $0 != "(" }
    }
    let names = Dictionary(grouping: functions, by: baseName)
    var ids = tasks.map(\.id)
    for function in functions where !ids.contains(function.taskID) {
      ids.append(function.taskID)
    }
    for id in ids {
      let members = functions.filter { $0.taskID == id }
      guard !members.isEmpty else { continue }
      let title = tasks.first { $0.id == id }.map { "Task \($0.id): \($0.title)" } ?? "Task \(id)"
      var listed: [String] = []
      var types: Set<String> = []
      for member in members {
        let name = baseName(member)
        let shared =
          (names[name]?.count ?? 0) > 1 && name.allSatisfy { $0.isLetter || $0.isNumber }
        let link = shared ? member.parentLink ?? member.link : member.link
        if link != member.link { types.insert(link) }
        if !listed.contains(link) { listed.append(link) }
      }
      // A member whose type is listed in its stead is found on the type's page.
      listed.removeAll { link in
        members.contains { $0.link == link && $0.parentLink.map(types.contains) == true }
      }
      let section = guide?.section(ofTask: id) ?? ""
      let order = listed.map { firstMention(of: $0, in: section) }
      listed = zip(listed, order).enumerated().sorted { left, right in
        (left.element.1, left.offset) < (right.element.1, right.offset)
      }.map(\.element.0)
      lines += ["", "### \(title)", ""]
      lines += listed.map { "- ``\($0)``" }
    }
    return lines
  }

  /// Where `text` first names the symbol of `link` (its name before the parameter list, as a
  /// whole word), or `Int.max` when it does not.
  static func firstMention(of link: String, in text: String) -> Int {
    let last = link.split(separator: "/").last.map(String.init) ?? link
    let name = String(last.prefix { $0 != "(" && $0 != "-" })
    guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
      let range = text.range(
        of: "\\b\(name)\\b", options: .regularExpression)
    else { return Int.max }
    return text.distance(from: text.startIndex, to: range.lowerBound)
  }

  /// Where a diagnostic at `line` of the staged file `path` belongs: the project path and line,
  /// or the staged file itself (with a note) for a line of the generated topics.
  func place(of path: String, line: Int?) -> (path: String, line: Int?, generated: Bool) {
    guard let origin = origins[path] else { return (path, line, false) }
    guard let line else { return (origin.path, nil, false) }
    if line <= origin.insertedAfter { return (origin.path, line, false) }
    if line > origin.insertedAfter + origin.insertedCount {
      return (origin.path, line - origin.insertedCount, false)
    }
    return (path, line, true)
  }
}
