import Foundation

/// Writing a file so that it is never half-written: the bytes go to a temporary name in the
/// same folder, which is then renamed over the file. rename(2) replaces a file in one step, so
/// a reader sees the old file or the new one, and a write that fails (a full disk, an
/// interrupted program) leaves the old file as it was and no stray temporary behind.
///
/// The library's counterpart of the command-line tool's `OutputFile`, without its fallbacks:
/// library code reports the failure and lets its caller decide.
enum FileReplacement {
  /// Why a file could not be written, in a few words.
  struct Failure: Error, Equatable {
    let reason: String
  }

  /// Replaces the file at `url` (or creates it) with `bytes`, readable by everyone and
  /// writable by its owner unless the user's umask says otherwise.
  static func save(_ bytes: [UInt8], to url: URL) throws(Failure) {
    let folder = url.deletingLastPathComponent()
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder),
      isFolder.boolValue
    else {
      throw Failure(reason: "the folder \(folder.path) does not exist; make it first")
    }
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder),
      isFolder.boolValue
    {
      throw Failure(reason: "it is a folder; give the name of a file in it")
    }
    let temporary = folder.appendingPathComponent(
      ".\(url.lastPathComponent).partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    do throws(Failure) {
      try writeNew(bytes, at: temporary.path)
      guard rename(temporary.path, url.path) == 0 else { throw systemFailure() }
    } catch {
      unlink(temporary.path)
      throw error
    }
  }

  /// Creates the file at `path`, which must not exist yet, holding `bytes`.
  private static func writeNew(_ bytes: [UInt8], at path: String) throws(Failure) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard descriptor >= 0 else { throw systemFailure() }
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { buffer in
        write(descriptor, buffer.baseAddress! + written, buffer.count - written)
      }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else {
        let failure = systemFailure()
        close(descriptor)
        throw failure
      }
      written += count
    }
    guard close(descriptor) == 0 else { throw systemFailure() }
  }

  /// The system's words for the last failed call (`errno`): `Permission denied`.
  private static func systemFailure() -> Failure {
    Failure(reason: String(cString: strerror(errno)))
  }
}
