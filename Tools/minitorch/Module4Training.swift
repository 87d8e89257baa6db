import Foundation
import Module4

/// `minitorch train --module 4`: the convolutional networks of Task 4.5, on images
/// (`ImageTraining`) or sentences (`SentimentTraining`).
enum Module4Training {
  /// The datasets of Module 4.
  static let datasets = ["digits", "fashion", "sentiment"]

  /// The backend the networks train on unless `--backend` says otherwise.
  static let defaultBackend = "fast"

  /// The backends `--backend` accepts, by name.
  static let backends: [String: TensorBackend] = ["simple": .simple, "fast": .fast]

  /// The options of `minitorch train --module 4`, for the command's help.
  static let usage = """
    Module 4 (convolutional networks, Task 4.5):

    usage: minitorch train --module 4 [--dataset digits|fashion] [--data DIR] [--epochs N]
                           [--batch N] [--rate R] [--shift N] [--hidden N] [--validation F]
                           [--subset N] [--show N] [--save FILE] [--load FILE] [--seed N]
                           [--backend B] [--report FILE]
           minitorch train --module 4 --dataset sentiment (--data DIR | --synthetic)
                           [--vectors FILE] [--epochs N] [--batch N] [--rate R] [--filters N]
                           [--dimension N] [--max-length N] [--min-count N] [--subset N]
                           [--show N] [--seed N] [--backend B]

    Images: trains a LeNet-style network (two convolutions with ReLU and max pooling, a hidden
    linear layer with dropout, a linear layer, logsoftmax) with Adam in shuffled mini-batches.
    Each epoch prints the loss, the accuracy on its training batches and on a validation
    split of the training images, and the time; at the end the test images are scored once,
    with a confusion matrix and some misclassified test images drawn in the terminal.
    The network adapts to the image size: the LeNet shape for sides of 16 pixels or more
    (conv 5×5 → pool → conv 5×5 → pool → 120 hidden: for 28×28, sides multiples of 4) and a
    smaller one for small images (conv 3×3 → conv 3×3 → pool → 64 hidden: for 8×8, even sides).

      --dataset S      digits (8×8, 1500 training and 297 test images; the default) or
                       fashion (28×28 Fashion-MNIST subset, 5000 and 500), both shipped
      --data DIR       read MNIST-format files from DIR instead (train-images-idx3-ubyte,
                       train-labels-idx1-ubyte, t10k-images-idx3-ubyte,
                       t10k-labels-idx1-ubyte, plain or .gz): the full MNIST or
                       Fashion-MNIST; with --dataset fashion the classes get its names
      --epochs N       passes over the training images; digits 20, fashion 10
                       (0 with --load: only score the loaded network)
      --batch N        images per Adam step; default 32
      --rate R         Adam's learning rate; digits 0.001, fashion 0.002
      --shift N        move each training image by up to N pixels each way, a new random
                       offset each time; digits 1, fashion 0
      --hidden N       units of the hidden linear layer; default 64 (small), 120 (LeNet)
      --validation F   fraction of the training images held out for validation; default 0.1
      --subset N       train on only the first N training images (after the validation split)
      --show N         misclassified test images to draw; default 6
      --save FILE      write the trained weights to FILE (a versioned format that records
                       the network's shape; see Module4/WeightsFile.swift)
      --load FILE      start from the weights in FILE; a file of another shape or version,
                       or a damaged one, is refused with a message
      --seed N         seed for the weights, dropout, the shuffles and the split; default 0
      --backend B      fast (Module 3's, the default) or simple (Module 2's loops)
      --report FILE    also write FILE, one self-contained HTML page: the loss and accuracy
                       curves, sample test images with the network's answers and the
                       confusion matrix

    Sentences: trains Kim's sentence CNN (word vectors, 1-D convolutions of widths 3, 4 and 5,
    ReLU, max over time, dropout, a linear layer to one logit) on DIR/train.tsv and reports
    the accuracy on DIR/dev.tsv after every epoch (sentence<TAB>label, 1 positive). Fetch the
    Rotten Tomatoes sentence-polarity set with Module4/Data/text/fetch-sentence-polarity.sh DIR.

      --data DIR       the folder with train.tsv and dev.tsv
      --synthetic      train on a small artificial set instead (600 training and 200 dev
                       sentences made from templates; for a quick check)
      --vectors FILE   start the word vectors from a GloVe-format file (word v1 … vD per
                       line); without it the network learns its own, of --dimension numbers
      --epochs N       passes over the training sentences; default 4
      --batch N        sentences per Adam step; default 50
      --rate R         Adam's learning rate; default 0.002
      --filters N      filters per width; default 100
      --dimension N    length of the learned word vectors (without --vectors); default 50
      --max-length N   words kept per sentence; default 60
      --min-count N    a word needs this many training occurrences to get its own vector
                       (rarer words share <unk>'s); default 2 (1 with --vectors)
      --subset N       train on only the first N training sentences
      --show N         misclassified dev sentences to print; default 4
      --seed N         seed for the weights, dropout and the shuffles; default 0
      --backend B      fast (the default) or simple
    """

  /// Whether the command line asks for Module 4 (`--module 4`), without using up any option.
  static func isRequested(_ options: Arguments) -> Bool {
    var copy = options
    return (try? copy.string("module")) == "4"
  }

  /// Runs `minitorch train --module 4 …`; returns the exit status.
  static func run(_ options: inout Arguments) throws -> Int32 {
    _ = try options.int("module", default: 4, in: 4...4)
    let dataset = try options.choice("dataset", from: datasets, default: "digits")
    let backendName = try options.choice(
      "backend", from: backends.keys.sorted(), default: defaultBackend)
    let backend = backends[backendName]!
    if dataset == "sentiment" {
      var copy = options
      if (try? copy.string("report")) != nil {
        throw UsageError(
          "--report draws toy datasets and images; the sentiment run has no report yet")
      }
      return try SentimentTraining.run(&options, backend: backend)
    }
    return try ImageTraining.run(&options, dataset: dataset, backend: backend)
  }
}

/// A progress line for mini-batch training: on a terminal, one line that redraws itself per
/// batch (at most about 20 times a second) and is replaced by the epoch's summary; elsewhere
/// (a log, a pipe, CI) only the epoch summaries.
struct BatchProgress {
  private let interactive = isatty(STDOUT_FILENO) == 1
  private let clock = ContinuousClock()
  private var lastDraw = ContinuousClock.now

  /// Shows how far the epoch has come.
  mutating func show(_ report: ClassifierBatchReport, epochs: Int) {
    guard interactive else { return }
    let now = clock.now
    guard report.batch == report.batches || now - lastDraw > .milliseconds(50) else { return }
    lastDraw = now
    let width = 24
    let filled = width * report.batch / Swift.max(report.batches, 1)
    let bar =
      "[" + String(repeating: "=", count: filled)
      + String(repeating: " ", count: width - filled) + "]"
    print(
      "\r\(bar) epoch \(report.epoch)/\(epochs)  batch \(report.batch)/\(report.batches)"
        + "  loss \(format(report.loss, digits: 4))\u{1B}[K", terminator: "")
    fflush(nil)
  }

  /// Prints an epoch's summary line (over the progress line on a terminal).
  /// `heldOut` names the examples measured after each epoch ("validation", "dev"), `examples`
  /// what they are ("images").
  func epochLine(_ report: ClassifierEpochReport, heldOut: String, examples: String) {
    let epochs = String(report.epochs)
    let epoch =
      String(repeating: " ", count: epochs.count - String(report.epoch).count)
      + String(report.epoch)
    let line =
      "epoch \(epoch)/\(epochs)  loss \(format(report.trainingLoss, digits: 4))"
      + "  training \(percent(report.trainingAccuracy))"
      + "  \(heldOut) \(percent(report.validationAccuracy)) "
      + "(\(report.validationCorrect)/\(report.validationTotal) \(examples))"
      + "  \(format(report.seconds, digits: 2)) s"
    print((interactive ? "\r" : "") + line + (interactive ? "\u{1B}[K" : ""))
  }
}

/// `0.8731` as `87.3%`.
func percent(_ fraction: Double) -> String {
  format(100 * fraction, digits: 1) + "%"
}
