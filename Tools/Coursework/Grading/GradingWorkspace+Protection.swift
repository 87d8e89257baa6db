import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The workspace when submissions run as a grading user (`GradingUser`): which of its folders
/// that user may enter, and which stay root's.
///
/// | folder        | owner | mode   | holds |
/// | ------------- | ----- | ------ | ----- |
/// | the workspace | root  | `0711` | the folders below (the user may pass, not list) |
/// | `submission/` | root  | `0755` | the student's code with the official tests: only what a starter holds; its `.build` is the user's |
/// | `reference/`, `speed-reference/` | root | `0700` | copies of the official checkout with solutions, and their builds |
/// | `intake/`     | root  | `0700` | the grader's copy of the upload |
/// | `logs/`       | root  | `0700` | build logs (programs write them through files the grader opened) |
/// | `runs/`       | root  | `0711` | error output (root's), event streams (each the user's, in a folder it cannot change), the test binary of students' own tests (`0711`: run, not read) |
/// | `student/`    | user  | `0700` | the user's `HOME`, and `tmp/` for `TMPDIR`, emptied before each grading |
/// | anything else | root  | `0700` | other commands' copies (`minitorch bugs`'s `code-bugs/`) |
///
/// Everything the grader makes while the user is set is private by default (`umask 077`).
extension GradingWorkspace {
  /// The grader's copy of the submission's regular files (`SubmissionIntake`).
  public var intake: URL { root.appendingPathComponent("intake") }
  /// A copy of the official checkout built in release, whose speed the submission's is
  /// compared with.
  public var speedReference: URL { root.appendingPathComponent("speed-reference") }
  /// The grading user's home.
  public var studentHome: URL { root.appendingPathComponent("student") }

  /// Closes the workspace to `user` except for what its programs need (see the table above),
  /// stops any process the user left running, and empties its temporary folder. Throws a
  /// `CourseworkError` when a folder cannot be made or changed.
  public func protect(for user: GradingUser) throws {
    umask(0o077)
    user.stopEveryProcess()
    let manager = FileManager.default
    let temporary = studentHome.appendingPathComponent("tmp")
    try? manager.removeItem(at: temporary)
    for folder in [intake, speedReference, studentHome, temporary] {
      try? manager.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    for name in (try? manager.contentsOfDirectory(atPath: runs.path)) ?? [] {
      try? manager.removeItem(at: runs.appendingPathComponent(name))
    }
    let modes: [(URL, mode_t)] = [
      (root, 0o711), (submission, 0o755), (reference, 0o700), (speedReference, 0o700),
      (intake, 0o700), (logs, 0o700), (runs, 0o711),
    ]
    for (folder, mode) in modes {
      try Self.setMode(mode, of: folder)
    }
    // Anything else in the workspace (another command's copy, such as `minitorch bugs`'s
    // code-bugs/, which holds solutions) is root's alone.
    let open = Set(modes.map(\.0.lastPathComponent) + [studentHome.lastPathComponent])
    for name in (try? manager.contentsOfDirectory(atPath: root.path)) ?? []
    where !open.contains(name) && name != Self.markerName {
      try Self.setMode(0o700, of: root.appendingPathComponent(name))
    }
    try user.takeOwnership(of: studentHome)
    try Self.setMode(0o700, of: studentHome)
    try reclaimSubmissionCopy()
  }

  /// Makes everything of the submission copy but its `.build` root's again and removes any
  /// entry that is not a plain file or folder, before the grader writes into it: a link left
  /// in a folder the user owned (a resource folder) would otherwise lead the grader's writes
  /// elsewhere.
  func reclaimSubmissionCopy() throws {
    let build = submission.appendingPathComponent(".build").path
    var folders = [submission.path]
    while let folder = folders.popLast() {
      for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
        let path = folder + "/" + name
        guard path != build else { continue }
        var status = stat()
        guard lstat(path, &status) == 0 else { continue }
        let kind = status.st_mode & mode_t(S_IFMT)
        if kind != mode_t(S_IFDIR) && kind != mode_t(S_IFREG) {
          try? FileManager.default.removeItem(atPath: path)
          continue
        }
        if status.st_uid != 0 {
          guard lchown(path, 0, 0) == 0 else {
            throw CourseworkError.grading("cannot give \(path) back to root")
          }
        }
        if kind == mode_t(S_IFDIR) {
          folders.append(path)
        }
      }
    }
  }

  /// Lets `user` build the submission copy: every folder of it `0755` and every file readable
  /// (`0644`, or `0755` when executable), its `.build` and its `resources` folders (which a
  /// build copies with their owner) the user's; the rest stays root's, so the user's programs
  /// cannot change the official tests or tools in it. Call after each refresh of the copy; the
  /// user's programs never run while it is called.
  public func openSubmissionCopy(to user: GradingUser, resources: [String] = []) throws {
    let build = submission.appendingPathComponent(".build")
    try? FileManager.default.createDirectory(at: build, withIntermediateDirectories: true)
    var folders = [submission.path]
    while let folder = folders.popLast() {
      try Self.setMode(0o755, of: URL(fileURLWithPath: folder))
      for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
        let path = folder + "/" + name
        var status = stat()
        guard lstat(path, &status) == 0 else { continue }
        if (status.st_mode & mode_t(S_IFMT)) == mode_t(S_IFDIR) {
          if path != build.path {
            folders.append(path)
          }
        } else if (status.st_mode & mode_t(S_IFMT)) == mode_t(S_IFREG) {
          let mode: mode_t = (status.st_mode & 0o111) != 0 ? 0o755 : 0o644
          if (status.st_mode & 0o7777) != mode {
            try Self.setMode(mode, of: URL(fileURLWithPath: path))
          }
        }
      }
    }
    try user.takeOwnership(of: build)
    for folder in resources {
      let url = submission.appendingPathComponent(folder)
      if FileManager.default.fileExists(atPath: url.path) {
        try user.takeOwnership(of: url)
      }
    }
  }

  /// Sets the permissions of `url` (not following a link). Throws a `CourseworkError`.
  static func setMode(_ mode: mode_t, of url: URL) throws {
    guard chmod(url.path, mode) == 0 else {
      throw CourseworkError.grading(
        "cannot set the permissions of \(url.path): \(String(cString: strerror(errno)))")
    }
  }
}
