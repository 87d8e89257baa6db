import Coursework
import Foundation

/// `minitorch docs`: builds the documentation site, a DocC reference per stage with the guides.
enum DocsCommand {
  /// `--output DIR`.
  static let output: Option<URL> = .requiredOutputFolder(
    "output", "DIR",
    "where to write the site: a new or empty folder, or an earlier site (which is replaced)")
  /// `--base-path PATH`.
  static let basePath: Option<String> = .custom(
    "base-path", "PATH", allowed: nil, defaultText: "/", absent: "/",
    "the path the site is served under on its host: / when DIR is the server's root (a course "
      + "web server's folder, python3 -m http.server), /REPO for GitHub Pages' "
      + "https://USER.github.io/REPO/"
  ) { text throws(UsageError) in
    guard text.hasPrefix("/"),
      text.allSatisfy({ $0.isLetter || $0.isNumber || "/-_.~".contains($0) })
    else {
      throw UsageError(
        "--base-path must start with / and hold only letters, digits and / - _ . ~, not '\(text)'")
    }
    return text
  }
  /// `--source DIR`.
  static let source: Option<URL?> = .path(
    "source", "DIR", defaultText: "the current folder",
    "the project to document: the course's checkout or a starter")

  /// The command's options.
  static let table = OptionTable(
    "docs", [output.declaration, basePath.declaration, source.declaration])

  /// The command as `minitorch help` lists it.
  static let command = Command(
    "docs",
    summary: "build the documentation site: a DocC reference per stage, with the guides",
    table: table,
    about: """
      Builds a static site from the project with the toolchain's own docc: for every stage
      Module0 … Module4, a reference made from its doc comments and its catalog
      (ModuleN/ModuleN.docc), with the task functions grouped by task and linked to the
      guide's section, and the guides of assignments/ (copied in at build time, their links
      rewritten). DIR/index.html links all of it. Runs 'swift package dump-symbol-graph'
      (which builds the package first) and 'docc convert' once per stage; needs no network.
      DocC's warnings are printed like a compiler's. The pages load their content with
      JavaScript, so serve DIR rather than opening its files: python3 -m http.server
      --directory DIR, then open http://localhost:8000/.
      """,
    run: run)

  /// Builds the site and prints what it made.
  static func run(_ options: ParsedOptions) throws -> Int32 {
    let folder = options[output]
    try DocsSite.checkReplaceable(folder)
    let site = DocsSite(
      source: options[source] ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
      output: folder, basePath: options[basePath], docc: try DocC.find(),
      progress: report, diagnostic: { printError($0) })
    let summary = try site.build()
    let total = summary.symbolGraphSeconds + summary.stages.map(\.seconds).reduce(0, +)
    print(
      "Wrote the documentation site to \(site.output.path): "
        + "\(counted(summary.stages.map(\.pages).reduce(0, +), "page")) in "
        + "\(counted(summary.stages.count, "stage")), \(megabytes(summary.bytes)) "
        + "(\(format(total, digits: 1)) s).")
    print(
      summary.warnings + summary.errors == 0
        ? "DocC reported no warnings."
        : "DocC reported \(counted(summary.warnings, "warning")) and "
          + "\(counted(summary.errors, "error")) (above).")
    let first = summary.stages.first?.name ?? "Module0"
    let graphs = summary.work.appendingPathComponent("symbol-graphs").path
    let preview = summary.work.appendingPathComponent("preview").path
    let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
    let catalog =
      site.source == here
      ? "\(first)/\(first).docc" : site.source.appendingPathComponent("\(first)/\(first).docc").path
    if site.basePath == "/" {
      print(
        "View it: python3 -m http.server --directory \(site.output.path), then open "
          + "http://localhost:8000/ (any web server will do; the pages need one).")
    } else {
      print(
        "Serve it so that index.html is at \(site.basePath) on the host: the pages expect "
          + "that path (--base-path).")
    }
    print(
      """
      Preview a stage's catalog while you edit it (docc rebuilds on every save; the guides and
      task groups are added only when the site is built):
        docc preview \(catalog) --additional-symbol-graph-dir \(graphs)/\(first) \\
          --output-dir \(preview)
      """)
    return summary.errors == 0 ? 0 : 1
  }

  /// Prints a step of the build.
  static func report(_ step: DocsSite.Progress) {
    switch step {
    case .dumpingSymbolGraphs:
      print("Symbol graphs: swift package dump-symbol-graph (builds the package first) …")
    case .dumpedSymbolGraphs(let seconds):
      print("Symbol graphs written (\(format(seconds, digits: 1)) s).")
    case .convertedStage(let stage):
      print(
        "\(stage.name): \(counted(stage.pages, "page")) (docc convert, "
          + "\(format(stage.seconds, digits: 1)) s).")
    }
  }

  /// `12.3 MB`.
  static func megabytes(_ bytes: Int) -> String {
    format(Double(bytes) / 1_000_000, digits: 1) + " MB"
  }
}
