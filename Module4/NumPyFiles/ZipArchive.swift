// A ZIP archive (PKWARE's APPNOTE), the container of NumPy's `.npz` files, read from its
// central directory:
//
//     local header 1, data 1        PK\3\4, then the member's name and its bytes (stored or
//     local header 2, data 2        deflated); sizes here may be zero or 0xFFFFFFFF, with the
//     …                             real ones in the central directory (NumPy writes the latter)
//     central directory             PK\1\2 per member: method, CRC-32, compressed and
//                                   uncompressed sizes, name, where its local header starts
//     [ZIP64 end record, locator]   64-bit counts and offsets, for archives past 4 GiB
//     end of central directory      PK\5\6: how many members, where the directory starts
//
// A reader finds the end record by searching backwards from the end of the file (an archive
// comment of up to 65,535 bytes may follow it), walks the central directory, and for each
// member skips its local header (whose name and extra field may differ in length from the
// directory's) to reach the data. All numbers are little-endian. Every offset and length is
// checked against the file before it is used, and each member's CRC-32 against its bytes.

/// Reads and writes the ZIP archives that hold `.npz` files.
enum ZipArchive {
  /// One file in an archive: its name and its (uncompressed) bytes.
  struct Member: Equatable {
    let name: String
    let contents: [UInt8]
  }

  // The signatures that start each record.
  static let localHeaderSignature = 0x0403_4B50
  static let directoryEntrySignature = 0x0201_4B50
  static let endSignature = 0x0605_4B50
  static let zip64EndSignature = 0x0606_4B50
  static let zip64LocatorSignature = 0x0706_4B50
  /// A 16- or 32-bit field holding this says the real value is in a ZIP64 field.
  static let zip64Marker16 = 0xFFFF
  static let zip64Marker32 = 0xFFFF_FFFF

  /// The members of the archive `bytes`, from `source` (named in errors), in the central
  /// directory's order; folders are left out.
  ///
  /// Throws `NumPyFileError.notZip` when there is no end record, `corruptArchive` when a record
  /// or a range is out of place, and for a member: `encryptedMember`, `unsupportedCompression`
  /// (a method other than stored and deflated), `corruptMember` or `checksumMismatch`.
  static func members(of bytes: [UInt8], source: String) throws(NumPyFileError) -> [Member] {
    let reader = LittleEndian(bytes: bytes)
    let (count, start) = try directory(of: reader, source: source)
    var position = start
    var members: [Member] = []
    for _ in 0..<count {
      let entry = try DirectoryEntry(reading: reader, at: &position, source: source)
      if entry.name.hasSuffix("/") && entry.size == 0 {
        continue  // a folder
      }
      members.append(
        Member(name: entry.name, contents: try entry.contents(in: reader, source: source)))
    }
    return members
  }

  /// What the central directory says about one member.
  private struct DirectoryEntry {
    let name: String
    let flags: Int
    let method: Int
    let crc: UInt32
    let compressedSize: Int
    let size: Int
    /// Where the member's local header starts.
    let localOffset: Int

    /// The entry at `position`, which moves on to the next entry.
    init(reading reader: LittleEndian, at position: inout Int, source: String)
      throws(NumPyFileError)
    {
      guard reader.integer(at: position, size: 4) == directoryEntrySignature,
        let flags = reader.integer(at: position + 8, size: 2),
        let method = reader.integer(at: position + 10, size: 2),
        let crc = reader.integer(at: position + 16, size: 4),
        let compressedSize = reader.integer(at: position + 20, size: 4),
        let size = reader.integer(at: position + 24, size: 4),
        let nameLength = reader.integer(at: position + 28, size: 2),
        let extraLength = reader.integer(at: position + 30, size: 2),
        let commentLength = reader.integer(at: position + 32, size: 2),
        let localOffset = reader.integer(at: position + 42, size: 4),
        let nameBytes = reader.slice(at: position + 46, count: nameLength),
        let extra = reader.slice(at: position + 46 + nameLength, count: extraLength)
      else {
        throw .corruptArchive(
          path: source, reason: "the central directory is cut short at byte \(position)")
      }
      position += 46 + nameLength + extraLength + commentLength
      // Flag bit 11 says the name is UTF-8; older archives use code page 437, the same as
      // ASCII for the names NumPy writes.
      name =
        String(bytes: nameBytes, encoding: .utf8)
        ?? String(String.UnicodeScalarView(nameBytes.map { Unicode.Scalar($0) }))
      (self.flags, self.method, self.crc) = (flags, method, UInt32(crc))

      // The ZIP64 extra field (id 1) holds, in this order, each 64-bit value whose 32-bit
      // field is 0xFFFFFFFF.
      var values = [size, compressedSize, localOffset]
      if let zip64 = extraField(1, in: extra) {
        let wide = LittleEndian(bytes: zip64)
        var field = 0
        for k in values.indices where values[k] == zip64Marker32 {
          guard let value = wide.integer(at: field, size: 8) else {
            throw .corruptArchive(path: source, reason: "the ZIP64 sizes of \(name) are cut short")
          }
          values[k] = value
          field += 8
        }
      }
      (self.size, self.compressedSize, self.localOffset) = (values[0], values[1], values[2])
    }

    /// The member's bytes, found after its local header (whose name and extra field may
    /// differ in length from the directory's), inflated if deflated, and checked against the
    /// CRC-32.
    func contents(in reader: LittleEndian, source: String) throws(NumPyFileError) -> [UInt8] {
      guard flags & 1 == 0 else { throw .encryptedMember(path: source, member: name) }
      guard method == 0 || method == 8 else {
        throw .unsupportedCompression(path: source, member: name, method: method)
      }
      guard reader.integer(at: localOffset, size: 4) == localHeaderSignature,
        let nameLength = reader.integer(at: localOffset + 26, size: 2),
        let extraLength = reader.integer(at: localOffset + 28, size: 2),
        let stored = reader.slice(
          at: localOffset + 30 + nameLength + extraLength, count: compressedSize)
      else {
        throw .corruptArchive(
          path: source, reason: "the local header or the data of \(name) is missing or cut short")
      }
      let contents: [UInt8]
      if method == 0 {
        guard compressedSize == size else {
          throw .corruptMember(
            path: source, member: name,
            reason: "stored with \(compressedSize) bytes but recorded as \(size)")
        }
        contents = stored
      } else {
        do {
          contents = try RawDeflate.decompress(stored, expectedCount: size)
        } catch {
          throw .corruptMember(path: source, member: name, reason: error.reason)
        }
      }
      let computed = RawDeflate.checksum(contents)
      guard computed == crc else {
        throw .checksumMismatch(path: source, member: name, recorded: crc, computed: computed)
      }
      return contents
    }
  }

  /// How many members the central directory lists and where it starts, from the end record
  /// (and the ZIP64 end record when the end record's fields say to look there).
  private static func directory(of reader: LittleEndian, source: String) throws(NumPyFileError)
    -> (count: Int, start: Int)
  {
    let bytes = reader.bytes
    // The end record is 22 bytes and a comment of up to 65,535 bytes may follow it.
    let lowest = max(0, bytes.count - 22 - 0xFFFF)
    let found = stride(from: bytes.count - 22, through: lowest, by: -1).first { end in
      guard reader.integer(at: end, size: 4) == endSignature,
        let comment = reader.integer(at: end + 20, size: 2)
      else { return false }
      return end + 22 + comment <= bytes.count
    }
    guard let end = found else {
      throw .notZip(path: source, start: Array(bytes.prefix(8)))
    }
    let disk = reader.integer(at: end + 4, size: 2)!
    let directoryDisk = reader.integer(at: end + 6, size: 2)!
    var count = reader.integer(at: end + 10, size: 2)!
    var start = reader.integer(at: end + 16, size: 4)!
    guard disk == 0, directoryDisk == 0, reader.integer(at: end + 8, size: 2) == count else {
      throw .corruptArchive(path: source, reason: "it is one part of an archive split in parts")
    }
    if count == zip64Marker16 || start == zip64Marker32,
      reader.integer(at: end - 20, size: 4) == zip64LocatorSignature,
      let zip64End = reader.integer(at: end - 12, size: 8)
    {
      guard reader.integer(at: zip64End, size: 4) == zip64EndSignature,
        let wideCount = reader.integer(at: zip64End + 32, size: 8),
        let wideStart = reader.integer(at: zip64End + 48, size: 8)
      else {
        throw .corruptArchive(path: source, reason: "its ZIP64 end record is missing")
      }
      (count, start) = (wideCount, wideStart)
    }
    return (count, start)
  }

  /// The data of the extra field with `id` among the fields `extra` (each an id, a length and
  /// that many bytes), or `nil`.
  private static func extraField(_ id: Int, in extra: [UInt8]) -> [UInt8]? {
    let fields = LittleEndian(bytes: extra)
    var position = 0
    while let fieldID = fields.integer(at: position, size: 2),
      let length = fields.integer(at: position + 2, size: 2)
    {
      if fieldID == id { return fields.slice(at: position + 4, count: length) }
      position += 4 + length
    }
    return nil
  }
}

/// Little-endian integers and byte ranges read from bytes, `nil` when out of range.
struct LittleEndian {
  let bytes: [UInt8]

  /// The unsigned integer of `size` bytes (at most 8) at `offset`, least significant first.
  func integer(at offset: Int, size: Int) -> Int? {
    guard offset >= 0, offset <= bytes.count - size else { return nil }
    var value: UInt64 = 0
    for i in (0..<size).reversed() {
      value = value << 8 | UInt64(bytes[offset + i])
    }
    return value <= UInt64(Int.max) ? Int(value) : nil
  }

  /// The `count` bytes at `offset`.
  func slice(at offset: Int, count: Int) -> [UInt8]? {
    guard offset >= 0, count >= 0, offset <= bytes.count - count else { return nil }
    return Array(bytes[offset..<(offset + count)])
  }
}
