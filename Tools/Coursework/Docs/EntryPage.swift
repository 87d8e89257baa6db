import Foundation

/// The site's entry page, `index.html`: plain HTML with no script, so it opens anywhere (even
/// from a file), linking each stage's reference and guide, and the course's other pages. Its
/// links are relative, so the site works under any path on its host.
enum EntryPage {
  /// The mark an entry page carries, by which `minitorch docs` knows a folder it may replace.
  static let generatorMark = #"<meta name="generator" content="minitorch docs">"#

  /// One stage as the page lists it.
  struct Stage: Equatable, Sendable {
    /// The folder name: `Module1`.
    let name: String
    /// Its title: the guide's (`Module 1: Autodifferentiation on scalars`), else the name.
    let title: String
    /// What it builds: the first paragraph of its landing page, if it has one.
    let summary: String?
  }

  /// The page for `course` with `stages` and the `pages` of `assignments/` the site carries.
  static func html(course: String, stages: [Stage], pages: [GuidePage]) -> String {
    var items: [String] = []
    for stage in stages {
      var links = [link("Reference", to: path(stage.name))]
      for page in pages where page.stage == stage.name && page.article == "Guide" {
        links.insert(link("Guide", to: path(stage.name, page.article)), at: 0)
      }
      let summary = stage.summary.map { "<p>\(inline($0))</p>" } ?? ""
      items.append(
        """
            <li><h2>\(escape(stage.title))</h2>\(summary)
              <p class="links">\(links.joined(separator: " · "))</p></li>
        """)
    }
    let others = pages.filter { $0.article != "Guide" }.map { page in
      "    <li>\(link(page.title, to: path(page.stage, page.article)))</li>"
    }
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      \(generatorMark)
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(escape(course)): documentation</title>
      <style>
      body { font: 17px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
        max-width: 46em; margin: 2em auto; padding: 0 1em; color: #1d1d1f; }
      h1 { font-size: 2em; margin-bottom: 0.2em; }
      h2 { font-size: 1.25em; margin: 0; }
      ul.stages { list-style: none; padding: 0; }
      ul.stages li { border-top: 1px solid #d2d2d7; padding: 0.8em 0; }
      ul.stages p { margin: 0.3em 0; }
      .links a { font-weight: 600; }
      a { color: #0066cc; }
      code { font-size: 0.9em; background: #f5f5f7; padding: 0 0.2em; }
      .note { color: #6e6e73; font-size: 0.9em; }
      </style>
      </head>
      <body>
      <h1>\(escape(course))</h1>
      <p>The reference of every stage, built by DocC from the code's doc comments, with the
      course's guides beside it. Each stage builds on the one before it.</p>
      <ul class="stages">
      \(items.joined(separator: "\n"))
      </ul>
      <h2>Course pages</h2>
      <ul>
      \(others.joined(separator: "\n"))
      </ul>
      <p class="note">The reference pages load their content with JavaScript, so they need a web
      server rather than a file opened from disk: in this folder, run
      <code>python3 -m http.server</code> and open <code>http://localhost:8000/</code>, or copy
      the folder to any static host. Made by <code>minitorch docs</code>.</p>
      </body>
      </html>

      """
  }

  /// The address of a stage's documentation page, relative to the entry page.
  static func path(_ stage: String, _ article: String? = nil) -> String {
    "\(stage)/documentation/\(stage.lowercased())/"
      + (article.map { "\($0.lowercased())/" } ?? "")
  }

  /// The first paragraph after the title of a landing page, joined into one line.
  static func summary(ofLandingPage text: String) -> String? {
    var paragraph: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst() {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty {
        if paragraph.isEmpty { continue }
        break
      }
      if trimmed.hasPrefix("#") || trimmed.hasPrefix("@") { break }
      paragraph.append(trimmed)
    }
    return paragraph.isEmpty ? nil : paragraph.joined(separator: " ")
  }

  private static func link(_ text: String, to path: String) -> String {
    "<a href=\"\(escape(path))\">\(escape(text))</a>"
  }

  /// `text` escaped, with `code` and ``symbol`` spans set in `<code>`.
  private static func inline(_ text: String) -> String {
    let pieces = escape(text.replacingOccurrences(of: "``", with: "`")).split(
      separator: "`", omittingEmptySubsequences: false)
    return pieces.enumerated().map { index, piece in
      index % 2 == 1 && index < pieces.count - 1 ? "<code>\(piece)</code>" : String(piece)
    }.joined()
  }

  /// `text` safe inside HTML text and attributes.
  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }
}
