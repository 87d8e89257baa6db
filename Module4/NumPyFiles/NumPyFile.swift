import Foundation

// NumPy's `.npy` file: one array, as `np.save` writes it and `np.load` reads it.
//
//     \x93NUMPY                 6 bytes: the magic string
//     01 00                     the format version, major and minor (1.0, 2.0 or 3.0)
//     76 00                     the header's length: 2 bytes little-endian in version 1.0,
//                               4 bytes in versions 2.0 and 3.0
//     {'descr': '<f8', …}       the header, a Python dictionary (see `NPYHeader.swift`), padded
//                               with spaces and a newline so the data starts at a multiple of 64
//                               bytes (16 in files of old NumPy versions; any length is read)
//     <the entries>             size × item-size bytes, row-major or column-major
//
// Versions 1.0 and 2.0 differ only in the size of the length field; version 3.0's header is
// UTF-8 instead of Latin-1. MiniTorch writes version 1.0 (2.0 for a header too long for it, as
// NumPy does), float64, little-endian, row-major: byte for byte what `np.save` writes for the
// same array. It reads float64 and float32 in either byte order and either storage order; a
// float32 is widened to the float64 of the same value, exactly. A 0-d array (shape `()`, what
// `np.save(f, 3.5)` writes) becomes a tensor of shape [1], since tensors here always have a
// dimension; it is written back with shape `(1,)`.

/// Reads and writes NumPy's `.npy` format: the bytes of one array. `Tensor.load(npy:)` and
/// `save(npy:)` read and write files of it.
public enum NumPyFile {
  /// The six bytes every `.npy` file starts with: 0x93 and `NUMPY`.
  public static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

  /// The bytes of a `.npy` file holding `tensor`'s entries as float64, in row-major order, with
  /// its shape: what NumPy's `np.save` writes for the same array.
  public static func encode(_ tensor: Tensor) -> [UInt8] {
    let text = Array(NPYHeader(float64Shape: tensor.shape).text.utf8)
    // Magic, version, length field, text, then spaces and a newline up to a multiple of 64.
    var lengthField = 2
    var padding = 64 - (magic.count + 2 + lengthField + text.count + 1) % 64
    if text.count + 1 + padding > Int(UInt16.max) {
      lengthField = 4
      padding = 64 - (magic.count + 2 + lengthField + text.count + 1) % 64
    }
    let headerLength = text.count + padding + 1
    var bytes = magic + [lengthField == 2 ? 1 : 2, 0]
    bytes += (0..<lengthField).map { UInt8(truncatingIfNeeded: headerLength >> (8 * $0)) }
    bytes += text + Array(repeating: UInt8(ascii: " "), count: padding) + [UInt8(ascii: "\n")]
    // Each entry's IEEE 754 bits, little-endian, in row-major order: on a little-endian
    // machine (every Mac and PC) the numbers' own bytes.
    #if _endian(big)
      let entries = tensor.data.values.map { $0.bitPattern.littleEndian }
      entries.withUnsafeBytes { bytes.append(contentsOf: $0) }
    #else
      tensor.data.values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    #endif
    return bytes
  }

  /// The tensor stored in `bytes`, the contents of a `.npy` file from `source` (a path, used
  /// only in error messages), on `backend`.
  ///
  /// Throws a `NumPyFileError` naming `source` when the bytes are not a `.npy` file
  /// (`notNPY`), are in another format version, are cut short in the header or the data, have
  /// a malformed header or bytes after the data, hold a type other than float64 and float32
  /// (`unsupportedType`). An array with a dimension of size 0 is read as an empty tensor of
  /// its shape.
  public static func decode(_ bytes: [UInt8], source: String, backend: TensorBackend = .simple)
    throws(NumPyFileError) -> Tensor
  {
    let (header, dataStart) = try readHeader(bytes, source: source)
    guard let element = header.elementType else {
      throw .unsupportedType(path: source, descr: header.descr)
    }
    let (type, bigEndian) = element
    var count = 1
    var needed = type.size
    for size in header.shape {
      let (product, overflow) = count.multipliedReportingOverflow(by: size)
      guard !overflow, product <= Int.max / 8 else {
        throw .malformedHeader(
          path: source, reason: "shape \(NumPyFileError.tuple(header.shape)) is too large")
      }
      count = product
      needed = product * type.size
    }
    let actual = bytes.count - dataStart
    guard actual >= needed else {
      throw .truncatedData(path: source, shape: header.shape, needed: needed, actual: actual)
    }
    guard actual == needed else {
      throw .trailingBytes(path: source, extra: actual - needed)
    }
    var values = readValues(bytes, from: dataStart, count: count, type: type, bigEndian: bigEndian)
    let shape = header.shape.isEmpty ? [1] : header.shape
    if header.fortranOrder && shape.count > 1 {
      values = rowMajor(fromColumnMajor: values, shape: shape)
    }
    return Tensor(shape: shape, data: values, backend: backend)
  }

  /// The header of the `.npy` bytes and where the data starts after it.
  static func readHeader(_ bytes: [UInt8], source: String) throws(NumPyFileError)
    -> (NPYHeader, dataStart: Int)
  {
    guard bytes.starts(with: magic.prefix(bytes.count)) else {
      throw .notNPY(path: source, start: Array(bytes.prefix(8)))
    }
    guard bytes.count >= magic.count + 2 else {
      throw .truncatedHeader(path: source, needed: magic.count + 4, actual: bytes.count)
    }
    let (major, minor) = (Int(bytes[6]), Int(bytes[7]))
    guard [1, 2, 3].contains(major), minor == 0 else {
      throw .unsupportedVersion(path: source, major: major, minor: minor)
    }
    let lengthField = major == 1 ? 2 : 4
    let headerStart = magic.count + 2 + lengthField
    guard bytes.count >= headerStart else {
      throw .truncatedHeader(path: source, needed: headerStart, actual: bytes.count)
    }
    let length = (0..<lengthField).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
    let dataStart = headerStart + length
    guard bytes.count >= dataStart else {
      throw .truncatedHeader(path: source, needed: dataStart, actual: bytes.count)
    }
    let textBytes = bytes[headerStart..<dataStart]
    // Versions 1.0 and 2.0 are Latin-1, where each byte is the character of the same number.
    let text =
      major == 3
      ? String(bytes: textBytes, encoding: .utf8)
      : String(String.UnicodeScalarView(textBytes.map { Unicode.Scalar($0) }))
    guard let text else {
      throw .malformedHeader(path: source, reason: "a version 3.0 header that is not UTF-8")
    }
    return (try NPYHeader(parsing: text, source: source), dataStart)
  }

  /// `count` numbers of `type` stored from byte `start` of `bytes`, as Doubles.
  private static func readValues(
    _ bytes: [UInt8], from start: Int, count: Int, type: NPYElementType, bigEndian: Bool
  ) -> [Double] {
    [Double](unsafeUninitializedCapacity: count) { values, initialized in
      bytes.withUnsafeBytes { raw in
        let data = UnsafeRawBufferPointer(rebasing: raw[start...])
        switch type {
        case .float64 where bigEndian == (1.bigEndian == 1):
          // Stored in this machine's byte order: the bytes are the numbers.
          UnsafeMutableRawBufferPointer(values).copyMemory(
            from: UnsafeRawBufferPointer(rebasing: data.prefix(8 * count)))
        case .float64:
          for i in 0..<count {
            let bits = data.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)
            values[i] = Double(
              bitPattern: bigEndian ? UInt64(bigEndian: bits) : UInt64(littleEndian: bits))
          }
        case .float32:
          for i in 0..<count {
            let bits = data.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)
            values[i] = Double(
              Float(bitPattern: bigEndian ? UInt32(bigEndian: bits) : UInt32(littleEndian: bits)))
          }
        }
      }
      initialized = count
    }
  }

  /// The entries of an array of `shape` in row-major order, given them in column-major order.
  ///
  /// In column-major order the entry at index (i₀, …, iₙ₋₁) sits at position
  /// i₀ + s₀·(i₁ + s₁·(i₂ + …)): the strides are 1, s₀, s₀s₁, …. Walking the indices in
  /// row-major order, the position moves by the stride of each dimension that steps.
  static func rowMajor(fromColumnMajor values: [Double], shape: [Int]) -> [Double] {
    var strides = [Int](repeating: 1, count: shape.count)
    for dimension in shape.indices.dropFirst() {
      strides[dimension] = strides[dimension - 1] * shape[dimension - 1]
    }
    var index = [Int](repeating: 0, count: shape.count)
    var position = 0
    var result: [Double] = []
    result.reserveCapacity(values.count)
    for _ in values.indices {
      result.append(values[position])
      var dimension = shape.count - 1
      while dimension >= 0 {
        index[dimension] += 1
        position += strides[dimension]
        if index[dimension] < shape[dimension] { break }
        position -= strides[dimension] * shape[dimension]
        index[dimension] = 0
        dimension -= 1
      }
    }
    return result
  }
}
