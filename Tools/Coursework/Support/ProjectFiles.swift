import Foundation

/// The files that make up a project folder, as paths relative to its root ("Module0/Operators.swift").
///
/// In a git checkout these are the files git knows or would add: tracked files plus untracked
/// files that `.gitignore` does not exclude (`git ls-files --cached --others --exclude-standard`),
/// so build products and editor litter stay out; or, when asked, the tracked files alone (what
/// the project holds, without a `graph.dot` or a report left lying around). Anywhere else the
/// folder is walked, skipping `.git`, `.swiftpm` and every `.build…` folder.
public enum ProjectFiles {
  /// The project's files under `root`, sorted, never including folders.
  ///
  /// `skipping` is a folder to leave out of a walk (for example an output folder inside the
  /// project). With `trackedOnly`, a git checkout lists only the files git tracks (its index);
  /// a folder that is not a checkout is walked all the same. Throws a `CourseworkError` when a
  /// folder cannot be read.
  public static func list(in root: URL, skipping skipped: URL? = nil, trackedOnly: Bool = false)
    throws -> [String]
  {
    if let tracked = gitFiles(in: root, trackedOnly: trackedOnly) {
      return tracked
    }
    return try walk(root, skipping: skipped)
  }

  /// Whether `root` is the top folder of a git checkout (and git is installed): then `list`
  /// asks git, otherwise it walks the folder.
  public static func isGitCheckout(_ root: URL) -> Bool {
    gitTop(of: root) != nil
  }

  /// Whether a path component names a folder that is never part of a project.
  public static func isSkippedFolder(_ name: String) -> Bool {
    name == ".git" || name == ".swiftpm" || name.hasPrefix(".build")
  }

  /// The git executable, when `root` is the top folder of a git checkout.
  private static func gitTop(of root: URL) -> URL? {
    guard let git = Subprocess.findExecutable("git") else { return nil }
    guard let top = try? Subprocess.output(of: git, ["rev-parse", "--show-toplevel"], in: root),
      URL(fileURLWithPath: top.trimmingCharacters(in: .whitespacesAndNewlines))
        .resolvingSymlinksInPath().path == root.resolvingSymlinksInPath().path
    else { return nil }
    return git
  }

  /// The files git lists for `root` (only the tracked ones with `trackedOnly`), or `nil` when
  /// `root` is not the top of a git checkout (or git is not installed).
  static func gitFiles(in root: URL, trackedOnly: Bool = false) -> [String]? {
    guard let git = gitTop(of: root) else { return nil }
    let arguments =
      trackedOnly
      ? ["ls-files", "-z", "--cached"]
      : ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    guard let listing = try? Subprocess.output(of: git, arguments, in: root) else { return nil }
    var files: [String] = []
    for path in Set(listing.split(separator: "\0").map(String.init)) {
      // The index can list files deleted since, and submodules, which are folders.
      var isFolder: ObjCBool = false
      let full = root.appendingPathComponent(path).path
      if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue {
        files.append(path)
      }
    }
    return files.sorted()
  }

  /// Every file under `root` outside the skipped folders.
  static func walk(_ root: URL, skipping skipped: URL?) throws -> [String] {
    let manager = FileManager.default
    let rootPath = root.standardizedFileURL.resolvingSymlinksInPath().path
    let skippedPath = skipped?.standardizedFileURL.resolvingSymlinksInPath().path
    var files: [String] = []
    var folders = [""]
    while let folder = folders.popLast() {
      let full = folder.isEmpty ? rootPath : rootPath + "/" + folder
      let names: [String]
      do {
        names = try manager.contentsOfDirectory(atPath: full)
      } catch {
        throw CourseworkError.projectFiles(
          "cannot read the folder \(full): \(error.localizedDescription)")
      }
      for name in names {
        let relative = folder.isEmpty ? name : folder + "/" + name
        let path = rootPath + "/" + relative
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
        let isLink = (try? manager.destinationOfSymbolicLink(atPath: path)) != nil
        if isFolder.boolValue && !isLink {
          if !isSkippedFolder(name) && path != skippedPath {
            folders.append(relative)
          }
        } else {
          files.append(relative)
        }
      }
    }
    return files.sorted()
  }
}
