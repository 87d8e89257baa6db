import Foundation
import Module4
import Pictures
import Reports

/// `minitorch train --module 4 --dataset digits|fashion`: trains the image classifier of Task
/// 4.5 and shows what it learned (its options: `form`).
enum ImageTraining {
  /// `--data DIR`.
  static let data: Option<URL?> = .path(
    "data", "DIR",
    "read MNIST-format files from DIR instead of a shipped set (train-images-idx3-ubyte, "
      + "train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, plain or "
      + ".gz): the full MNIST or Fashion-MNIST; with --dataset fashion the classes get its names")
  /// `--epochs N`.
  static let epochs: Option<Int?> = .integer(
    "epochs", in: 0...100_000, defaultText: "digits 20, fashion 10",
    "passes over the training images; 0 only with --load, to score the loaded network")
  /// `--batch N`.
  static let batch: Option<Int?> = .integer(
    "batch", in: 1...100_000, defaultText: "32", "images per Adam step")
  /// `--rate R`.
  static let rate: Option<Double?> = .number(
    "rate", in: 1e-9...10, defaultText: "digits 0.001, fashion 0.002", "Adam's learning rate")
  /// `--shift N`.
  static let shift: Option<Int?> = .integer(
    "shift", in: 0...100, defaultText: "digits 1, fashion 0",
    "move each training image by up to N pixels each way, a new random offset each time")
  /// `--hidden N`.
  static let hidden: Option<Int?> = .integer(
    "hidden", in: 1...100_000, defaultText: "64 (small images), 120 (LeNet)",
    "units of the hidden linear layer")
  /// `--validation F`.
  static let validation: Option<Double> = .number(
    "validation", "F", in: 0.01...0.9, default: 0.1,
    "fraction of the training images held out for validation")
  /// `--show N`.
  static let show: Option<Int> = .integer(
    "show", in: 0...100, default: 6, "misclassified test images to draw")
  /// `--save FILE`.
  static let save: Option<OutputFile?> = .outputFile(
    "save", example: "digits.weights",
    "write the trained weights to FILE (a versioned format that records the network's shape; "
      + "see Module4/Models/WeightsFile.swift)")
  /// `--load FILE`.
  static let load: Option<URL?> = .path(
    "load", "FILE",
    "start from the weights in FILE; a file of another shape or version, or a damaged one, is "
      + "refused with a message")

  /// `minitorch train --module 4 [--dataset digits|fashion]`.
  static let form = TrainCommand.Form(
    modules: [4], datasets: ["digits", "fashion"],
    table: OptionTable(
      "train --module 4 [--dataset digits|fashion]",
      Module4Training.common + [
        data.declaration, epochs.declaration, batch.declaration, rate.declaration,
        shift.declaration, hidden.declaration, validation.declaration,
        Module4Training.subset.declaration, show.declaration, save.declaration,
        load.declaration, TrainCommand.seed.declaration, TrainCommand.report.declaration,
      ], fixed: ["module", "dataset"], title: "train --module 4 with --dataset digits or fashion"),
    about: """
      Module 4, images (Task 4.5): trains a LeNet-style network (two convolutions with ReLU
      and max pooling, a hidden linear layer with dropout, a linear layer, logsoftmax) with
      Adam in shuffled mini-batches on digits (8×8, 1500 training and 297 test images; the
      default) or fashion (a 28×28 Fashion-MNIST subset, 5000 and 500), both shipped. Each
      epoch prints the loss, the accuracy on its training batches and on a validation split
      of the training images, and the time; at the end the test images are scored once, with
      a confusion matrix and some misclassified test images drawn in the terminal. The
      network adapts to the image size: the LeNet shape for sides of 16 pixels or more
      (conv 5×5 → pool → conv 5×5 → pool → 120 hidden: for 28×28, sides multiples of 4) and a
      smaller one for small images (conv 3×3 → conv 3×3 → pool → 64 hidden: for 8×8, even
      sides).
      """,
    run: { _, options in try run(options) })

  /// Trains, scores the test images once and prints the confusion matrix and some mistakes;
  /// returns the exit status.
  static func run(_ options: ParsedOptions) throws -> Int32 {
    let name = options[Module4Training.dataset]
    let backend = Module4Training.backends[options[Module4Training.backend]]!
    let folder = options[Self.data]
    let loadFile = options[Self.load]
    let seed = UInt64(options[TrainCommand.seed])
    let reportFile = options[TrainCommand.report]
    if options[Self.epochs] == 0 && loadFile == nil {
      throw UsageError(
        "--epochs 0 trains nothing, so it needs --load FILE: it scores the loaded network; "
          + "without --load the network would be untrained")
    }

    // The data: a shipped set, or a folder of MNIST-format files.
    let source: ImageDataset.Source =
      folder.map { .folder($0) } ?? ImageDataset.Source(name: name)!
    let data = try ImageDataset.load(source)
    let classNames = name == "fashion" ? ImageDataset.fashionClassNames : data.classNames
    let split = data.validationSplit(fraction: options[Self.validation], seed: seed)
    let train =
      options[Module4Training.subset].map {
        split.train.subset(Array(0..<Swift.min($0, split.train.count)))
      }
      ?? split.train

    // The network and its settings.
    let architecture = try ImageClassifierArchitecture(
      height: data.height, width: data.width, classes: 10, hidden: options[Self.hidden])
    let network = ImageClassifier(architecture, seed: seed, backend: backend)
    let recommended = ImageClassifier.recommendedSettings(for: architecture)
    let settings = ClassifierSettings(
      epochs: options[Self.epochs] ?? (loadFile == nil ? recommended.epochs : 0),
      batchSize: options[Self.batch] ?? recommended.batchSize,
      rate: options[Self.rate] ?? recommended.rate,
      maxShift: options[Self.shift] ?? recommended.maxShift)
    guard settings.maxShift < Swift.min(data.height, data.width) else {
      throw UsageError(
        "--shift \(settings.maxShift) would move \(data.height)×\(data.width) images out of "
          + "their frame; give less than \(Swift.min(data.height, data.width))")
    }
    if let loadFile {
      try WeightsFile.load(into: network, architecture: architecture.description, from: loadFile)
      print("Loaded the weights of \(shortName(architecture)) from \(loadFile.path).")
    }

    print("\(architecture)")
    print(
      "Data: \(data.name), \(train.count) training, \(split.validation.count) validation "
        + "and \(data.test.count) test images of \(data.height)×\(data.width)")
    print(
      "Training: \(counted(settings.epochs, "epoch")), batches of \(settings.batchSize), "
        + "Adam rate \(format(settings.rate)), "
        + (settings.maxShift == 0
          ? "no shifts" : "random shifts of up to \(counted(settings.maxShift, "pixel"))")
        + ", seed \(seed), backend \(backend)")

    // Training, epoch by epoch.
    var progress = BatchProgress()
    var trainingSeconds = 0.0
    var epochReports: [EpochReport] = []
    do {
      try trainImageClassifier(
        network, on: train, validation: split.validation, settings: settings, seed: seed,
        onBatch: { progress.show($0, epochs: settings.epochs) },
        onEpoch: { report in
          progress.epochLine(report, heldOut: "validation", examples: "images")
          trainingSeconds += report.seconds
          epochReports.append(report)
        })
    } catch {
      progress.abandon()
      throw DivergedRun(cause: error, epochs: settings.epochs)
    }
    if settings.epochs > 0 {
      // Each epoch's time includes its validation pass, so this is a whole-run figure.
      let imagesPerSecond = Double(train.count * settings.epochs) / trainingSeconds
      print(
        "Trained in \(format(trainingSeconds, digits: 1)) s "
          + "(\(format(trainingSeconds / Double(settings.epochs), digits: 2)) s per epoch, "
          + "\(Int(imagesPerSecond.rounded())) training images per second with validation)")
    }

    // The test images, once.
    let result = network.evaluate(data.test)
    let confusion = ConfusionMatrix(
      truths: data.test.labels, predictions: result.predictions, classNames: classNames)
    print(
      "\nTest accuracy: \(percent(result.accuracy)) (\(result.correct)/\(data.test.count) "
        + "test images, scored once, \(settings.epochs > 0 ? "after training" : "as loaded"))\n")
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
    if options[Self.show] > 0 {
      print(
        misclassified(
          data.test, predictions: result.predictions, names: classNames, options[Self.show]))
    }

    var status: Int32 = 0
    if let reportFile {
      let report = self.report(
        name: data.name,
        facts: [
          "\(architecture)",
          "\(train.count) training, \(split.validation.count) validation and \(data.test.count) "
            + "test images of \(data.height)×\(data.width); \(counted(settings.epochs, "epoch")), "
            + "seed \(seed)",
          "test accuracy \(percent(result.accuracy)) (\(result.correct)/\(data.test.count))",
        ], epochs: epochReports, test: data.test, predictions: result.predictions,
        classNames: classNames, confusion: confusion)
      status = Swift.max(status, ReportFile.write(report, to: reportFile))
    }

    if let saveFile = options[Self.save] {
      let bytes = WeightsFile.encode(network, architecture: architecture.description)
      let written = try saveFile.write(bytes)
      if written.problem == nil {
        print("Saved the weights of \(shortName(architecture)) to \(written.url.path).")
      } else {
        printError("minitorch train: " + written.note("the weights", asked: saveFile))
        status = 1
      }
    }
    return status
  }

  /// `LeNet for 1×28×28`: the network's kind and input size, the start of its description.
  static func shortName(_ architecture: ImageClassifierArchitecture) -> String {
    String(architecture.description.prefix { $0 != ":" })
  }

  /// The report of a run: the loss and accuracy curves of `epochs`, up to 8 misclassified test
  /// images and enough rightly classified ones to make 16, and the confusion matrix.
  static func report(
    name: String, facts: [String], epochs: [EpochReport], test: ImageSet,
    predictions: [Int], classNames: [String], confusion: ConfusionMatrix
  ) -> TrainingReport {
    var report = TrainingReport(title: "Module 4: a convolutional network on \(name)", facts: facts)
    report.charts = ReportFile.curves(
      loss: "mean cross-entropy",
      [
        (
          "training", epochs.map(\.training.meanLoss),
          epochs.map { 100 * ($0.training.accuracy ?? 0) }
        ),
        (
          "validation", epochs.map(\.evaluation.meanLoss),
          epochs.map { 100 * ($0.evaluation.accuracy ?? 0) }
        ),
      ])
    let wrong = test.labels.indices.filter { test.labels[$0] != predictions[$0] }.prefix(8)
    let right = test.labels.indices.filter { test.labels[$0] == predictions[$0] }
      .prefix(16 - wrong.count)
    let gallery = ImageGallery(
      height: test.height, width: test.width,
      samples: (Array(wrong) + Array(right)).map { index in
        .init(
          pixels: Array(test.image(index)), truth: classNames[test.labels[index]],
          prediction: classNames[predictions[index]])
      })
    let shownWrong = gallery.shown.filter { !$0.isRight }.count
    report.gallery = (
      "Test images: \(shownWrong) the network got wrong (red), "
        + "\(gallery.shown.count - shownWrong) it got right",
      gallery
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
