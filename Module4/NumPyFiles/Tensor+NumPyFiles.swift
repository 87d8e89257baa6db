import Foundation

// Moving arrays between a Python notebook and Swift, one line each way:
//
//     np.save("w.npy", w)                         let w = try Tensor.load(npy: url)
//     np.load("w.npy")                            try w.save(npy: url)
//     np.savez("net.npz", w=w, b=b)               let arrays = try Tensor.load(npz: url)
//     np.load("net.npz")["w"]                     try Tensor.save(npz: ["w": w, "b": b], to: url)
//     np.savez_compressed("net.npz", w=w, b=b)    … to: url, compressed: true)
//
// The formats are in `NumPyFile.swift` (`.npy`) and `NumPyArchive.swift` (`.npz`). Files are
// replaced as a whole, never half-written (`FileReplacement`).

extension Tensor {
  /// The array in the NumPy `.npy` file at `url` (what `np.save` writes), as a tensor on
  /// `backend`; NumPy's `np.load`, PyTorch's `torch.from_numpy(np.load(…))`.
  ///
  /// float64 and float32 arrays are read, in either byte order and either storage order
  /// (C or Fortran); float32 entries become the float64 of the same value. A 0-d array
  /// (shape `()`) becomes shape [1]. Throws a `NumPyFileError` naming the file when it is
  /// missing, unreadable, not a `.npy` file, cut short, or holds another type (integers,
  /// booleans, complex numbers, …). An array with a dimension of size 0 becomes an empty tensor.
  public static func load(npy url: URL, backend: TensorBackend = .simple)
    throws(NumPyFileError) -> Tensor
  {
    try NumPyFile.decode(try contents(of: url), source: url.path, backend: backend)
  }

  /// Writes this tensor to the NumPy `.npy` file at `url` as float64 in C order (what
  /// `np.save` writes for the same array, byte for byte), replacing the file as a whole;
  /// NumPy's `np.save`. Throws `NumPyFileError.unwritable` when the file cannot be written.
  public func save(npy url: URL) throws(NumPyFileError) {
    try Self.replace(url, with: NumPyFile.encode(self))
  }

  /// The arrays in the NumPy `.npz` file at `url` (what `np.savez` and `np.savez_compressed`
  /// write), by name, as tensors on `backend`: NumPy's `np.load` of an `.npz` file.
  ///
  /// Each array is read as `load(npy:)` reads one. Throws a `NumPyFileError` naming the file
  /// (and the member, for one array) for anything `load(npy:)` throws, and when the file is not
  /// a ZIP archive, is damaged (a member's CRC-32 does not match), or compresses a member other
  /// than by storing or deflating it.
  public static func load(npz url: URL, backend: TensorBackend = .simple)
    throws(NumPyFileError) -> [String: Tensor]
  {
    try NumPyArchive.decode(try contents(of: url), source: url.path, backend: backend)
  }

  /// Writes `arrays` to the NumPy `.npz` file at `url`, each as float64 in C order under its
  /// name, replacing the file as a whole: NumPy's `np.savez` (members stored as they are) or,
  /// when `compressed`, `np.savez_compressed` (members deflated). Throws
  /// `NumPyFileError.unwritable` when the file cannot be written and `archiveTooLarge` past
  /// the ZIP format's limits (4 GiB, 65,535 arrays).
  public static func save(npz arrays: [String: Tensor], to url: URL, compressed: Bool = false)
    throws(NumPyFileError)
  {
    guard let bytes = NumPyArchive.encode(arrays, compressed: compressed) else {
      throw .archiveTooLarge(path: url.path)
    }
    try replace(url, with: bytes)
  }

  /// The bytes of the file at `url`.
  private static func contents(of url: URL) throws(NumPyFileError) -> [UInt8] {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
      throw .missingFile(path: url.path)
    }
    guard !isFolder.boolValue else {
      throw .unreadable(path: url.path, reason: "it is a folder, not a file")
    }
    do {
      return [UInt8](try Data(contentsOf: url))
    } catch {
      throw .unreadable(path: url.path, reason: error.localizedDescription)
    }
  }

  /// Replaces the file at `url` with `bytes` (see `FileReplacement`).
  private static func replace(_ url: URL, with bytes: [UInt8]) throws(NumPyFileError) {
    do {
      try FileReplacement.save(bytes, to: url)
    } catch {
      throw .unwritable(path: url.path, reason: error.reason)
    }
  }
}
