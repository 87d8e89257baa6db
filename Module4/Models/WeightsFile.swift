import Foundation

// Trained weights on disk: a short text header a person can read with `head`, then the numbers.
//
//     minitorch-weights 1                               magic word and format version
//     architecture LeNet for 1×28×28: conv 1→6 …       the network's shape, one line
//     parameters 8                                      how many parameter lines follow
//     conv1.weights 6x1x5x5                             name and shape of each parameter,
//     conv1.bias 6                                      in `namedParameters()` order
//     …
//     values 44426                                      how many numbers follow
//     <44426 × 8 bytes>                                 IEEE 754 binary64, little-endian, each
//                                                       parameter's entries in row-major order
//
// Reading checks everything before it changes anything: the magic word, the version, the
// architecture line against the network's, every name and shape, the number of bytes (a file
// cut short or with bytes left over is refused) and that every number is finite. Any mismatch
// throws a `WeightsFileError` naming the file and what differs; the network keeps its weights.
// A new layout of the file gets a new version number.

/// Saves and loads the weights of a network whose parameters hold tensors, in the versioned
/// format described in `WeightsFile.swift`.
///
/// ```swift
/// try WeightsFile.save(network, architecture: network.architecture.description, to: url)
/// try WeightsFile.load(into: other, architecture: other.architecture.description, from: url)
/// ```
public enum WeightsFile {
  /// The first word of every weights file.
  public static let magic = "minitorch-weights"
  /// The format version this code writes and reads.
  public static let version = 1

  /// The file's bytes for `module`'s parameters (each must hold a `Tensor`), recording
  /// `architecture`, a one-line description of the network's shape.
  public static func encode(_ module: Module, architecture: String) -> Data {
    precondition(
      !architecture.contains("\n"), "the architecture description must be one line")
    let parameters = module.namedParameters()
    var header = "\(magic) \(version)\narchitecture \(architecture)\n"
    header += "parameters \(parameters.count)\n"
    var values: [Double] = []
    for (name, parameter) in parameters {
      let tensor = parameter.value(as: Tensor.self)
      header += "\(name) \(shapeText(tensor.shape))\n"
      values += tensor.data.values
    }
    header += "values \(values.count)\n"
    var data = Data(header.utf8)
    data.reserveCapacity(data.count + 8 * values.count)
    for value in values {
      withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
    }
    return data
  }

  /// Writes `module`'s weights to `url` (replacing the file as a whole, never half-written).
  /// Throws `WeightsFileError.unwritable` when the file cannot be written.
  public static func save(_ module: Module, architecture: String, to url: URL)
    throws(WeightsFileError)
  {
    do {
      try encode(module, architecture: architecture).write(to: url, options: .atomic)
    } catch {
      throw .unwritable(path: url.path, reason: error.localizedDescription)
    }
  }

  /// Reads the file at `url` into `module`, whose shape `architecture` describes. Throws a
  /// `WeightsFileError` (and changes nothing) when the file is missing, unreadable, not a
  /// weights file of this version, or made for another network, or cut short.
  public static func load(into module: Module, architecture: String, from url: URL)
    throws(WeightsFileError)
  {
    let data: Data
    do {
      data = try contentsOfFile(url)
    } catch .missingFile(let path) {
      throw .missingFile(path: path)
    } catch .unreadable(let path, let reason) {
      throw .unreadable(path: path, reason: reason)
    } catch {
      throw .unreadable(path: url.path, reason: error.description)  // no other case is thrown
    }
    try decode(data, into: module, architecture: architecture, source: url.path)
  }

  /// Reads `data`, the bytes of a weights file from `source` (named in errors), into `module`,
  /// as `load(into:architecture:from:)` does.
  public static func decode(
    _ data: Data, into module: Module, architecture: String, source: String
  ) throws(WeightsFileError) {
    let bytes = [UInt8](data)
    var reader = HeaderReader(bytes: bytes, source: source)

    // Line 1: the magic word and the version.
    let first = reader.nextLine()
    let words = first?.split(separator: " ", omittingEmptySubsequences: false) ?? []
    guard words.count == 2, words[0] == magic else {
      throw .notAWeightsFile(path: source)
    }
    guard let found = Int(words[1]) else {
      throw .malformedHeader(path: source, line: 1, expected: "'\(magic) \(version)'")
    }
    guard found == version else {
      throw .unsupportedVersion(path: source, found: found, supported: version)
    }

    // The architecture, then the parameters' names and shapes.
    let stored = try reader.field("architecture", expected: "'architecture <description>'")
    guard stored == architecture else {
      throw .wrongArchitecture(path: source, found: stored, expected: architecture)
    }
    let countText = try reader.field("parameters", expected: "'parameters <count>'")
    guard let count = Int(countText), count >= 0 else {
      throw .malformedHeader(
        path: source, line: reader.lineNumber, expected: "'parameters <count>'")
    }
    var listed: [String] = []
    for _ in 0..<count {
      let number = reader.lineNumber + 1
      guard let line = reader.nextLine(), !line.hasPrefix("values ") else {
        throw .malformedHeader(
          path: source, line: number,
          expected: "a parameter's name and shape ('conv1.weights 6x1x5x5')")
      }
      listed.append(line)
    }
    let parameters = module.namedParameters()
    let tensors = parameters.map { $0.parameter.value(as: Tensor.self) }
    let expected = zip(parameters, tensors).map { "\($0.name) \(shapeText($1.shape))" }
    guard listed == expected else {
      throw .wrongParameters(path: source, found: listed, expected: expected)
    }
    let total = tensors.reduce(0) { $0 + $1.size }
    let valuesText = try reader.field("values", expected: "'values \(total)'")
    guard Int(valuesText) == total else {
      throw .malformedHeader(path: source, line: reader.lineNumber, expected: "'values \(total)'")
    }

    // The numbers.
    let available = bytes.count - reader.position
    guard available >= 8 * total else {
      throw .truncated(path: source, expected: 8 * total, actual: available)
    }
    guard available == 8 * total else {
      throw .trailingBytes(path: source, extra: available - 8 * total)
    }
    var values = [Double](repeating: 0, count: total)
    bytes.withUnsafeBytes { raw in
      for i in 0..<total {
        let bits = raw.loadUnaligned(fromByteOffset: reader.position + 8 * i, as: UInt64.self)
        values[i] = Double(bitPattern: UInt64(littleEndian: bits))
      }
    }
    var start = 0
    for (name, tensor) in zip(parameters.map(\.name), tensors) {
      if let bad = values[start..<(start + tensor.size)].firstIndex(where: { !$0.isFinite }) {
        throw .nonFiniteValue(path: source, parameter: name, index: bad - start)
      }
      start += tensor.size
    }

    // Everything checked: replace the weights.
    start = 0
    for ((_, parameter), tensor) in zip(parameters, tensors) {
      parameter.update(
        Tensor(
          shape: tensor.shape, data: Array(values[start..<(start + tensor.size)]),
          backend: tensor.backend, requiresGrad: true))
      start += tensor.size
    }
  }

  /// `6x1x5x5`: a shape as the header writes it.
  static func shapeText(_ shape: [Int]) -> String {
    shape.map(String.init).joined(separator: "x")
  }

  /// Reads the header line by line.
  private struct HeaderReader {
    let bytes: [UInt8]
    let source: String
    /// Where the next line starts; after the header, where the numbers start.
    var position = 0
    /// The number of the line read last, counting from 1.
    var lineNumber = 0

    init(bytes: [UInt8], source: String) {
      self.bytes = bytes
      self.source = source
    }

    /// The next line without its newline, or `nil` when no complete UTF-8 line is left (the
    /// file ended, or what follows is not text).
    mutating func nextLine() -> String? {
      guard let end = bytes[position...].firstIndex(of: UInt8(ascii: "\n")),
        let line = String(bytes: bytes[position..<end], encoding: .utf8)
      else {
        return nil
      }
      position = end + 1
      lineNumber += 1
      return line
    }

    /// The rest of the next line after `key` and a space; throws `malformedHeader` with
    /// `expected` when the line is missing or starts otherwise.
    mutating func field(_ key: String, expected: String) throws(WeightsFileError) -> String {
      let number = lineNumber + 1
      guard let line = nextLine(), line.hasPrefix(key + " ") else {
        throw .malformedHeader(path: source, line: number, expected: expected)
      }
      return String(line.dropFirst(key.count + 1))
    }
  }
}
