import CZlib

/// DEFLATE data without a wrapper, and the CRC-32 checksum, through the system's zlib: what a
/// ZIP archive's members hold (method 8) and how it checks them.
///
/// gzip (see `Gzip`) wraps DEFLATE data in a header and a trailer; ZIP keeps its own header per
/// member and stores the bare DEFLATE stream. zlib reads and writes a bare stream when it is
/// started with negative window bits: −15 means a 32 KiB window and no wrapper.
enum RawDeflate {
  /// Why data could not be inflated: zlib's message, or what the sizes said.
  struct Failure: Error, Equatable {
    let reason: String
  }

  /// DEFLATE can expand data at most about 1032 times (a run of 258 bytes coded in 2 bits), so a
  /// member that claims more than this is damaged, and no memory is reserved for its claim.
  static let largestRatio = 1032

  /// `bytes` compressed as a bare DEFLATE stream at zlib's default level (6), as Python's
  /// `zipfile` compresses `np.savez_compressed`'s members.
  static func compress(_ bytes: [UInt8]) -> [UInt8] {
    precondition(bytes.count < Int(UInt32.max), "a ZIP member holds less than 4 GiB here")
    var stream = z_stream()
    let started = deflateInit2_(
      &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
      Int32(MemoryLayout<z_stream>.size))
    precondition(started == Z_OK, "zlib could not start compressing (code \(started))")
    defer { deflateEnd(&stream) }
    // deflateBound is an upper bound on the compressed size, so one call finishes.
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))))
    let status = bytes.withUnsafeBufferPointer { input in
      output.withUnsafeMutableBufferPointer { out in
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.avail_in = uInt(input.count)
        stream.next_out = out.baseAddress
        stream.avail_out = uInt(out.count)
        return deflate(&stream, Z_FINISH)
      }
    }
    precondition(status == Z_STREAM_END, "zlib failed while compressing (code \(status))")
    output.removeLast(Int(stream.avail_out))
    return output
  }

  /// The `expectedCount` bytes that the bare DEFLATE stream `bytes` holds. Throws a `Failure`
  /// when the stream is damaged, ends early, or holds more or fewer bytes than expected.
  static func decompress(_ bytes: [UInt8], expectedCount: Int) throws(Failure) -> [UInt8] {
    guard expectedCount / largestRatio <= bytes.count else {
      throw Failure(
        reason: "\(bytes.count) compressed bytes cannot hold the \(expectedCount) it claims")
    }
    var stream = z_stream()
    let started = inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    guard started == Z_OK else { throw Failure(reason: "zlib could not start (code \(started))") }
    defer { inflateEnd(&stream) }
    // One byte more than expected, so that a stream holding more is noticed.
    var output = [UInt8](repeating: 0, count: expectedCount + 1)
    // zlib counts what it is given in 32 bits: the input and the output go in in pieces.
    let piece = 1 << 30
    var (inputLeft, outputLeft) = (bytes.count, output.count)
    let status = bytes.withUnsafeBufferPointer { input in
      output.withUnsafeMutableBufferPointer { out in
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.next_out = out.baseAddress
        while true {
          if stream.avail_in == 0 {
            stream.avail_in = uInt(min(piece, inputLeft))
            inputLeft -= Int(stream.avail_in)
          }
          if stream.avail_out == 0 {
            stream.avail_out = uInt(min(piece, outputLeft))
            outputLeft -= Int(stream.avail_out)
          }
          let status = inflate(&stream, Z_NO_FLUSH)
          if status != Z_OK { return status }
        }
      }
    }
    let produced = Int(stream.total_out)
    switch status {
    case Z_STREAM_END where produced == expectedCount:
      output.removeLast()
      return output
    case Z_STREAM_END:
      throw Failure(reason: "it inflates to \(produced) bytes, not the \(expectedCount) recorded")
    case Z_BUF_ERROR where produced == output.count:
      throw Failure(reason: "it inflates to more than the \(expectedCount) bytes recorded")
    case Z_BUF_ERROR:
      throw Failure(reason: "its compressed data ends early")
    default:
      throw Failure(reason: stream.msg.map { String(cString: $0) } ?? "zlib error \(status)")
    }
  }

  /// The CRC-32 of `bytes` (the checksum of ZIP, gzip and PNG), computed by zlib.
  static func checksum(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBufferPointer { buffer in
      var crc = crc32(0, nil, 0)
      // zlib takes at most 4 GiB per call.
      for start in stride(from: 0, to: buffer.count, by: 1 << 30) {
        let length = min(1 << 30, buffer.count - start)
        crc = crc32(crc, buffer.baseAddress! + start, uInt(length))
      }
      return UInt32(truncatingIfNeeded: crc)
    }
  }
}
