import Foundation
import Testing

@testable import Coursework

/// The pieces of `minitorch docs`: reading guides, rewriting their links, the symbols and the
/// generated topics of a stage, and one small site built with the real `docc` when the
/// toolchain has it.
@Suite("Documentation site")
struct DocsSiteTests {
  // MARK: Headings and anchors

  @Test func headingsNameTheirAnchorsForGitHubAndForDocC() {
    let text = """
      # Module 4: Networks that see

      ```
      # not a heading, in code
      ```

      ## Task 4.1: 1-D convolution
      ## Threads without surprises: `Parallel` (given)
      """
    let headings = Markdown.headings(in: text)
    #expect(headings.map(\.line) == [1, 7, 8])
    #expect(headings.map(\.level) == [1, 2, 2])
    #expect(headings[1].gitHubAnchor == "task-41-1-d-convolution")
    #expect(headings[1].doccFragment == "Task-41-1-D-convolution")
    #expect(headings[2].gitHubAnchor == "threads-without-surprises-parallel-given")
    #expect(headings[2].doccFragment == "Threads-without-surprises-Parallel-given")
  }

  @Test func linksInCodeAreNotLinks() {
    let text = """
      See [the guide](module1.md) and `[not](a.md)`.
      ```
      [also not](b.md)
      ```
      """
    #expect(Markdown.links(in: text).map(\.destination) == ["module1.md"])
  }

  // MARK: Links between pages

  static let pages = [
    GuidePage(
      source: "assignments/module0.md", stage: "Module0", article: "Guide",
      text: "# Module 0\n\nNext: [module1.md](module1.md#task-11-central-difference).\n"
        + "[Lectures](lectures.md) and [home](https://example.org) and [ops](../Module0/Ops.swift)."
    ),
    GuidePage(
      source: "assignments/module1.md", stage: "Module1", article: "Guide",
      text: "# Module 1\n\n## Task 1.1: Central difference\n\nBack to [0](module0.md).\n"),
    GuidePage(
      source: "assignments/lectures.md", stage: "Module0", article: "Lectures",
      text: "# Lectures\n"),
  ]

  static func links(basePath: String = "/") -> SiteLinks {
    SiteLinks(
      pages: pages, stages: ["Module0", "Module1"], basePath: basePath,
      symbolPage: { path in
        path == "Module0/Ops.swift" ? .init(stage: "Module0", link: "Operators") : nil
      })
  }

  @Test func linksBetweenPagesLeadToTheirPlaceInTheSite() throws {
    let (text, checks) = try Self.links(basePath: "/course/").rewrite(Self.pages[0])
    #expect(
      text == "# Module 0\n\nNext: [module1.md](/course/Module1/documentation/module1/guide"
        + "#Task-11-Central-difference).\n[Lectures](doc:Lectures) and "
        + "[home](https://example.org) and [ops](doc:Operators).")
    #expect(
      checks == [
        SiteLinks.Check(
          place: "assignments/module0.md:3", stage: "Module1",
          page: "documentation/module1/guide", fragment: "Task-11-Central-difference")
      ])
  }

  @Test func aLinkToWhatTheSiteLacksStopsTheBuildAtItsLine() {
    let page = GuidePage(
      source: "assignments/module1.md", stage: "Module1", article: "Guide",
      text: "# M\n\nSee [the list](tasks.json).\n")
    #expect(throws: CourseworkError.self) { try Self.links().rewrite(page) }
    do {
      _ = try Self.links().rewrite(page)
    } catch let error as CourseworkError {
      #expect(error.file == "assignments/module1.md")
      #expect(error.line == 3)
      #expect(error.message.contains("tasks.json"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func anAnchorThatNamesNoHeadingStopsTheBuild() {
    let page = GuidePage(
      source: "assignments/module0.md", stage: "Module0", article: "Guide",
      text: "[x](module1.md#task-9)")
    #expect(throws: CourseworkError.self) { try Self.links().rewrite(page) }
  }

  @Test func pathsResolveDotsAndTheBasePathIsNormalised() {
    #expect(SiteLinks.normalized("assignments/../Module1/./Scalar.swift") == "Module1/Scalar.swift")
    #expect(DocsSite.normalizedBasePath("") == "/")
    #expect(DocsSite.normalizedBasePath("/") == "/")
    #expect(DocsSite.normalizedBasePath("minitorch") == "/minitorch/")
    #expect(DocsSite.normalizedBasePath("/a/b/") == "/a/b/")
  }

  @Test func aTaskSectionRunsToTheNextHeadingOfItsLevel() {
    let page = GuidePage(
      source: "assignments/module1.md", stage: "Module1", article: "Guide",
      text: "# M\n## Task 1.1: A\ntext\n### Detail\nmore\n## Task 1.2: B\nother\n")
    #expect(page.section(ofTask: "1.1") == "## Task 1.1: A\ntext\n### Detail\nmore")
    #expect(page.heading(ofTask: "1.2")?.text == "Task 1.2: B")
    #expect(page.heading(ofTask: "1.3") == nil)
  }

  // MARK: Symbols

  /// A symbol as the compiler writes it in a symbol graph.
  static func symbol(
    _ path: [String], kind: String = "swift.func", access: String = "public",
    doc: String? = nil, line: Int = 0, id: String? = nil
  ) -> [String: Any] {
    var symbol: [String: Any] = [
      "kind": ["identifier": kind, "displayName": "Function"],
      "identifier": [
        "precise": id ?? "s:" + path.joined(separator: "."), "interfaceLanguage": "swift",
      ],
      "pathComponents": path, "names": ["title": path.last ?? ""], "accessLevel": access,
      "declarationFragments": [["kind": "identifier", "spelling": path.last ?? ""]],
      "location": [
        "uri": "file:///p/Module0/Ops.swift", "position": ["line": line, "character": 0],
      ],
    ]
    if let doc {
      symbol["docComment"] = ["lines": doc.split(separator: "\n").map { ["text": String($0)] }]
    }
    return symbol
  }

  /// A symbol graph of `module` holding `symbols`, with each member's `memberOf` relationship.
  static func graph(_ module: String, _ symbols: [[String: Any]], members: [(String, String)] = [])
    -> [String: Any]
  {
    [
      "metadata": ["formatVersion": ["major": 0, "minor": 6, "patch": 0], "generator": "test"],
      "module": ["name": module, "platform": [String: Any]()],
      "symbols": symbols,
      "relationships": members.map { ["kind": "memberOf", "source": $0.0, "target": $0.1] },
    ]
  }

  static func write(_ graph: [String: Any], to file: URL) throws {
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try JSONSerialization.data(withJSONObject: graph).write(to: file)
  }

  @Test func aStageKeepsPublicSymbolsAndInternalTaskFunctions() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try Self.write(
      Self.graph(
        "Module0",
        [
          Self.symbol(["Ops"], kind: "swift.enum", doc: "Operators."),
          Self.symbol(["Ops", "add(_:_:)"], doc: "Task 0.1: adds.", line: 4),
          Self.symbol(["helper()"], access: "internal", doc: "Helps."),
          Self.symbol(["forward(_:)"], access: "internal", doc: "Task 0.3: runs.", line: 9),
          Self.symbol(["Hidden"], kind: "swift.struct", access: "internal"),
          Self.symbol(["Hidden", "step()"], access: "internal", doc: "Task 0.1: hidden."),
        ], members: [("s:Ops.add(_:_:)", "s:Ops"), ("s:Hidden.step()", "s:Hidden")]),
      to: folder.url.appendingPathComponent("Module0.symbols.json"))
    var symbols = try StageSymbols.load(stage: "Module0", from: folder.url)
    symbols.keepDocumented()
    #expect(
      Set(symbols.symbols.map { $0.pathComponents.joined(separator: "/") })
        == ["Ops", "Ops/add(_:_:)", "forward(_:)"])
    let tasks = symbols.taskFunctions
    #expect(tasks.map(\.taskID) == ["0.1", "0.3"])
    #expect(tasks.map(\.link) == ["Ops/add(_:_:)", "forward(_:)"])
    #expect(tasks.map(\.parentLink) == ["Ops", nil])
    #expect(tasks[0].symbol.line == 5)
  }

  @Test func overloadsAreLinkedWithDocCsHash() throws {
    // DocC's hashes of the two `+` of Module 1's Scalar, as its site names their pages.
    #expect(StageSymbols.disambiguation("s:7Module16ScalarC1poiyACSd_ACtFZ") == "5zt2a")
    #expect(
      StageSymbols.disambiguation("s:7Module16ScalarC1poiyA2C_xtAA0B7OperandRzlFZ") == "986r1")
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try Self.write(
      Self.graph(
        "Module1",
        [
          Self.symbol(["f(_:)"], doc: "Task 1.1: one.", id: "a"),
          Self.symbol(["f(_:)"], doc: "Given.", id: "b"),
        ]), to: folder.url.appendingPathComponent("Module1.symbols.json"))
    try Self.write(
      Self.graph("Module1", [Self.symbol(["Tensor", "g()"], doc: "Task 1.2: g.", id: "c")]),
      to: folder.url.appendingPathComponent("Module1@Module0.symbols.json"))
    let symbols = try StageSymbols.load(stage: "Module1", from: folder.url)
    #expect(
      symbols.taskFunctions.map(\.link).sorted() == [
        "Module0/Tensor/g()", "f(_:)-\(StageSymbols.disambiguation("a"))",
      ])
  }

  // MARK: Topics

  static func function(_ task: String, _ path: [String], parent: String? = nil)
    -> StageSymbols.TaskFunction
  {
    let symbol = StageSymbols.Symbol(
      preciseIdentifier: path.joined(separator: "."), pathComponents: path, kind: "swift.method",
      accessLevel: "public", docLines: ["Task \(task): x."], file: nil, line: nil,
      extendedModule: nil)
    return .init(
      taskID: task, link: path.joined(separator: "/"), parentLink: parent, symbol: symbol)
  }

  @Test func topicsGroupFunctionsByTaskInTheGuidesOrder() {
    let guide = GuidePage(
      source: "assignments/module1.md", stage: "Module1", article: "Guide",
      text: "# M\n## Task 1.2: Forward\nWrite `Mul`, then `Add`, then `lt`.\n## Task 1.4: Back\n")
    let tasks = [
      CourseTask(id: "1.2", module: 1, title: "Forward", points: 1, suite: "T", kind: .code),
      CourseTask(id: "1.3", module: 1, title: "Empty", points: 1, suite: "T", kind: .code),
      CourseTask(id: "1.4", module: 1, title: "Back", points: 1, suite: "T", kind: .code),
    ]
    let functions = [
      Self.function("1.2", ["Scalar", "lt(_:)"], parent: "Scalar"),
      Self.function("1.2", ["Add", "forward(_:_:)"], parent: "Add"),
      Self.function("1.2", ["Mul", "forward(_:_:)"], parent: "Mul"),
      Self.function("1.4", ["Add", "backward(_:_:)"], parent: "Add"),
      Self.function("1.4", ["Mul", "backward(_:_:)"], parent: "Mul"),
      Self.function("9.9", ["stray()"]),
    ]
    let lines = StagedCatalog.topics(pages: [guide], tasks: tasks, functions: functions)
    #expect(
      lines == [
        "", "### The guide", "", "- <doc:Guide>",
        "", "### Task 1.2: Forward", "", "- ``Mul``", "- ``Add``", "- ``Scalar/lt(_:)``",
        "", "### Task 1.4: Back", "", "- ``Add``", "- ``Mul``",
        "", "### Task 9.9", "", "- ``stray()``",
      ])
  }

  @Test func generatedTopicsGoFirstAndDiagnosticsFindTheirLines() {
    let landing = "# ``Module1``\n\nAbstract.\n\n## Topics\n\n### Given\n\n- ``Thing``\n"
    let (text, after) = StagedCatalog.insertingTopics(
      ["", "### Task", "", "- ``f()``"], into: landing, of: "Module1")
    #expect(after == 5)
    #expect(text.components(separatedBy: "\n")[5...9] == ["", "### Task", "", "- ``f()``", ""])
    let catalog = StagedCatalog(
      folder: URL(fileURLWithPath: "/w/Module1.docc"),
      origins: [
        "/w/Module1.docc/Module1.md": .init(
          path: "Module1/Module1.docc/Module1.md", insertedAfter: 5, insertedCount: 4)
      ])
    #expect(
      catalog.place(of: "/w/Module1.docc/Module1.md", line: 3) == (
        "Module1/Module1.docc/Module1.md", 3, false
      ))
    #expect(
      catalog.place(of: "/w/Module1.docc/Module1.md", line: 7) == (
        "/w/Module1.docc/Module1.md", 7, true
      ))
    #expect(
      catalog.place(of: "/w/Module1.docc/Module1.md", line: 13) == (
        "Module1/Module1.docc/Module1.md", 9, false
      ))
    let (bare, end) = StagedCatalog.insertingTopics(["", "- x"], into: "# ``M``\n", of: "M")
    #expect(bare == "# ``M``\n\n## Topics\n\n- x\n")
    #expect(end == 3)
  }

  @Test func theEntryPageLinksEveryStageAndPage() {
    #expect(
      EntryPage.summary(ofLandingPage: "# ``Module1``\n\nScalars that\nremember.\n\n## Overview\n")
        == "Scalars that remember.")
    let html = EntryPage.html(
      course: "Course <1>",
      stages: [.init(name: "Module0", title: "Module 0: Basics", summary: "Uses `Ops`.")],
      pages: [Self.pages[0], Self.pages[2]])
    #expect(html.contains(EntryPage.generatorMark))
    #expect(html.contains("<title>Course &lt;1&gt;: documentation</title>"))
    #expect(html.contains(#"<a href="Module0/documentation/module0/guide/">Guide</a>"#))
    #expect(html.contains(#"<a href="Module0/documentation/module0/">Reference</a>"#))
    #expect(html.contains(#"<a href="Module0/documentation/module0/lectures/">Lectures</a>"#))
    #expect(html.contains("Uses <code>Ops</code>."))
  }

  @Test func theSiteNeverGoesIntoTheSourcesOrTheWorkFolder() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("Module0/Ops.swift", "")
    let tools = DocC(
      executable: URL(fileURLWithPath: "/bin/false"), swift: URL(fileURLWithPath: "/bin/false"))
    for place in ["Module0/site", "Tests/site", ".build/docs/site"] {
      let site = DocsSite(
        source: folder.url, output: folder.url.appendingPathComponent(place), docc: tools)
      #expect(throws: CourseworkError.self, "\(place)") { try site.build() }
    }
  }

  // MARK: A whole site

  /// A project of two stages with catalogs, guides and symbol graphs, built with the real docc
  /// (skipped when the toolchain has none): an entry page, pages for every stage, the guides
  /// inside, and no warnings. Also: a folder of other files is never replaced.
  @Test(.enabled(if: (try? DocC.find()) != nil, "the toolchain has no docc"))
  func aSmallProjectBecomesASiteWithEveryStage() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let project = folder.url.appendingPathComponent("project")
    func write(_ path: String, _ text: String) throws {
      try folder.write("project/" + path, text)
    }
    try write("Package.swift", "// a package")
    try write("Module0/Ops.swift", "")
    try write("Module1/More.swift", "")
    try write("assignments/tasks.json", sampleManifest)
    try write(
      "assignments/module0.md", "# Module 0: Basics\n\n## Task 0.1: Ops\n\nSee [1](module1.md).\n")
    try write(
      "assignments/module1.md",
      "# Module 1: More\n\n## Task 1.1: More\n\nBack to [0](module0.md#task-01-ops).\n")
    try write(
      "Module0/Module0.docc/Module0.md",
      "# ``Module0``\n\nThe basics.\n\n## Topics\n\n### Given\n\n- ``Thing``\n")
    let graphs = folder.url.appendingPathComponent("graphs")
    try Self.write(
      Self.graph(
        "Module0",
        [
          Self.symbol(["add(_:_:)"], doc: "Task 0.1: adds."),
          Self.symbol(["Thing"], kind: "swift.struct", doc: "A given thing."),
        ]), to: graphs.appendingPathComponent("Module0.symbols.json"))
    try Self.write(
      Self.graph("Module1", [Self.symbol(["more()"], doc: "Task 1.1: more.")]),
      to: graphs.appendingPathComponent("Module1.symbols.json"))
    let output = folder.url.appendingPathComponent("site")
    var diagnostics: [String] = []
    let site = DocsSite(
      source: project, output: output, docc: try DocC.find(), diagnostic: { diagnostics.append($0) }
    )
    let summary = try site.build(symbolGraphs: graphs)
    #expect(diagnostics == [])
    #expect(summary.stages.map(\.name) == ["Module0", "Module1"])
    let manager = FileManager.default
    #expect(try folder.read("site/index.html").contains("Module 1: More"))
    for page in [
      "Module0/index.html", "Module0/data/documentation/module0.json",
      "Module0/data/documentation/module0/add(_:_:).json",
      "Module0/data/documentation/module0/guide.json", "Module1/data/documentation/module1.json",
      "Module1/data/documentation/module1/guide.json",
    ] {
      #expect(manager.fileExists(atPath: output.appendingPathComponent(page).path), "\(page)")
    }
    let landing = try folder.read("site/Module0/data/documentation/module0.json")
    #expect(landing.contains("Task 0.1: Ops"))
    let function = try folder.read("site/Module0/data/documentation/module0/add(_:_:).json")
    #expect(function.contains("Guide#Task-01-Ops"))
    // Nothing generated lands in the project's own folders.
    #expect(
      !manager.fileExists(
        atPath: project.appendingPathComponent("Module0/Module0.docc/Guide.md").path))
    // An earlier site is replaced; a folder of other files is not.
    _ = try site.build(symbolGraphs: graphs)
    try folder.write("other/notes.txt", "mine")
    var elsewhere = site
    elsewhere.output = folder.url.appendingPathComponent("other")
    #expect(throws: CourseworkError.self) { try elsewhere.build(symbolGraphs: graphs) }
    #expect(try folder.read("other/notes.txt") == "mine")
  }
}
