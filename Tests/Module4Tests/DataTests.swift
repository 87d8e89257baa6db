import Foundation
import Module4
import TestSupport
import Testing

/// The code students are given in Module 4 for reading data: gzip through zlib, IDX files, the
/// image sets shipped as resources, the validation split. Not graded.
@Suite("Given code: data", .explainsStops)
struct DataTests {
  // MARK: gzip

  @Test func gzipRoundTrips() throws {
    let original = (0..<10_000).map { UInt8(($0 * 7) % 251) }
    let compressed = Gzip.compress(original)
    #expect(Gzip.isCompressed(compressed))
    #expect(!Gzip.isCompressed(original))
    #expect(try Gzip.decompress(compressed, source: "x") == original)
    #expect(try Gzip.decompress(Gzip.compress([]), source: "x") == [])
  }

  @Test func concatenatedGzipMembersAreOneFile() throws {
    let joined = Gzip.compress([1, 2, 3]) + Gzip.compress([4, 5])
    #expect(try Gzip.decompress(joined, source: "x") == [1, 2, 3, 4, 5])
  }

  @Test func cutGzipDataIsReportedAsTruncated() {
    let compressed = Gzip.compress((0..<5000).map { UInt8($0 % 200) })
    for length in [2, 10, compressed.count / 2, compressed.count - 1] {
      #expect(throws: DataError.truncatedGzip(path: "cut.gz")) {
        try Gzip.decompress(Array(compressed.prefix(length)), source: "cut.gz")
      }
    }
  }

  @Test func damagedGzipDataIsReportedAsCorrupt() {
    let compressed = Gzip.compress(Array("some text to compress".utf8))
    var badChecksum = compressed
    badChecksum[compressed.count - 6] ^= 0xFF  // inside the CRC-32 of the trailer
    var badMethod = compressed
    badMethod[2] = 7  // compression method 8 (DEFLATE) is the only one defined
    let trailing = compressed + [1, 2, 3]
    for (bytes, words) in [
      (badChecksum, "incorrect data check"), (badMethod, "unknown compression method"),
      (trailing, "3 bytes after the end"),
    ] {
      do {
        _ = try Gzip.decompress(bytes, source: "bad.gz")
        Issue.record("damaged gzip data was accepted (\(words))")
      } catch let error as DataError {
        guard case .corruptGzip(let path, let reason) = error else {
          Issue.record("expected corruptGzip, got \(error)")
          continue
        }
        #expect(path == "bad.gz")
        #expect(reason.contains(words), "\(reason)")
        #expect(error.description.contains("damaged"))
      } catch {
        Issue.record("unexpected error \(error)")
      }
    }
  }

  // MARK: IDX files

  @Test func idxFilesAreReadPlainOrGzippedWhateverTheirName() throws {
    let folder = try DataFolder()
    defer { folder.remove() }
    let plain = try folder.write("images", idxImages(3, 2, 4))
    let gzipped = try folder.write("images-without-gz-suffix", Gzip.compress(idxImages(3, 2, 4)))
    let file = try IDXFile.read(plain, as: .images)
    #expect(file.dimensions == [3, 2, 4])
    #expect(file.bytes == (0..<24).map(UInt8.init))
    #expect(try IDXFile.read(gzipped, as: .images) == file)
    let labels = try IDXFile.read(folder.write("labels", idxLabels([4, 2])), as: .labels)
    #expect(labels.dimensions == [2])
    #expect(labels.bytes == [4, 2])
  }

  @Test func missingOrFolderPathsAreReported() throws {
    let folder = try DataFolder()
    defer { folder.remove() }
    #expect(throws: DataError.missingFile(path: folder.path("nothing"))) {
      try IDXFile.read(folder.url.appendingPathComponent("nothing"), as: .images)
    }
    #expect(
      throws: DataError.unreadable(path: folder.url.path, reason: "it is a folder, not a file")
    ) {
      try IDXFile.read(folder.url, as: .labels)
    }
  }

  @Test func shortHeadersAreReportedWithTheBytesNeeded() {
    #expect(throws: DataError.truncatedHeader(path: "f", needed: 4, actual: 2)) {
      try IDXFile(parsing: [0, 0], as: .images, source: "f")
    }
    #expect(throws: DataError.truncatedHeader(path: "f", needed: 16, actual: 12)) {
      try IDXFile(parsing: idx(magic: 0x803, [1, 2], []), as: .images, source: "f")
    }
    #expect(throws: DataError.truncatedHeader(path: "f", needed: 8, actual: 4)) {
      try IDXFile(parsing: Gzip.compress(bigEndian(0x801)), as: .labels, source: "f")
    }
  }

  @Test func filesOfTheWrongFormatTypeOrKindAreRejected() {
    #expect(throws: DataError.notIDX(path: "f", magic: 0x4865_6C6C)) {
      try IDXFile(parsing: Array("Hello, world".utf8), as: .images, source: "f")
    }
    #expect(throws: DataError.unsupportedElementType(path: "f", typeCode: 0x0D)) {
      try IDXFile(parsing: idx(magic: 0x0D03, [1, 1, 1], [0, 0, 0, 0]), as: .images, source: "f")
    }
    let labelsAsImages = DataError.wrongKind(
      path: "f", expected: "images (magic 0x00000803)", found: "labels (magic 0x00000801)")
    #expect(throws: labelsAsImages) {
      try IDXFile(parsing: idxLabels([1, 2]), as: .images, source: "f")
    }
    #expect(labelsAsImages.description.contains("holds labels (magic 0x00000801), but images"))
    let matrixAsLabels = DataError.wrongKind(
      path: "f", expected: "labels (magic 0x00000801)",
      found: "unsigned bytes in 2 dimensions (magic 0x00000802)")
    #expect(throws: matrixAsLabels) {
      try IDXFile(parsing: idx(magic: 0x802, [1, 1], [0]), as: .labels, source: "f")
    }
  }

  @Test func dataThatDoesNotMatchTheHeaderIsRejected() throws {
    let short = DataError.sizeMismatch(path: "f", dimensions: [2, 2, 3], expected: 12, actual: 11)
    #expect(throws: short) {
      try IDXFile(parsing: idxImages(2, 2, 3).dropLast(), as: .images, source: "f")
    }
    #expect(throws: short) {
      try IDXFile(
        parsing: Gzip.compress(idxImages(2, 2, 3).dropLast()), as: .images, source: "f")
    }
    #expect(short.description.contains("truncated: its header promises 2 × 2 × 3 = 12 bytes"))
    let long = DataError.sizeMismatch(path: "f", dimensions: [2], expected: 2, actual: 3)
    #expect(throws: long) {
      try IDXFile(parsing: idxLabels([1, 2]) + [3], as: .labels, source: "f")
    }
    #expect(long.description.contains("1 bytes more than its header promises"))
  }

  // MARK: Image sets from a folder

  @Test func aFolderOfMNISTFilesLoadsWithPixelsScaledToOne() throws {
    let folder = try DataFolder()
    defer { folder.remove() }
    // One file gzipped, one named with MNIST's other spelling (a dot before "idx").
    try writeMNISTFolder(in: folder)
    try FileManager.default.removeItem(
      at: folder.url.appendingPathComponent("t10k-labels-idx1-ubyte"))
    try folder.write("t10k-labels.idx1-ubyte", idxLabels([7, 8]))
    try FileManager.default.removeItem(
      at: folder.url.appendingPathComponent("train-images-idx3-ubyte"))
    try folder.write("train-images-idx3-ubyte.gz", Gzip.compress(idxImages(6, 2, 3)))

    let set = try ImageDataset.load(.folder(folder.url))
    #expect(set.name == folder.url.lastPathComponent)
    #expect((set.height, set.width) == (2, 3))
    #expect(set.train.count == 6 && set.test.count == 2)
    #expect(set.train.labels == [0, 1, 2, 3, 9, 1])
    #expect(set.test.labels == [7, 8])
    #expect(Array(set.train.image(1)) == (6..<12).map { Double($0) / 255 })
    #expect(set.classNames == (0...9).map(String.init))
  }

  @Test func aFolderWithAMissingFileSaysWhatItLookedFor() throws {
    let folder = try DataFolder()
    defer { folder.remove() }
    try writeMNISTFolder(in: folder)
    try FileManager.default.removeItem(
      at: folder.url.appendingPathComponent("t10k-images-idx3-ubyte"))
    let tried = [
      "t10k-images-idx3-ubyte", "t10k-images-idx3-ubyte.gz", "t10k-images.idx3-ubyte",
      "t10k-images.idx3-ubyte.gz",
    ]
    let error = DataError.missingDataFile(folder: folder.url.path, tried: tried)
    #expect(throws: error) { try ImageDataset.load(.folder(folder.url)) }
    #expect(error.description.contains("has no t10k-images-idx3-ubyte"))
    let nowhere = folder.url.appendingPathComponent("nowhere")
    #expect(throws: DataError.missingFolder(path: nowhere.path)) {
      try ImageDataset.load(.folder(nowhere))
    }
  }

  @Test func imagesAndLabelsMustAgree() throws {
    let folder = try DataFolder()
    defer { folder.remove() }
    try writeMNISTFolder(in: folder, ["train-labels-idx1-ubyte": idxLabels([1, 2, 3])])
    #expect(
      throws: DataError.countMismatch(
        images: folder.path("train-images-idx3-ubyte"), imageCount: 6,
        labels: folder.path("train-labels-idx1-ubyte"), labelCount: 3)
    ) { try ImageDataset.load(.folder(folder.url)) }

    try writeMNISTFolder(in: folder, ["t10k-labels-idx1-ubyte": idxLabels([3, 10])])
    #expect(
      throws: DataError.labelOutOfRange(
        path: folder.path("t10k-labels-idx1-ubyte"), index: 1, label: 10)
    ) { try ImageDataset.load(.folder(folder.url)) }

    try writeMNISTFolder(in: folder, ["t10k-images-idx3-ubyte": idxImages(2, 3, 2)])
    #expect(throws: DataError.imageSizeMismatch(train: [2, 3], test: [3, 2])) {
      try ImageDataset.load(.folder(folder.url))
    }

    try writeMNISTFolder(
      in: folder,
      ["train-images-idx3-ubyte": idxImages(0, 2, 3), "train-labels-idx1-ubyte": idxLabels([])])
    #expect(throws: DataError.empty(path: folder.path("train-images-idx3-ubyte"))) {
      try ImageDataset.load(.folder(folder.url))
    }
  }

  @Test func swappedFilesAreCaught() throws {
    let folder = try DataFolder()
    defer { folder.remove() }
    try writeMNISTFolder(in: folder, ["train-images-idx3-ubyte": idxLabels([1, 2, 3, 4, 5, 6])])
    #expect(
      throws: DataError.wrongKind(
        path: folder.path("train-images-idx3-ubyte"), expected: "images (magic 0x00000803)",
        found: "labels (magic 0x00000801)")
    ) { try ImageDataset.load(.folder(folder.url)) }
  }

  // MARK: The shipped sets

  @Test func theDigitsShipWithTheModule() throws {
    let digits = try ImageDataset.load(.digits)
    #expect(digits.name == "digits")
    #expect((digits.height, digits.width) == (8, 8))
    #expect((digits.train.count, digits.test.count) == (1500, 297))
    #expect(digits.train.pixels.allSatisfy { $0 >= 0 && $0 <= 1 })
    #expect(digits.train.pixels.max() == 1)
    for label in 0...9 {
      let count = digits.train.labels.filter { $0 == label }.count
      #expect(count > 120 && count < 180, "\(count) training images of digit \(label)")
    }
    #expect(ImageDataset.Source(name: "digits") == .digits)
  }

  @Test func theFashionSubsetShipsWithTheModule() throws {
    let fashion = try ImageDataset.load(.fashion)
    #expect(fashion.name == "fashion")
    #expect((fashion.height, fashion.width) == (28, 28))
    #expect((fashion.train.count, fashion.test.count) == (5000, 500))
    #expect(Set(fashion.test.labels) == Set(0...9))
    #expect(fashion.classNames[9] == "Ankle boot")
    #expect(ImageDataset.Source(name: "fashion") == .fashion)
    #expect(ImageDataset.Source(name: "mnist") == nil)
  }

  @Test func theShippedSetsAreFoundFromAnyWorkingDirectory() async {
    // An exit test runs in a child process, so changing its working directory disturbs no
    // other test.
    await #expect(processExitsWith: .success) {
      let elsewhere = FileManager.default.temporaryDirectory.path
      guard FileManager.default.changeCurrentDirectoryPath(elsewhere) else { exit(2) }
      let digits = try ImageDataset.load(.digits)
      exit(digits.train.count == 1500 ? 0 : 1)
    }
  }

  // MARK: Validation split and batches

  @Test func theValidationSplitIsSeededStratifiedAndComplete() throws {
    let digits = try ImageDataset.load(.digits)
    let (train, validation) = digits.validationSplit(fraction: 0.1, seed: 3)
    let again = digits.validationSplit(fraction: 0.1, seed: 3)
    let other = digits.validationSplit(fraction: 0.1, seed: 4)
    #expect(train.count + validation.count == 1500)
    #expect(validation.labels == again.validation.labels)
    #expect(validation.pixels == again.validation.pixels)
    #expect(validation.pixels != other.validation.pixels)
    for label in 0...9 {
      let all = digits.train.labels.filter { $0 == label }.count
      let held = validation.labels.filter { $0 == label }.count
      #expect(held == Int((Double(all) * 0.1).rounded()), "digit \(label)")
    }
    // Every training image lands in exactly one part.
    let key = { (set: ImageSet, i: Int) in set.image(i).map { String($0) }.joined(separator: ",") }
    let parts =
      (0..<train.count).map { key(train, $0) } + (0..<validation.count).map { key(validation, $0) }
    let whole = (0..<digits.train.count).map { key(digits.train, $0) }
    #expect(parts.sorted() == whole.sorted())
  }

  @Test func batchesAreTensorsInConvolutionLayout() throws {
    let digits = try ImageDataset.load(.digits)
    let (images, labels) = digits.test.batch([5, 0, 7])
    #expect(images.shape == [3, 1, 8, 8])
    #expect(labels == [5, 0, 7].map { digits.test.labels[$0] })
    #expect(Array(images.data.values[64..<128]) == Array(digits.test.image(0)))
  }
}
