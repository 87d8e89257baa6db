/// The shape of a `SentimentCNN`.
public struct SentimentCNNArchitecture: Sendable, Equatable, CustomStringConvertible {
  /// The number of words of the vocabulary (rows of the embedding, padding and unknown word
  /// included).
  public let words: Int
  /// The length of each word vector (the convolutions' input channels).
  public let dimension: Int
  /// The widths of the filters, in words.
  public let filterWidths: [Int]
  /// Filters per width (each width's output channels).
  public let filters: Int
  /// The probability that dropout zeroes a feature while training.
  public let dropout: Double

  /// A shape; see the properties. Kim's choices were widths 3, 4, 5, 100 filters each, dropout
  /// 0.5.
  public init(
    words: Int, dimension: Int, filterWidths: [Int] = [3, 4, 5], filters: Int = 100,
    dropout: Double = 0.5
  ) {
    precondition(words > 2, "the vocabulary needs words besides <pad> and <unk>, got \(words)")
    precondition(dimension > 0, "word vectors need at least one number, got \(dimension)")
    precondition(
      !filterWidths.isEmpty && filterWidths.allSatisfy { $0 > 0 },
      "filter widths must be positive, got \(filterWidths)")
    precondition(filters > 0, "each width needs at least one filter, got \(filters)")
    precondition(
      dropout >= 0 && dropout < 1, "the dropout rate must be in [0, 1), got \(dropout)")
    self.words = words
    self.dimension = dimension
    self.filterWidths = filterWidths
    self.filters = filters
    self.dropout = dropout
  }

  /// The widest filter: the shortest a padded sentence may be.
  public var widestFilter: Int { filterWidths.max() ?? 1 }

  /// `sentence CNN: embedding 18000×50, conv1d 50→100 widths 3, 4, 5, ReLU, max over time,
  /// dropout 0.5, linear 300→1`.
  public var description: String {
    "sentence CNN: embedding \(words)×\(dimension), conv1d \(dimension)→\(filters) widths "
      + "\(filterWidths.map(String.init).joined(separator: ", ")), ReLU, max over time, "
      + "dropout \(dropout), linear \(filters * filterWidths.count)→1"
  }
}

/// The sentiment classifier of Task 4.5: an embedding, one 1-D convolution per filter width
/// with ReLU and max over time, dropout, and a linear layer to one logit per sentence (positive
/// when the logit is above 0). The picture is below.
///
/// A convolutional network that reads sentences (Task 4.5): Kim's sentence CNN (2014), the
/// network of minitorch's sentiment task.
///
/// A sentence of L words becomes L word vectors of D numbers (an embedding), seen as a signal of
/// D channels over L positions. A 1-D convolution of width k slides over it: each filter is a
/// detector for a pattern of k consecutive words ("not very good", "a total mess"). The largest
/// response of each filter anywhere in the sentence (max over time) says whether the pattern
/// occurs, wherever it is, and makes sentences of any length give the same number of features.
/// Filters of several widths (3, 4 and 5 words) look for phrases of several lengths; a linear
/// layer weighs the features into one number, the logit of "positive":
///
///     words (batch, L) → embedding → (batch, L, D) → permute → (batch, D, L)
///       for each width k:  conv1d k → (batch, F, L − k + 1) → ReLU → max over positions → (batch, F)
///       dropout on the features; linear → (batch, 1): the logit, trained with binary cross-entropy
///
/// A linear layer applied to the features of all widths joined together is the same as the sum
/// of one linear layer per width applied to that width's features: x·W = Σₖ xₖ·Wₖ when x is
/// the xₖ side by side and W the Wₖ stacked. The network does the latter, so no tensor has to be
/// concatenated; the three biases add up to one.
public final class SentimentCNN: Module, Layer {
  /// The shape of every layer.
  public let architecture: SentimentCNNArchitecture
  /// The backend the weights live on.
  public let backend: TensorBackend
  /// The word vectors, one row per word of the vocabulary; row 0 (padding) stays zero.
  public let embedding: TensorEmbedding
  /// One convolution per filter width, `dimension` → `filters` channels.
  public let convolutions: [TensorConv1d]
  /// Dropout on the max-pooled features (only while training).
  public let dropout: TensorDropout
  /// One linear layer per filter width, `filters` → 1; their outputs add up to the logit.
  public let outputs: [TensorLinear]

  /// A network of `architecture`'s shape. The embedding starts from `vectors`
  /// (`architecture.words` rows of `architecture.dimension` numbers, for example
  /// `WordVectors.embeddingTable(for:seed:)`) when given, and uniform in ±0.25 otherwise; the
  /// other weights are He-initialised. Everything is drawn from `seed`.
  public init(
    _ architecture: SentimentCNNArchitecture, vectors: [Double]? = nil, seed: UInt64 = 0,
    backend: TensorBackend = .simple
  ) {
    let a = architecture
    self.architecture = a
    self.backend = backend
    if let vectors {
      embedding = TensorEmbedding(
        table: vectors, count: a.words, dimension: a.dimension,
        paddingIndex: Vocabulary.paddingIndex, backend: backend)
    } else {
      embedding = TensorEmbedding(
        count: a.words, dimension: a.dimension, paddingIndex: Vocabulary.paddingIndex,
        seed: seed, backend: backend)
    }
    convolutions = a.filterWidths.enumerated().map { number, width in
      TensorConv1d(
        inChannels: a.dimension, outChannels: a.filters, kernel: width,
        seed: seed &+ 10 &+ UInt64(number), backend: backend)
    }
    dropout = TensorDropout(rate: a.dropout, seed: seed &+ 30)
    outputs = a.filterWidths.indices.map { number in
      TensorLinear(
        a.filters, 1, seed: seed &+ 40 &+ UInt64(number), backend: backend,
        initialization: .he)
    }
  }

  /// Task 4.5: the logits (batch, 1) of a batch of sentences, each a list of word indices, all
  /// of one length of at least the widest filter: embed, permute to (batch, dimension,
  /// length), then for each filter width its convolution, ReLU, max over positions (dim 2),
  /// a view to (batch, filters), dropout and its linear layer; the sum of those outputs.
  public func forward(_ sentences: [[Int]]) -> Tensor {
    let length = sentences.first?.count ?? 0
    precondition(
      !sentences.isEmpty && length >= architecture.widestFilter,
      "SentimentCNN needs at least one sentence, padded to at least "
        + "\(architecture.widestFilter) words (the widest filter), got \(sentences.count) "
        + "sentences of \(length) words")
    // BEGIN SOLUTION Task 4.5
    let batch = sentences.count
    let signal = embedding(sentences).permute(0, 2, 1)
    var logits: Tensor?
    for (convolution, output) in zip(convolutions, outputs) {
      let features = convolution(signal).relu().max(dim: 2).view(batch, architecture.filters)
      let part = output(dropout(features))
      logits = logits.map { $0 + part } ?? part
    }
    return logits!
    // END SOLUTION
  }

  /// `sentence CNN: embedding 18000×50, …`.
  public override var extraDescription: String { architecture.description }
}

/// Sentences as lists of word indices with their labels: what `SentimentCNN` reads.
public struct EncodedSentences: Sendable {
  /// The word indices of each sentence (`Tokenizer` words numbered by a `Vocabulary`), cut to
  /// the maximum length, not padded.
  public let words: [[Int]]
  /// Each sentence's label: 1 positive, 0 negative.
  public let labels: [Int]

  /// The words of `sentences` (by `Tokenizer.words(in:)`) numbered by `vocabulary` (unknown
  /// words become `<unk>`), each cut to its first `maxLength` words.
  public init(_ sentences: [LabelledSentence], vocabulary: Vocabulary, maxLength: Int) {
    precondition(maxLength >= 1, "the maximum sentence length must be at least 1")
    words = sentences.map {
      vocabulary.encode(Array(Tokenizer.words(in: $0.text).prefix(maxLength)))
    }
    labels = sentences.map(\.label)
  }

  /// How many sentences.
  public var count: Int { labels.count }

  /// The sentences at `indices`, padded with `Vocabulary.paddingIndex` to the longest of them
  /// and to at least `minimumLength` words, with their labels.
  public func batch(_ indices: [Int], minimumLength: Int) -> (words: [[Int]], labels: [Int]) {
    let length = Swift.max(minimumLength, indices.map { words[$0].count }.max() ?? 0)
    let padded = indices.map { index in
      words[index]
        + Array(repeating: Vocabulary.paddingIndex, count: length - words[index].count)
    }
    return (padded, indices.map { labels[$0] })
  }
}

extension SentimentCNN {
  /// The predicted label (1 when the logit is above 0) of every sentence of `sentences` and
  /// the mean binary cross-entropy, in batches of `batchSize` with dropout off (the training
  /// flag is restored afterwards).
  public func evaluate(_ sentences: EncodedSentences, batchSize: Int = 100)
    -> ClassifierEvaluation
  {
    let wasTraining = training
    eval()
    defer { if wasTraining { train() } }
    var predictions: [Int] = []
    var totalLoss = 0.0
    var batches = Batches.inOrder(count: sentences.count, size: batchSize)
    for indices in batches.nextEpoch() {
      let (words, labels) = sentences.batch(indices, minimumLength: architecture.widestFilter)
      let logits = self(words)
      totalLoss += sentimentLoss(logits, labels).item() * Double(indices.count)
      predictions += logits.data.values.map { $0 > 0 ? 1 : 0 }
    }
    return ClassifierEvaluation(
      predictions: predictions, labels: sentences.labels,
      loss: sentences.count == 0 ? 0 : totalLoss / Double(sentences.count))
  }

  /// The documented settings (Adam, batches of 50): 4 epochs at rate 0.002. On the
  /// sentence-polarity set the dev accuracy peaks after 3 to 4 epochs (about 74%) and then
  /// slowly falls while the training accuracy approaches 100%: the network starts to memorise.
  public static let recommendedSettings = ClassifierSettings(epochs: 4, batchSize: 50, rate: 0.002)
}

/// The mean binary cross-entropy of `logits` (batch, 1) against `labels`.
func sentimentLoss(_ logits: Tensor, _ labels: [Int]) -> Tensor {
  let targets = Tensor(
    shape: [labels.count, 1], data: labels.map(Double.init), backend: logits.backend)
  return binaryCrossEntropy(logits: logits, targets: targets)
}

/// Trains `network` on `train` in shuffled mini-batches with Adam and binary cross-entropy,
/// measuring `validation` (the dev sentences) after every epoch (see
/// `ClassifierTraining.swift`). Batches are padded to their longest sentence. The shuffles draw
/// from `SplitMix64(seed:)`.
///
/// Returns the last epoch's report (`nil` for 0 epochs). Throws `TrainingDiverged` as soon as
/// a batch's loss is NaN or infinite, or the dev loss runs away (see `DivergenceWatch`).
@discardableResult
public func trainSentimentClassifier(
  _ network: SentimentCNN, on train: EncodedSentences, validation: EncodedSentences,
  settings: ClassifierSettings, seed: UInt64 = 0,
  onBatch: (BatchReport) -> Void = { _ in },
  onEpoch: (EpochReport) -> Void = { _ in }
) throws(TrainingDiverged) -> EpochReport? {
  let optimizer = Adam(network.parameters(), rate: settings.rate)
  return try runTrainingLoop(
    network, optimizer: optimizer,
    batches: .shuffled(count: train.count, size: settings.batchSize, seed: seed),
    epochs: settings.epochs, uninformedLoss: DivergenceWatch.uninformedLoss(classes: 2),
    step: { indices in
      optimizer.zeroGrad()
      let (words, labels) = train.batch(
        indices, minimumLength: network.architecture.widestFilter)
      let logits = network(words)
      let loss = sentimentLoss(logits, labels)
      loss.backward()
      optimizer.step()
      let right = zip(logits.data.values, labels).filter { ($0 > 0 ? 1 : 0) == $1 }.count
      return Measurement(meanLoss: loss.item(), correct: right, count: indices.count)
    },
    evaluate: { network.evaluate(validation).measurement },
    onBatch: onBatch, onEpoch: onEpoch)
}
