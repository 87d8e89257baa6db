// NumPy's `.npz` file: a ZIP archive (see `ZipArchive.swift`) with one `.npy` file per array,
// named after the array: `np.savez(f, w=w, b=b)` writes the members `w.npy` and `b.npy`, and
// `np.load(f)["w"]` reads the first. `np.savez` stores the members as they are (ZIP method 0),
// `np.savez_compressed` deflates them (method 8). MiniTorch writes both kinds, the arrays in
// the order of their names, and reads both.

/// Reads and writes NumPy's `.npz` format: named arrays in a ZIP archive.
/// `Tensor.load(npz:)` and `Tensor.save(npz:to:compressed:)` read and write files of it.
public enum NumPyArchive {
  /// The arrays stored in `bytes`, the contents of an `.npz` file from `source` (a path, used
  /// only in error messages), by name, on `backend`. A member `w.npy` is the array `"w"`.
  ///
  /// Throws a `NumPyFileError` naming `source` when the bytes are not a ZIP archive or the
  /// archive is damaged (a member's CRC-32 included), when a member is compressed other than
  /// by storing or deflating, when two members name the same array, and, naming the member
  /// too, for any reason `NumPyFile.decode` throws.
  public static func decode(_ bytes: [UInt8], source: String, backend: TensorBackend = .simple)
    throws(NumPyFileError) -> [String: Tensor]
  {
    var arrays: [String: Tensor] = [:]
    for member in try ZipArchive.members(of: bytes, source: source) {
      let name = member.name.hasSuffix(".npy") ? String(member.name.dropLast(4)) : member.name
      guard arrays[name] == nil else { throw .duplicateMember(path: source, name: name) }
      arrays[name] = try NumPyFile.decode(
        member.contents, source: "\(member.name) in \(source)", backend: backend)
    }
    return arrays
  }

  /// The bytes of an `.npz` file holding `arrays`: each as the member `<name>.npy`, in the
  /// order of the names, deflated when `compressed` (as `np.savez_compressed` writes) and
  /// stored as they are otherwise (as `np.savez` writes). `nil` when the archive would be
  /// 4 GiB or larger or hold more than 65,535 arrays.
  static func encode(_ arrays: [String: Tensor], compressed: Bool) -> [UInt8]? {
    let members = arrays.sorted { $0.key < $1.key }.map { name, tensor in
      ZipArchive.Member(name: name + ".npy", contents: NumPyFile.encode(tensor))
    }
    return ZipArchive.archive(of: members, compressed: compressed)
  }
}
