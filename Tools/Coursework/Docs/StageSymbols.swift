import Foundation

/// The symbol graphs of one stage as `swift package dump-symbol-graph` writes them (the stage's
/// own, `Module4.symbols.json`, and one per module it extends, `Module4@Module2.symbols.json`),
/// read as JSON and prepared for DocC.
///
/// The graphs are dumped with internal symbols, and `keepDocumented()` keeps the public ones
/// plus the internal task functions (a doc comment that starts with `Task X.Y`, such as Task
/// 4.1's `convolutionForward`): the reference shows everything a student writes. Unknown fields
/// pass through untouched, so the files DocC reads are the compiler's, minus what is dropped.
struct StageSymbols {
  /// One symbol, read from a graph.
  struct Symbol: Equatable {
    /// The compiler's unique name (USR).
    let preciseIdentifier: String
    /// The names from the module down: `["Tensor", "softmax(dim:)"]`.
    let pathComponents: [String]
    /// `swift.func`, `swift.method`, `swift.extension`, …
    let kind: String
    /// `public`, `internal`, …
    let accessLevel: String
    /// The doc comment's lines.
    let docLines: [String]
    /// The file it is declared in (an absolute path), when the graph says.
    let file: String?
    /// Its line in `file`, counting from 1.
    let line: Int?
    /// The module whose type it extends (`Module2` in `Module4@Module2.symbols.json`).
    let extendedModule: String?

    /// The task its doc comment opens with (`"4.4"` for `Task 4.4: …`), or `nil`.
    var taskID: String? {
      guard let first = docLines.first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
      else { return nil }
      let pattern = try! NSRegularExpression(pattern: #"^\s*Task (\d+\.\d+)\b"#)
      let range = NSRange(first.startIndex..., in: first)
      guard let match = pattern.firstMatch(in: first, range: range),
        let id = Range(match.range(at: 1), in: first)
      else { return nil }
      return String(first[id])
    }

    /// Whether DocC shows it as a page of its own (an extension block is only a container).
    var isPage: Bool { kind != "swift.extension" }
  }

  /// A task function: the symbol and the link that names it in a topic group.
  struct TaskFunction: Equatable {
    /// The task (`"4.4"`).
    let taskID: String
    /// What DocC resolves in ``` ``…`` ```: `Module2/Tensor/softmax(dim:)`.
    let link: String
    /// The link to the type it is a member of, when that type has a page in this stage.
    let parentLink: String?
    /// The symbol.
    let symbol: Symbol
  }

  /// The stage, `Module4`.
  let stage: String
  /// The graphs by file name.
  private(set) var graphs: [String: [String: Any]]

  /// Reads the stage's graphs from `folder`. Throws a `CourseworkError` when the stage's own
  /// graph is missing or a file is not a symbol graph.
  static func load(stage: String, from folder: URL) throws -> StageSymbols {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    let own = "\(stage).symbols.json"
    guard names.contains(own) else {
      throw CourseworkError.docs(
        "there is no symbol graph for \(stage) in \(folder.path); did the package build?")
    }
    var graphs: [String: [String: Any]] = [:]
    for name in names where name == own || (name.hasPrefix("\(stage)@") && name.hasSuffix(".json"))
    {
      let url = folder.appendingPathComponent(name)
      guard let data = FileManager.default.contents(atPath: url.path),
        let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
        json["symbols"] is [[String: Any]]
      else {
        throw CourseworkError.docs("\(url.path) is not a symbol graph that can be read")
      }
      graphs[name] = json
    }
    return StageSymbols(stage: stage, graphs: graphs)
  }

  /// Every symbol of every graph, in file-name order.
  var symbols: [Symbol] {
    graphs.keys.sorted().flatMap { name in
      rawSymbols(name).map { Self.symbol($0, extending: Self.extendedModule(name)) }
    }
  }

  /// Keeps the public and open symbols and the internal task functions whose parent stays,
  /// and the relationships between symbols that stay (or to symbols of other modules).
  mutating func keepDocumented() {
    let all = symbols
    let everyID = Set(all.map(\.preciseIdentifier))
    var kept = Set(
      all.filter { ["public", "open"].contains($0.accessLevel) }.map(\.preciseIdentifier))
    var parents: [String: [String]] = [:]
    for name in graphs.keys {
      for relation in rawRelationships(name) where relation["kind"] as? String == "memberOf" {
        if let source = relation["source"] as? String, let target = relation["target"] as? String {
          parents[source, default: []].append(target)
        }
      }
    }
    for symbol in all where symbol.taskID != nil && symbol.accessLevel == "internal" {
      let inside = parents[symbol.preciseIdentifier] ?? []
      if inside.allSatisfy({ kept.contains($0) || !everyID.contains($0) }) {
        kept.insert(symbol.preciseIdentifier)
      }
    }
    for name in Array(graphs.keys) {
      let symbols = rawSymbols(name).filter { kept.contains(Self.identifier($0)) }
      let relationships = rawRelationships(name).filter { relation in
        [relation["source"], relation["target"]].allSatisfy { end in
          guard let id = end as? String else { return true }
          return kept.contains(id) || !everyID.contains(id)
        }
      }
      graphs[name]?["symbols"] = symbols
      graphs[name]?["relationships"] = relationships
    }
  }

  /// The task functions, in the order of their files and lines.
  var taskFunctions: [TaskFunction] {
    let links = self.links
    let pages = symbols.filter(\.isPage)
    let byPath = Dictionary(
      pages.map { (Self.path($0), $0.preciseIdentifier) }, uniquingKeysWith: { first, _ in first })
    return pages.compactMap { symbol in
      let parentPath =
        ((symbol.extendedModule.map { [$0] } ?? []) + symbol.pathComponents.dropLast())
        .joined(separator: "/")
      let parent = symbol.pathComponents.count > 1 ? byPath[parentPath] : nil
      return symbol.taskID.map {
        TaskFunction(
          taskID: $0, link: links[symbol.preciseIdentifier] ?? "",
          parentLink: parent.flatMap { links[$0] }, symbol: symbol)
      }
    }.sorted {
      ($0.symbol.file ?? "", $0.symbol.line ?? 0) < ($1.symbol.file ?? "", $1.symbol.line ?? 0)
    }
  }

  /// The link DocC resolves to each symbol with a page, by precise identifier: its path, after
  /// the extended module's name for a member of another module's type, and with DocC's hash of
  /// its identifier when another symbol has the same path (overloads).
  var links: [String: String] {
    let pages = symbols.filter(\.isPage)
    let namesakes = Dictionary(grouping: pages, by: Self.path).mapValues(\.count)
    var links: [String: String] = [:]
    for symbol in pages {
      let path = Self.path(symbol)
      links[symbol.preciseIdentifier] =
        namesakes[path, default: 0] > 1
        ? "\(path)-\(Self.disambiguation(symbol.preciseIdentifier))" : path
    }
    return links
  }

  /// The first top-level symbol declared in the file at `path` (absolute), or `nil`: the page
  /// a link to that file leads to in the site.
  func firstSymbol(inFile path: String) -> Symbol? {
    symbols.filter { $0.isPage && $0.file == path }
      .min { ($0.pathComponents.count, $0.line ?? 0) < ($1.pathComponents.count, $1.line ?? 0) }
  }

  /// Adds `lines` as a paragraph at the end of the doc comment of the symbol `identifier`.
  mutating func appendParagraph(_ lines: [String], toDocCommentOf identifier: String) {
    for name in Array(graphs.keys) {
      var symbols = rawSymbols(name)
      guard let index = symbols.firstIndex(where: { Self.identifier($0) == identifier }),
        var comment = symbols[index]["docComment"] as? [String: Any],
        var commentLines = comment["lines"] as? [[String: Any]]
      else { continue }
      commentLines += ([""] + lines).map { ["text": $0] }
      comment["lines"] = commentLines
      symbols[index]["docComment"] = comment
      graphs[name]?["symbols"] = symbols
    }
  }

  /// Writes the graphs into `folder`, made when missing.
  func write(to folder: URL) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, json) in graphs {
      let data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
      try data.write(to: folder.appendingPathComponent(name))
    }
  }

  // MARK: Reading the JSON

  private func rawSymbols(_ file: String) -> [[String: Any]] {
    graphs[file]?["symbols"] as? [[String: Any]] ?? []
  }

  private func rawRelationships(_ file: String) -> [[String: Any]] {
    graphs[file]?["relationships"] as? [[String: Any]] ?? []
  }

  private static func identifier(_ raw: [String: Any]) -> String {
    (raw["identifier"] as? [String: Any])?["precise"] as? String ?? ""
  }

  private static func symbol(_ raw: [String: Any], extending module: String?) -> Symbol {
    let comment = (raw["docComment"] as? [String: Any])?["lines"] as? [[String: Any]] ?? []
    let location = raw["location"] as? [String: Any]
    let position = location?["position"] as? [String: Any]
    return Symbol(
      preciseIdentifier: identifier(raw),
      pathComponents: raw["pathComponents"] as? [String] ?? [],
      kind: (raw["kind"] as? [String: Any])?["identifier"] as? String ?? "",
      accessLevel: raw["accessLevel"] as? String ?? "",
      docLines: comment.map { $0["text"] as? String ?? "" },
      file: (location?["uri"] as? String).flatMap { URL(string: $0)?.path },
      line: (position?["line"] as? Int).map { $0 + 1 },
      extendedModule: module)
  }

  /// `Module2` for `Module4@Module2.symbols.json`, `nil` for the stage's own graph.
  private static func extendedModule(_ fileName: String) -> String? {
    guard let at = fileName.firstIndex(of: "@") else { return nil }
    return String(fileName[fileName.index(after: at)...].prefix { $0 != "." })
  }

  /// The symbol's path as a link spells it, without disambiguation.
  private static func path(_ symbol: Symbol) -> String {
    ((symbol.extendedModule.map { [$0] } ?? []) + symbol.pathComponents).joined(separator: "/")
  }

  /// DocC's disambiguation hash of a symbol: the 32-bit FNV-1 hash of its precise identifier,
  /// folded to 24 bits, in base 36 (what DocC appends to the links of overloads).
  static func disambiguation(_ identifier: String) -> String {
    var hash: UInt32 = 2_166_136_261
    for byte in identifier.utf8 {
      hash = (hash &* 16_777_619) ^ UInt32(byte)
    }
    return String((hash >> 24) ^ (hash & 0xff_ffff), radix: 36)
  }
}
