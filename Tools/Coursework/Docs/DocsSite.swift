import Foundation

/// Builds the course's documentation site, what `minitorch docs` does: one DocC reference per
/// stage with the guides of `assignments/` inside it, and an entry page linking them, as static
/// files for any static host.
///
/// 1. `swift package dump-symbol-graph` (after the package's debug build) writes the symbol
///    graphs; each stage keeps its public symbols and its internal task functions, and every
///    task function's doc comment gains a link to its task's section of the guide.
/// 2. Each stage's catalog is staged in the work folder (`.build/docs/staged`): the committed
///    catalog, the guide pages with their links rewritten, and generated topic groups (see
///    `StagedCatalog`). Nothing generated is ever written into the project's own folders. The
///    stage's symbol graphs without the guide links stay in `.build/docs/symbol-graphs`, for
///    `docc preview` of a committed catalog while it is edited.
/// 3. `docc convert` turns each into a site for static hosting under `<base>/<stage>/`; its
///    diagnostics are reported at the project's own files and lines.
/// 4. Links between stages are checked in the built site, the entry page is written, and the
///    site replaces the output folder in one step (built beside it, then renamed).
public struct DocsSite {
  /// The project to document: a checkout or a starter.
  public var source: URL
  /// The folder the site goes to: new, empty, or an earlier site (which is replaced).
  public var output: URL
  /// The path the site is served under on its host: `/`, or `/minitorch/` for a GitHub Pages
  /// site at `https://USER.github.io/minitorch/`.
  public var basePath: String
  /// The documentation compiler and `swift`.
  public var docc: DocC
  /// Called as each step starts or ends.
  public var progress: (Progress) -> Void
  /// Called with each diagnostic DocC reports, as `path:line:column: warning: …`.
  public var diagnostic: (String) -> Void

  /// A site build of `source` into `output` served under `basePath`.
  public init(
    source: URL, output: URL, basePath: String = "/", docc: DocC,
    progress: @escaping (Progress) -> Void = { _ in },
    diagnostic: @escaping (String) -> Void = { _ in }
  ) {
    self.source = source.standardizedFileURL
    self.output = output.standardizedFileURL
    self.basePath = Self.normalizedBasePath(basePath)
    self.docc = docc
    self.progress = progress
    self.diagnostic = diagnostic
  }

  /// A step of the build, for a progress display.
  public enum Progress: Sendable, Equatable {
    /// `swift package dump-symbol-graph` starts (it builds the package first).
    case dumpingSymbolGraphs
    /// The symbol graphs are written, after this many seconds.
    case dumpedSymbolGraphs(seconds: Double)
    /// DocC made a stage's documentation.
    case convertedStage(Summary.Stage)
  }

  /// What a build made.
  public struct Summary: Sendable, Equatable {
    /// One stage's documentation.
    public struct Stage: Sendable, Equatable {
      /// `Module1`.
      public var name: String
      /// How many pages DocC made for it.
      public var pages: Int
      /// How long `docc convert` took, in seconds.
      public var seconds: Double
    }

    /// The stages, in order.
    public var stages: [Stage] = []
    /// How many warnings DocC reported.
    public var warnings = 0
    /// How many errors DocC reported.
    public var errors = 0
    /// The size of the site in bytes.
    public var bytes = 0
    /// How long the symbol graphs took, in seconds (0 when they were given).
    public var symbolGraphSeconds = 0.0
    /// The work folder: the staged catalogs and the symbol graphs, kept for `docc preview`.
    public var work: URL
  }

  /// The work folder inside the project's build folder.
  public var work: URL { source.appendingPathComponent(".build/docs") }

  /// Throws a `CourseworkError` when `folder` exists and is neither empty nor a site this
  /// command made: the command never replaces a folder of other files.
  public static func checkReplaceable(_ folder: URL) throws {
    let manager = FileManager.default
    guard let names = try? manager.contentsOfDirectory(atPath: folder.path), !names.isEmpty
    else { return }
    let index = folder.appendingPathComponent("index.html")
    let text = (try? String(contentsOf: index, encoding: .utf8)) ?? ""
    guard text.contains(EntryPage.generatorMark) else {
      throw CourseworkError.docs(
        "\(folder.path) holds files that are not a site made by minitorch docs; give a new or "
          + "empty folder (an earlier site there is replaced)")
    }
  }

  /// Builds the site; with `symbolGraphs`, uses the graphs in that folder instead of dumping
  /// them. Throws a `CourseworkError` when the project, the toolchain or a guide's link stops
  /// the build; DocC's warnings do not stop it (they are reported and counted).
  public func build(symbolGraphs: URL? = nil) throws -> Summary {
    try Self.checkReplaceable(output)
    try checkPlace()
    let stages = Self.stageFolders(in: source)
    guard !stages.isEmpty else {
      throw CourseworkError.docs(
        "\(source.path) has no Module0 folder; run this in the project's folder or pass --source")
    }
    let manifest = try TaskManifest.load(projectRoot: source)
    let manager = FileManager.default
    try? manager.removeItem(at: work)
    try manager.createDirectory(at: work, withIntermediateDirectories: true)
    var summary = Summary(work: work)

    var graphs = symbolGraphs
    if graphs == nil {
      progress(.dumpingSymbolGraphs)
      let start = Date()
      graphs = try docc.dumpSymbolGraphs(of: source, log: work.appendingPathComponent("dump.log"))
      summary.symbolGraphSeconds = Date().timeIntervalSince(start)
      progress(.dumpedSymbolGraphs(seconds: summary.symbolGraphSeconds))
    }
    var symbols: [String: StageSymbols] = [:]
    for stage in stages {
      var stageSymbols = try StageSymbols.load(stage: stage, from: graphs!)
      stageSymbols.keepDocumented()
      symbols[stage] = stageSymbols
    }

    let pages = GuidePage.pages(in: source, stages: stages)
    let allSymbols = symbols
    let root = source
    let links = SiteLinks(
      pages: pages, stages: stages, basePath: basePath,
      symbolPage: { path in Self.symbolPage(of: path, root: root, symbols: allSymbols) })
    let site = output.deletingLastPathComponent().appendingPathComponent(
      ".\(output.lastPathComponent).partial-\(getpid())")
    try? manager.removeItem(at: site)
    try manager.createDirectory(at: site, withIntermediateDirectories: true)
    defer { try? manager.removeItem(at: site) }

    var checks: [SiteLinks.Check] = []
    for stage in stages {
      var stageSymbols = symbols[stage]!
      // As the code has them, for previewing the committed catalog while editing it.
      try stageSymbols.write(to: work.appendingPathComponent("symbol-graphs/\(stage)"))
      let stagePages = pages.filter { $0.stage == stage }
      linkTaskFunctions(&stageSymbols, to: stagePages.first { $0.article == "Guide" })
      let graphFolder = work.appendingPathComponent("staged/\(stage)-symbol-graphs")
      try stageSymbols.write(to: graphFolder)
      var articles: [(GuidePage, String)] = []
      for page in stagePages {
        let (text, pageChecks) = try links.rewrite(page)
        articles.append((page, text))
        checks += pageChecks
      }
      let catalog = try StagedCatalog.make(
        stage: stage, root: source, committed: Self.catalog(of: stage, root: source),
        articles: articles,
        topics: StagedCatalog.topics(
          pages: stagePages, tasks: manifest.tasks(inModule: Self.number(of: stage)),
          functions: stageSymbols.taskFunctions),
        in: work.appendingPathComponent("staged/\(stage).docc"))
      let start = Date()
      let diagnostics = try docc.convert(
        catalog.folder, symbolGraphs: graphFolder, output: site.appendingPathComponent(stage),
        hostingBasePath: basePath + stage, name: stage,
        log: work.appendingPathComponent("\(stage).log"))
      let seconds = Date().timeIntervalSince(start)
      for item in diagnostics where ["warning", "error"].contains(item.severity) {
        diagnostic(describe(item, in: catalog))
        if item.severity == "error" { summary.errors += 1 } else { summary.warnings += 1 }
      }
      let pageCount = Self.files(in: site.appendingPathComponent("\(stage)/data"), ending: ".json")
      let made = Summary.Stage(name: stage, pages: pageCount, seconds: seconds)
      summary.stages.append(made)
      progress(.convertedStage(made))
    }
    try verify(checks, in: site)
    let entries = stages.map { stage in
      EntryPage.Stage(
        name: stage,
        title: pages.first { $0.stage == stage && $0.article == "Guide" }?.title ?? stage,
        summary: Self.landingSummary(of: stage, root: source))
    }
    try Data(
      EntryPage.html(course: manifest.course, stages: entries, pages: pages).utf8
    ).write(to: site.appendingPathComponent("index.html"))
    summary.bytes = Self.size(of: site)
    try replaceOutput(with: site)
    return summary
  }

  // MARK: Steps

  /// Refuses an output folder inside the work folder (which each build empties) or inside a
  /// stage or test folder (whose files SwiftPM would try to build).
  private func checkPlace() throws {
    let path = output.resolvingSymlinksInPath().path + "/"
    let root = source.resolvingSymlinksInPath().path
    let forbidden =
      [work.resolvingSymlinksInPath().path, root + "/Tests"]
      + Self.stageFolders(in: source).map { root + "/" + $0 }
    if let folder = forbidden.first(where: { path.hasPrefix($0 + "/") }) {
      throw CourseworkError.docs(
        "the site cannot go inside \(folder): choose a folder outside the build's work folder "
          + "and the package's sources, such as out/docs")
    }
  }

  /// Adds to each task function's doc comment a link to its task's section of `guide`.
  private func linkTaskFunctions(_ symbols: inout StageSymbols, to guide: GuidePage?) {
    guard let guide else { return }
    for function in symbols.taskFunctions {
      guard let heading = guide.heading(ofTask: function.taskID) else { continue }
      symbols.appendParagraph(
        ["The guide's section on this task: <doc:\(guide.article)#\(heading.doccFragment)>."],
        toDocCommentOf: function.symbol.preciseIdentifier)
    }
  }

  /// Checks that every link between stages leads to a page (and heading) of the built site.
  private func verify(_ checks: [SiteLinks.Check], in site: URL) throws {
    var problems: [String] = []
    for check in checks {
      let file = site.appendingPathComponent("\(check.stage)/data/\(check.page).json")
      guard let data = FileManager.default.contents(atPath: file.path) else {
        problems.append("\(check.place): the link leads to \(check.page), which the site lacks")
        continue
      }
      if let fragment = check.fragment,
        !String(decoding: data, as: UTF8.self).contains(#""anchor":"\#(fragment)""#)
      {
        problems.append(
          "\(check.place): the link leads to #\(fragment), which \(check.page) lacks")
      }
    }
    guard problems.isEmpty else {
      throw CourseworkError.docs(
        "links between stages that lead nowhere:\n  " + problems.joined(separator: "\n  "))
    }
  }

  /// Moves the built `site` to the output folder, replacing an earlier site in one step.
  private func replaceOutput(with site: URL) throws {
    let manager = FileManager.default
    let old = output.deletingLastPathComponent().appendingPathComponent(
      ".\(output.lastPathComponent).old-\(getpid())")
    if manager.fileExists(atPath: output.path) {
      try Self.checkReplaceable(output)
      try manager.moveItem(at: output, to: old)
    }
    do {
      try manager.moveItem(at: site, to: output)
    } catch {
      if manager.fileExists(atPath: old.path) { try? manager.moveItem(at: old, to: output) }
      throw CourseworkError.docs(
        "cannot move the built site to \(output.path): \(error.localizedDescription)")
    }
    try? manager.removeItem(at: old)
  }

  /// `path:line:column: warning: summary` at the project's own file for a staged one.
  private func describe(_ item: DocC.Diagnostic, in catalog: StagedCatalog) -> String {
    var text = "\(item.severity): \(item.summary)"
    if let suggestion = item.solutions?.first?.summary {
      text += " (\(suggestion))"
    }
    text = text.split(whereSeparator: \.isNewline).joined(separator: " ")
    guard let source = item.source, let file = URL(string: source)?.path else { return text }
    let place = catalog.place(of: file, line: item.range?.start.line)
    var path = place.path
    if path.hasPrefix(self.source.path + "/") {
      path.removeFirst(self.source.path.count + 1)
    }
    let position = place.line.map { ":\($0):\(item.range?.start.column ?? 1)" } ?? ""
    let note = place.generated ? " (in the generated topics)" : ""
    return "\(path)\(position): \(text)\(note)"
  }

  // MARK: Reading the project

  /// `Module0`, `Module1`, … as long as the folders exist.
  static func stageFolders(in root: URL) -> [String] {
    var stages: [String] = []
    var isFolder: ObjCBool = false
    while FileManager.default.fileExists(
      atPath: root.appendingPathComponent("Module\(stages.count)").path, isDirectory: &isFolder),
      isFolder.boolValue
    {
      stages.append("Module\(stages.count)")
    }
    return stages
  }

  /// 3 for `Module3`.
  static func number(of stage: String) -> Int {
    Int(stage.dropFirst("Module".count)) ?? -1
  }

  /// The project path of `stage`'s catalog: `Module1/Module1.docc`, else the first `.docc`
  /// folder directly inside the stage folder; `nil` when it has none.
  static func catalog(of stage: String, root: URL) -> String? {
    let folder = root.appendingPathComponent(stage)
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { $0.hasSuffix(".docc") }.sorted()
    return (names.first { $0 == "\(stage).docc" } ?? names.first).map { "\(stage)/\($0)" }
  }

  /// The first paragraph of the landing page of `stage`'s committed catalog, if any.
  static func landingSummary(of stage: String, root: URL) -> String? {
    guard let path = catalog(of: stage, root: root) else { return nil }
    let catalog = root.appendingPathComponent(path)
    for file in (try? ProjectFiles.walk(catalog, skipping: nil)) ?? [] where file.hasSuffix(".md") {
      if let text = try? String(contentsOf: catalog.appendingPathComponent(file), encoding: .utf8),
        StagedCatalog.isLandingPage(text, of: stage)
      {
        return EntryPage.summary(ofLandingPage: text)
      }
    }
    return nil
  }

  /// The page of the first symbol declared in the project file `path`, in the stage it is in.
  static func symbolPage(of path: String, root: URL, symbols: [String: StageSymbols])
    -> SiteLinks.SymbolPage?
  {
    guard let stage = path.split(separator: "/").first.map(String.init),
      let stageSymbols = symbols[stage],
      let symbol = stageSymbols.firstSymbol(inFile: root.appendingPathComponent(path).path),
      let link = stageSymbols.links[symbol.preciseIdentifier]
    else { return nil }
    return SiteLinks.SymbolPage(stage: stage, link: link)
  }

  /// `/`, or `/a/b/` for `a/b`, `/a/b` or `/a/b/`.
  static func normalizedBasePath(_ path: String) -> String {
    let parts = path.split(separator: "/")
    return parts.isEmpty ? "/" : "/" + parts.joined(separator: "/") + "/"
  }

  /// How many files under `folder` end with `suffix`.
  static func files(in folder: URL, ending suffix: String) -> Int {
    ((try? ProjectFiles.walk(folder, skipping: nil)) ?? []).filter { $0.hasSuffix(suffix) }.count
  }

  /// The bytes of every file under `folder`.
  static func size(of folder: URL) -> Int {
    ((try? ProjectFiles.walk(folder, skipping: nil)) ?? []).reduce(0) { total, file in
      let attributes = try? FileManager.default.attributesOfItem(
        atPath: folder.appendingPathComponent(file).path)
      return total + ((attributes?[.size] as? Int) ?? 0)
    }
  }
}
