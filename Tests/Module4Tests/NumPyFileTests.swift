import Foundation
import Module4
import TensorTestSupport
import TestSupport
import Testing

/// The given code for NumPy's `.npy` files: reading what NumPy wrote (the committed fixtures),
/// writing what NumPy reads, and a clear error naming the file for anything else. Not graded.
@Suite("Given code: NumPy .npy files", .explainsStops)
struct NumPyFileTests {
  // MARK: Reading what NumPy wrote

  @Test(arguments: [
    ("c_f8_5.npy", [5]), ("c_f8_2x3.npy", [2, 3]), ("c_f8_2x3x4.npy", [2, 3, 4]),
    ("fortran_f8_2x3x4.npy", [2, 3, 4]), ("big_f8_2x2.npy", [2, 2]),
    ("version2_f8_2x2.npy", [2, 2]), ("version3_f8_2x2.npy", [2, 2]),
    ("python2_f8_2x2.npy", [2, 2]),
  ])
  func float64ArraysReadExactly(name: String, shape: [Int]) throws {
    let tensor = try Tensor.load(npy: try NumPyFixtures.url(name))
    #expect(tensor.shape == shape)
    #expect(sameBits(tensor.data.values, NumPyFixtures.values(shape.reduce(1, *))), "\(name)")
  }

  @Test(arguments: [
    ("c_f4_3x4.npy", [3, 4]), ("fortran_f4_3x2.npy", [3, 2]), ("big_f4_3.npy", [3]),
  ])
  func float32ArraysWidenExactly(name: String, shape: [Int]) throws {
    let tensor = try Tensor.load(npy: try NumPyFixtures.url(name))
    #expect(tensor.shape == shape)
    #expect(sameBits(tensor.data.values, NumPyFixtures.float32Values(shape.reduce(1, *))))
  }

  @Test func edgeValuesKeepEveryBit() throws {
    let tensor = try Tensor.load(npy: try NumPyFixtures.url("special_f8.npy"))
    let expected = [
      -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1.0 / 3,
      -2.5,
    ]
    #expect(sameBits(tensor.data.values, expected))
  }

  @Test func aZeroDimensionalArrayBecomesShapeOne() throws {
    let tensor = try Tensor.load(npy: try NumPyFixtures.url("scalar_f8.npy"))
    #expect(tensor.shape == [1])
    #expect(tensor.item() == 2.5)
  }

  @Test func theBackendIsTheCallers() throws {
    let url = try NumPyFixtures.url("c_f8_2x3.npy")
    #expect(try Tensor.load(npy: url).backend.name == "simple")
    #expect(try Tensor.load(npy: url, backend: .fast).backend.name == "fast")
    #expect(try Tensor.load(npy: url).requiresGrad == false)
  }

  // MARK: Writing what NumPy reads

  @Test(arguments: ["c_f8_5.npy", "c_f8_2x3.npy", "c_f8_2x3x4.npy", "empty_f8_0x3.npy"])
  func encodingIsByteForByteWhatNumPyWrites(name: String) throws {
    let numpy = try NumPyFixtures.bytes(name)
    let original = try Tensor.load(npy: try NumPyFixtures.url(name))
    let copy = Tensor(shape: original.shape, data: NumPyFixtures.values(original.size))
    #expect(NumPyFile.encode(copy) == numpy)
  }

  @Test func theHeaderIsReadableAndAligned() throws {
    let bytes = NumPyFile.encode(Tensor([[1, 2, 3], [4, 5, 6]]))
    #expect(Array(bytes.prefix(8)) == NumPyFile.magic + [1, 0])
    let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
    #expect((10 + headerLength) % 64 == 0)
    let header = String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self)
    #expect(header.hasPrefix("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"))
    #expect(header.hasSuffix(" \n"))
    #expect(bytes.count == 10 + headerLength + 6 * 8)
    #expect(String(decoding: NumPyFile.encode(Tensor([7])), as: UTF8.self).contains("(1,)"))
  }

  @Test func everyLayoutRoundTripsThroughTheBytes() {
    // Any finite or infinite double, NaNs included, in contiguous, permuted and strided views.
    let anyDouble = Gen<Double>(draw: { rng in Double(bitPattern: rng.next()) })
    forAll(Gen<Tensor>.tensors(values: anyDouble)) { tensor in
      let back = try NumPyFile.decode(NumPyFile.encode(tensor), source: "t.npy")
      try check(back.shape == tensor.shape, "shape \(back.shape), expected \(tensor.shape)")
      try check(sameBits(back.data.values, tensor.data.values), "the values changed")
    }
  }

  @Test func savedFilesLoadBackAndReplaceOldOnes() throws {
    let folder = try DataFolder()
    defer { folder.remove() }
    let url = folder.url.appendingPathComponent("t.npy")
    let first = Tensor.rand([2, 3, 4], seed: 1).permute(2, 0, 1)
    try first.save(npy: url)
    let back = try Tensor.load(npy: url)
    #expect(back.shape == [4, 2, 3])
    #expect(back.data.values == first.data.values)
    try Tensor([1, 2]).save(npy: url)
    #expect(try Tensor.load(npy: url).data.values == [1, 2])
    // Nothing but the file: no temporary left behind.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["t.npy"])
  }

  // MARK: Errors that name the file

  @Test(arguments: [
    ("int64_2x2.npy", "<i8", "int64 values (dtype '<i8')"),
    ("complex128_2.npy", "<c16", "a.real and a.imag"), ("bool_3.npy", "|b1", "booleans"),
    ("float16_2.npy", "<f2", "float16"),
    ("structured_2.npy", "[('x', '<f8'), ('y', '<i4')]", "structured array"),
  ])
  func otherTypesAreRefusedByName(name: String, descr: String, words: String) throws {
    let url = try NumPyFixtures.url(name)
    let error = numPyError { _ = try Tensor.load(npy: url) }
    #expect(error == .unsupportedType(path: url.path, descr: descr))
    let message = error?.description ?? ""
    #expect(message.contains(url.path) && message.contains(words), "\(message)")
    #expect(message.contains("float64 and float32 arrays only: in NumPy, save"), "\(message)")
  }

  @Test func anEmptyArrayLoadsAsAnEmptyTensorOfItsShape() throws {
    let url = try NumPyFixtures.url("empty_f8_0x3.npy")
    let empty = try Tensor.load(npy: url)
    #expect(empty.shape == [0, 3])
    #expect(empty.size == 0)
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("minitorch-npy-empty-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let copy = directory.appendingPathComponent("copy.npy")
    try Tensor.zeros([2, 0, 4]).save(npy: copy)
    #expect(try Tensor.load(npy: copy).shape == [2, 0, 4])
  }

  @Test func cutFilesAreTruncatedAtTheRightPlace() throws {
    let bytes = try NumPyFixtures.bytes("c_f8_2x3.npy")  // 128 bytes of header, 48 of data
    for length in [0, 5, 9, 11, 64, 127] {
      let error = numPyError { _ = try NumPyFile.decode(Array(bytes.prefix(length)), source: "x") }
      guard case .truncatedHeader(path: "x", _, actual: length) = error else {
        Issue.record("cut to \(length) bytes: \(String(describing: error))")
        continue
      }
    }
    for length in [128, 129, 175] {
      let error = numPyError { _ = try NumPyFile.decode(Array(bytes.prefix(length)), source: "x") }
      #expect(error == .truncatedData(path: "x", shape: [2, 3], needed: 48, actual: length - 128))
    }
    let longer = numPyError { _ = try NumPyFile.decode(bytes + [0, 0, 0], source: "x") }
    #expect(longer == .trailingBytes(path: "x", extra: 3))
  }

  @Test func aCutFileOnDiskIsNamedInTheMessage() throws {
    let folder = try DataFolder()
    defer { folder.remove() }
    let url = try folder.write(
      "cut.npy", Array(try NumPyFixtures.bytes("c_f8_2x3.npy").prefix(150)))
    let message = numPyError { _ = try Tensor.load(npy: url) }?.description ?? ""
    #expect(message.contains(url.path) && message.contains("cut short"), "\(message)")
  }

  @Test func otherFilesAreNotNPY() throws {
    let text = numPyError { _ = try NumPyFile.decode(Array("hello, world".utf8), source: "x") }
    #expect(text == .notNPY(path: "x", start: Array("hello, w".utf8)))
    #expect(text?.description.contains("'hello, w'") == true)
    let archive = try NumPyFixtures.bytes("arrays_stored.npz")
    let message = numPyError { _ = try NumPyFile.decode(archive, source: "x") }?.description
    #expect(message?.contains("Tensor.load(npz:)") == true, "\(message ?? "")")
    var version = try NumPyFixtures.bytes("c_f8_2x3.npy")
    version[6] = 4
    #expect(
      numPyError { _ = try NumPyFile.decode(version, source: "x") }
        == .unsupportedVersion(path: "x", major: 4, minor: 0))
  }

  @Test(arguments: [
    ("['descr', '<f8']", "not a dictionary"),
    ("{'descr': '<f8', 'shape': (2,), }", "keys"),
    ("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'extra': 1}", "keys"),
    ("{'descr': '<f8', 'fortran_order': 'no', 'shape': (2,), }", "fortran_order"),
    ("{'descr': '<f8', 'fortran_order': False, 'shape': [2], }", "not a tuple"),
    ("{'descr': '<f8', 'fortran_order': False, 'shape': (2), }", "not a tuple"),
    ("{'descr': '<f8', 'fortran_order': False, 'shape': (-2,), }", "-2"),
    ("{'descr': '<f8', 'fortran_order': False, 'shape': (2.5,), }", "not whole"),
    ("{'descr': '<f8, 'fortran_order': False, 'shape': (2,), }", "expected"),
    ("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), } x", "after the dictionary"),
    ("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (2,), }", "Maybe"),
    ("{'descr': '<f8', 'fortran_order': False, 'shape': (2,)", "expected"),
    ("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999, 99999999999), }", "large"),
    (String(repeating: "(", count: 100), "nested"),
  ])
  func malformedHeadersAreExplained(header: String, words: String) {
    let text = Array(header.utf8) + [UInt8(ascii: "\n")]
    let bytes =
      NumPyFile.magic + [1, 0, UInt8(text.count), 0] + text + [UInt8](repeating: 0, count: 16)
    guard
      case .malformedHeader(path: "bad.npy", let reason) = numPyError({
        _ = try NumPyFile.decode(bytes, source: "bad.npy")
      })
    else {
      Issue.record("\(header) was not reported as malformed")
      return
    }
    #expect(reason.contains(words), "\(reason)")
  }

  @Test func missingAndUnwritablePathsAreNamed() throws {
    let folder = try DataFolder()
    defer { folder.remove() }
    let missing = folder.url.appendingPathComponent("none.npy")
    #expect(numPyError { _ = try Tensor.load(npy: missing) } == .missingFile(path: missing.path))
    #expect(
      numPyError { _ = try Tensor.load(npy: folder.url) }?.description.contains("folder") == true)
    let nowhere = folder.url.appendingPathComponent("no/such/t.npy")
    let unwritable = numPyError { try Tensor([1]).save(npy: nowhere) }
    #expect(unwritable?.description.contains(nowhere.path) == true)
    #expect(unwritable?.description.contains("does not exist") == true)
    let onAFolder = numPyError { try Tensor([1]).save(npy: folder.url) }
    #expect(onAFolder?.description.contains("is a folder") == true)
  }
}
