import Foundation

// Every file or folder a command writes goes through here, so that each follows three rules:
//
// - The path is checked when the command line is read, before any work: its folder must exist
//   and be a folder this process can create files in, and the path itself must not be a folder
//   (for a file) or a file (for a folder). A bad path ends the command at once with a message
//   naming the path and the problem, and status 2: a long training run never starts only to
//   fail at its end.
// - A file is written under a temporary name in its folder and then renamed over the path
//   (rename(2) replaces a file in one step), so an interrupted write never leaves half a file.
// - A write that still fails after the work (the folder was removed meanwhile, the disk filled
//   up) keeps the result: it goes next to the path under another name, else into the current
//   folder, else into the temporary folder, and the message says where.

/// A file a command will write, checked before any work (see `OutputFile.swift`).
struct OutputFile: Sendable, Equatable {
  /// The option that named it, such as `--save`, for messages.
  let option: String
  /// Where it goes.
  let url: URL
  /// Whether its folder is made when missing (the tools' own output folder, `out/`).
  let makesFolder: Bool

  /// The folder (relative to the current one) where a command writes a file the user did not
  /// name, such as `minitorch graph`'s picture. `.gitignore` lists it, so these files never end
  /// up in a commit or a starter.
  static let defaultFolder = "out"

  /// `path`, given to `option`, once checked: throws a `UsageError` naming the path and the
  /// problem when the file could not be written there. `example` is a file name to suggest
  /// when `path` is a folder.
  static func checked(_ path: String, option: String, example: String) throws(UsageError)
    -> OutputFile
  {
    if let problem = OutputPath.problem(file: path, example: example) {
      throw UsageError("\(option) \(path): \(problem)")
    }
    return OutputFile(option: option, url: URL(fileURLWithPath: path), makesFolder: false)
  }

  /// The file `name` in the tools' output folder (`out/`), for `option`'s default; checked
  /// like a path given on the command line, except that the folder is made when missing.
  static func inDefaultFolder(_ name: String, option: String) throws(UsageError) -> OutputFile {
    let path = defaultFolder + "/" + name
    if let problem = OutputPath.problem(folder: defaultFolder) {
      throw UsageError("\(option) (default \(path)): \(problem)")
    }
    if OutputPath.isFolder(path) {
      throw UsageError("\(option) (default \(path)): \(path) is a folder; give --output FILE")
    }
    return OutputFile(option: option, url: URL(fileURLWithPath: path), makesFolder: true)
  }

  /// The file of the same name with the extension `pathExtension`, in the same folder (the
  /// picture `graph.svg` next to `graph.dot`), checked in the same way.
  func sibling(pathExtension: String) throws(UsageError) -> OutputFile {
    let other = url.deletingPathExtension().appendingPathExtension(pathExtension)
    if OutputPath.isFolder(other.path) {
      throw UsageError(
        "\(option) \(url.path): the picture would go to \(other.path), which is a folder")
    }
    return OutputFile(option: option, url: other, makesFolder: makesFolder)
  }

  /// The path as the messages show it.
  var path: String { url.path }

  // MARK: Writing

  /// Writes `data` to the file (under a temporary name, then renamed). When that fails, keeps
  /// the data in the first of `fallbacks` (default: next to the file, the current folder, the
  /// temporary folder) that takes it, under a name no file has yet. Throws only when no place
  /// took it.
  func write(_ data: Data, fallbacks: [URL]? = nil) throws(OutputError) -> WrittenFile {
    var failures: [String] = []
    do {
      try makeFolderIfNeeded()
      try Self.replace(url) { try data.write(to: $0, options: .withoutOverwriting) }
      return WrittenFile(url: url, problem: nil)
    } catch {
      // Say what changed since the check if something did (the folder was removed), else what
      // the system said.
      failures.append(
        OutputPath.problem(file: path, example: url.lastPathComponent) ?? Self.reason(error))
    }
    let places =
      fallbacks ?? [
        url.deletingLastPathComponent(),
        URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        FileManager.default.temporaryDirectory,
      ]
    for folder in places {
      let other = Self.unusedName(for: url.lastPathComponent, in: folder)
      do {
        try Self.replace(other) { try data.write(to: $0, options: .withoutOverwriting) }
        return WrittenFile(url: other, problem: failures[0])
      } catch {
        failures.append("\(other.path): \(Self.reason(error))")
      }
    }
    throw OutputError(option: option, failures: failures)
  }

  /// Makes the file with `produce`, which writes whatever it makes to the URL it is given (a
  /// temporary name in the same folder), then renames it over the file.
  func write(by produce: (URL) throws -> Void) throws {
    try makeFolderIfNeeded()
    try Self.replace(url, by: produce)
  }

  private func makeFolderIfNeeded() throws {
    if makesFolder {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    }
  }

  /// Writes `target` by `produce` into a temporary file beside it, then renames that over it.
  private static func replace(_ target: URL, by produce: (URL) throws -> Void) throws {
    let folder = target.deletingLastPathComponent()
    let temporary = folder.appendingPathComponent(
      ".\(target.lastPathComponent).partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    do {
      try produce(temporary)
      guard rename(temporary.path, target.path) == 0 else {
        throw OutputPath.SystemError(code: errno)
      }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
  }

  /// `name` in `folder`, or `name-1`, `name-2`, … (before the extension) when it is taken.
  static func unusedName(for name: String, in folder: URL) -> URL {
    let base = URL(fileURLWithPath: name)
    var candidate = folder.appendingPathComponent(name)
    var number = 1
    while FileManager.default.fileExists(atPath: candidate.path) {
      let stem = base.deletingPathExtension().lastPathComponent + "-\(number)"
      candidate = folder.appendingPathComponent(
        base.pathExtension.isEmpty ? stem : stem + "." + base.pathExtension)
      number += 1
    }
    return candidate
  }

  /// What the system said, in a few words.
  private static func reason(_ error: Error) -> String {
    if let error = error as? OutputPath.SystemError { return error.description }
    let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
    if let code = underlying.map({ Int32($0.code) }), underlying?.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(code))
    }
    return error.localizedDescription
  }
}

/// Where a file went: the path asked for, or another place when writing there failed.
struct WrittenFile: Equatable {
  /// The file that holds the data.
  let url: URL
  /// Why the path asked for was not written (`nil` when it was).
  let problem: String?

  /// A sentence for the user: `Wrote the graph to out/graph.dot.`, or where it went instead.
  func note(_ what: String, asked: OutputFile) -> String {
    guard let problem else { return "Wrote \(what) to \(url.path)." }
    return "Could not write \(what) to \(asked.path) (\(problem)), so \(what) went to "
      + "\(url.path) instead."
  }
}

/// A result that could be written nowhere: neither to its path nor to any fallback.
struct OutputError: Error, CustomStringConvertible {
  /// The option that named the file.
  let option: String
  /// Each place tried, with what went wrong there.
  let failures: [String]

  /// `could not write --save anywhere: …`.
  var description: String {
    "could not write the file of \(option) anywhere: " + failures.joined(separator: "; ")
  }
}

/// Checks of a path about to be written, shared by files and folders.
enum OutputPath {
  /// Why a file could not be written at `path`, or `nil` when it can; `example` is a file name
  /// to suggest when `path` names a folder.
  static func problem(file path: String, example: String) -> String? {
    guard !path.isEmpty else { return "give a file name, such as \(example)" }
    if path.hasSuffix("/") || isFolder(path) {
      let folder = path.hasSuffix("/") ? String(path.dropLast()) : path
      return "\(folder) is a folder; give the name of a file in it, such as \(folder)/\(example)"
    }
    return cannotCreateFiles(in: folderOf(path))
  }

  /// Why `path` could not be used as a folder to write into (made when missing), or `nil`.
  static func problem(folder path: String) -> String? {
    guard !path.isEmpty else { return "give a folder" }
    if exists(path) && !isFolder(path) {
      return "\(path) is a file, not a folder"
    }
    return cannotCreateFiles(in: isFolder(path) ? path : folderOf(path))
  }

  /// Why new files cannot be made in the folder `folder`, or `nil` when they can.
  private static func cannotCreateFiles(in folder: String) -> String? {
    guard isFolder(folder) else {
      // The nearest part of the path that exists says what is wrong: a file where a folder
      // should be, or a folder that does not exist yet.
      var ancestor = folder
      while !exists(ancestor) && ancestor != folderOf(ancestor) {
        ancestor = folderOf(ancestor)
      }
      if exists(ancestor) && !isFolder(ancestor) {
        return "\(ancestor) is a file, not a folder"
      }
      return "the folder \(folder) does not exist; make it first (mkdir -p \(folder)) or "
        + "choose another place"
    }
    let probe = URL(fileURLWithPath: folder).appendingPathComponent(
      ".minitorch-write-check-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    let descriptor = open(probe.path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
    guard descriptor >= 0 else {
      return "cannot create files in the folder \(folder): \(SystemError(code: errno))"
    }
    close(descriptor)
    unlink(probe.path)
    return nil
  }

  /// `path` for `--option` as a folder to write into, or a `UsageError` saying why it cannot be.
  static func checkedFolder(_ path: String, option: String) throws(UsageError) -> URL {
    if let problem = problem(folder: path) {
      throw UsageError("--\(option) \(path): \(problem)")
    }
    return URL(fileURLWithPath: path)
  }

  /// The folder part of `path`, `.` for a bare name.
  static func folderOf(_ path: String) -> String {
    let folder = (path as NSString).deletingLastPathComponent
    return folder.isEmpty ? "." : folder
  }

  /// Whether anything (file or folder) is at `path`.
  static func exists(_ path: String) -> Bool {
    FileManager.default.fileExists(atPath: path)
  }

  /// Whether `path` is a folder.
  static func isFolder(_ path: String) -> Bool {
    var folder: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
  }

  /// A failed system call, described by the system's words for its `errno`.
  struct SystemError: Error, CustomStringConvertible {
    /// The `errno` value.
    let code: Int32
    /// `Permission denied`.
    var description: String { String(cString: strerror(code)) }
  }
}

extension Option where Value == OutputFile? {
  /// A file the command writes, checked when the command line is read (see `OutputFile`);
  /// `example` is a file name to suggest when a folder is given instead.
  static func outputFile(
    _ name: String, _ placeholder: String = "FILE", example: String, defaultText: String? = nil,
    _ meaning: String
  ) -> Option<OutputFile?> {
    .custom(
      name, placeholder, allowed: nil, defaultText: defaultText, absent: .some(nil), meaning
    ) { path throws(UsageError) in
      try OutputFile.checked(path, option: "--\(name)", example: example)
    }
  }
}

extension Option where Value == URL? {
  /// A folder the command writes into, made when missing: checked when the command line is
  /// read (its parent must exist and take new files; a file there is refused).
  static func outputFolder(
    _ name: String, _ placeholder: String = "DIR", defaultText: String? = nil, _ meaning: String
  ) -> Option<URL?> {
    .custom(
      name, placeholder, allowed: nil, defaultText: defaultText, absent: .some(nil), meaning
    ) { path throws(UsageError) in try OutputPath.checkedFolder(path, option: name) }
  }

  /// A path the command reads (a file or a folder), `nil` when absent.
  static func path(
    _ name: String, _ placeholder: String, defaultText: String? = nil, _ meaning: String
  ) -> Option<URL?> {
    .custom(
      name, placeholder, allowed: nil, defaultText: defaultText, absent: .some(nil), meaning
    ) { path throws(UsageError) in
      guard !path.isEmpty else { throw UsageError("--\(name) needs a path") }
      return URL(fileURLWithPath: path)
    }
  }
}

extension Option where Value == URL {
  /// A folder the command writes into, required; checked like `outputFolder`.
  static func requiredOutputFolder(
    _ name: String, _ placeholder: String = "DIR", _ meaning: String
  ) -> Option<URL> {
    .custom(name, placeholder, allowed: nil, defaultText: nil, absent: nil, meaning) {
      path throws(UsageError) in try OutputPath.checkedFolder(path, option: name)
    }
  }
}
