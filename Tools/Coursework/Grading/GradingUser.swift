import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The unprivileged account that runs a submission's code when the grader runs as root
/// (`minitorch grade --run-as USER`, as Gradescope's `run_autograder` does).
///
/// The student's build, every test process, the students' own tests and the speed benchmark of
/// their code run as this user, with a clean environment and no way to gain privileges
/// (`setpriv --no-new-privs`). The official checkout, the reference copy, the logs and the
/// results are root's alone, so code a student submits cannot read the solutions and copy
/// them into its feedback. The account must be dedicated to grading: after grading, every
/// process it still runs is stopped. Switching users needs Linux (where Gradescope and CI run)
/// and root; elsewhere `init(named:)` refuses.
public struct GradingUser: Sendable, Equatable {
  /// The account's name.
  public let name: String
  /// Its user id.
  public let uid: UInt32
  /// Its primary group id.
  public let gid: UInt32
  /// A folder it owns, for `HOME` and `TMPDIR` (set by the workspace it works in).
  public var home: URL

  /// The account called `name`. Throws a `CourseworkError` that says what to do when it does
  /// not exist, is root, has a login shell (it would not be an account made for grading), when
  /// this process is not root, or on a system where the grader cannot switch users.
  public init(named name: String, home: URL = URL(fileURLWithPath: "/nonexistent")) throws {
    #if os(Linux)
      guard let entry = getpwnam(name) else {
        throw CourseworkError.grading(
          "there is no user '\(name)' to run submissions as; make one without a login shell "
            + "(useradd --system --shell /usr/sbin/nologin \(name)), as setup.sh does")
      }
      let uid = entry.pointee.pw_uid
      let gid = entry.pointee.pw_gid
      let shell = entry.pointee.pw_shell.map { String(cString: $0) } ?? ""
      guard uid != 0 else {
        throw CourseworkError.grading("'\(name)' is root; submissions must run as another user")
      }
      guard Self.loginlessShells.contains(shell) else {
        throw CourseworkError.grading(
          "'\(name)' has the login shell \(shell); the grader stops every process of the user "
            + "it runs submissions as, so give it an account of its own without a login shell "
            + "(useradd --system --shell /usr/sbin/nologin NAME)")
      }
      guard geteuid() == 0 else {
        throw CourseworkError.grading(
          "running submissions as '\(name)' needs root (Gradescope's run_autograder is root); "
            + "without --run-as the grader runs them as yourself")
      }
      guard Self.setpriv != nil else {
        throw CourseworkError.grading(
          "cannot find setpriv (util-linux), which switches to '\(name)'; install util-linux")
      }
      self.name = name
      self.uid = uid
      self.gid = gid
      self.home = home
    #else
      throw CourseworkError.grading(
        "--run-as works on Linux only (where Gradescope runs); grade without it here")
    #endif
  }

  /// Shells that mean an account nobody logs into.
  static let loginlessShells = [
    "/usr/sbin/nologin", "/sbin/nologin", "/bin/false", "/usr/bin/false",
  ]

  /// `setpriv`, which runs a program as another user, if this system has it.
  static let setpriv: URL? = ["/usr/bin/setpriv", "/bin/setpriv", "/usr/sbin/setpriv"]
    .map { URL(fileURLWithPath: $0) }
    .first { FileManager.default.isExecutableFile(atPath: $0.path) }

  /// The folder for `TMPDIR`, inside `home`.
  public var temporaryFolder: URL { home.appendingPathComponent("tmp") }

  /// The environment a program of this user gets: nothing of the grader's but `PATH` (to find
  /// the toolchain) and the locale, its own `HOME` and `TMPDIR`, then `variables`.
  public func environment(_ variables: [String: String?]) -> [String: String] {
    let own = ProcessInfo.processInfo.environment
    var result = ["HOME": home.path, "TMPDIR": temporaryFolder.path]
    for name in ["PATH", "LANG", "LC_ALL"] {
      result[name] = own[name]
    }
    for (name, value) in variables {
      result[name] = value
    }
    return result
  }

  /// The command that runs `executable` with `arguments` as this user: `setpriv` drops to the
  /// user's ids (no supplementary groups, no new privileges), then `env -i` starts it with
  /// exactly `environment`.
  public func command(
    running executable: URL, _ arguments: [String], environment: [String: String]
  ) -> (executable: URL, arguments: [String]) {
    let setpriv = Self.setpriv ?? URL(fileURLWithPath: "/usr/bin/setpriv")
    let variables = environment.keys.sorted().map { "\($0)=\(environment[$0] ?? "")" }
    return (
      setpriv,
      [
        "--reuid=\(uid)", "--regid=\(gid)", "--clear-groups", "--no-new-privs", "--",
        "/usr/bin/env",
        "-i",
      ] + variables + [executable.path] + arguments
    )
  }

  /// Makes the user own `url` and, for a folder, everything inside it, without following
  /// symbolic links. Throws a `CourseworkError` naming the file that cannot be changed.
  public func takeOwnership(of url: URL) throws {
    var paths = [url.path]
    while let path = paths.popLast() {
      guard lchown(path, uid, gid) == 0 else {
        throw CourseworkError.grading(
          "cannot give \(path) to '\(name)': \(String(cString: strerror(errno)))")
      }
      var status = stat()
      guard lstat(path, &status) == 0, (status.st_mode & mode_t(S_IFMT)) == mode_t(S_IFDIR) else {
        continue
      }
      for child in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
        paths.append(path + "/" + child)
      }
    }
  }

  /// Whether the user owns the file or folder at `url` (not following a symbolic link).
  public func owns(_ url: URL) -> Bool {
    var status = stat()
    return lstat(url.path, &status) == 0 && status.st_uid == uid
  }

  /// Stops every process the user still runs (a test that left a child behind, a process that
  /// left its group): the shell, as the user, signals every process it may (`kill -1`).
  public func stopEveryProcess() {
    let (executable, arguments) = command(
      running: URL(fileURLWithPath: "/bin/sh"), ["-c", "kill -s KILL -1 2>/dev/null; true"],
      environment: environment([:]))
    _ = try? Subprocess(executable, arguments, in: URL(fileURLWithPath: "/"), timeLimit: 30).run()
  }
}
