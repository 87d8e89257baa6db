// Writing a ZIP archive: each member as a local header, its name and its bytes (stored as they
// are, or deflated), then the central directory and the end record (see `ZipArchive.swift`).
// Every member carries the same time stamp, 1 January 1980 at midnight (the earliest ZIP can
// say, and what NumPy writes too), so the same arrays always make the same bytes.

extension ZipArchive {
  /// "Version 2.0 of the format is needed": deflate, folders, nothing newer.
  static let versionNeeded = 20
  /// Made on Unix (3) by format version 2.0, so that the permissions below are read.
  static let versionMadeBy = 3 << 8 | 20
  /// An ordinary file readable by everyone and writable by its owner (rw-r--r--), as a Unix
  /// mode in the upper 16 bits.
  static let fileAttributes = 0o100644 << 16
  /// 1 January 1980 in MS-DOS's date format: (year − 1980) << 9 | month << 5 | day.
  static let date = 1 << 5 | 1

  /// The bytes of a ZIP archive of `members`, in order, each deflated when `compressed` is
  /// true (method 8) and stored as it is otherwise (method 0). `nil` when the archive would
  /// need ZIP64 (more than 65,535 members, or 4 GiB or more), which this writer does not do.
  static func archive(of members: [Member], compressed: Bool) -> [UInt8]? {
    let limit = zip64Marker32
    guard members.count < zip64Marker16 else { return nil }
    var bytes: [UInt8] = []
    var directory: [UInt8] = []
    for member in members {
      let name = Array(member.name.utf8)
      guard member.contents.count < limit, name.count < zip64Marker16 else { return nil }
      let data = compressed ? RawDeflate.compress(member.contents) : member.contents
      guard bytes.count + 30 + name.count + data.count < limit else { return nil }
      // Flag bit 11: the name is UTF-8 (only said when it is not plain ASCII).
      let flags = name.allSatisfy { $0 < 0x80 } ? 0 : 1 << 11
      // What the local header and the directory entry share, from "version needed" on.
      var common = field(versionNeeded, 2) + field(flags, 2) + field(compressed ? 8 : 0, 2)
      common += field(0, 2) + field(date, 2)
      common += field(Int(RawDeflate.checksum(member.contents)), 4)
      common += field(data.count, 4) + field(member.contents.count, 4) + field(name.count, 2)
      common += field(0, 2)  // no extra field

      directory += field(directoryEntrySignature, 4) + field(versionMadeBy, 2) + common
      directory += field(0, 2) + field(0, 2) + field(0, 2)  // comment, disk, internal attributes
      directory += field(fileAttributes, 4) + field(bytes.count, 4) + name
      bytes += field(localHeaderSignature, 4) + common + name + data
    }
    guard bytes.count + directory.count < limit else { return nil }
    var end = field(endSignature, 4) + field(0, 2) + field(0, 2)  // this disk, the directory's
    end += field(members.count, 2) + field(members.count, 2)  // members: on this disk, in all
    end += field(directory.count, 4) + field(bytes.count, 4) + field(0, 2)  // no comment
    return bytes + directory + end
  }

  /// `value` as a little-endian field of `size` bytes.
  private static func field(_ value: Int, _ size: Int) -> [UInt8] {
    (0..<size).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
  }
}
