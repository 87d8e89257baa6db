import Foundation
import Module4

/// A fresh folder under the system's temporary folder for tests that write data files;
/// `remove()` deletes it.
struct DataFolder {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("minitorch-data-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// Writes `bytes` to the file `name` in the folder and returns its URL.
  @discardableResult
  func write(_ name: String, _ bytes: [UInt8]) throws -> URL {
    let file = url.appendingPathComponent(name)
    try Data(bytes).write(to: file)
    return file
  }

  /// The path of `name` in the folder, as error messages show it.
  func path(_ name: String) -> String {
    url.appendingPathComponent(name).path
  }

  func remove() {
    try? FileManager.default.removeItem(at: url)
  }
}

/// The bytes of an IDX file: the magic number `magic`, the big-endian `dimensions`, then `data`.
func idx(magic: UInt32, _ dimensions: [Int], _ data: [UInt8]) -> [UInt8] {
  bigEndian(magic) + dimensions.flatMap { bigEndian(UInt32($0)) } + data
}

/// An IDX image file of `count` images of `height` × `width` whose pixel i is `i % 256`.
func idxImages(_ count: Int, _ height: Int, _ width: Int) -> [UInt8] {
  idx(magic: 0x803, [count, height, width], (0..<(count * height * width)).map { UInt8($0 % 256) })
}

/// An IDX label file holding `labels`.
func idxLabels(_ labels: [UInt8]) -> [UInt8] {
  idx(magic: 0x801, [labels.count], labels)
}

/// The four bytes of `value`, most significant first.
func bigEndian(_ value: UInt32) -> [UInt8] {
  [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
}

/// The folder of MNIST's four files (6 training and 2 test images of 2×3 pixels), written in
/// `folder`; `overrides` replaces any of the four by name.
func writeMNISTFolder(in folder: DataFolder, _ overrides: [String: [UInt8]] = [:]) throws {
  let files = [
    "train-images-idx3-ubyte": idxImages(6, 2, 3),
    "train-labels-idx1-ubyte": idxLabels([0, 1, 2, 3, 9, 1]),
    "t10k-images-idx3-ubyte": idxImages(2, 2, 3),
    "t10k-labels-idx1-ubyte": idxLabels([7, 8]),
  ].merging(overrides) { $1 }
  for (name, bytes) in files {
    try folder.write(name, bytes)
  }
}
