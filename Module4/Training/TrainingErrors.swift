import Foundation

// What can go wrong when the classifiers of Task 4.5 are built, saved or loaded (training that
// diverges throws Module 1's `TrainingDiverged`). Each
// error's `description` is the message the command-line tool prints before it exits non-zero.

/// Images whose size the `ImageClassifier` cannot take: its max pooling halves the feature maps
/// and needs even sizes at every step.
public struct UnsupportedImageSize: Error, Equatable, CustomStringConvertible {
  /// The images' height, in pixels.
  public let height: Int
  /// The images' width, in pixels.
  public let width: Int

  /// Images of `height` × `width` pixels.
  public init(height: Int, width: Int) {
    self.height = height
    self.width = width
  }

  /// Says which sizes fit.
  public var description: String {
    "the image classifier cannot take images of \(height)×\(width) pixels: its max pooling "
      + "halves them, so sides of 16 or more (the LeNet shape) must be multiples of 4, such as "
      + "28×28 or 32×32, and smaller sides (the small shape) must be even and at least 4, "
      + "such as 8×8"
  }
}

/// A weights file that cannot be written, or read into the network at hand. Nothing is loaded
/// when one of these is thrown: the network keeps its weights.
public enum WeightsFileError: Error, Equatable, CustomStringConvertible {
  /// No file exists at `path`.
  case missingFile(path: String)
  /// The file exists but cannot be read.
  case unreadable(path: String, reason: String)
  /// The file cannot be written.
  case unwritable(path: String, reason: String)
  /// The file does not start with the magic line `minitorch-weights <version>`.
  case notAWeightsFile(path: String)
  /// The file is a weights file of a format version this program does not read.
  case unsupportedVersion(path: String, found: Int, supported: Int)
  /// The file's header is broken at `line` (counting from 1): `expected` says what should be
  /// there.
  case malformedHeader(path: String, line: Int, expected: String)
  /// The file holds the weights of a network of another shape.
  case wrongArchitecture(path: String, found: String, expected: String)
  /// The file lists parameters with other names or shapes than the network's, although its
  /// architecture line matches (the file was edited, or made by other code).
  case wrongParameters(path: String, found: [String], expected: [String])
  /// The file ends before all the numbers its header announces (`expected` bytes of numbers,
  /// `actual` present): it was cut short.
  case truncated(path: String, expected: Int, actual: Int)
  /// The file has `extra` bytes after the numbers its header announces.
  case trailingBytes(path: String, extra: Int)
  /// A stored weight is NaN or infinite.
  case nonFiniteValue(path: String, parameter: String, index: Int)

  /// What is wrong and what to do about it.
  public var description: String {
    switch self {
    case .missingFile(let path):
      "there is no weights file at \(path); check the path given with --load"
    case .unreadable(let path, let reason):
      "cannot read the weights file \(path): \(reason)"
    case .unwritable(let path, let reason):
      "cannot write the weights file \(path): \(reason)"
    case .notAWeightsFile(let path):
      "\(path) is not a MiniTorch weights file: it does not start with the line "
        + "'\(WeightsFile.magic) <version>'; save one with --save"
    case .unsupportedVersion(let path, let found, let supported):
      "\(path) is a weights file of format version \(found), but this MiniTorch reads "
        + "version \(supported) only; save the weights again with this version"
    case .malformedHeader(let path, let line, let expected):
      "\(path) is a damaged weights file: line \(line) of its header should be \(expected)"
    case .wrongArchitecture(let path, let found, let expected):
      "\(path) holds the weights of another network: the file has '\(found)', but this "
        + "network is '\(expected)'; load it with the dataset (image size) it was trained on"
    case .wrongParameters(let path, let found, let expected):
      "\(path) lists the parameters \(found.joined(separator: ", ")), but the network has "
        + "\(expected.joined(separator: ", ")); the file does not belong to this network"
    case .truncated(let path, let expected, let actual):
      "\(path) is truncated: its header announces \(expected) bytes of weights, but only "
        + "\(actual) follow; save the weights again"
    case .trailingBytes(let path, let extra):
      "\(path) has \(extra) bytes after the weights its header announces; it is not a "
        + "well-formed weights file"
    case .nonFiniteValue(let path, let parameter, let index):
      "\(path) stores a weight that is not a finite number (\(parameter), entry \(index)); "
        + "the network it came from had diverged"
    }
  }
}
