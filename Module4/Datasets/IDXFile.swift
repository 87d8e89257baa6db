import Foundation

/// One file in IDX format, the format MNIST and Fashion-MNIST ship in.
///
/// An IDX file is a 4-byte magic number, then one big-endian 32-bit size per dimension, then the
/// elements in row-major order:
///
///     00 00 | type code | rank | size₁ … size_rank (4 bytes each) | elements
///
/// MNIST's files hold unsigned bytes (type code 0x08): labels have rank 1 (magic 0x00000801),
/// images rank 3 (magic 0x00000803: count, rows, columns). Files may be gzip-compressed; a reader
/// recognises gzip by its magic bytes, whatever the file is called.
public struct IDXFile: Sendable, Equatable {
  /// What an MNIST-format file holds, told apart by the magic number.
  public enum Kind: Sendable, Equatable {
    /// Labels: one byte per item (magic 0x00000801, one dimension).
    case labels
    /// Images: one byte per pixel (magic 0x00000803, three dimensions: count, rows, columns).
    case images

    /// The magic number of a file of this kind.
    public var magic: UInt32 { self == .labels ? 0x0000_0801 : 0x0000_0803 }

    /// The number of dimensions a file of this kind has.
    public var rank: Int { self == .labels ? 1 : 3 }
  }

  /// The size of each dimension, outermost first (for images: count, rows, columns).
  public let dimensions: [Int]
  /// The elements, one unsigned byte each, in row-major order.
  public let bytes: [UInt8]

  /// Reads the IDX file of `kind` at `url`, plain or gzip-compressed.
  ///
  /// Throws a `DataError` when the file is missing or unreadable, damaged as gzip, not IDX, of
  /// the other kind or another element type, or when its size does not match its header.
  public static func read(_ url: URL, as kind: Kind) throws -> IDXFile {
    try IDXFile(parsing: [UInt8](contentsOfFile(url)), as: kind, source: url.path)
  }

  /// Parses the contents of an IDX file of `kind` (plain or gzip-compressed) read from `source`
  /// (a path, used in error messages). Throws a `DataError` as `read(_:as:)` does.
  public init(parsing contents: [UInt8], as kind: Kind, source: String) throws {
    let bytes =
      Gzip.isCompressed(contents) ? try Gzip.decompress(contents, source: source) : contents
    guard bytes.count >= 4 else {
      throw DataError.truncatedHeader(path: source, needed: 4, actual: bytes.count)
    }
    let magic = Self.bigEndianUInt32(bytes, at: 0)
    guard bytes[0] == 0, bytes[1] == 0 else {
      throw DataError.notIDX(path: source, magic: magic)
    }
    guard bytes[2] == 0x08 else {
      throw DataError.unsupportedElementType(path: source, typeCode: bytes[2])
    }
    guard magic == kind.magic else {
      throw DataError.wrongKind(
        path: source, expected: Self.describe(kind.magic), found: Self.describe(magic))
    }

    // The header: the magic number, then one 4-byte size per dimension.
    let headerLength = 4 + 4 * kind.rank
    guard bytes.count >= headerLength else {
      throw DataError.truncatedHeader(path: source, needed: headerLength, actual: bytes.count)
    }
    let dimensions = (0..<kind.rank).map { Int(Self.bigEndianUInt32(bytes, at: 4 + 4 * $0)) }

    // The elements: exactly size₁ × … × size_rank bytes. The sizes come from the file, so their
    // product is checked for overflow.
    var expected = 1
    for size in dimensions {
      let (product, overflow) = expected.multipliedReportingOverflow(by: size)
      guard !overflow else {
        throw DataError.sizeMismatch(
          path: source, dimensions: dimensions, expected: Int.max,
          actual: bytes.count - headerLength)
      }
      expected = product
    }
    let actual = bytes.count - headerLength
    guard actual == expected else {
      throw DataError.sizeMismatch(
        path: source, dimensions: dimensions, expected: expected, actual: actual)
    }
    self.dimensions = dimensions
    self.bytes = Array(bytes[headerLength...])
  }

  /// The 32-bit big-endian number at `offset` of `bytes`.
  private static func bigEndianUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    (0..<4).reduce(0) { $0 << 8 | UInt32(bytes[offset + $1]) }
  }

  /// A magic number in words: "images (magic 0x00000803)", "labels (magic 0x00000801)" or
  /// "IDX data of rank 2 (magic 0x00000802)".
  private static func describe(_ magic: UInt32) -> String {
    let number = hex(magic)
    switch magic {
    case Kind.images.magic: return "images (magic \(number))"
    case Kind.labels.magic: return "labels (magic \(number))"
    default: return "unsigned bytes in \(magic & 0xFF) dimensions (magic \(number))"
    }
  }
}
