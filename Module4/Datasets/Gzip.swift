import CZlib

/// gzip compression and decompression through the system's zlib (the `CZlib` system-library
/// target).
///
/// A gzip file (RFC 1952) is a 10-byte header starting with the magic bytes 1F 8B, DEFLATE-
/// compressed data, and a trailer with a CRC-32 and the uncompressed length. zlib's `inflate`
/// reads all three when it is started with window bits 15 + 16 ("a 32 KiB window, gzip
/// wrapping"), and checks the CRC for us. Several gzip members in a row (`cat a.gz b.gz`) are one
/// valid gzip file; they are inflated one after the other.
public enum Gzip {
  /// Whether `bytes` starts with gzip's magic bytes 1F 8B. Readers decide by these bytes, not by
  /// a file's name.
  public static func isCompressed(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
  }

  /// The uncompressed contents of the gzip data `bytes`, read from `source` (a path, used only in
  /// error messages).
  ///
  /// Throws `DataError.truncatedGzip` when the data stops before the end of its last member and
  /// `DataError.corruptGzip` when it is damaged (a bad header, bad DEFLATE data, a wrong CRC or
  /// length, or bytes after the last member that are not another member).
  public static func decompress(_ bytes: [UInt8], source: String) throws -> [UInt8] {
    guard bytes.count <= Int(UInt32.max) else {
      throw DataError.corruptGzip(path: source, reason: "larger than 4 GiB, too large to read")
    }
    var stream = z_stream()
    let started = inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    guard started == Z_OK else {
      throw DataError.corruptGzip(path: source, reason: "zlib could not start (code \(started))")
    }
    defer { inflateEnd(&stream) }

    // The last four bytes hold the uncompressed length modulo 2³²: a good first guess, trusted
    // up to 64 times the compressed size (so a damaged trailer cannot reserve gigabytes).
    let lengthHint =
      bytes.count >= 4 ? bytes.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) } : 0
    var output: [UInt8] = []
    output.reserveCapacity(min(lengthHint, 64 * bytes.count))
    var chunk = [UInt8](repeating: 0, count: 1 << 16)

    try bytes.withUnsafeBufferPointer { input in
      stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
      stream.avail_in = uInt(input.count)
      while true {
        let status = chunk.withUnsafeMutableBufferPointer { out in
          stream.next_out = out.baseAddress
          stream.avail_out = uInt(out.count)
          return inflate(&stream, Z_NO_FLUSH)
        }
        output.append(contentsOf: chunk[..<(chunk.count - Int(stream.avail_out))])
        switch status {
        case Z_OK:
          continue
        case Z_STREAM_END:
          let rest = Int(stream.avail_in)
          if rest == 0 {
            return
          }
          let next = Array(bytes.suffix(rest).prefix(2))
          guard isCompressed(next) else {
            throw DataError.corruptGzip(
              path: source, reason: "\(rest) bytes after the end of the gzip data")
          }
          inflateReset(&stream)
        case Z_BUF_ERROR where stream.avail_in == 0:
          throw DataError.truncatedGzip(path: source)
        default:
          let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
          throw DataError.corruptGzip(path: source, reason: message)
        }
      }
    }
    return output
  }

  /// `bytes` compressed as one gzip member (zlib's default level), the inverse of `decompress`.
  public static func compress(_ bytes: [UInt8]) -> [UInt8] {
    precondition(bytes.count <= Int(UInt32.max), "gzip compresses at most 4 GiB at once here")
    var stream = z_stream()
    let started = deflateInit2_(
      &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
      Int32(MemoryLayout<z_stream>.size))
    precondition(started == Z_OK, "zlib could not start compressing (code \(started))")
    defer { deflateEnd(&stream) }
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    bytes.withUnsafeBufferPointer { input in
      stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
      stream.avail_in = uInt(input.count)
      var status = Z_OK
      while status == Z_OK {
        status = chunk.withUnsafeMutableBufferPointer { out in
          stream.next_out = out.baseAddress
          stream.avail_out = uInt(out.count)
          return deflate(&stream, Z_FINISH)
        }
        output.append(contentsOf: chunk[..<(chunk.count - Int(stream.avail_out))])
      }
      precondition(status == Z_STREAM_END, "zlib failed while compressing (code \(status))")
    }
    return output
  }
}
