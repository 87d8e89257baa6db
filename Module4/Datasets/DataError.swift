import Foundation

/// Everything that can be wrong with data read from outside the program: image files in IDX
/// format (plain or gzip), sentence files in TSV format and word vectors in GloVe's text format.
///
/// Each case names the file (or the source a caller gave) and what to fix; `description` is the
/// message the command-line tool prints. Data readers throw these and never trap or return a
/// partial result.
public enum DataError: Error, Equatable, CustomStringConvertible {
  /// No file exists at `path`.
  case missingFile(path: String)
  /// No folder exists at `path`.
  case missingFolder(path: String)
  /// A folder of MNIST-format files lacks one of the four files; `tried` lists the names looked
  /// for.
  case missingDataFile(folder: String, tried: [String])
  /// One of the image sets that ship with MiniTorch is missing from the build's resources.
  case missingResource(name: String)
  /// The file exists but cannot be read (permissions, a folder in its place, …).
  case unreadable(path: String, reason: String)
  /// The file cannot be written.
  case unwritable(path: String, reason: String)
  /// The file starts like gzip but its compressed data is damaged; `reason` is zlib's message.
  case corruptGzip(path: String, reason: String)
  /// The gzip data ends before its end-of-stream marker: the file was cut short.
  case truncatedGzip(path: String)
  /// The file is shorter than an IDX header: `needed` bytes for the magic number and the
  /// dimension sizes, but only `actual` bytes are there.
  case truncatedHeader(path: String, needed: Int, actual: Int)
  /// The file does not start with an IDX magic number (two zero bytes, a type code, a rank).
  case notIDX(path: String, magic: UInt32)
  /// The IDX file stores elements of a type other than unsigned bytes (`typeCode` is not 0x08).
  case unsupportedElementType(path: String, typeCode: UInt8)
  /// The file is an IDX file of the wrong kind: `expected` and `found` describe the magic numbers
  /// (for example labels where images were expected).
  case wrongKind(path: String, expected: String, found: String)
  /// The number of data bytes after the header differs from the product of the dimensions.
  case sizeMismatch(path: String, dimensions: [Int], expected: Int, actual: Int)
  /// An image file and its label file hold different numbers of items.
  case countMismatch(images: String, imageCount: Int, labels: String, labelCount: Int)
  /// A label outside 0…9, at position `index` (counting from 0) of the label file.
  case labelOutOfRange(path: String, index: Int, label: Int)
  /// The training and test images have different sizes (`train` and `test` are height × width).
  case imageSizeMismatch(train: [Int], test: [Int])
  /// The file holds no items at all.
  case empty(path: String)
  /// The text file is not valid UTF-8.
  case notUTF8(path: String)
  /// A line of a `sentence<TAB>label` file has no tab.
  case missingTab(path: String, line: Int)
  /// A line of a `sentence<TAB>label` file has a label other than 0 or 1.
  case badLabel(path: String, line: Int, text: String)
  /// A line of a `sentence<TAB>label` file has nothing before its tab.
  case emptySentence(path: String, line: Int)
  /// A row of a word-vector file has `found` numbers where earlier rows had `expected`.
  case raggedRow(path: String, line: Int, expected: Int, found: Int)
  /// A field of a word-vector file that should be a finite number is not.
  case badNumber(path: String, line: Int, text: String)

  /// What is wrong and what to do about it, in one or two sentences.
  public var description: String {
    switch self {
    case .missingFile(let path):
      "there is no file at \(path); check the path"
    case .missingFolder(let path):
      "there is no folder at \(path); check the path given with --data"
    case .missingDataFile(let folder, let tried):
      "the folder \(folder) has no \(tried.first ?? "data file") (looked for \(tried.joined(separator: ", "))); "
        + "a data folder needs MNIST's four files: train-images-idx3-ubyte, "
        + "train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, "
        + "each plain or gzip-compressed"
    case .missingResource(let name):
      "the image set '\(name)' is missing from MiniTorch's resources; rebuild with swift build"
    case .unreadable(let path, let reason):
      "cannot read \(path): \(reason)"
    case .unwritable(let path, let reason):
      "cannot write \(path): \(reason)"
    case .corruptGzip(let path, let reason):
      "\(path) is gzip-compressed but its data is damaged (\(reason)); download it again"
    case .truncatedGzip(let path):
      "\(path) is gzip-compressed but ends too early (the file was cut short); download it again"
    case .truncatedHeader(let path, let needed, let actual):
      "\(path) is too short for an IDX file: its header needs \(needed) bytes but the file has "
        + "\(actual)"
    case .notIDX(let path, let magic):
      "\(path) is not an IDX file: it starts with \(hex(magic)), but an IDX file starts with "
        + "two zero bytes, a type code and the number of dimensions (0x00000803 for images, "
        + "0x00000801 for labels)"
    case .unsupportedElementType(let path, let typeCode):
      "\(path) stores elements of type \(hex(UInt32(typeCode), digits: 2)) (\(typeName(typeCode))); "
        + "MiniTorch reads only unsigned bytes (type 0x08), as MNIST ships them"
    case .wrongKind(let path, let expected, let found):
      "\(path) holds \(found), but \(expected) were expected; check which file is which"
    case .sizeMismatch(let path, let dimensions, let expected, let actual):
      actual < expected
        ? "\(path) is truncated: its header promises "
          + "\(dimensions.map(String.init).joined(separator: " × ")) = \(expected) bytes of data, "
          + "but only \(actual) follow; download it again"
        : "\(path) has \(actual - expected) bytes more than its header promises "
          + "(\(dimensions.map(String.init).joined(separator: " × ")) = \(expected)); it is not "
          + "a well-formed IDX file"
    case .countMismatch(let images, let imageCount, let labels, let labelCount):
      "\(images) holds \(imageCount) images but \(labels) holds \(labelCount) labels; they must "
        + "come from the same set"
    case .labelOutOfRange(let path, let index, let label):
      "\(path) has the label \(label) at position \(index); labels must be 0…9"
    case .imageSizeMismatch(let train, let test):
      "the training images are \(train.map(String.init).joined(separator: "×")) but the test "
        + "images are \(test.map(String.init).joined(separator: "×")); both must be one size"
    case .empty(let path):
      "\(path) holds no data"
    case .notUTF8(let path):
      "\(path) is not UTF-8 text"
    case .missingTab(let path, let line):
      "\(path), line \(line): expected sentence<TAB>label, but the line has no tab"
    case .badLabel(let path, let line, let text):
      "\(path), line \(line): the label is '\(text)', but it must be 0 (negative) or 1 (positive)"
    case .emptySentence(let path, let line):
      "\(path), line \(line): the sentence before the tab is empty"
    case .raggedRow(let path, let line, _, 0):
      "\(path), line \(line): this row has a word but no numbers; each row is a word and its "
        + "vector"
    case .raggedRow(let path, let line, let expected, let found):
      "\(path), line \(line): this row has \(found) numbers, but the rows before it have "
        + "\(expected); every vector must have the same length"
    case .badNumber(let path, let line, let text):
      "\(path), line \(line): '\(text)' is not a finite number"
    }
  }
}

/// `value` in hexadecimal with a `0x` prefix, zero-padded to `digits` digits: `0x00000803`.
func hex(_ value: UInt32, digits: Int = 8) -> String {
  let text = String(value, radix: 16, uppercase: true)
  return "0x" + String(repeating: "0", count: max(0, digits - text.count)) + text
}

/// The name IDX gives the element type `code`.
private func typeName(_ code: UInt8) -> String {
  switch code {
  case 0x08: "unsigned byte"
  case 0x09: "signed byte"
  case 0x0B: "16-bit integer"
  case 0x0C: "32-bit integer"
  case 0x0D: "32-bit float"
  case 0x0E: "64-bit float"
  default: "not a type IDX defines"
  }
}
