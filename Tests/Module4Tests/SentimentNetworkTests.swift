import Foundation
import Module4
import TestSupport
import Testing

/// The sentiment network of Task 4.5: the embedding lookup and its scatter-add gradient, the
/// encoding of sentences, and a short training run on the synthetic set. Not graded.
@Suite("Task 4.5: the sentiment network", .explainsStops)
struct SentimentNetworkTests {
  /// A table of 5 words with vectors of 3 numbers on `backend`: row w is (10w, 10w + 1, 10w + 2).
  static func table(_ backend: TensorBackend) -> Tensor {
    Tensor(
      shape: [5, 3], data: (0..<5).flatMap { w in (0..<3).map { Double(10 * w + $0) } },
      backend: backend, requiresGrad: true)
  }

  // MARK: the embedding (the backend's gather and scatter-add, on each backend)

  @Test(arguments: gradedBackends)
  func theLookupGathersRows(backend: TensorBackend) {
    let out = embedding(Self.table(backend), indices: [2, 0, 4, 2], shape: [2, 2])
    #expect(out.shape == [2, 2, 3])
    #expect(out.data.values == [20, 21, 22, 0, 1, 2, 40, 41, 42, 20, 21, 22])
  }

  @Test(arguments: gradedBackends)
  func repeatedWordsAddUpTheirGradients(backend: TensorBackend) {
    let table = Self.table(backend)
    let out = embedding(table, indices: [2, 0, 2, 2, 1, 4], shape: [2, 3])
    // Weight each output row by its position + 1, so that each row's share is visible.
    let weights = Tensor(
      shape: [2, 3, 3], data: (0..<6).flatMap { p in Array(repeating: Double(p + 1), count: 3) },
      backend: backend)
    (out * weights).sum().backward()
    let grad = table.grad?.data.values ?? []
    let rows = stride(from: 0, to: 15, by: 3).map { Array(grad[$0..<($0 + 3)]) }
    #expect(rows[0] == [2, 2, 2])  // position 1
    #expect(rows[1] == [5, 5, 5])  // position 4
    #expect(rows[2] == [8, 8, 8])  // positions 0, 2, 3: 1 + 3 + 4
    #expect(rows[3] == [0, 0, 0])  // never looked up
    #expect(rows[4] == [6, 6, 6])  // position 5
  }

  @Test(arguments: gradedBackends)
  func theGradientPassesACentralDifferenceCheck(backend: TensorBackend) {
    forAll(Gen<Int>.ints(in: 0...1000), cases: 30) { seed in
      var rng = SplitMix64(seed: UInt64(seed))
      let indices = (0..<6).map { _ in rng.nextInt(in: 0...3) }  // repeats are likely
      let table = Tensor.rand([4, 2], seed: UInt64(seed), backend: backend)
      try gradCheck(
        { inputs in embedding(inputs[0], indices: indices, shape: [3, 2]) }, [table],
        seed: UInt64(seed), samples: 8)
    }
  }

  @Test(arguments: gradedBackends)
  func thePaddingRowGetsNoGradient(backend: TensorBackend) {
    let table = Self.table(backend)
    embedding(table, indices: [0, 3, 0], shape: [3], paddingIndex: 0).sum().backward()
    let grad = table.grad?.data.values ?? []
    #expect(Array(grad[0..<3]) == [0, 0, 0])
    #expect(Array(grad[9..<12]) == [1, 1, 1])
    #expect(grad[3..<9].allSatisfy { $0 == 0 } && grad[12...].allSatisfy { $0 == 0 })
    // A batch of padding only sends no gradient at all.
    let padded = Self.table(backend)
    embedding(padded, indices: [0, 0], shape: [1, 2], paddingIndex: 0).sum().backward()
    #expect(padded.grad?.data.values == Array(repeating: 0, count: 15))
  }

  @Test func anIndexOutsideTheTableIsReported() async {
    await #expect(processExitsWith: .failure) {
      _ = embedding(Tensor.zeros([3, 2]), indices: [0, 3], shape: [2])
    }
  }

  @Test func theEmbeddingLayerZeroesItsPaddingRow() {
    let layer = TensorEmbedding(count: 6, dimension: 4, paddingIndex: 0, seed: 1)
    let weights = layer.weights.value(as: Tensor.self).data.values
    #expect(Array(weights[0..<4]) == [0, 0, 0, 0])
    #expect(weights[4...].allSatisfy { abs($0) <= 0.25 } && weights[4...].contains { $0 != 0 })
    let out = layer([[1, 2, 0], [5, 0, 0]])
    #expect(out.shape == [2, 3, 4])
    #expect(Array(out.data.values[4..<8]) == Array(weights[8..<12]))
  }

  // MARK: sentences

  @Test func sentencesAreEncodedCutAndPadded() {
    let sentences = [
      LabelledSentence("a good film", label: 1),
      LabelledSentence("a bad bad film , really", label: 0),
    ]
    let vocabulary = Vocabulary(sentences: sentences.map { Tokenizer.words(in: $0.text) })
    let encoded = EncodedSentences(sentences, vocabulary: vocabulary, maxLength: 4)
    #expect(encoded.words.map(\.count) == [3, 4])
    #expect(encoded.labels == [1, 0])
    let batch = encoded.batch([1, 0], minimumLength: 5)
    #expect(batch.words.map(\.count) == [5, 5])
    #expect(batch.words[1].suffix(2) == [Vocabulary.paddingIndex, Vocabulary.paddingIndex])
    #expect(batch.labels == [0, 1])
    #expect(encoded.batch([0], minimumLength: 2).words == [encoded.words[0]])
  }

  @Test func theNetworkGivesOneLogitPerSentence() {
    let shape = SentimentCNNArchitecture(
      words: 10, dimension: 4, filterWidths: [2, 3], filters: 3, dropout: 0.5)
    #expect(
      shape.description
        == "sentence CNN: embedding 10×4, conv1d 4→3 widths 2, 3, ReLU, max over time, "
        + "dropout 0.5, linear 6→1")
    let network = SentimentCNN(shape, seed: 0)
    network.eval()
    let logits = network([[1, 2, 3, 0], [4, 5, 6, 7]])
    #expect(logits.shape == [2, 1])
    #expect(network.namedParameters().count == 1 + 2 * 2 + 2 * 2)
    let vectors = (0..<40).map { Double($0) / 40 }
    let preset = SentimentCNN(shape, vectors: vectors, seed: 0)
    #expect(
      Array(preset.embedding.weights.value(as: Tensor.self).data.values[4...])
        == Array(vectors[4...]))
  }

  @Test func aShortRunLearnsTheSyntheticSet() throws {
    let set = SentimentDataset.synthetic(trainCount: 120, devCount: 60, seed: 3)
    let vocabulary = Vocabulary(sentences: set.train.map { Tokenizer.words(in: $0.text) })
    let train = EncodedSentences(set.train, vocabulary: vocabulary, maxLength: 20)
    let dev = EncodedSentences(set.dev, vocabulary: vocabulary, maxLength: 20)
    let network = SentimentCNN(
      SentimentCNNArchitecture(
        words: vocabulary.count, dimension: 8, filterWidths: [2, 3], filters: 4, dropout: 0.25),
      seed: 0, backend: .fast)
    let before = network.evaluate(dev).accuracy
    let last = try trainSentimentClassifier(
      network, on: train, validation: dev,
      settings: ClassifierSettings(epochs: 3, batchSize: 20, rate: 0.02), seed: 0)
    let report = try #require(last)
    let after = try #require(report.evaluation.accuracy)
    #expect(after >= 0.8, "dev accuracy \(after) after 3 epochs (it was \(before) untrained)")
    #expect(network.evaluate(dev).accuracy == after)
  }
}
