import Foundation

/// Pre-trained word vectors, read from GloVe's text format: one word per line, then its vector,
/// separated by single spaces:
///
///     the 0.418 0.24968 -0.41242 … (50, 100, 200 or 300 numbers)
///
/// Every row must have as many numbers as the first. A first line of two whole numbers
/// (word2vec's text header, "400000 50") is accepted and skipped. When a word appears twice, the
/// first row wins.
public struct WordVectors: Sendable {
  /// The length of every vector.
  public let dimension: Int
  /// The words, in file order.
  public let words: [String]
  /// The vectors, one row of `dimension` numbers per word, in the order of `words`.
  public let values: [Double]
  private let rows: [String: Int]

  /// Reads the vectors in the file at `url`. When `keeping` is given, only the vectors of those
  /// words are kept and parsed (every row's length is still checked): GloVe's files hold 400,000
  /// words or more, and a model needs those of its vocabulary.
  ///
  /// Throws a `DataError` when the file is missing or unreadable, when a row's length differs
  /// from the first row's or a number is malformed (both with the line number), or when it holds
  /// no vector.
  public static func read(_ url: URL, keeping: Set<String>? = nil) throws -> WordVectors {
    try WordVectors(parsing: [UInt8](contentsOfFile(url)), source: url.path, keeping: keeping)
  }

  /// Parses `contents`, the bytes of a GloVe text file read from `source` (used in error
  /// messages), as `read(_:keeping:)` does.
  public init(parsing contents: [UInt8], source: String, keeping: Set<String>? = nil) throws {
    var parser = Parser(source: source, keeping: keeping)
    try contents.withUnsafeBufferPointer { try parser.parse($0) }
    guard let dimension = parser.dimension, parser.rowCount > 0 else {
      throw DataError.empty(path: source)
    }
    self.dimension = dimension
    self.words = parser.words
    self.values = parser.values
    self.rows = parser.rows
  }

  /// The number of words.
  public var count: Int { words.count }

  /// The vector of `word`, or `nil` when the file did not have it.
  public func vector(for word: String) -> ArraySlice<Double>? {
    rows[word].map { values[($0 * dimension)..<(($0 + 1) * dimension)] }
  }

  /// An embedding table for `vocabulary`: `vocabulary.count` rows of `dimension` numbers, row i
  /// for `vocabulary.words[i]`, and how many of the vocabulary's words these vectors have.
  ///
  /// A word's row is its vector when it has one; the padding row is zeros; every other row is
  /// uniform random in [-0.25, 0.25] from `SplitMix64(seed:)` (Kim's choice for his 2014
  /// sentence CNN, about the spread of GloVe's and word2vec's numbers).
  public func embeddingTable(for vocabulary: Vocabulary, seed: UInt64 = 0) -> (
    values: [Double], found: Int
  ) {
    var rng = SplitMix64(seed: seed)
    var table: [Double] = []
    table.reserveCapacity(vocabulary.count * dimension)
    var found = 0
    for (index, word) in vocabulary.words.enumerated() {
      if index == Vocabulary.paddingIndex {
        table += Array(repeating: 0, count: dimension)
      } else if let vector = vector(for: word) {
        table += vector
        found += 1
      } else {
        table += (0..<dimension).map { _ in rng.nextDouble(in: -0.25..<0.25) }
      }
    }
    return (table, found)
  }

  // MARK: - Parsing

  /// Reads a GloVe file line by line, field by field. It works on the raw bytes and passes index
  /// ranges around rather than slices, which would be retained and released for each of the
  /// file's (often tens of millions of) numbers.
  private struct Parser {
    let source: String
    let keeping: Set<String>?
    var dimension: Int?
    var rowCount = 0
    var words: [String] = []
    var values: [Double] = []
    var rows: [String: Int] = [:]

    init(source: String, keeping: Set<String>?) {
      self.source = source
      self.keeping = keeping
    }

    /// Reads every line of `bytes`: a row is a word and `dimension` numbers, separated by spaces.
    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws {
      var fields: [Range<Int>] = []
      var lineNumber = 0
      var lineStart = 0
      while lineStart < bytes.count {
        var lineEnd = lineStart
        while lineEnd < bytes.count && bytes[lineEnd] != UInt8(ascii: "\n") {
          lineEnd += 1
        }
        defer { lineStart = lineEnd + 1 }
        lineNumber += 1
        let end =
          lineEnd > lineStart && bytes[lineEnd - 1] == UInt8(ascii: "\r") ? lineEnd - 1 : lineEnd

        fields.removeAll(keepingCapacity: true)
        var position = lineStart
        while position < end {
          while position < end && bytes[position] == UInt8(ascii: " ") {
            position += 1
          }
          let start = position
          while position < end && bytes[position] != UInt8(ascii: " ") {
            position += 1
          }
          if position > start {
            fields.append(start..<position)
          }
        }
        if fields.isEmpty {
          continue
        }
        if lineNumber == 1, fields.count == 2, Self.wholeNumber(bytes, fields[0]) != nil,
          let declared = Self.wholeNumber(bytes, fields[1])
        {
          dimension = declared  // word2vec's header: "count dimension".
          continue
        }
        let found = fields.count - 1
        let expected = dimension ?? found
        guard found == expected, found > 0 else {
          throw DataError.raggedRow(
            path: source, line: lineNumber, expected: expected, found: found)
        }
        dimension = expected
        rowCount += 1
        try addRow(bytes, fields, line: lineNumber)
      }
    }

    /// Adds the row made of `fields` (a word, then numbers) unless its word is not kept or
    /// already has a vector.
    mutating func addRow(_ bytes: UnsafeBufferPointer<UInt8>, _ fields: [Range<Int>], line: Int)
      throws
    {
      guard
        let word = String(bytes: UnsafeBufferPointer(rebasing: bytes[fields[0]]), encoding: .utf8)
      else {
        throw DataError.notUTF8(path: "\(source), line \(line)")
      }
      guard keeping?.contains(word) ?? true, rows[word] == nil else {
        return  // Rows not kept are checked for their length only, which is fast.
      }
      rows[word] = words.count
      words.append(word)
      for field in fields.dropFirst() {
        guard let value = Self.number(bytes, field) else {
          let text = Self.text(bytes, field)
          throw DataError.badNumber(
            path: source, line: line, text: text.count > 40 ? text.prefix(40) + "…" : text)
        }
        values.append(value)
      }
    }

    /// The finite number spelled by `bytes[field]`, or `nil`.
    ///
    /// Most numbers in these files are short decimals ("-0.41242"). Such a number is m / 10ᵏ
    /// with an integer m of at most 15 digits and k ≤ 22; both are exact doubles, and one IEEE
    /// division rounds the quotient correctly, so that is the exact result, read without making
    /// a string. Anything else (exponents, long numbers, mistakes) goes to the standard
    /// library's parser.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> Double? {
      var position = field.lowerBound
      let negative = bytes[position] == UInt8(ascii: "-")
      if negative || bytes[position] == UInt8(ascii: "+") {
        position += 1
      }
      var mantissa: UInt64 = 0
      var digits = 0
      var fractionDigits: Int?
      while position < field.upperBound {
        let byte = bytes[position]
        if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
          mantissa = mantissa &* 10 &+ UInt64(byte - UInt8(ascii: "0"))
          digits += 1
          fractionDigits = fractionDigits.map { $0 + 1 }
        } else if byte == UInt8(ascii: "."), fractionDigits == nil {
          fractionDigits = 0
        } else {
          break
        }
        position += 1
      }
      if position == field.upperBound, digits > 0, digits <= 15, (fractionDigits ?? 0) <= 22 {
        let value = Double(mantissa) / powersOfTen[fractionDigits ?? 0]
        return negative ? -value : value
      }
      guard let value = Double(text(bytes, field)), value.isFinite else {
        return nil
      }
      return value
    }

    /// 10⁰ … 10²², every one an exact double (10²² = 2²² · 5²² and 5²² < 2⁵³), so multiplying
    /// by ten never rounds.
    static let powersOfTen: [Double] = (1...22).reduce(into: [1]) { powers, _ in
      powers.append(powers.last! * 10)
    }

    /// The whole number spelled by `bytes[field]`, or `nil`.
    static func wholeNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> Int? {
      Int(text(bytes, field))
    }

    /// `bytes[field]` as text.
    static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> String {
      String(decoding: UnsafeBufferPointer(rebasing: bytes[field]), as: UTF8.self)
    }
  }
}
