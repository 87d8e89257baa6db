import Foundation

/// The last guard between the solutions and what students read: withholds every line of
/// student-visible text that is a line of the official solutions.
///
/// The real protection is that a submission's code cannot read the solutions at all (it runs
/// as `GradingUser`, and every copy with solutions is root's). This catches what slips past
/// anyway, on a machine where a readable copy lies elsewhere, or in a binary's strings: an
/// output line whose text, trimmed, is a distinctive solution line (at least
/// `minimumCharacters` characters that are not spaces, a letter among them) is replaced by a
/// note, and so is one that contains a long one (at least `embeddedCharacters`) anywhere. The
/// solution lines are the bodies of the official checkout's solution regions and the text of
/// its planted bugs. Text that is only encoded (reversed, base64) passes; this is a net, not a
/// wall.
public struct SolutionScrub: Sendable {
  /// The fewest non-space characters of a solution line that is withheld when a whole line.
  public static let minimumCharacters = 8
  /// The fewest non-space characters of a solution line that is withheld wherever it appears.
  public static let embeddedCharacters = 12
  /// What a withheld line becomes.
  public static let note = "[line withheld: it is a line of the official solution]"

  /// Distinctive solution lines, trimmed.
  let whole: Set<String>
  /// The long ones, as bytes, for searching inside lines.
  let embedded: [[UInt8]]
  /// The long ones by their first eight bytes, so that a line is searched in one pass.
  let embeddedByPrefix: [UInt64: [Int]]

  /// A scrub for `lines` of solution text; short and blank lines are ignored.
  public init(lines: [String]) {
    var whole: Set<String> = []
    var embedded: Set<String> = []
    for line in lines {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      let count = trimmed.unicodeScalars.filter {
        !CharacterSet.whitespaces.contains($0)
      }.count
      guard count >= Self.minimumCharacters, trimmed.contains(where: \.isLetter) else { continue }
      whole.insert(trimmed)
      if count >= Self.embeddedCharacters {
        embedded.insert(trimmed)
      }
    }
    self.whole = whole
    self.embedded = embedded.sorted().map { Array($0.utf8) }
    var byPrefix: [UInt64: [Int]] = [:]
    for (index, needle) in self.embedded.enumerated() {
      byPrefix[Self.prefix(needle, at: 0), default: []].append(index)
    }
    embeddedByPrefix = byPrefix
  }

  /// The eight bytes of `bytes` from `start` as one number (`start + 8 <= bytes.count`).
  static func prefix(_ bytes: [UInt8], at start: Int) -> UInt64 {
    var value: UInt64 = 0
    for offset in 0..<8 {
      value = value << 8 | UInt64(bytes[start + offset])
    }
    return value
  }

  /// The solution lines of the official checkout at `root`: every line inside a solution
  /// region of its Swift files (`files`, relative to it), and every line of its planted bugs'
  /// bodies and edits. Files that cannot be read are skipped.
  public static func official(_ root: URL, files: [String]) -> SolutionScrub {
    var lines: [String] = []
    for path in files where path.hasSuffix(".swift") {
      guard
        let text = try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8),
        text.contains(SolutionRegion.beginMarker),
        let regions = try? SolutionRegion.regions(in: text, file: path)
      else { continue }
      for region in regions {
        lines += region.body
      }
    }
    for bugsFile in [Mutant.relativePath, Mutant.codePath] {
      for bug in (try? Mutant.load(projectRoot: root, path: bugsFile)) ?? [] {
        for text in [bug.body, bug.find, bug.replace].compactMap({ $0 }) {
          lines += text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
      }
    }
    return SolutionScrub(lines: lines)
  }

  /// `text` with every line that shows a solution line replaced by `note`, and how many lines
  /// were withheld.
  public func scrub(_ text: String) -> (text: String, withheld: Int) {
    guard !whole.isEmpty else { return (text, 0) }
    var withheld = 0
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      guard shows(line) else { return String(line) }
      withheld += 1
      return Self.note
    }
    return (lines.joined(separator: "\n"), withheld)
  }

  /// Whether `line` is, or holds, a solution line.
  func shows(_ line: Substring) -> Bool {
    if whole.contains(line.trimmingCharacters(in: .whitespaces)) {
      return true
    }
    let bytes = Array(line.utf8)
    guard bytes.count >= Self.embeddedCharacters else { return false }
    for start in 0...(bytes.count - 8) {
      guard let candidates = embeddedByPrefix[Self.prefix(bytes, at: start)] else { continue }
      for index in candidates {
        let needle = embedded[index]
        if start + needle.count <= bytes.count
          && bytes[start..<(start + needle.count)].elementsEqual(needle)
        {
          return true
        }
      }
    }
    return false
  }
}

extension GradescopeResults {
  /// The results with `scrub` applied to every text a student reads, and how many lines it
  /// withheld.
  public func scrubbed(with scrub: SolutionScrub) -> (results: GradescopeResults, withheld: Int) {
    var copy = self
    var withheld = 0
    let overall = scrub.scrub(output)
    copy.output = overall.text
    withheld += overall.withheld
    for index in copy.tests.indices {
      let result = scrub.scrub(copy.tests[index].output)
      copy.tests[index].output = result.text
      withheld += result.withheld
    }
    return (copy, withheld)
  }
}
