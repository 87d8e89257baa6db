import Foundation
import Module4
import TestSupport
import Testing

/// The image classifier of Task 4.5 and what surrounds it: its two shapes, a short training run,
/// the weights file, the confusion matrix and the images drawn in the terminal. Not graded.
@Suite("Task 4.5: the image classifier", .explainsStops)
struct ImageClassifierTests {
  /// A small network for 8×8 images: few channels and hidden units, on the fast backend, so
  /// that debug builds train it in a moment.
  static func tinyNetwork(seed: UInt64 = 0, hidden: Int = 16) throws -> ImageClassifier {
    let shape = try ImageClassifierArchitecture(
      height: 8, width: 8, channels: (4, 8), hidden: hidden)
    return ImageClassifier(shape, seed: seed, backend: .fast)
  }

  /// All parameters of `network`, entry by entry.
  static func weights(_ network: Module) -> [[Double]] {
    network.parameters().map { $0.value(as: Tensor.self).data.values }
  }

  // MARK: the shapes

  @Test func theNetworkAdaptsToTheImageSize() throws {
    let lenet = try ImageClassifierArchitecture(height: 28, width: 28)
    #expect(lenet.layout == .lenet)
    #expect(lenet.featureMapSize.height == 5 && lenet.featureMapSize.width == 5)
    #expect(lenet.features == 400)
    #expect(
      lenet.description
        == "LeNet for 1×28×28: conv 1→6 5×5 pad 2, ReLU, maxpool 2, conv 6→16 5×5, ReLU, "
        + "maxpool 2, linear 400→120, ReLU, dropout, linear 120→10, logsoftmax")
    let small = try ImageClassifierArchitecture(height: 8, width: 8)
    #expect(small.layout == .small)
    #expect(small.features == 32 * 4 * 4)
    #expect(try ImageClassifierArchitecture(height: 32, width: 20).features == 16 * 6 * 3)
    #expect(try ImageClassifierArchitecture(height: 6, width: 10).features == 32 * 3 * 5)
  }

  @Test func sizesThatPoolingCannotHalveAreRefused() {
    for (height, width) in [(27, 27), (30, 28), (7, 8), (2, 2), (8, 9)] {
      #expect(throws: UnsupportedImageSize(height: height, width: width)) {
        try ImageClassifierArchitecture(height: height, width: width)
      }
    }
    #expect(UnsupportedImageSize(height: 27, width: 27).description.contains("multiples of 4"))
  }

  @Test func theForwardPassGivesLogProbabilitiesPerImage() throws {
    for (height, width) in [(8, 8), (16, 12)] {
      let shape = try ImageClassifierArchitecture(
        height: height, width: width, channels: (2, 3), hidden: 5)
      let network = ImageClassifier(shape, seed: 1)
      network.eval()
      let images = Tensor.rand([3, 1, height, width], seed: 2)
      let out = network(images)
      #expect(out.shape == [3, 10])
      for row in 0..<3 {
        let total = (0..<10).reduce(0.0) { $0 + Foundation.exp(out[row, $1]) }
        #expect(abs(total - 1) < 1e-9, "row \(row) of exp(output) sums to \(total)")
      }
    }
  }

  @Test func evaluationSwitchesDropoutOffAndRestoresTheMode() throws {
    let network = try Self.tinyNetwork()
    let digits = try ImageDataset.load(.digits)
    let few = digits.test.subset(Array(0..<20))
    let first = network.evaluate(few)
    #expect(network.training, "evaluate must leave a training network in training mode")
    #expect(network.evaluate(few) == first, "without dropout, evaluating twice must agree")
    #expect(first.predictions.count == 20)
    #expect(first.correct == zip(first.predictions, few.labels).filter { $0 == $1 }.count)
  }

  // MARK: training

  @Test func aShortRunImprovesTheValidationAccuracy() throws {
    let digits = try ImageDataset.load(.digits)
    let (train, held) = digits.validationSplit(fraction: 0.1, seed: 0)
    let few = train.subset(Array(0..<160))
    let validation = held.subset(Array(0..<80))
    let network = try Self.tinyNetwork(hidden: 24)
    let before = network.evaluate(validation).accuracy
    var reports: [EpochReport] = []
    var batches = 0
    let last = try trainImageClassifier(
      network, on: few, validation: validation,
      settings: ClassifierSettings(epochs: 3, batchSize: 20, rate: 0.02), seed: 0,
      onBatch: { _ in batches += 1 }, onEpoch: { reports.append($0) })
    #expect(batches == 3 * 8)
    #expect(reports.map(\.epoch) == [1, 2, 3])
    #expect(reports.allSatisfy { $0.training.count == 160 && $0.evaluation.count == 80 })
    let report = try #require(last)
    let after = try #require(report.evaluation.accuracy)
    #expect(
      after >= 0.5 && after > before + 0.3,
      "validation accuracy went from \(before) to \(after) in 3 epochs on 160 digits")
    #expect(reports[2].training.meanLoss < reports[0].training.meanLoss)
  }

  @Test func theSameSeedGivesTheSameRun() throws {
    let digits = try ImageDataset.load(.digits)
    let few = digits.train.subset(Array(0..<48))
    let settings = ClassifierSettings(epochs: 1, batchSize: 16, rate: 0.01, maxShift: 1)
    var runs: [[[Double]]] = []
    for _ in 0..<2 {
      let network = try Self.tinyNetwork()
      try trainImageClassifier(
        network, on: few, validation: few.subset([0]), settings: settings, seed: 5)
      runs.append(Self.weights(network))
    }
    #expect(runs[0] == runs[1], "two runs with seed 5 ended with different weights")
  }

  @Test func aLossThatBecomesNaNStopsTheRun() throws {
    let digits = try ImageDataset.load(.digits)
    let few = digits.train.subset(Array(0..<32))
    let network = try Self.tinyNetwork()
    let bias = network.linear2.bias
    bias.update(Tensor(shape: [10], data: Array(repeating: .nan, count: 10), backend: .fast))
    do {
      try trainImageClassifier(
        network, on: few, validation: few,
        settings: ClassifierSettings(epochs: 2, batchSize: 16, rate: 0.5))
      Issue.record("a NaN loss did not stop the run")
    } catch {
      #expect(error.epoch == 1 && error.batch == 1 && error.loss.isNaN && error.rate == 0.5)
      #expect(error.description.contains("at epoch 1, batch 1, "), "\(error)")
    }
  }

  @Test func predictionsAreTheFirstLargestOutput() throws {
    let digits = try ImageDataset.load(.digits)
    let few = digits.test.subset(Array(0..<12))
    let network = try Self.tinyNetwork()
    network.eval()
    let outputs = network(few.batch(Array(0..<12), backend: .fast).images)
    let classes = outputs.shape[1]
    let expected = (0..<12).map { row in
      let scores = Array(outputs.data.values[(row * classes)..<((row + 1) * classes)])
      return scores.firstIndex(of: scores.max()!)!
    }
    #expect(network.evaluate(few, batchSize: 5).predictions == expected)
  }

  @Test func shiftsMoveImagesAndFillWithBackground() {
    let image = Tensor(shape: [1, 1, 3, 3], data: (1...9).map(Double.init))
    var rng = SplitMix64(seed: 0)
    #expect(randomlyShifted(image, maxShift: 0, using: &rng) === image)
    var seen = Set<[Double]>()
    for _ in 0..<200 {
      let moved = randomlyShifted(image, maxShift: 1, using: &rng).data.values
      seen.insert(moved)
      // Every pixel is 0 or the pixel one step away in a single direction pair (dy, dx).
      let offsets = (-1...1).flatMap { dy in (-1...1).map { dx in (dy, dx) } }
      let matches = offsets.filter { dy, dx in
        (0..<3).allSatisfy { i in
          (0..<3).allSatisfy { j in
            let (si, sj) = (i - dy, j - dx)
            let expected =
              (0..<3).contains(si) && (0..<3).contains(sj) ? Double(si * 3 + sj + 1) : 0
            return moved[i * 3 + j] == expected
          }
        }
      }
      #expect(matches.count == 1, "\(moved) is not the image moved by one offset")
    }
    #expect(seen.count == 9, "all nine offsets should occur, saw \(seen.count)")
  }

  // MARK: the weights file

  @Test func weightsSurviveASaveAndALoad() throws {
    let folder = try DataFolder()
    defer { folder.remove() }
    let trained = try Self.tinyNetwork(seed: 1)
    let fresh = try Self.tinyNetwork(seed: 2)
    #expect(Self.weights(trained) != Self.weights(fresh), "two seeds gave the same weights")
    let url = folder.url.appendingPathComponent("tiny.weights")
    let architecture = trained.architecture.description
    try WeightsFile.save(trained, architecture: architecture, to: url)
    try WeightsFile.load(into: fresh, architecture: architecture, from: url)
    #expect(Self.weights(trained) == Self.weights(fresh), "the loaded weights differ")
    #expect(fresh.parameters().allSatisfy { $0.value(as: Tensor.self).requiresGrad })
    trained.eval()
    fresh.eval()
    let images = Tensor.rand([2, 1, 8, 8], seed: 3, backend: .fast)
    #expect(trained(images).data.values == fresh(images).data.values)
  }

  @Test func theHeaderIsReadableText() throws {
    let network = try Self.tinyNetwork()
    let data = WeightsFile.encode(network, architecture: "tiny")
    let text = String(decoding: data.prefix(400), as: UTF8.self)
    let lines = text.split(separator: "\n").prefix(4).map(String.init)
    #expect(
      Array(lines) == [
        "minitorch-weights 1", "architecture tiny", "parameters 8", "conv1.weights 4x1x3x3",
      ])
    let count = network.parameters().reduce(0) { $0 + $1.value(as: Tensor.self).size }
    #expect(text.contains("\nvalues \(count)\n"))
  }

  /// Loads `bytes` into a tiny network with architecture `"tiny"` and returns the error, after
  /// checking that the network kept its weights.
  static func rejection(_ bytes: Data, architecture: String = "tiny") throws -> WeightsFileError? {
    let network = try tinyNetwork(seed: 7)
    let before = weights(network)
    do {
      try WeightsFile.decode(bytes, into: network, architecture: architecture, source: "w.bin")
      return nil
    } catch {
      #expect(weights(network) == before, "a refused file (\(error)) must change nothing")
      return error
    }
  }

  /// `data` with the first occurrence of `old` replaced by `new` (in the header).
  static func replacing(_ old: String, with new: String, in data: Data) -> Data {
    let bytes = [UInt8](data)
    let pattern = [UInt8](old.utf8)
    guard
      let start = (0...(bytes.count - pattern.count)).first(where: {
        Array(bytes[$0..<($0 + pattern.count)]) == pattern
      })
    else { return data }
    return Data(bytes[..<start] + Array(new.utf8) + bytes[(start + pattern.count)...])
  }

  @Test func everyDamagedOrForeignFileIsRefusedWithItsReason() throws {
    let network = try Self.tinyNetwork()
    let good = WeightsFile.encode(network, architecture: "tiny")
    let count = network.parameters().reduce(0) { $0 + $1.value(as: Tensor.self).size }
    let dataStart = good.count - 8 * count

    #expect(try Self.rejection(good) == nil)
    #expect(try Self.rejection(Data()) == .notAWeightsFile(path: "w.bin"))
    #expect(
      try Self.rejection(Data([0x1F, 0x8B, 8, 0, 10, 0, 0])) == .notAWeightsFile(path: "w.bin"))
    #expect(
      try Self.rejection(
        Self.replacing("minitorch-weights 1", with: "minitorch-weights 2", in: good))
        == .unsupportedVersion(path: "w.bin", found: 2, supported: 1))
    #expect(
      try Self.rejection(
        Self.replacing("minitorch-weights 1", with: "minitorch-weights x", in: good))
        == .malformedHeader(path: "w.bin", line: 1, expected: "'minitorch-weights 1'"))
    #expect(
      try Self.rejection(good, architecture: "other")
        == .wrongArchitecture(path: "w.bin", found: "tiny", expected: "other"))
    #expect(
      try Self.rejection(Self.replacing("parameters 8", with: "params 8", in: good))
        == .malformedHeader(path: "w.bin", line: 3, expected: "'parameters <count>'"))
    let reshaped = Self.replacing("conv1.weights 4x1x3x3", with: "conv1.weights 4x1x9x1", in: good)
    guard case .wrongParameters(_, let found, let expected)? = try Self.rejection(reshaped) else {
      Issue.record("a parameter of another shape was not reported as wrongParameters")
      return
    }
    #expect(found.first == "conv1.weights 4x1x9x1" && expected.first == "conv1.weights 4x1x3x3")
    #expect(
      try Self.rejection(good.prefix(good.count - 8))
        == .truncated(path: "w.bin", expected: 8 * count, actual: 8 * count - 8))
    #expect(
      try Self.rejection(good.prefix(dataStart - 3))
        == .malformedHeader(path: "w.bin", line: 12, expected: "'values \(count)'"))
    #expect(try Self.rejection(good + Data([0])) == .trailingBytes(path: "w.bin", extra: 1))
    var nan = good
    withUnsafeBytes(of: Double.nan.bitPattern.littleEndian) {
      nan.replaceSubrange((dataStart + 8)..<(dataStart + 16), with: $0)
    }
    #expect(
      try Self.rejection(nan)
        == .nonFiniteValue(path: "w.bin", parameter: "conv1.weights", index: 1))
  }

  @Test func fileErrorsNameTheFile() throws {
    let folder = try DataFolder()
    defer { folder.remove() }
    let network = try Self.tinyNetwork()
    let missing = folder.url.appendingPathComponent("none.weights")
    #expect(throws: WeightsFileError.missingFile(path: missing.path)) {
      try WeightsFile.load(into: network, architecture: "tiny", from: missing)
    }
    #expect(
      throws: WeightsFileError.unreadable(
        path: folder.url.path, reason: "it is a folder, not a file")
    ) {
      try WeightsFile.load(into: network, architecture: "tiny", from: folder.url)
    }
    let intoFolder = folder.url.appendingPathComponent("no-such-folder/w.weights")
    do {
      try WeightsFile.save(network, architecture: "tiny", to: intoFolder)
      Issue.record("saving into a missing folder succeeded")
    } catch {
      guard case .unwritable(let path, _) = error else {
        Issue.record("expected unwritable, got \(error)")
        return
      }
      #expect(path == intoFolder.path)
    }
    let messages = [
      WeightsFileError.wrongArchitecture(path: "a.w", found: "x", expected: "y"),
      .truncated(path: "a.w", expected: 16, actual: 8),
      .unsupportedVersion(path: "a.w", found: 9, supported: 1),
    ].map(\.description)
    #expect(messages.allSatisfy { $0.contains("a.w") }, "\(messages)")
  }
}
