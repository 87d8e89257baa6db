import Foundation

/// A sentence with its sentiment: 1 positive, 0 negative.
public struct LabelledSentence: Sendable, Equatable {
  /// The sentence as written in the file.
  public let text: String
  /// 1 for a positive sentence, 0 for a negative one.
  public let label: Int

  /// A sentence `text` labelled `label` (0 or 1).
  public init(_ text: String, label: Int) {
    precondition(label == 0 || label == 1, "a sentiment label is 0 or 1, not \(label)")
    self.text = text
    self.label = label
  }
}

/// Sentences labelled positive or negative, for the sentiment network: a training part and a
/// development part (for choosing settings and reporting accuracy).
///
/// On disk a set is a folder with `train.tsv` and `dev.tsv`, one `sentence<TAB>label` per line
/// (GLUE's SST-2 layout, label 1 positive), optionally after a header line `sentence<TAB>label`.
/// `Module4/Data/text/fetch-sentence-polarity.sh DIR` writes such a folder; `synthetic(…)` makes
/// a small artificial one.
public struct SentimentDataset: Sendable {
  /// The training sentences.
  public let train: [LabelledSentence]
  /// The development sentences: for choosing settings and reporting accuracy.
  public let dev: [LabelledSentence]

  /// A set made of the given parts.
  public init(train: [LabelledSentence], dev: [LabelledSentence]) {
    self.train = train
    self.dev = dev
  }

  /// Reads `train.tsv` and `dev.tsv` from `folder`. Throws a `DataError` when the folder or a
  /// file is missing, or a file is malformed or empty.
  public static func load(folder: URL) throws -> SentimentDataset {
    try requireFolder(folder)
    return SentimentDataset(
      train: try readTSV(folder.appendingPathComponent("train.tsv")),
      dev: try readTSV(folder.appendingPathComponent("dev.tsv")))
  }

  /// The sentences of the `sentence<TAB>label` file at `url`. Throws a `DataError` when the file
  /// is missing, unreadable, not UTF-8, malformed (see `parseTSV`) or holds no sentence.
  public static func readTSV(_ url: URL) throws -> [LabelledSentence] {
    guard let text = String(data: try contentsOfFile(url), encoding: .utf8) else {
      throw DataError.notUTF8(path: url.path)
    }
    return try parseTSV(text, source: url.path)
  }

  /// The sentences in `text`, the contents of a `sentence<TAB>label` file read from `source`
  /// (used in error messages).
  ///
  /// A first line `sentence<TAB>label` is a header and is skipped (so is a byte-order mark);
  /// empty lines are skipped; a line's label is after its last tab. Throws `DataError.missingTab`, `.emptySentence` or
  /// `.badLabel` with the line number (counting from 1), or `.empty` when no sentence is left.
  public static func parseTSV(_ text: String, source: String) throws -> [LabelledSentence] {
    var sentences: [LabelledSentence] = []
    // "\r\n" is one Character in Swift, and a newline: Windows line ends split correctly. A
    // byte-order mark some editors write first is not part of the header.
    let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    for (offset, line) in lines.enumerated() {
      let number = offset + 1
      if line.allSatisfy(\.isWhitespace) {
        continue
      }
      if number == 1 && line.lowercased() == "sentence\tlabel" {
        continue
      }
      guard let tab = line.lastIndex(of: "\t") else {
        throw DataError.missingTab(path: source, line: number)
      }
      let sentence = line[..<tab].trimmingCharacters(in: .whitespaces)
      let label = line[line.index(after: tab)...].trimmingCharacters(in: .whitespaces)
      guard label == "0" || label == "1" else {
        throw DataError.badLabel(path: source, line: number, text: label)
      }
      guard !sentence.isEmpty else {
        throw DataError.emptySentence(path: source, line: number)
      }
      sentences.append(LabelledSentence(sentence, label: label == "1" ? 1 : 0))
    }
    guard !sentences.isEmpty else {
      throw DataError.empty(path: source)
    }
    return sentences
  }

  /// Writes the set to `folder` (created if needed) as `train.tsv` and `dev.tsv`, each with a
  /// header line, in the layout `load(folder:)` reads. Throws `DataError.unwritable` when a file
  /// cannot be written.
  public func write(to folder: URL) throws {
    for (name, sentences) in [("train.tsv", train), ("dev.tsv", dev)] {
      let url = folder.appendingPathComponent(name)
      let text = "sentence\tlabel\n" + sentences.map { "\($0.text)\t\($0.label)\n" }.joined()
      do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
      } catch {
        throw DataError.unwritable(path: url.path, reason: error.localizedDescription)
      }
    }
  }
}
