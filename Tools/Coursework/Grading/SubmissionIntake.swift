import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The grader's own copy of a submission: its regular files, and nothing else, copied into a
/// folder of the workspace before anything reads them.
///
/// A submission is a folder someone else made, read by a grader that may run as root. A
/// symbolic link in it could point at the official checkout (`Module0/Operators.swift` → the
/// solution), which would both copy the solution into the student's build and earn its points;
/// git in it would run whatever its `.git/config` names. So the grader never follows a link and
/// never runs git in a submission: it walks the folder without following links, copies each
/// regular file (with plain permissions, `0644` or `0755`), and names what it left out. Build
/// folders (`.build…`), `.git` and `.swiftpm` are skipped, as they are when a project is listed.
public enum SubmissionIntake {
  /// What was copied and what was left out.
  public struct Result: Sendable, Equatable {
    /// The regular files copied, relative to the submission.
    public var files: [String]
    /// Symbolic links (and other entries that are not regular files or folders) left out.
    public var leftOut: [String]

    /// A note for the report naming what was left out, or `nil` when nothing was.
    public var note: String? {
      guard !leftOut.isEmpty else { return nil }
      let shown = leftOut.prefix(10).joined(separator: ", ")
      let more = leftOut.count > 10 ? " and \(leftOut.count - 10) more" : ""
      return "The submission's symbolic links (and other entries that are not plain files) were "
        + "not graded: \(shown)\(more). Submit the files themselves."
    }
  }

  /// Copies the regular files under `submission` into `folder`, which then holds exactly them
  /// (unchanged files are left alone, so builds that read the copy stay warm). Throws a
  /// `CourseworkError` when a folder cannot be read or a file cannot be written.
  public static func copy(_ submission: URL, into folder: URL) throws -> Result {
    let found = try walk(submission)
    var plan: [String: URL] = [:]
    for path in found.files {
      plan[path] = submission.appendingPathComponent(path)
    }
    try FolderMirror.sync(plan, into: folder)
    try plainPermissions(found.files, in: folder)
    return found
  }

  /// The regular files and the left-out entries under `root`, found without following links.
  static func walk(_ root: URL) throws -> Result {
    var files: [String] = []
    var leftOut: [String] = []
    var folders = [""]
    while let folder = folders.popLast() {
      let full = folder.isEmpty ? root.path : root.path + "/" + folder
      let names: [String]
      do {
        names = try FileManager.default.contentsOfDirectory(atPath: full)
      } catch {
        throw CourseworkError.projectFiles(
          "cannot read the folder \(full): \(error.localizedDescription)")
      }
      for name in names.sorted() {
        let relative = folder.isEmpty ? name : folder + "/" + name
        var status = stat()
        guard lstat(root.path + "/" + relative, &status) == 0 else { continue }
        switch status.st_mode & mode_t(S_IFMT) {
        case mode_t(S_IFDIR):
          if !ProjectFiles.isSkippedFolder(name) {
            folders.append(relative)
          }
        case mode_t(S_IFREG):
          files.append(relative)
        default:
          leftOut.append(relative)
        }
      }
    }
    return Result(files: files.sorted(), leftOut: leftOut.sorted())
  }

  /// Gives each copied file `0644`, or `0755` when any execute bit was set: no set-user-id
  /// bit or odd mode a submission's zip may carry survives into the grader's copies.
  static func plainPermissions(_ files: [String], in folder: URL) throws {
    for path in files {
      let file = folder.appendingPathComponent(path).path
      var status = stat()
      guard lstat(file, &status) == 0 else { continue }
      let mode: mode_t = (status.st_mode & 0o111) != 0 ? 0o755 : 0o644
      if (status.st_mode & 0o7777) != mode {
        guard chmod(file, mode) == 0 else {
          throw CourseworkError.grading("cannot set the permissions of \(file)")
        }
      }
    }
  }
}
