import Foundation
import Module4
import Reports

/// `minitorch train --module 4 --dataset digits|fashion`: trains the image classifier of Task
/// 4.5 and shows what it learned (see `Module4Training.usage`).
enum ImageTraining {
  /// Reads the options after `--dataset` and `--backend`, trains, scores the test images once
  /// and prints the confusion matrix and some mistakes; returns the exit status.
  static func run(_ options: inout Arguments, dataset name: String, backend: TensorBackend)
    throws -> Int32
  {
    let folder = try options.string("data")
    let loadPath = try options.string("load")
    let savePath = try options.string("save")
    let hiddenUnits = try readOptionalInt(&options, "hidden", in: 1...100_000)
    let epochsOption = try readOptionalInt(&options, "epochs", in: 0...100_000)
    let batchOption = try readOptionalInt(&options, "batch", in: 1...100_000)
    let rateOption = try readOptionalDouble(&options, "rate", in: 1e-9...10)
    let shiftOption = try readOptionalInt(&options, "shift", in: 0...100)
    let fraction = try options.double("validation", default: 0.1, in: 0.01...0.9)
    let subset = try readOptionalInt(&options, "subset", in: 1...10_000_000)
    let show = try options.int("show", default: 6, in: 0...100)
    let seed = UInt64(try options.int("seed", default: 0, in: 0...Int.max))
    let reportPath = try options.string("report")
    try options.finish()
    if let reportPath { try ReportFile.checkFolder(of: reportPath) }

    // The data: a shipped set, or a folder of MNIST-format files.
    let source: ImageDataset.Source =
      folder.map { .folder(URL(fileURLWithPath: $0)) } ?? ImageDataset.Source(name: name)!
    let data = try ImageDataset.load(source)
    let classNames = name == "fashion" ? ImageDataset.fashionClassNames : data.classNames
    let split = data.validationSplit(fraction: fraction, seed: seed)
    let train =
      subset.map { split.train.subset(Array(0..<Swift.min($0, split.train.count))) }
      ?? split.train

    // The network and its settings.
    let architecture = try ImageClassifierArchitecture(
      height: data.height, width: data.width, classes: 10, hidden: hiddenUnits)
    let network = ImageClassifier(architecture, seed: seed, backend: backend)
    let recommended = ImageClassifier.recommendedSettings(for: architecture)
    let settings = ClassifierSettings(
      epochs: epochsOption ?? (loadPath == nil ? recommended.epochs : 0),
      batchSize: batchOption ?? recommended.batchSize, rate: rateOption ?? recommended.rate,
      maxShift: shiftOption ?? recommended.maxShift)
    guard settings.maxShift < Swift.min(data.height, data.width) else {
      throw UsageError(
        "--shift \(settings.maxShift) would move \(data.height)×\(data.width) images out of "
          + "their frame; give less than \(Swift.min(data.height, data.width))")
    }
    if let loadPath {
      try WeightsFile.load(
        into: network, architecture: architecture.description,
        from: URL(fileURLWithPath: loadPath))
      print("Loaded the weights from \(loadPath).")
    }

    print("\(architecture)")
    print(
      "Data: \(data.name), \(train.count) training, \(split.validation.count) validation "
        + "and \(data.test.count) test images of \(data.height)×\(data.width)")
    print(
      "Training: \(settings.epochs) epochs, batches of \(settings.batchSize), Adam rate "
        + "\(String(format: "%g", settings.rate)), "
        + (settings.maxShift == 0
          ? "no shifts" : "random shifts of up to \(settings.maxShift) pixel(s)")
        + ", seed \(seed), backend \(backend)")

    // Training, epoch by epoch.
    var progress = BatchProgress()
    var trainingSeconds = 0.0
    var epochReports: [ClassifierEpochReport] = []
    try trainImageClassifier(
      network, on: train, validation: split.validation, settings: settings, seed: seed,
      onBatch: { progress.show($0, epochs: settings.epochs) },
      onEpoch: { report in
        progress.epochLine(report, heldOut: "validation", examples: "images")
        trainingSeconds += report.seconds
        epochReports.append(report)
      })
    if settings.epochs > 0 {
      print(
        "Trained in \(format(trainingSeconds, digits: 1)) s "
          + "(\(format(trainingSeconds / Double(settings.epochs), digits: 2)) s per epoch)")
    }

    // The test images, once.
    let result = network.evaluate(data.test)
    let confusion = ConfusionMatrix(
      truths: data.test.labels, predictions: result.predictions, classNames: classNames)
    print(
      "\nTest accuracy: \(percent(result.accuracy)) (\(result.correct)/\(data.test.count) "
        + "test images, scored once, after training)\n")
    print("Confusion matrix of the test images (rows: true class, columns: predicted):")
    print(confusion)
    let mistakes = confusion.commonestMistakes(limit: 3)
    if !mistakes.isEmpty {
      print(
        "Commonest mistakes: "
          + mistakes.map {
            "\(classNames[$0.truth]) taken for \(classNames[$0.prediction]) "
              + "(\($0.count))"
          }.joined(separator: ", "))
    }
    if show > 0 {
      print(misclassified(data.test, predictions: result.predictions, names: classNames, show))
    }

    if let reportPath {
      let report = self.report(
        name: data.name,
        facts: [
          "\(architecture)",
          "\(train.count) training, \(split.validation.count) validation and \(data.test.count) "
            + "test images of \(data.height)×\(data.width); \(settings.epochs) epochs, seed \(seed)",
          "test accuracy \(percent(result.accuracy)) (\(result.correct)/\(data.test.count))",
        ], epochs: epochReports, test: data.test, predictions: result.predictions,
        classNames: classNames, confusion: confusion)
      try ReportFile.write(report, to: reportPath)
    }

    if let savePath {
      try WeightsFile.save(
        network, architecture: architecture.description, to: URL(fileURLWithPath: savePath))
      print("Saved the weights to \(savePath).")
    }
    return 0
  }

  /// The report of a run: the loss and accuracy curves of `epochs`, up to 8 misclassified test
  /// images and enough rightly classified ones to make 16, and the confusion matrix.
  static func report(
    name: String, facts: [String], epochs: [ClassifierEpochReport], test: ImageSet,
    predictions: [Int], classNames: [String], confusion: ConfusionMatrix
  ) -> TrainingReport {
    var report = TrainingReport(title: "Module 4: a convolutional network on \(name)", facts: facts)
    report.charts = [
      (
        "Loss per epoch (mean cross-entropy)",
        LineChart(
          id: "loss-curve", valueName: "loss",
          series: [
            .init(name: "training", values: epochs.map(\.trainingLoss)),
            .init(name: "validation", values: epochs.map(\.validationLoss)),
          ])
      ),
      (
        "Accuracy per epoch",
        LineChart(
          id: "accuracy-curve", valueName: "correct (%)",
          series: [
            .init(name: "training", values: epochs.map { 100 * $0.trainingAccuracy }),
            .init(name: "validation", values: epochs.map { 100 * $0.validationAccuracy }),
          ], top: 100)
      ),
    ]
    let wrong = test.labels.indices.filter { test.labels[$0] != predictions[$0] }.prefix(8)
    let right = test.labels.indices.filter { test.labels[$0] == predictions[$0] }
      .prefix(16 - wrong.count)
    report.gallery = (
      "Test images: \(wrong.count) the network got wrong (red), \(right.count) it got right",
      ImageGallery(
        height: test.height, width: test.width,
        samples: (Array(wrong) + Array(right)).map { index in
          .init(
            pixels: Array(test.image(index)), truth: classNames[test.labels[index]],
            prediction: classNames[predictions[index]])
        })
    )
    report.confusion = ConfusionTable(classNames: classNames, counts: confusion.counts)
    return report
  }

  /// Up to `count` misclassified images of `images`, drawn side by side (as many as fit in
  /// about 100 columns) with their true and predicted classes.
  static func misclassified(
    _ images: ImageSet, predictions: [Int], names: [String], _ count: Int
  ) -> String {
    let wrong = images.labels.indices.filter { images.labels[$0] != predictions[$0] }
      .prefix(count)
    guard !wrong.isEmpty else { return "\nNo test image was misclassified." }
    var text = "\nMisclassified test images (true class, then the network's answer):"
    let drawingWidth = images.width <= 16 ? 2 * images.width : images.width
    let perRow = Swift.max(1, 100 / (Swift.max(drawingWidth, 20) + 3))
    let rows = stride(from: 0, to: wrong.count, by: perRow).map {
      Array(
        wrong[(wrong.startIndex + $0)..<Swift.min(wrong.startIndex + $0 + perRow, wrong.endIndex)])
    }
    for row in rows {
      let drawings = row.map {
        TerminalImage.lines(images.image($0), height: images.height, width: images.width)
      }
      let captions = row.map { index in
        ["#\(index) true \(names[images.labels[index]])", "    said \(names[predictions[index]])"]
      }
      text += "\n\n" + TerminalImage.sideBySide(drawings, captions: captions)
    }
    return text
  }
}

/// The whole number given for `--name`, or `nil` when absent; it must lie in `range`.
func readOptionalInt(_ options: inout Arguments, _ name: String, in range: ClosedRange<Int>)
  throws -> Int?
{
  let absent = Int.min
  let value = try options.int(name, default: absent, in: range)
  return value == absent ? nil : value
}

/// The number given for `--name`, or `nil` when absent; it must lie in `range`.
func readOptionalDouble(
  _ options: inout Arguments, _ name: String, in range: ClosedRange<Double>
) throws -> Double? {
  let value = try options.double(name, default: .nan, in: range)
  return value.isNaN ? nil : value
}
