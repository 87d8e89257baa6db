import Foundation
import Module4
import TestSupport
import Testing

/// The code students are given in Module 4 for the sentiment network: the TSV reader, the
/// synthetic set, the tokenizer, the vocabulary and the GloVe parser. Not graded.
@Suite("Given code: text data", .explainsStops)
struct TextDataTests {
  // MARK: sentence<TAB>label files

  @Test func tsvFilesAreReadWithOrWithoutAHeader() throws {
    let withHeader = "sentence\tlabel\nit 's a charming film .\t1\r\na dull mess\t0\n\n"
    let expected = [
      LabelledSentence("it 's a charming film .", label: 1),
      LabelledSentence("a dull mess", label: 0),
    ]
    #expect(try SentimentDataset.parseTSV(withHeader, source: "t") == expected)
    #expect(try SentimentDataset.parseTSV("\u{FEFF}" + withHeader, source: "t") == expected)
    #expect(
      try SentimentDataset.parseTSV("it 's a charming film .\t1\na dull mess\t0", source: "t")
        == expected)
  }

  @Test func malformedLinesAreReportedWithTheirNumber() {
    #expect(throws: DataError.missingTab(path: "t", line: 3)) {
      try SentimentDataset.parseTSV("sentence\tlabel\ngood\t1\nno tab here 0\n", source: "t")
    }
    #expect(throws: DataError.badLabel(path: "t", line: 2, text: "positive")) {
      try SentimentDataset.parseTSV("good\t1\ngreat\tpositive\n", source: "t")
    }
    #expect(throws: DataError.badLabel(path: "t", line: 1, text: "")) {
      try SentimentDataset.parseTSV("good\t\n", source: "t")
    }
    #expect(throws: DataError.emptySentence(path: "t", line: 1)) {
      try SentimentDataset.parseTSV(" \t1\n", source: "t")
    }
    #expect(throws: DataError.empty(path: "t")) {
      try SentimentDataset.parseTSV("sentence\tlabel\n", source: "t")
    }
    #expect(
      DataError.badLabel(path: "t", line: 2, text: "2").description
        == "t, line 2: the label is '2', but it must be 0 (negative) or 1 (positive)")
  }

  @Test func missingAndNonTextFilesAreReported() throws {
    let folder = try DataFolder()
    defer { folder.remove() }
    #expect(throws: DataError.missingFolder(path: folder.path("none"))) {
      try SentimentDataset.load(folder: folder.url.appendingPathComponent("none"))
    }
    try folder.write("train.tsv", Array("good\t1\n".utf8))
    #expect(throws: DataError.missingFile(path: folder.path("dev.tsv"))) {
      try SentimentDataset.load(folder: folder.url)
    }
    try folder.write("dev.tsv", [0xFF, 0xFE, 0x09, 0x31])
    #expect(throws: DataError.notUTF8(path: folder.path("dev.tsv"))) {
      try SentimentDataset.load(folder: folder.url)
    }
  }

  @Test func aFolderWhereAFileShouldBeIsReported() throws {
    let folder = try DataFolder()
    defer { folder.remove() }
    let inTheWay = DataError.unreadable(path: folder.url.path, reason: "it is a folder, not a file")
    #expect(throws: inTheWay) { try SentimentDataset.readTSV(folder.url) }
    #expect(throws: inTheWay) { try WordVectors.read(folder.url) }
    #expect(throws: DataError.missingFile(path: folder.path("glove.txt"))) {
      try WordVectors.read(folder.url.appendingPathComponent("glove.txt"))
    }
  }

  @Test func theSyntheticSetIsSeededBalancedAndRoundTrips() throws {
    let set = SentimentDataset.synthetic(trainCount: 200, devCount: 50, seed: 7)
    #expect((set.train.count, set.dev.count) == (200, 50))
    #expect(set.train == SentimentDataset.synthetic(trainCount: 200, devCount: 50, seed: 7).train)
    #expect(set.train != SentimentDataset.synthetic(trainCount: 200, devCount: 50, seed: 8).train)
    let positives = set.train.filter { $0.label == 1 }.count
    #expect(positives > 70 && positives < 130, "\(positives) of 200 positive")
    // The label is the sentiment of the words before "though".
    for sentence in set.train {
      let main = Tokenizer.words(in: sentence.text).prefix { $0 != "though" }
      let positive = main.filter(SentimentDataset.syntheticPositiveWords.contains).count
      let negative = main.filter(SentimentDataset.syntheticNegativeWords.contains).count
      #expect((positive, negative) == (sentence.label == 1 ? (2, 0) : (0, 2)), "\(sentence)")
    }
    let folder = try DataFolder()
    defer { folder.remove() }
    try set.write(to: folder.url)
    let read = try SentimentDataset.load(folder: folder.url)
    #expect(read.train == set.train && read.dev == set.dev)
  }

  // MARK: Tokenizer and vocabulary

  @Test func theTokenizerLowercasesAndSplitsClitics() {
    #expect(
      Tokenizer.words(in: "It's a GREAT film -- isn't it?")
        == ["it", "'s", "a", "great", "film", "is", "n't", "it"])
    // Text already split the way SST-2 writes it gives the same words.
    #expect(
      Tokenizer.words(in: "it 's a great film -- is n't it ?")
        == Tokenizer.words(in: "It's a great film -- isn't it?"))
    #expect(
      Tokenizer.words(in: "They’re 'quoted' rock'n'roll, 1990s") == [
        "they", "'re", "quoted", "rock'n'roll", "1990s",
      ])
    #expect(Tokenizer.words(in: "the actors' ... ' ") == ["the", "actors"])
    #expect(Tokenizer.words(in: "Café déjà-vu") == ["café", "déjà", "vu"])
    #expect(Tokenizer.words(in: "") == [])
  }

  @Test func theVocabularyOrdersWordsByFrequencyThenAlphabet() {
    let sentences = [["b", "a", "c"], ["a", "c", "d"], ["a"]]
    let all = Vocabulary(sentences: sentences)
    #expect(all.words == ["<pad>", "<unk>", "a", "c", "b", "d"])
    #expect(all.count == 6)
    #expect(all.index(of: "c") == 3)
    #expect(all.index(of: "zebra") == Vocabulary.unknownIndex)
    #expect(all.contains("d") && !all.contains("zebra"))
    #expect(Vocabulary(sentences: sentences, minCount: 2).words == ["<pad>", "<unk>", "a", "c"])
    #expect(Vocabulary(sentences: sentences, maxWords: 1).words == ["<pad>", "<unk>", "a"])
    #expect(all.encode(["d", "a", "x"]) == [5, 2, 1])
    #expect(all.encode(["d", "a", "x"], length: 5) == [5, 2, 1, 0, 0])
    #expect(all.encode(["d", "a", "x"], length: 2) == [5, 2])
  }

  // MARK: GloVe vectors

  /// The GloVe sample shipped as a resource of the test target.
  static var gloveSample: URL {
    get throws {
      try #require(
        Bundle.module.url(
          forResource: "glove-sample-50d", withExtension: "txt", subdirectory: "Fixtures"))
    }
  }

  @Test func theGloVeSampleParses() throws {
    let vectors = try WordVectors.read(Self.gloveSample)
    #expect(vectors.count == 76)
    #expect(vectors.dimension == 50)
    #expect(vectors.words.first == "the")
    let the = try #require(vectors.vector(for: "the"))
    #expect(the.count == 50)
    #expect(the.first == 0.418 && the.last == -0.78581)
    #expect(vectors.vector(for: "not-a-word-in-the-sample") == nil)
    #expect(vectors.values.count == 76 * 50)
  }

  @Test func numbersAreReadExactlyAsTheStandardLibraryReadsThem() throws {
    let text = try String(contentsOf: Self.gloveSample, encoding: .utf8)
    let vectors = try WordVectors(parsing: Array(text.utf8), source: "sample")
    let expected = text.split(separator: "\n").flatMap { $0.split(separator: " ").dropFirst() }
      .map { Double($0)! }
    #expect(vectors.values == expected)
    let odd = ["1e-05", "-2.5E+3", "+0.125", "1.", "0.1234567890123456789", "-0"]
    let row = try WordVectors(parsing: Array(("w " + odd.joined(separator: " ")).utf8), source: "o")
    #expect(row.values == odd.map { Double($0)! })
    #expect(row.values.last?.sign == .minus)
  }

  @Test func onlyTheWordsAskedForAreKept() throws {
    let kept = try WordVectors.read(Self.gloveSample, keeping: ["the", "zzzz"])
    #expect(kept.words == ["the"])
    #expect(kept.dimension == 50)
    let vocabulary = Vocabulary(sentences: [["the", "zzzz"]])
    let (table, found) = kept.embeddingTable(for: vocabulary, seed: 1)
    #expect(found == 1)
    #expect(table.count == 4 * 50)
    #expect(table[0..<50].allSatisfy { $0 == 0 }, "the padding row is zeros")
    let theRow = 50 * vocabulary.index(of: "the")
    #expect(Array(table[theRow..<(theRow + 50)]) == Array(try #require(kept.vector(for: "the"))))
    let random = table[50..<100] + table[(50 * vocabulary.index(of: "zzzz"))...].prefix(50)
    #expect(random.allSatisfy { $0 >= -0.25 && $0 < 0.25 } && Set(random).count == 100)
    #expect(table == kept.embeddingTable(for: vocabulary, seed: 1).values)
  }

  @Test func raggedRowsAndBadNumbersAreReportedWithTheLine() {
    func parse(_ text: String) throws -> WordVectors {
      try WordVectors(parsing: Array(text.utf8), source: "v.txt")
    }
    #expect(throws: DataError.raggedRow(path: "v.txt", line: 3, expected: 3, found: 2)) {
      try parse("a 1 2 3\nb 4 5 6\nc 7 8\n")
    }
    #expect(throws: DataError.raggedRow(path: "v.txt", line: 1, expected: 0, found: 0)) {
      try parse("lonely\n")
    }
    #expect(throws: DataError.badNumber(path: "v.txt", line: 2, text: "4,5")) {
      try parse("a 1 2\nb 4,5 6\n")
    }
    #expect(throws: DataError.badNumber(path: "v.txt", line: 1, text: "nan")) {
      try parse("a nan 2\n")
    }
    // A row that is not kept is still checked for its length.
    #expect(throws: DataError.raggedRow(path: "v.txt", line: 2, expected: 2, found: 3)) {
      try WordVectors(parsing: Array("a 1 2\nb 3 4 5\n".utf8), source: "v.txt", keeping: ["a"])
    }
    #expect(throws: DataError.empty(path: "v.txt")) { try parse("\n\n") }
    #expect(
      DataError.raggedRow(path: "v.txt", line: 3, expected: 3, found: 2).description
        == "v.txt, line 3: this row has 2 numbers, but the rows before it have 3; every vector "
        + "must have the same length")
  }

  @Test func word2vecHeadersAndWindowsLineEndsAreAccepted() throws {
    let vectors = try WordVectors(parsing: Array("2 2\r\na 1 2\r\nb 3 4\r\n".utf8), source: "v")
    #expect(vectors.words == ["a", "b"])
    #expect(vectors.values == [1, 2, 3, 4])
    #expect(throws: DataError.raggedRow(path: "v", line: 2, expected: 3, found: 2)) {
      try WordVectors(parsing: Array("2 3\na 1 2\n".utf8), source: "v")
    }
    let twice = try WordVectors(parsing: Array("a 1\na 2\n".utf8), source: "v")
    #expect(twice.words == ["a"] && twice.values == [1], "the first row of a word wins")
  }
}
