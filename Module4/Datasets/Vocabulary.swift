/// The words a model knows, each with a number: the index of its row in an embedding table.
///
/// Index 0 is the padding word `<pad>` (fills short sentences up to a common length) and index 1
/// the unknown word `<unk>` (stands for every word not in the vocabulary). The other words follow
/// from the most frequent to the least, ties in alphabetical order, so the same sentences always
/// give the same numbering.
public struct Vocabulary: Sendable, Equatable {
  /// The padding word, at index 0.
  public static let padding = "<pad>"
  /// The unknown word, at index 1.
  public static let unknown = "<unk>"
  /// The index of the padding word.
  public static let paddingIndex = 0
  /// The index of the unknown word.
  public static let unknownIndex = 1

  /// Every word, by index: `<pad>`, `<unk>`, then the words by falling frequency.
  public let words: [String]
  private let indices: [String: Int]

  /// The vocabulary of `sentences` (each a list of words, as `Tokenizer.words(in:)` gives them):
  /// every word seen at least `minCount` times, and at most the `maxWords` most frequent of
  /// them when `maxWords` is given (the two special words come in addition).
  public init(sentences: [[String]], minCount: Int = 1, maxWords: Int? = nil) {
    precondition(minCount >= 1, "minCount must be at least 1, but it is \(minCount)")
    precondition(maxWords.map { $0 >= 0 } ?? true, "maxWords must not be negative")
    var counts: [String: Int] = [:]
    for sentence in sentences {
      for word in sentence {
        counts[word, default: 0] += 1
      }
    }
    let special = [Self.padding, Self.unknown]
    var kept = counts.filter { $0.value >= minCount && !special.contains($0.key) }
      .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      .map(\.key)
    if let maxWords, kept.count > maxWords {
      kept.removeLast(kept.count - maxWords)
    }
    words = special + kept
    indices = Dictionary(uniqueKeysWithValues: words.enumerated().map { ($1, $0) })
  }

  /// The number of words, the two special ones included: the number of rows an embedding table
  /// needs.
  public var count: Int { words.count }

  /// The index of `word`, or `unknownIndex` when the vocabulary does not have it.
  public func index(of word: String) -> Int {
    indices[word] ?? Self.unknownIndex
  }

  /// Whether the vocabulary has `word`.
  public func contains(_ word: String) -> Bool {
    indices[word] != nil
  }

  /// The index of each word of `sentence`.
  public func encode(_ sentence: [String]) -> [Int] {
    sentence.map(index(of:))
  }

  /// The index of each word of `sentence`, cut or padded (with `paddingIndex` at the end) to
  /// exactly `length` entries, so that sentences of a batch fit one tensor.
  public func encode(_ sentence: [String], length: Int) -> [Int] {
    precondition(length >= 0, "a sentence length must not be negative, but it is \(length)")
    let indices = encode(Array(sentence.prefix(length)))
    return indices + Array(repeating: Self.paddingIndex, count: length - indices.count)
  }
}
