import Foundation

/// A set of labelled images for a classifier: training and test images, ten classes.
///
/// Two sets ship with MiniTorch as resources of this module (each with its licence; see
/// `Module4/Data/README.md`), and any folder of MNIST-format files can be read:
///
///     let digits = try ImageDataset.load(.digits)    // 8×8 handwritten digits (the default)
///     let clothes = try ImageDataset.load(.fashion)  // 28×28 Fashion-MNIST subset
///     let mnist = try ImageDataset.load(.folder(URL(fileURLWithPath: "data/mnist")))
///     let (train, validation) = digits.validationSplit(fraction: 0.1, seed: 0)
///
/// Train on `validationSplit`'s training part, choose settings by its validation part, and
/// score the test images once, at the end.
public struct ImageDataset: Sendable {
  /// Where the images come from.
  public enum Source: Sendable, Equatable, CustomStringConvertible {
    /// 1500 training and 297 test handwritten digits of 8×8 pixels (scikit-learn's copy of the
    /// UCI optical digits), shipped with MiniTorch.
    case digits
    /// 5000 training and 500 test clothing images of 28×28 pixels (the first of each split of
    /// Zalando's Fashion-MNIST), shipped with MiniTorch.
    case fashion
    /// A folder holding MNIST's four files, plain or gzip-compressed:
    /// `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`,
    /// `t10k-labels-idx1-ubyte` (a `.gz` suffix, or a dot before `idx`, is also found).
    case folder(URL)

    /// The names of the sets that ship with MiniTorch, as `init?(name:)` accepts them.
    public static let names = ["digits", "fashion"]

    /// The shipped set called `name` ("digits" or "fashion"), or `nil` for any other name.
    public init?(name: String) {
      switch name {
      case "digits": self = .digits
      case "fashion": self = .fashion
      default: return nil
      }
    }

    /// "digits", "fashion" or the folder's path.
    public var description: String {
      switch self {
      case .digits: "digits"
      case .fashion: "fashion"
      case .folder(let url): url.path
      }
    }
  }

  /// The set's name: "digits", "fashion" or the folder's name.
  public let name: String
  /// A name for each class, indexed by label.
  public let classNames: [String]
  /// The training images (split off a validation part with `validationSplit`).
  public let train: ImageSet
  /// The test images: score them once, after training.
  public let test: ImageSet

  /// The height of every image, in pixels.
  public var height: Int { train.height }
  /// The width of every image, in pixels.
  public var width: Int { train.width }

  /// The names of Fashion-MNIST's ten classes, by label.
  public static let fashionClassNames = [
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
  ]

  /// Loads the images from `source`.
  ///
  /// Throws a `DataError` when a file is missing, unreadable or malformed, when an image file and
  /// its label file disagree on the count, when a label is outside 0…9, when the training and
  /// test images differ in size, or when either part is empty.
  public static func load(_ source: Source) throws -> ImageDataset {
    switch source {
    case .digits:
      return try load(
        folder: bundledFolder("digits"), name: "digits", classNames: (0...9).map(String.init))
    case .fashion:
      return try load(
        folder: bundledFolder("fashion-mnist"), name: "fashion", classNames: fashionClassNames)
    case .folder(let url):
      return try load(
        folder: url, name: url.standardizedFileURL.lastPathComponent,
        classNames: (0...9).map(String.init))
    }
  }

  /// The images split into a training part and a validation part, the same way for the same
  /// `seed`.
  ///
  /// Each class gives `fraction` of its images (rounded) to the validation part, chosen by a
  /// Fisher–Yates shuffle of the class's indices drawn from `SplitMix64(seed:)`, so both parts
  /// keep the classes' proportions. Each part keeps the images in file order.
  public func validationSplit(fraction: Double = 0.1, seed: UInt64 = 0) -> (
    train: ImageSet, validation: ImageSet
  ) {
    precondition(
      fraction > 0 && fraction < 1,
      "the validation fraction must be between 0 and 1 (exclusive), but it is \(fraction)")
    var rng = SplitMix64(seed: seed)
    var inValidation = [Bool](repeating: false, count: train.count)
    for label in 0...9 {
      var indices = train.labels.indices.filter { train.labels[$0] == label }
      let taken = Int((Double(indices.count) * fraction).rounded())
      // Fisher–Yates: the first `taken` places become a uniform random sample.
      for place in 0..<taken {
        indices.swapAt(place, rng.nextInt(in: place...(indices.count - 1)))
      }
      for index in indices.prefix(taken) {
        inValidation[index] = true
      }
    }
    let all = Array(train.labels.indices)
    return (
      train.subset(all.filter { !inValidation[$0] }),
      train.subset(all.filter { inValidation[$0] })
    )
  }

  // MARK: - Reading

  /// The folder of a set shipped as a resource of this module. `Bundle.module` finds the
  /// resources next to the executable or in the build folder, whatever the working directory.
  private static func bundledFolder(_ name: String) throws -> URL {
    guard let url = Bundle.module.url(forResource: name, withExtension: nil) else {
      throw DataError.missingResource(name: name)
    }
    return url
  }

  /// Reads the four MNIST-format files in `folder`.
  private static func load(folder: URL, name: String, classNames: [String]) throws
    -> ImageDataset
  {
    try requireFolder(folder)
    let train = try readPart(in: folder, prefix: "train")
    let test = try readPart(in: folder, prefix: "t10k")
    guard train.height == test.height, train.width == test.width else {
      throw DataError.imageSizeMismatch(
        train: [train.height, train.width], test: [test.height, test.width])
    }
    return ImageDataset(name: name, classNames: classNames, train: train, test: test)
  }

  /// Reads `<prefix>-images-idx3-ubyte` and `<prefix>-labels-idx1-ubyte` and checks that they
  /// belong together.
  private static func readPart(in folder: URL, prefix: String) throws -> ImageSet {
    let imageURL = try find(in: folder, "\(prefix)-images", "idx3-ubyte")
    let labelURL = try find(in: folder, "\(prefix)-labels", "idx1-ubyte")
    let images = try IDXFile.read(imageURL, as: .images)
    let labels = try IDXFile.read(labelURL, as: .labels)
    guard images.dimensions[0] == labels.dimensions[0] else {
      throw DataError.countMismatch(
        images: imageURL.path, imageCount: images.dimensions[0],
        labels: labelURL.path, labelCount: labels.dimensions[0])
    }
    guard images.dimensions[0] > 0 else {
      throw DataError.empty(path: imageURL.path)
    }
    if let bad = labels.bytes.firstIndex(where: { $0 > 9 }) {
      throw DataError.labelOutOfRange(
        path: labelURL.path, index: bad, label: Int(labels.bytes[bad]))
    }
    return ImageSet(
      height: images.dimensions[1], width: images.dimensions[2],
      pixels: images.bytes.map { Double($0) / 255 }, labels: labels.bytes.map { Int($0) })
  }

  /// The first of `<stem>-<suffix>`, `<stem>-<suffix>.gz`, `<stem>.<suffix>`,
  /// `<stem>.<suffix>.gz` that exists in `folder`.
  private static func find(in folder: URL, _ stem: String, _ suffix: String) throws -> URL {
    let names = ["-", "."].flatMap { dash in ["", ".gz"].map { stem + dash + suffix + $0 } }
    for name in names {
      let url = folder.appendingPathComponent(name)
      if FileManager.default.fileExists(atPath: url.path) {
        return url
      }
    }
    throw DataError.missingDataFile(folder: folder.path, tried: names)
  }
}
