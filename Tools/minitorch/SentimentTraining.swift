import Foundation
import Module4

/// `minitorch train --module 4 --dataset sentiment`: trains the sentence CNN of Task 4.5 on
/// `train.tsv` and reports its accuracy on `dev.tsv` (see `Module4Training.usage`).
enum SentimentTraining {
  /// Reads the options after `--dataset` and `--backend`, trains and reports; returns the exit
  /// status.
  static func run(_ options: inout Arguments, backend: TensorBackend) throws -> Int32 {
    let folder = try options.string("data")
    let synthetic = options.flag("synthetic")
    let vectorsPath = try options.string("vectors")
    let recommended = SentimentCNN.recommendedSettings
    let epochs = try options.int("epochs", default: recommended.epochs, in: 1...100_000)
    let batchSize = try options.int("batch", default: recommended.batchSize, in: 1...100_000)
    let rate = try options.double("rate", default: recommended.rate, in: 1e-9...10)
    let filters = try options.int("filters", default: 100, in: 1...10_000)
    let dimensionOption = try readOptionalInt(&options, "dimension", in: 1...10_000)
    let maxLength = try options.int("max-length", default: 60, in: 5...10_000)
    let minCount = try readOptionalInt(&options, "min-count", in: 1...1_000)
    let subset = try readOptionalInt(&options, "subset", in: 1...10_000_000)
    let show = try options.int("show", default: 4, in: 0...100)
    let seed = UInt64(try options.int("seed", default: 0, in: 0...Int.max))
    try options.finish()

    // The sentences.
    let sentences: SentimentDataset
    let source: String
    switch (folder, synthetic) {
    case (let folder?, false):
      sentences = try SentimentDataset.load(folder: URL(fileURLWithPath: folder))
      source = folder
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
      sentences: tokenized, minCount: minCount ?? (vectorsPath == nil ? 2 : 1))
    var table: [Double]?
    var dimension = dimensionOption ?? 50
    var vectorsNote = "learned from scratch"
    if let vectorsPath {
      let vectors = try WordVectors.read(
        URL(fileURLWithPath: vectorsPath), keeping: Set(vocabulary.words))
      if let dimensionOption, dimensionOption != vectors.dimension {
        throw UsageError(
          "--dimension \(dimensionOption) differs from the \(vectors.dimension) numbers per "
            + "word of \(vectorsPath); leave --dimension out when giving --vectors")
      }
      let made = vectors.embeddingTable(for: vocabulary, seed: seed)
      table = made.values
      dimension = vectors.dimension
      vectorsNote =
        "from \(vectorsPath) (\(made.found) of \(vocabulary.count - 2) words found)"
    }

    let architecture = SentimentCNNArchitecture(
      words: vocabulary.count, dimension: dimension, filters: filters)
    let network = SentimentCNN(architecture, vectors: table, seed: seed, backend: backend)
    let settings = ClassifierSettings(epochs: epochs, batchSize: batchSize, rate: rate)
    let train = EncodedSentences(trainSentences, vocabulary: vocabulary, maxLength: maxLength)
    let dev = EncodedSentences(sentences.dev, vocabulary: vocabulary, maxLength: maxLength)

    print(architecture.description)
    print(
      "Data: \(source), \(train.count) training and \(dev.count) dev sentences; "
        + "\(vocabulary.count) words (<pad>, <unk> and those seen at least "
        + "\(minCount ?? (vectorsPath == nil ? 2 : 1)) times), vectors \(vectorsNote)")
    print(
      "Training: \(epochs) epochs, batches of \(batchSize), Adam rate "
        + "\(String(format: "%g", rate)), seed \(seed), backend \(backend)")

    var progress = BatchProgress()
    var trainingSeconds = 0.0
    try trainSentimentClassifier(
      network, on: train, validation: dev, settings: settings, seed: seed,
      onBatch: { progress.show($0, epochs: epochs) },
      onEpoch: { report in
        progress.epochLine(report, heldOut: "dev", examples: "sentences")
        trainingSeconds += report.seconds
      })
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
    if show > 0 && !wrong.isEmpty {
      print("\nMisclassified dev sentences:")
      for index in wrong.prefix(show) {
        let label = sentences.dev[index].label == 1 ? "positive" : "negative"
        print("  [\(label), taken for the other] \(sentences.dev[index].text)")
      }
    }
    return 0
  }
}
