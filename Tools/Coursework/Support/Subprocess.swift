import Foundation

/// Runs another program to completion, with its output in files and an optional time limit.
///
/// Output goes to files, never to pipes: a pipe that nobody reads fills up and blocks the
/// program for ever. A program that runs past its time limit is killed together with every
/// process it started (Foundation starts each program in a process group of its own).
public struct Subprocess: Sendable {
  /// The program to run.
  public var executable: URL
  /// Its arguments, without the program's name.
  public var arguments: [String]
  /// The folder it runs in.
  public var directory: URL
  /// Variables to set (or, with `nil`, remove) on top of this process's environment.
  public var environment: [String: String?]
  /// Where standard output goes.
  public var output: Destination
  /// Where standard error goes; `nil` sends it where standard output goes.
  public var errors: Destination?
  /// Seconds after which the program is killed; `nil` waits as long as it takes.
  public var timeLimit: Double?
  /// The user to run the program as (`setpriv`, from root), with an environment of only its
  /// own `HOME`, `TMPDIR`, `PATH` and `environment`; `nil` runs it as this process's user with
  /// this process's environment and `environment` on top.
  public var user: GradingUser?

  /// A program to run; see the properties for what each value means.
  public init(
    _ executable: URL, _ arguments: [String], in directory: URL,
    environment: [String: String?] = [:], output: Destination = .discard,
    errors: Destination? = nil, timeLimit: Double? = nil, user: GradingUser? = nil
  ) {
    self.executable = executable
    self.arguments = arguments
    self.directory = directory
    self.environment = environment
    self.output = output
    self.errors = errors
    self.timeLimit = timeLimit
    self.user = user
  }

  /// Where an output stream of the program goes.
  public enum Destination: Sendable, Equatable {
    /// Thrown away.
    case discard
    /// Written to this file, which is emptied first.
    case file(URL)
  }

  /// How a program ended.
  public enum Termination: Sendable, Equatable {
    /// It exited with this status (0 is success).
    case exited(Int32)
    /// A signal ended it (4 is an illegal instruction: a Swift trap).
    case signalled(Int32)
    /// It ran past its time limit and was killed.
    case timedOut
  }

  /// Runs the program and waits for it. Throws when it cannot be started at all.
  @discardableResult
  public func run() throws -> Termination {
    let process = Process()
    if let user {
      let command = user.command(
        running: executable, arguments, environment: user.environment(environment))
      process.executableURL = command.executable
      process.arguments = command.arguments
    } else {
      process.executableURL = executable
      process.arguments = arguments
      var variables = ProcessInfo.processInfo.environment
      for (name, value) in environment {
        variables[name] = value
      }
      process.environment = variables
    }
    process.currentDirectoryURL = directory
    let outputHandle = try handle(for: output)
    let errorHandle = try errors.map { try handle(for: $0) } ?? outputHandle
    defer {
      try? outputHandle.close()
      try? errorHandle.close()
    }
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = outputHandle
    process.standardError = errorHandle
    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    try process.run()
    let id = process.processIdentifier
    RunningPrograms.shared.started(id)
    defer { RunningPrograms.shared.ended(id) }
    if let timeLimit, finished.wait(timeout: .now() + timeLimit) == .timedOut {
      Self.stop(id)
      finished.wait()
      return .timedOut
    } else if timeLimit == nil {
      finished.wait()
    }
    process.waitUntilExit()
    switch process.terminationReason {
    case .exit: return .exited(process.terminationStatus)
    case .uncaughtSignal: return .signalled(process.terminationStatus)
    @unknown default: return .exited(process.terminationStatus)
    }
  }

  /// Kills the program with process id `id` and its process group: it and whatever it started.
  static func stop(_ id: Int32) {
    kill(-id, SIGKILL)
    kill(id, SIGKILL)
  }

  /// Kills every program this process has started and not yet seen end, with their process
  /// groups: what a grader does before it gives up at its deadline.
  public static func stopAllRunning() {
    for id in RunningPrograms.shared.all() {
      stop(id)
    }
  }

  private func handle(for destination: Destination) throws -> FileHandle {
    switch destination {
    case .discard:
      return FileHandle.nullDevice
    case .file(let file):
      guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
        throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: file.path])
      }
      return try FileHandle(forWritingTo: file)
    }
  }

  /// Runs `executable` with `arguments` in `directory` and returns its standard output; throws
  /// when it cannot start or does not exit with status 0. For quick questions such as
  /// `git rev-parse`, not for programs that print a lot.
  public static func output(of executable: URL, _ arguments: [String], in directory: URL) throws
    -> String
  {
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("minitorch-\(UUID().uuidString).out")
    defer { try? FileManager.default.removeItem(at: file) }
    let termination = try Subprocess(
      executable, arguments, in: directory, output: .file(file), errors: .discard
    ).run()
    guard termination == .exited(0) else {
      throw CocoaError(.executableLoad, userInfo: [NSFilePathErrorKey: executable.path])
    }
    return (try? String(contentsOf: file, encoding: .utf8)) ?? ""
  }

  /// The first executable file called `name` in the folders of `PATH`, or `nil`.
  public static func findExecutable(_ name: String) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") where !folder.isEmpty {
      let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: candidate.path) {
        return candidate
      }
    }
    return nil
  }
}

/// The process ids of the programs `Subprocess` has started and not yet seen end.
private final class RunningPrograms: @unchecked Sendable {
  static let shared = RunningPrograms()
  private let lock = NSLock()
  private var ids: Set<Int32> = []

  func started(_ id: Int32) {
    lock.lock()
    defer { lock.unlock() }
    ids.insert(id)
  }

  func ended(_ id: Int32) {
    lock.lock()
    defer { lock.unlock() }
    ids.remove(id)
  }

  func all() -> [Int32] {
    lock.lock()
    defer { lock.unlock() }
    return Array(ids)
  }
}
