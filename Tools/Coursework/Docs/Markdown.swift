import Foundation

/// The little of Markdown the documentation build needs to read: the headings of a guide (with
/// the anchor GitHub gives each and the fragment DocC gives it) and its inline links, outside
/// code. Enough for the course's guides; not a Markdown parser.
enum Markdown {
  /// A heading: `## Task 4.1: 1-D convolution` on line 34.
  struct Heading: Equatable, Sendable {
    /// 1 for `#`, 2 for `##`, …
    let level: Int
    /// The heading's text as written, without the `#`s.
    let text: String
    /// Its line, counting from 1.
    let line: Int

    /// The anchor GitHub gives it, which links on a repository page use:
    /// `task-41-1-d-convolution`.
    var gitHubAnchor: String { Markdown.gitHubAnchor(text) }
    /// The fragment DocC gives it, which links in the site use: `Task-41-1-D-convolution`.
    var doccFragment: String { Markdown.doccFragment(text) }
  }

  /// An inline link, `[text](destination)`, or an image, `![text](destination)`.
  struct Link: Equatable, Sendable {
    /// What the link shows.
    let text: String
    /// Where it points, as written.
    let destination: String
    /// Its line, counting from 1.
    let line: Int
    /// Whether it is an image.
    let isImage: Bool
    /// Whether it sits on a line indented by four spaces or more (code, or a list's
    /// continuation: the two cannot be told apart without a full parser).
    let isIndented: Bool
  }

  /// The ATX headings (`#` … `######`) of `text`, outside fenced code blocks.
  static func headings(in text: String) -> [Heading] {
    var headings: [Heading] = []
    for (number, line) in proseLines(of: text) {
      let hashes = line.prefix { $0 == "#" }.count
      guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { continue }
      var title = line.dropFirst(hashes).trimmingCharacters(in: .whitespaces)
      // A closing sequence of #s is not part of the heading.
      while title.hasSuffix("#") { title.removeLast() }
      headings.append(
        Heading(level: hashes, text: title.trimmingCharacters(in: .whitespaces), line: number))
    }
    return headings
  }

  /// GitHub's anchor for a heading: lower case, links reduced to their text, every character
  /// but letters, digits, spaces, `-` and `_` removed, spaces made `-`.
  static func gitHubAnchor(_ heading: String) -> String {
    let kept = plainText(heading).lowercased().unicodeScalars.filter { scalar in
      CharacterSet.alphanumerics.contains(scalar) || scalar == " " || scalar == "-"
        || scalar == "_"
    }
    return String(String.UnicodeScalarView(kept)).replacingOccurrences(of: " ", with: "-")
  }

  /// DocC's fragment for a heading: runs of spaces and dashes become one `-`, then punctuation
  /// and backticks are removed (DocC's documented rule for heading anchors).
  static func doccFragment(_ heading: String) -> String {
    let separators = CharacterSet.whitespaces.union(CharacterSet(charactersIn: "-\u{2013}\u{2014}"))
    let removed = CharacterSet.punctuationCharacters.union(CharacterSet(charactersIn: "`"))
      .subtracting(CharacterSet(charactersIn: "-"))
    let joined = plainText(heading).trimmingCharacters(in: .whitespaces)
      .components(separatedBy: separators).filter { !$0.isEmpty }.joined(separator: "-")
    return String(String.UnicodeScalarView(joined.unicodeScalars.filter { !removed.contains($0) }))
  }

  /// A heading's text with links reduced to what they show: `[a](b)` → `a`.
  static func plainText(_ text: String) -> String {
    text.replacingOccurrences(
      of: #"!?\[([^\]]*)\]\([^)]*\)"#, with: "$1", options: .regularExpression)
  }

  /// The inline links of `text`, outside fenced code blocks and code spans.
  static func links(in text: String) -> [Link] {
    var links: [Link] = []
    _ = rewritingLinks(in: text) { link in
      links.append(link)
      return nil
    }
    return links
  }

  /// `text` with the destination of each inline link outside code replaced by what `rewrite`
  /// returns for it (`nil` keeps it). Every other character stays as it is, so line numbers do
  /// not change.
  static func rewritingLinks(in text: String, _ rewrite: (Link) throws -> String?) rethrows
    -> String
  {
    var lines = text.components(separatedBy: "\n")
    for (number, line) in proseLines(of: text) {
      var result = ""
      var changed = false
      for (segment, isCode) in codeSpans(in: line) {
        guard !isCode else {
          result += segment
          continue
        }
        result += try rewriting(segment, line: number, in: line) { link in
          let replacement = try rewrite(link)
          changed = changed || replacement != nil
          return replacement
        }
      }
      if changed { lines[number - 1] = result }
    }
    return lines.joined(separator: "\n")
  }

  // MARK: Reading lines

  /// The lines outside fenced code blocks, with their numbers (from 1).
  private static func proseLines(of text: String) -> [(Int, String)] {
    var prose: [(Int, String)] = []
    var fence: String?
    for (index, line) in text.components(separatedBy: "\n").enumerated() {
      let trimmed = line.drop { $0 == " " }
      let marker = trimmed.prefix { $0 == "`" || $0 == "~" }
      if line.count - trimmed.count < 4, marker.count >= 3, Set(marker).count == 1 {
        if fence == nil {
          fence = String(marker)
          continue
        }
        if let open = fence, marker.first == open.first, marker.count >= open.count,
          trimmed.dropFirst(marker.count).allSatisfy({ $0 == " " })
        {
          fence = nil
          continue
        }
      }
      if fence == nil { prose.append((index + 1, line)) }
    }
    return prose
  }

  /// `line` cut into pieces that alternate between prose and code spans (`` `x` ``).
  private static func codeSpans(in line: String) -> [(String, Bool)] {
    var pieces: [(String, Bool)] = []
    var rest = Substring(line)
    while let start = rest.firstIndex(of: "`") {
      let ticks = rest[start...].prefix { $0 == "`" }
      let afterOpen = rest[ticks.endIndex...]
      guard let close = afterOpen.range(of: String(ticks)) else { break }
      pieces.append((String(rest[..<start]), false))
      pieces.append((String(rest[start..<close.upperBound]), true))
      rest = rest[close.upperBound...]
    }
    pieces.append((String(rest), false))
    return pieces
  }

  /// `segment` (prose, part of `line`) with each link's destination replaced by `rewrite`.
  private static func rewriting(
    _ segment: String, line number: Int, in line: String, _ rewrite: (Link) throws -> String?
  ) rethrows -> String {
    let pattern = try! NSRegularExpression(pattern: #"(!?)\[([^\]\n]*)\]\(([^)\s]*)\)"#)
    let whole = NSRange(segment.startIndex..., in: segment)
    var result = ""
    var copied = segment.startIndex
    let indented = line.prefix { $0 == " " }.count >= 4 || line.hasPrefix("\t")
    for match in pattern.matches(in: segment, range: whole) {
      guard let text = Range(match.range(at: 2), in: segment),
        let destination = Range(match.range(at: 3), in: segment)
      else { continue }
      let link = Link(
        text: String(segment[text]), destination: String(segment[destination]), line: number,
        isImage: match.range(at: 1).length == 1, isIndented: indented)
      guard let replacement = try rewrite(link) else { continue }
      result += segment[copied..<destination.lowerBound] + replacement
      copied = destination.upperBound
    }
    return result + segment[copied...]
  }
}
