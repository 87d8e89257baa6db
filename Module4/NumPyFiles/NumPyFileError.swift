// What can go wrong when tensors are read from or written to NumPy's files: `.npy` (one array)
// and `.npz` (a ZIP archive of `.npy` files). Each case names the file, and inside an archive the
// member too (`w.npy in weights.npz`); `description` is the message to print. Readers throw these
// and never trap or return part of a file.

/// Everything that can be wrong with a NumPy file (`.npy` or `.npz`) being read or written.
public enum NumPyFileError: Error, Equatable, CustomStringConvertible {
  /// No file exists at `path`.
  case missingFile(path: String)
  /// The file exists but cannot be read (permissions, a folder in its place, …).
  case unreadable(path: String, reason: String)
  /// The file cannot be written.
  case unwritable(path: String, reason: String)

  // MARK: .npy

  /// The bytes do not start with the `.npy` magic string `\x93NUMPY`; `start` holds the first
  /// few bytes found instead.
  case notNPY(path: String, start: [UInt8])
  /// A `.npy` format version other than 1.0, 2.0 and 3.0.
  case unsupportedVersion(path: String, major: Int, minor: Int)
  /// The file ends inside its header: `needed` bytes for the magic string, the header's length
  /// and the header, but only `actual` bytes are there.
  case truncatedHeader(path: String, needed: Int, actual: Int)
  /// The header is not the Python dictionary NumPy writes, or a value in it is unusable;
  /// `reason` says what is wrong.
  case malformedHeader(path: String, reason: String)
  /// The array holds numbers of a type other than float64 and float32; `descr` is the type as
  /// the header spells it (`'<i8'`).
  case unsupportedType(path: String, descr: String)
  /// The file ends before the `needed` bytes of data that the header's shape and type promise;
  /// only `actual` follow the header.
  case truncatedData(path: String, shape: [Int], needed: Int, actual: Int)
  /// `extra` bytes follow the data that the header's shape and type promise.
  case trailingBytes(path: String, extra: Int)

  // MARK: .npz

  /// The bytes are not a ZIP archive: no end-of-archive record was found. `start` holds the
  /// first few bytes.
  case notZip(path: String, start: [UInt8])
  /// The ZIP archive's structure is damaged; `reason` says where.
  case corruptArchive(path: String, reason: String)
  /// A member is compressed with a method other than 0 (stored) and 8 (deflated).
  case unsupportedCompression(path: String, member: String, method: Int)
  /// A member is encrypted.
  case encryptedMember(path: String, member: String)
  /// A member's compressed data is damaged; `reason` is what zlib or the sizes said.
  case corruptMember(path: String, member: String, reason: String)
  /// A member's bytes do not have the CRC-32 that the archive records for them.
  case checksumMismatch(path: String, member: String, recorded: UInt32, computed: UInt32)
  /// Two members of the archive have the same array name.
  case duplicateMember(path: String, name: String)
  /// The archive to be written would pass one of the ZIP format's limits without its ZIP64
  /// extension (4 GiB, 65,535 members), which MiniTorch does not write.
  case archiveTooLarge(path: String)

  /// What is wrong and what to do about it, in one or two sentences.
  public var description: String {
    switch self {
    case .missingFile(let path):
      "there is no file at \(path); check the path"
    case .unreadable(let path, let reason):
      "cannot read \(path): \(reason)"
    case .unwritable(let path, let reason):
      "cannot write \(path): \(reason)"
    case .notNPY(let path, let start):
      "\(path) is not a NumPy .npy file: it starts with \(Self.quoted(start)), but a .npy file "
        + "starts with \\x93NUMPY"
        + (start.starts(with: [0x50, 0x4B])
          ? "; it looks like a ZIP archive (.npz): read it with "
            + "Tensor.load(npz:)" : "; write it with np.save")
    case .unsupportedVersion(let path, let major, let minor):
      "\(path) is in .npy format version \(major).\(minor); MiniTorch reads versions 1.0, 2.0 "
        + "and 3.0: save it again with np.save"
    case .truncatedHeader(let path, let needed, let actual):
      "\(path) is cut short: its header needs \(needed) bytes but the file has \(actual); "
        + "save it again"
    case .malformedHeader(let path, let reason):
      "\(path) has a malformed .npy header (\(reason)); save it again with np.save"
    case .unsupportedType(let path, let descr):
      "\(path) holds \(Self.typeName(descr)) (dtype "
        + (descr.hasPrefix("[") ? descr : "'\(descr)'") + "); MiniTorch reads float64 and "
        + "float32 arrays only: in NumPy, "
        + (descr.hasPrefix("[")
          ? "save each field as an array of its own, a['x'].astype(np.float64)"
          : Self.typeName(descr).hasPrefix("complex")
            ? "save the parts as two arrays, a.real and a.imag"
            : "save a.astype(np.float64) instead")
    case .truncatedData(let path, let shape, let needed, let actual):
      "\(path) is cut short: its header promises an array of shape \(Self.tuple(shape)), "
        + "\(needed) bytes of data, but only \(actual) follow; save it again"
    case .trailingBytes(let path, let extra):
      "\(path) has \(extra) \(extra == 1 ? "byte" : "bytes") after the data its header describes; it is not a well-formed "
        + ".npy file"
    case .notZip(let path, let start) where start.starts(with: [0x50, 0x4B, 0x03, 0x04]):
      "\(path) starts like a ZIP archive (.npz) but has no end-of-archive record: it was cut "
        + "short; save it again with np.savez"
    case .notZip(let path, let start) where start.starts(with: NumPyFile.magic.prefix(2)):
      "\(path) is a .npy file, not an .npz archive: read it with Tensor.load(npy:)"
    case .notZip(let path, let start):
      "\(path) is not a NumPy .npz file (a ZIP archive): it starts with \(Self.quoted(start)) "
        + "and has no end-of-archive record; write it with np.savez"
    case .corruptArchive(let path, let reason):
      "\(path) is a damaged ZIP archive (\(reason)); save it again with np.savez"
    case .unsupportedCompression(let path, let member, let method):
      "\(member) in \(path) is compressed with ZIP method \(method); MiniTorch reads stored "
        + "(0) and deflated (8) members, as np.savez and np.savez_compressed write them"
    case .encryptedMember(let path, let member):
      "\(member) in \(path) is encrypted; save the archive again without a password"
    case .corruptMember(let path, let member, let reason):
      "\(member) in \(path) is damaged (\(reason)); save the archive again"
    case .checksumMismatch(let path, let member, let recorded, let computed):
      "\(member) in \(path) is damaged: its CRC-32 is \(hex(computed)) but the archive records "
        + "\(hex(recorded)); save the archive again"
    case .duplicateMember(let path, let name):
      "\(path) holds two arrays named '\(name)'; each name must appear once"
    case .archiveTooLarge(let path):
      "cannot write \(path): the archive would pass 4 GiB or 65,535 arrays, the limits of a ZIP "
        + "file without ZIP64; save the arrays in several files"
    }
  }

  /// A shape as Python writes a tuple: `()`, `(3,)`, `(2, 3)`.
  static func tuple(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
  }

  /// Bytes as Python writes a bytes literal, without the `b`: `'PK\x03\x04'`.
  static func quoted(_ bytes: [UInt8]) -> String {
    let text = bytes.map { byte in
      (0x20..<0x7F).contains(byte) && byte != 0x27 && byte != 0x5C
        ? String(UnicodeScalar(byte))
        : "\\x" + String(hex(UInt32(byte), digits: 2).dropFirst(2)).lowercased()
    }
    return "'" + text.joined() + "'"
  }

  /// What NumPy calls the numbers of the type `descr` (`'<i8'` → `int64 values`).
  static func typeName(_ descr: String) -> String {
    guard !descr.hasPrefix("[") else { return "a structured array (named fields)" }
    var text = Substring(descr)
    if let first = text.first, "<>=|".contains(first) { text = text.dropFirst() }
    guard let kind = text.first else { return "values of type '\(descr)'" }
    let bits = Int(text.dropFirst()).map { String(8 * $0) } ?? ""
    switch kind {
    case "b": return "booleans"
    case "i": return "int\(bits) values"
    case "u": return "uint\(bits) values"
    case "f": return "float\(bits) values"
    case "c": return "complex\(bits) values"
    case "U": return "strings"
    case "S", "a": return "byte strings"
    case "O": return "Python objects"
    case "M": return "dates"
    case "m": return "time spans"
    case "V": return "raw bytes"
    default: return "values of type '\(descr)'"
    }
  }
}
