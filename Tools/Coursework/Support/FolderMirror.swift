import Foundation

/// Makes a folder hold exactly a given set of files, touching only files whose bytes differ.
///
/// The grader's copies keep their `.build` folder between gradings. A file rewritten with the
/// same bytes would get a new modification time and be compiled again, so unchanged files are
/// left alone: grading the next submission recompiles only what that submission changed.
public enum FolderMirror {
  /// Makes `folder` contain exactly `files` (relative path → file to copy) and `texts` (relative
  /// path → text to write): copies and writes what is new or different, deletes what is not
  /// listed, and leaves `.build`, `.swiftpm` and `.git` alone. Throws a `CourseworkError` when a
  /// file cannot be read or written.
  public static func sync(_ files: [String: URL], texts: [String: String] = [:], into folder: URL)
    throws
  {
    for (path, source) in files where texts[path] == nil {
      guard let data = FileManager.default.contents(atPath: source.path) else {
        throw CourseworkError.grading("cannot read \(source.path)")
      }
      try write(data, to: folder.appendingPathComponent(path), permissionsFrom: source)
    }
    for (path, text) in texts {
      try write(Data(text.utf8), to: folder.appendingPathComponent(path))
    }
    let present = (try? ProjectFiles.walk(folder, skipping: nil)) ?? []
    for path in present where files[path] == nil && texts[path] == nil {
      try? FileManager.default.removeItem(at: folder.appendingPathComponent(path))
    }
    removeEmptyFolders(in: folder)
  }

  /// Writes `data` to `file` unless it already holds exactly those bytes, creating folders as
  /// needed; returns whether the file changed. Permissions are copied from `source` if given.
  ///
  /// SwiftPM's build decides that a source file changed by its modification time in whole
  /// seconds, so a file rewritten within the second of its previous version would not be
  /// compiled again (and a planted bug would silently not be planted). A changed file therefore
  /// always gets a modification time in a later whole second than its previous one, even if
  /// that is a moment in the future.
  @discardableResult
  public static func write(_ data: Data, to file: URL, permissionsFrom source: URL? = nil) throws
    -> Bool
  {
    let manager = FileManager.default
    if manager.contents(atPath: file.path) == data {
      return false
    }
    let previous = (try? manager.attributesOfItem(atPath: file.path))?[.modificationDate] as? Date
    do {
      try manager.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: file)
      if let previous {
        try moveModificationTime(of: file, pastSecondOf: previous)
      }
      if let source,
        let permissions = try manager.attributesOfItem(atPath: source.path)[.posixPermissions]
      {
        try manager.setAttributes([.posixPermissions: permissions], ofItemAtPath: file.path)
      }
    } catch {
      throw CourseworkError.grading("cannot write \(file.path): \(error.localizedDescription)")
    }
    return true
  }

  /// Makes sure the modification time of `file` lies in a later whole second than `previous`.
  static func moveModificationTime(of file: URL, pastSecondOf previous: Date) throws {
    let manager = FileManager.default
    let next = previous.timeIntervalSince1970.rounded(.down) + 1
    let now =
      (try manager.attributesOfItem(atPath: file.path)[.modificationDate] as? Date)?
      .timeIntervalSince1970 ?? 0
    if now < next {
      try manager.setAttributes(
        [.modificationDate: Date(timeIntervalSince1970: next)], ofItemAtPath: file.path)
    }
  }

  /// Removes folders left empty below `root` (deepest first), except the skipped ones.
  private static func removeEmptyFolders(in root: URL) {
    let manager = FileManager.default
    guard let names = try? manager.contentsOfDirectory(atPath: root.path) else { return }
    for name in names where !ProjectFiles.isSkippedFolder(name) {
      let child = root.appendingPathComponent(name)
      var isFolder: ObjCBool = false
      guard manager.fileExists(atPath: child.path, isDirectory: &isFolder), isFolder.boolValue
      else { continue }
      removeEmptyFolders(in: child)
      if (try? manager.contentsOfDirectory(atPath: child.path))?.isEmpty == true {
        try? manager.removeItem(at: child)
      }
    }
  }
}
