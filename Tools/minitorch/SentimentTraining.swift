import Foundation
import Module4
import Pictures

/// `minitorch train --module 4 --dataset sentiment`: trains the sentence CNN of Task 4.5 on
/// `train.tsv` and reports its accuracy on `dev.tsv` (its options: `form`).
enum SentimentTraining {
  /// `--data DIR`.
  static let data: Option<URL?> = .path(
    "data", "DIR", "the folder with train.tsv and dev.tsv")
  /// `--synthetic`.
  static let synthetic: Option<Bool> = .flag(
    "synthetic",
    "train on a small artificial set instead of --data (600 training and 200 dev sentences "
      + "made from templates; for a quick check)")
  /// `--vectors FILE`.
  static let vectors: Option<URL?> = .path(
    "vectors", "FILE",
    "start the word vectors from a GloVe-format file (word v1 … vD per line); without it the "
      + "network learns its own, of --dimension numbers")
  /// The settings the network is documented with.
  static let recommended = SentimentCNN.recommendedSettings
  /// `--epochs N`.
  static let epochs: Option<Int> = .integer(
    "epochs", in: 1...100_000, default: recommended.epochs, "passes over the training sentences")
  /// `--batch N`.
  static let batch: Option<Int> = .integer(
    "batch", in: 1...100_000, default: recommended.batchSize, "sentences per Adam step")
  /// `--rate R`.
  static let rate: Option<Double> = .number(
    "rate", in: 1e-9...10, default: recommended.rate, "Adam's learning rate")
  /// `--filters N`.
  static let filters: Option<Int> = .integer(
    "filters", in: 1...10_000, default: 100, "filters per width")
  /// `--dimension N`.
  static let dimension: Option<Int?> = .integer(
    "dimension", in: 1...10_000, defaultText: "50, or the file's with --vectors",
    "length of the learned word vectors")
  /// `--max-length N`.
  static let maxLength: Option<Int> = .integer(
    "max-length", in: 5...10_000, default: 60, "words kept per sentence")
  /// `--min-count N`.
  static let minCount: Option<Int?> = .integer(
    "min-count", in: 1...1_000, defaultText: "2, or 1 with --vectors",
    "a word needs this many training occurrences to get its own vector (rarer words share "
      + "<unk>'s)")
  /// `--show N`.
  static let show: Option<Int> = .integer(
    "show", in: 0...100, default: 4, "misclassified dev sentences to print")

  /// `minitorch train --module 4 --dataset sentiment`.
  static let form = TrainCommand.Form(
    modules: [4], datasets: ["sentiment"],
    table: OptionTable(
      "train --module 4 --dataset sentiment",
      Module4Training.common + [
        data.declaration, synthetic.declaration, vectors.declaration, epochs.declaration,
        batch.declaration, rate.declaration, filters.declaration, dimension.declaration,
        maxLength.declaration, minCount.declaration, Module4Training.subset.declaration,
        show.declaration, TrainCommand.seed.declaration,
      ], fixed: ["module", "dataset"]),
    about: """
      Module 4, sentences (Task 4.5): trains Kim's sentence CNN (word vectors, 1-D
      convolutions of widths 3, 4 and 5, ReLU, max over time, dropout, a linear layer to one
      logit) on DIR/train.tsv and reports the accuracy on DIR/dev.tsv after every epoch
      (sentence<TAB>label, 1 positive). Give --data DIR or --synthetic. Fetch the Rotten
      Tomatoes sentence-polarity set with Module4/Data/text/fetch-sentence-polarity.sh DIR.
      """,
    run: { _, options in try run(options) })

  /// Trains and reports; returns the exit status.
  static func run(_ options: ParsedOptions) throws -> Int32 {
    let backend = Module4Training.backends[options[Module4Training.backend]]!
    let folder = options[Self.data]
    let vectorsFile = options[Self.vectors]
    let epochs = options[Self.epochs]
    let batchSize = options[Self.batch]
    let rate = options[Self.rate]
    let dimensionOption = options[Self.dimension]
    let minCount = options[Self.minCount]
    let subset = options[Module4Training.subset]
    let seed = UInt64(options[TrainCommand.seed])

    // The sentences.
    let sentences: SentimentDataset
    let source: String
    switch (folder, options[Self.synthetic]) {
    case (let folder?, false):
      sentences = try SentimentDataset.load(folder: folder)
      source = folder.path
    case (nil, true):
      sentences = SentimentDataset.synthetic(seed: seed)
      source = "the synthetic set (seed \(seed))"
    case (.some, true):
      throw UsageError("give either --data DIR or --synthetic, not both")
    case (nil, false):
      throw UsageError(
        "the sentiment network needs sentences: --data DIR with train.tsv and dev.tsv "
          + "(Module4/Data/text/fetch-sentence-polarity.sh DIR fetches the sentence-polarity "
          + "set), or --synthetic for a small artificial set")
    }
    let trainSentences = subset.map { Array(sentences.train.prefix($0)) } ?? sentences.train

    // The vocabulary, and the word vectors when given.
    let tokenized = trainSentences.map { Tokenizer.words(in: $0.text) }
    let vocabulary = Vocabulary(
      sentences: tokenized, minCount: minCount ?? (vectorsFile == nil ? 2 : 1))
    var table: [Double]?
    var dimension = dimensionOption ?? 50
    var vectorsNote = "learned from scratch"
    if let vectorsFile {
      let vectors = try WordVectors.read(vectorsFile, keeping: Set(vocabulary.words))
      if let dimensionOption, dimensionOption != vectors.dimension {
        throw UsageError(
          "--dimension \(dimensionOption) differs from the \(vectors.dimension) numbers per "
            + "word of \(vectorsFile.path); leave --dimension out when giving --vectors")
      }
      let made = vectors.embeddingTable(for: vocabulary, seed: seed)
      table = made.values
      dimension = vectors.dimension
      vectorsNote =
        "from \(vectorsFile.path) (\(made.found) of \(vocabulary.count - 2) words found)"
    }

    let architecture = SentimentCNNArchitecture(
      words: vocabulary.count, dimension: dimension, filters: options[Self.filters])
    let network = SentimentCNN(architecture, vectors: table, seed: seed, backend: backend)
    let settings = ClassifierSettings(epochs: epochs, batchSize: batchSize, rate: rate)
    let maxLength = options[Self.maxLength]
    let train = EncodedSentences(trainSentences, vocabulary: vocabulary, maxLength: maxLength)
    let dev = EncodedSentences(sentences.dev, vocabulary: vocabulary, maxLength: maxLength)

    print(architecture.description)
    print(
      "Data: \(source), \(train.count) training and \(dev.count) dev sentences; "
        + "\(vocabulary.count) words (<pad>, <unk> and those seen at least "
        + "\(counted(minCount ?? (vectorsFile == nil ? 2 : 1), "time")), vectors \(vectorsNote)")
    print(
      "Training: \(counted(epochs, "epoch")), batches of \(batchSize), Adam rate "
        + "\(format(rate)), seed \(seed), backend \(backend)")

    var progress = BatchProgress()
    var trainingSeconds = 0.0
    do {
      try trainSentimentClassifier(
        network, on: train, validation: dev, settings: settings, seed: seed,
        onBatch: { progress.show($0, epochs: epochs) },
        onEpoch: { report in
          progress.epochLine(report, heldOut: "dev", examples: "sentences")
          trainingSeconds += report.seconds
        })
    } catch {
      progress.abandon()
      throw DivergedRun(cause: error, epochs: epochs)
    }
    print(
      "Trained in \(format(trainingSeconds, digits: 1)) s "
        + "(\(format(trainingSeconds / Double(epochs), digits: 2)) s per epoch)")

    let result = network.evaluate(dev)
    print(
      "\nDev accuracy: \(percent(result.accuracy)) (\(result.correct)/\(dev.count) dev "
        + "sentences)\n")
    let confusion = ConfusionMatrix(
      truths: dev.labels, predictions: result.predictions, classNames: ["negative", "positive"])
    print("Confusion matrix of the dev sentences (rows: true label, columns: predicted):")
    print(confusion)
    let wrong = dev.labels.indices.filter { dev.labels[$0] != result.predictions[$0] }
    if options[Self.show] > 0 && !wrong.isEmpty {
      print("\nMisclassified dev sentences:")
      for index in wrong.prefix(options[Self.show]) {
        let label = sentences.dev[index].label == 1 ? "positive" : "negative"
        print("  [\(label), taken for the other] \(sentences.dev[index].text)")
      }
    }
    return 0
  }
}
