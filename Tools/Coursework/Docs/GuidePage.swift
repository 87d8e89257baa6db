import Foundation

/// A page of `assignments/` that the site carries as a DocC article: a stage's guide, the
/// operation reference or the lectures. The Markdown in `assignments/` stays the one source
/// students read on a repository page; the site gets a copy made at build time.
struct GuidePage: Equatable, Sendable {
  /// The file it is made from, relative to the project root: `assignments/module1.md`.
  let source: String
  /// The stage whose documentation holds it: `Module1`.
  let stage: String
  /// Its article name in that documentation, which is also the last part of its address:
  /// `Guide`.
  let article: String
  /// The Markdown.
  let text: String

  /// Its headings.
  var headings: [Markdown.Heading] { Markdown.headings(in: text) }

  /// Its title, the first `#` heading; the file name when it has none.
  var title: String {
    headings.first { $0.level == 1 }?.text ?? (source as NSString).lastPathComponent
  }

  /// The heading of task `id` (`## Task 4.1: 1-D convolution`), if the page has one.
  func heading(ofTask id: String) -> Markdown.Heading? {
    headings.first { heading in
      heading.level > 1
        && (heading.text == "Task \(id)" || heading.text.hasPrefix("Task \(id):")
          || heading.text.hasPrefix("Task \(id) "))
    }
  }

  /// The text of task `id`'s section: from its heading to the next heading of the same level or
  /// above.
  func section(ofTask id: String) -> String? {
    guard let heading = heading(ofTask: id) else { return nil }
    let end = headings.first { $0.line > heading.line && $0.level <= heading.level }?.line
    let lines = text.components(separatedBy: "\n")
    return lines[(heading.line - 1)..<((end ?? lines.count + 1) - 1)].joined(separator: "\n")
  }

  /// Where each page of `assignments/` goes: the guide of stage k into stage k, the operation
  /// reference into Module2 (whose NumPy-style surface it lists; the last stage when there is
  /// none), the lectures into Module0. Pages whose file is missing are left out.
  static func pages(in root: URL, stages: [String]) -> [GuidePage] {
    guard let first = stages.first, let last = stages.last else { return [] }
    var placements = stages.map { stage in
      ("assignments/\(stage.lowercased()).md", stage, "Guide")
    }
    placements.append(
      ("assignments/reference.md", stages.contains("Module2") ? "Module2" : last, "Reference"))
    placements.append(("assignments/lectures.md", first, "Lectures"))
    return placements.compactMap { source, stage, article in
      guard
        let text = try? String(
          contentsOf: root.appendingPathComponent(source), encoding: .utf8)
      else { return nil }
      return GuidePage(source: source, stage: stage, article: article, text: text)
    }
  }
}

/// Rewrites the links of the pages of `assignments/` so that they work in the site: a link to
/// another page becomes a DocC link (same stage) or the page's address (another stage's
/// documentation), with GitHub's heading anchors turned into DocC's; a link to a Swift file of
/// a stage leads to the page of the first symbol declared in it. A link to anything the site
/// does not hold is an error, so a guide never sends a reader to a missing page.
struct SiteLinks {
  /// A link to another stage's documentation, to check once the site is built (DocC checks
  /// only the links inside one stage).
  struct Check: Equatable, Sendable {
    /// The link's place: `assignments/module0.md:247`.
    let place: String
    /// The stage it leads to.
    let stage: String
    /// The page, inside that stage's folder: `documentation/module1/guide`.
    let page: String
    /// The heading's fragment, if it names one.
    let fragment: String?
  }

  /// A symbol's page, for links to Swift files.
  struct SymbolPage: Equatable, Sendable {
    /// The stage whose documentation holds it.
    let stage: String
    /// Its DocC link (`Scalar`, `Module2/Tensor/softmax(dim:)`).
    let link: String
  }

  /// Every page in the site.
  let pages: [GuidePage]
  /// The stage folders.
  let stages: [String]
  /// The path the site is served under, starting and ending with `/`.
  let basePath: String
  /// The page of the first symbol in a project file (`Module1/Scalar.swift`), if there is one.
  let symbolPage: (String) -> SymbolPage?

  /// `page`'s text with its links rewritten, and the links to other stages to check. Throws a
  /// `CourseworkError` naming the file and line of a link the site cannot follow.
  func rewrite(_ page: GuidePage) throws -> (text: String, checks: [Check]) {
    var checks: [Check] = []
    let text = try Markdown.rewritingLinks(in: page.text) { link in
      try destination(of: link, on: page, checks: &checks)
    }
    return (text, checks)
  }

  /// The address in the site of `article` in `stage`'s documentation.
  func address(stage: String, page: String) -> String {
    basePath + stage + "/" + page
  }

  /// The new destination of `link`, or `nil` to keep it.
  private func destination(of link: Markdown.Link, on page: GuidePage, checks: inout [Check])
    throws -> String?
  {
    let place = "\(page.source):\(link.line)"
    let destination = link.destination
    if destination.isEmpty
      || destination.range(
        of: #"^[A-Za-z][A-Za-z0-9+.-]*:"#,
        options: .regularExpression) != nil
    {
      return nil  // https:, mailto:, doc: …
    }
    let parts = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
    let path = String(parts[0])
    let anchor = parts.count > 1 ? String(parts[1]) : nil
    let resolved =
      path.isEmpty ? page.source : Self.normalized(Self.folder(of: page.source) + "/" + path)
    if let target = pages.first(where: { $0.source == resolved }) {
      let fragment = try anchor.map { try fragmentFor($0, in: target, place: place) }
      let suffix = fragment.map { "#" + $0 } ?? ""
      if target.stage == page.stage {
        return "doc:\(target.article)\(suffix)"
      }
      let address = "documentation/\(target.stage.lowercased())/\(target.article.lowercased())"
      checks.append(Check(place: place, stage: target.stage, page: address, fragment: fragment))
      return self.address(stage: target.stage, page: address) + suffix
    }
    if resolved.hasSuffix(".swift"), let symbol = symbolPage(resolved) {
      if symbol.stage == page.stage {
        return "doc:\(symbol.link)"
      }
      let address =
        "documentation/\(symbol.stage.lowercased())/"
        + symbol.link.split(separator: "/").map { $0.lowercased() }.joined(separator: "/")
      checks.append(Check(place: place, stage: symbol.stage, page: address, fragment: nil))
      return self.address(stage: symbol.stage, page: address)
    }
    if link.isIndented {
      return nil  // perhaps code; left as it is
    }
    throw CourseworkError(
      .docs,
      "the link to \(destination) leads nowhere in the documentation site: link a page of "
        + "assignments/ that the site carries (\(pages.map(\.source).joined(separator: ", "))) "
        + "or a Swift file of a stage that declares a public symbol",
      file: page.source, line: link.line)
  }

  /// DocC's fragment for the heading that GitHub's `anchor` names in `page`.
  private func fragmentFor(_ anchor: String, in page: GuidePage, place: String) throws -> String {
    guard let heading = page.headings.first(where: { $0.gitHubAnchor == anchor }) else {
      throw CourseworkError.docs(
        "\(place): the link's anchor #\(anchor) names no heading of \(page.source)")
    }
    return heading.doccFragment
  }

  /// The folder part of a project path (`assignments` for `assignments/module0.md`).
  private static func folder(of path: String) -> String {
    (path as NSString).deletingLastPathComponent
  }

  /// `path` with `.` and `..` resolved: `Module1/Scalar.swift` for
  /// `assignments/../Module1/./Scalar.swift`.
  static func normalized(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/") where part != "." {
      if part == "..", !parts.isEmpty, parts.last != ".." {
        parts.removeLast()
      } else {
        parts.append(part)
      }
    }
    return parts.joined(separator: "/")
  }
}
