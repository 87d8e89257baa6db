import Foundation
import Module4
import TestSupport
import Testing

/// The given code for NumPy's `.npz` archives (ZIP files of `.npy` members): reading what
/// `np.savez` and `np.savez_compressed` wrote, writing both kinds, and errors that name the
/// archive and the member. Not graded.
@Suite("Given code: NumPy .npz archives", .explainsStops)
struct NumPyArchiveTests {
  // MARK: Reading what NumPy wrote

  @Test(arguments: ["arrays_stored.npz", "arrays_deflated.npz"])
  func archivesReadExactly(name: String) throws {
    let arrays = try Tensor.load(npz: try NumPyFixtures.url(name))
    #expect(Set(arrays.keys) == ["w", "b", "fortran"])
    #expect(arrays["w"]?.shape == [2, 3])
    #expect(arrays["w"]?.data.values == NumPyFixtures.values(6))
    #expect(arrays["b"]?.shape == [3])
    #expect(arrays["b"]?.data.values == NumPyFixtures.float32Values(3))
    #expect(arrays["fortran"]?.shape == [2, 2])
    #expect(arrays["fortran"]?.data.values == NumPyFixtures.values(4))
  }

  @Test func aZIP64DirectoryAndACommentAreRead() throws {
    let arrays = try Tensor.load(npz: try NumPyFixtures.url("zip64_directory.npz"))
    #expect(Array(arrays.keys) == ["v"])
    #expect(arrays["v"]?.data.values == NumPyFixtures.values(3))
  }

  @Test func aMemberOfAnotherTypeIsNamedWithItsArchive() throws {
    let url = try NumPyFixtures.url("with_int64.npz")
    let error = numPyError { _ = try Tensor.load(npz: url) }
    #expect(error == .unsupportedType(path: "labels.npy in \(url.path)", descr: "<i8"))
  }

  // MARK: Writing

  @Test(arguments: [false, true])
  func savedArchivesLoadBack(compressed: Bool) throws {
    let folder = try DataFolder()
    defer { folder.remove() }
    let url = folder.url.appendingPathComponent("net.npz")
    let arrays = [
      "weights": Tensor.rand([3, 4], seed: 2).permute(1, 0),
      "bias": Tensor([0.5, -0.25]),
      "naïve name": Tensor.rand([2, 1, 3], seed: 3),
    ]
    try Tensor.save(npz: arrays, to: url, compressed: compressed)
    let back = try Tensor.load(npz: url)
    #expect(Set(back.keys) == Set(arrays.keys))
    for (name, tensor) in arrays {
      #expect(back[name]?.shape == tensor.shape, "\(name)")
      #expect(back[name]?.data.values == tensor.data.values, "\(name)")
    }
    // The first local header: its method (0 stored, 8 deflated) and the first name in order.
    let bytes = try [UInt8](Data(contentsOf: url))
    #expect(Array(bytes.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
    #expect(bytes[8] == (compressed ? 8 : 0))
    #expect(String(decoding: bytes[30..<38], as: UTF8.self) == "bias.npy")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["net.npz"])
  }

  @Test func compressionShrinksRepetitiveArrays() throws {
    let folder = try DataFolder()
    defer { folder.remove() }
    let (stored, deflated) = (
      folder.url.appendingPathComponent("s.npz"), folder.url.appendingPathComponent("d.npz")
    )
    let arrays = ["zeros": Tensor.zeros([50, 50])]
    try Tensor.save(npz: arrays, to: stored)
    try Tensor.save(npz: arrays, to: deflated, compressed: true)
    let size = { (url: URL) in try Data(contentsOf: url).count }
    #expect(try size(deflated) * 10 < size(stored))
    #expect(
      try Tensor.load(npz: deflated)["zeros"]?.data.values == Array(repeating: 0, count: 2500))
  }

  @Test func anEmptyArchiveRoundTrips() throws {
    let folder = try DataFolder()
    defer { folder.remove() }
    let url = folder.url.appendingPathComponent("empty.npz")
    try Tensor.save(npz: [:], to: url)
    #expect(try Tensor.load(npz: url).isEmpty)
  }

  // MARK: Damaged archives

  @Test func aFlippedByteFailsTheMembersChecksum() throws {
    var bytes = try NumPyFixtures.bytes("arrays_stored.npz")
    let (name, data) = firstMember(of: bytes)
    bytes[data + 128 + 3] ^= 0x10  // inside the first number, after the .npy header
    let error = numPyError { _ = try NumPyArchive.decode(bytes, source: "a.npz") }
    guard case .checksumMismatch(path: "a.npz", member: name, _, _) = error else {
      Issue.record("expected a CRC mismatch in \(name), got \(String(describing: error))")
      return
    }
    #expect(error?.description.contains("\(name) in a.npz is damaged") == true)
  }

  @Test func damagedDeflatedDataNamesTheMember() throws {
    var bytes = try NumPyFixtures.bytes("arrays_deflated.npz")
    let (name, data) = firstMember(of: bytes)
    // A changed bit inside the data inflates to other bytes, which the CRC-32 catches.
    bytes[data + 20] ^= 0xFF
    let message = numPyError { _ = try NumPyArchive.decode(bytes, source: "a.npz") }?.description
    #expect(message?.contains("\(name) in a.npz is damaged") == true, "\(message ?? "")")
    // A first block of type 3 (reserved) is not DEFLATE at all, which zlib catches.
    bytes[data] = 0xFF
    #expect(
      numPyError { _ = try NumPyArchive.decode(bytes, source: "a.npz") }
        == .corruptMember(path: "a.npz", member: name, reason: "invalid block type"))
  }

  @Test(arguments: [
    (20, -10, "ends early"), (24, -5, "more than the"), (24, -1, "176 bytes, not the 175"),
    (24, 1, "176 bytes, not the 177"),
  ])
  func sizesThatDisagreeWithTheDataAreDamage(field: Int, change: Int, words: String) throws {
    // The first directory entry's compressed size (byte 20) or uncompressed size (byte 24).
    var bytes = try NumPyFixtures.bytes("arrays_deflated.npz")
    let entry = try #require(offsets(of: [0x50, 0x4B, 0x01, 0x02], in: bytes).first)
    bytes[entry + field] = UInt8(Int(bytes[entry + field]) + change)
    guard
      case .corruptMember(path: "a.npz", _, let reason) = numPyError({
        _ = try NumPyArchive.decode(bytes, source: "a.npz")
      })
    else {
      Issue.record("a wrong size was not reported as a damaged member")
      return
    }
    #expect(reason.contains(words), "\(reason)")
  }

  @Test func cutAndForeignFilesAreNotArchives() throws {
    let bytes = try NumPyFixtures.bytes("arrays_stored.npz")
    let cut = numPyError { _ = try NumPyArchive.decode(Array(bytes.prefix(400)), source: "a.npz") }
    #expect(cut?.description.contains("cut short") == true)
    let npy = try NumPyFixtures.bytes("c_f8_2x3.npy")
    let wrongKind = numPyError { _ = try NumPyArchive.decode(npy, source: "a.npz") }
    #expect(wrongKind?.description.contains("Tensor.load(npy:)") == true)
    let text = numPyError { _ = try NumPyArchive.decode(Array("not a zip".utf8), source: "a.npz") }
    #expect(text == .notZip(path: "a.npz", start: Array("not a zi".utf8)))
  }

  @Test func unreadableMembersAreNamed() throws {
    let bytes = try NumPyFixtures.bytes("arrays_stored.npz")
    let entry = try #require(offsets(of: [0x50, 0x4B, 0x01, 0x02], in: bytes).first)
    let (name, _) = firstMember(of: bytes)
    var bzip2 = bytes
    bzip2[entry + 10] = 12  // the directory's method: 12 is bzip2
    #expect(
      numPyError { _ = try NumPyArchive.decode(bzip2, source: "a.npz") }
        == .unsupportedCompression(path: "a.npz", member: name, method: 12))
    var encrypted = bytes
    encrypted[entry + 8] |= 1  // flag bit 0: encrypted
    #expect(
      numPyError { _ = try NumPyArchive.decode(encrypted, source: "a.npz") }
        == .encryptedMember(path: "a.npz", member: name))
  }

  @Test func twoMembersWithOneNameAreRefused() throws {
    // Renaming b.npy to w.npy (same length) in the local headers and the directory.
    var bytes = try NumPyFixtures.bytes("arrays_stored.npz")
    for offset in offsets(of: Array("b.npy".utf8), in: bytes) {
      bytes[offset] = UInt8(ascii: "w")
    }
    #expect(
      numPyError { _ = try NumPyArchive.decode(bytes, source: "a.npz") }
        == .duplicateMember(path: "a.npz", name: "w"))
  }

  @Test func aDirectoryPointingOutsideTheFileIsCorrupt() throws {
    var bytes = try NumPyFixtures.bytes("arrays_stored.npz")
    let end = try #require(offsets(of: [0x50, 0x4B, 0x05, 0x06], in: bytes).last)
    bytes[end + 16 + 3] = 0x7F  // the directory's start, far past the end of the file
    guard
      case .corruptArchive(path: "a.npz", _) = numPyError({
        _ = try NumPyArchive.decode(bytes, source: "a.npz")
      })
    else {
      Issue.record("a directory outside the file was not reported as a damaged archive")
      return
    }
  }

  // MARK: Helpers

  /// The name of the first member of a ZIP archive and where its data starts, read from its
  /// local header: name length at byte 26, extra-field length at 28, the name from 30.
  private func firstMember(of bytes: [UInt8]) -> (name: String, data: Int) {
    let nameLength = Int(bytes[26]) | Int(bytes[27]) << 8
    let extraLength = Int(bytes[28]) | Int(bytes[29]) << 8
    return (
      String(decoding: bytes[30..<(30 + nameLength)], as: UTF8.self), 30 + nameLength + extraLength
    )
  }

  /// Every position where `pattern` starts in `bytes`.
  private func offsets(of pattern: [UInt8], in bytes: [UInt8]) -> [Int] {
    (0...(bytes.count - pattern.count)).filter {
      bytes[$0..<($0 + pattern.count)].elementsEqual(pattern)
    }
  }
}
