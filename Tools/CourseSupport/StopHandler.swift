#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Ends a program that stops on a failed check with a few lines of directions and a prompt exit,
/// instead of Swift's crash report.
///
/// When a `precondition`, a `fatalError` or a runtime check (an index out of range, `nil`
/// unwrapped) fails, the Swift runtime prints the check's message and stops the process with a
/// signal. On Linux it then starts a crash reporter that prints about 110 lines of threads and
/// registers, and that has kept `swift test` waiting for minutes. `install()` replaces the
/// runtime's handlers for those signals: the message still appears, then a short note says which
/// test was running and the one command to run next, and the process exits at once with
/// `exitStatus`. A stack overflow (a function that calls itself without end) gets a note too.
///
/// `notImplemented(_:)` does not trap at all: it prints its directions and exits the same way,
/// whether or not the handlers are installed.
///
/// The test suites install the handlers through the `.explainsStops` trait of `TestSupport`,
/// which also reports each test as it starts and ends (`testStarted(_:)`, `testEnded(_:)`), so
/// the note can name it. A command-line program installs them with one call to `install()`.
///
/// When `SWIFT_BACKTRACE` asks for the runtime's backtrace (`enable=yes`), `install()` leaves the
/// runtime's handlers in place (it still gives the thread an alternate stack, which they use), so
/// the backtrace the note suggests can be had on request, for a stack overflow too.
public enum StopHandler {
  /// The exit status of a process that the handler ends (70, `EX_SOFTWARE`: an internal error).
  public static let exitStatus: Int32 = 70

  /// The signals a failed check can stop a process with: a Swift trap (`SIGILL` on x86-64,
  /// `SIGTRAP` on ARM), `abort()` (`SIGABRT`), an arithmetic fault (`SIGFPE`) and a bad memory
  /// access or stack overflow (`SIGSEGV`, `SIGBUS`).
  public static let handledSignals: [Int32] = [SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGSEGV, SIGBUS]

  /// Installs the handlers for `handledSignals` (the first call only; later calls are cheap) and
  /// gives the calling thread an alternate signal stack, so that even a stack overflow on this
  /// thread ends with the note. Call it on every thread that runs code which may overflow its
  /// stack; the `.explainsStops` trait calls it at the start of every test.
  ///
  /// When `SWIFT_BACKTRACE` turns the runtime's backtrace on (see `backtraceRequested`), only
  /// the alternate stack is installed: the runtime's own handler then uses it, so that a stack
  /// overflow gets its backtrace too.
  public static func install() {
    installAlternateStackOnCurrentThread()
    guard !backtraceRequested else { return }
    StopState.shared.installHandlersOnce()
  }

  /// Whether the environment variable `SWIFT_BACKTRACE` asks for the Swift runtime's backtrace;
  /// then `install()` keeps the runtime's handlers. See `backtraceRequested(by:)`.
  public static var backtraceRequested: Bool {
    backtraceRequested(by: getenv("SWIFT_BACKTRACE").map { String(cString: $0) })
  }

  /// Whether a `SWIFT_BACKTRACE` value such as `"enable=yes,preset=friendly"` turns the runtime's
  /// backtrace on: its `enable` setting is present and is not `no`.
  public static func backtraceRequested(by setting: String?) -> Bool {
    for item in (setting ?? "").split(separator: ",") {
      let parts = item.split(separator: "=", maxSplits: 1).map {
        String($0.filter { $0 != " " }).lowercased()
      }
      if parts.count == 2, parts[0] == "enable" {
        return !["no", "off", "false", "0"].contains(parts[1])
      }
    }
    return false
  }

  /// Records that the test `name` started, so that a stop names it. `name` is the `--filter`
  /// argument that runs the test alone, for example `"Task2_1/stridesAreRowMajor"`.
  public static func testStarted(_ name: String) {
    StopState.shared.update { $0.append(name) }
  }

  /// Records that the test `name` ended (see `testStarted(_:)`).
  public static func testEnded(_ name: String) {
    StopState.shared.update { running in
      if let index = running.firstIndex(of: name) { running.remove(at: index) }
    }
  }

  /// The tests running now, as reported to `testStarted(_:)`, in the order they started.
  public static var runningTests: [String] {
    StopState.shared.runningTests
  }

  /// The `--filter` arguments this process was started with (`swift test --filter Task2_1`
  /// passes them on to the test process), in order; empty for a plain `swift test`.
  public static var commandLineFilters: [String] {
    let arguments = CommandLine.arguments
    return arguments.indices.dropLast().filter { arguments[$0] == "--filter" }.map {
      arguments[$0 + 1]
    }
  }

  /// The directions `notImplemented(_:)` prints for `task` while the tests `running` run in a
  /// process started with `filters`, in a repository whose work starts at module `start`
  /// (`CourseStart.module`): which task is unwritten, where it is explained, and the one
  /// command to run once it is written. When the test running belongs to another task, it says
  /// that its suite needs this task; when a plain `swift test` reached it, that one task at a
  /// time is the way to work. A task of a module before `start` is earlier work the student
  /// brings from their own repository of module `start − 1`, so the first step is `minitorch
  /// sync` from there.
  public static func notImplementedDirections(
    for task: TaskReference, running: [String], filters: [String],
    start: Int = CourseStart.module
  ) -> String {
    let suites = suiteNames(of: running)
    var first = "Task \(task.id) is not implemented yet"
    if suites.count == 1, suites[0] != task.suite {
      first += ", and the tests of \(suites[0]) need it"
    }
    if let module = task.module, module < start {
      let rerun = suites.count == 1 ? suites[0] : task.suite
      return [
        first + ".",
        "  This repository starts at Module \(start): Task \(task.id) is Module \(module) work, "
          + "which you bring from your own repository.",
        "  First: swift run minitorch sync --from <your module \(start - 1) repository>",
        "  Then run the tests again: swift test --filter \(rerun)",
      ].joined(separator: "\n")
    }
    var lines = [
      first + ".",
      "  What to write: \(task.page), section \"Task \(task.id)\".",
      "  Then run its tests: swift test --filter \(task.suite)",
    ]
    if !running.isEmpty, filters.isEmpty {
      lines += [
        "  (`swift test` alone runs every task's tests and stops at the first unwritten code it",
        "  reaches: work on one task at a time, with its filter.)",
      ]
    }
    return lines.joined(separator: "\n")
  }

  /// The note printed after the runtime's own message when the process stops with `signal`
  /// while the tests `running` run in a process started with `filters`: what kind of stop it
  /// was, which test was running, and the one command to run next. With one test running, that
  /// command shows the line of code that led to the stop (Swift's backtrace for that test
  /// alone); with several, it runs them one at a time, so that the next stop names its test.
  public static func stopNote(signal: Int32, running: [String], filters: [String]) -> String {
    var lines = ["", kind(of: signal)]
    let suites = suiteNames(of: running)
    if running.count == 1 {
      lines += [
        "It stopped in the test \(running[0]).",
        "Next, to see which line of your code led there, run that test with Swift's backtrace:",
        "  SWIFT_BACKTRACE=enable=yes,preset=friendly swift test --filter \(running[0])",
      ]
    } else if !suites.isEmpty {
      let filter = filters.map { " --filter \($0)" }.joined()
      lines += [
        "It stopped in one of the tests of \(suites.joined(separator: ", ")) running at the time.",
        "Next, run the tests one at a time to see which: swift test --no-parallel\(filter)",
      ]
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Prints the directions for `task` (see `notImplementedDirections(for:running:filters:)`),
  /// prefixed by the caller's location, and exits with `exitStatus`. Only the first stop of a
  /// process prints; a second thread that stops at the same time waits for the exit.
  static func stopBecauseNotImplemented(
    _ task: TaskReference, file: StaticString, line: UInt
  ) -> Never {
    let state = StopState.shared
    pthread_mutex_lock(state.stopLock)
    let text =
      "\(file):\(line): "
      + notImplementedDirections(
        for: task, running: state.runningTests, filters: commandLineFilters) + "\n"
    fflush(nil)
    writeAll(text)
    _exit(exitStatus)
  }

  /// What a stop by `signal` means, in a sentence or three.
  private static func kind(of signal: Int32) -> String {
    switch signal {
    case SIGILL, SIGTRAP:
      return """
        The program stopped on a failed check (signal \(signal)). The message above says which \
        check, and where;
        no message means one of Swift's own checks, such as an arithmetic overflow.
        """
    case SIGABRT:
      return "The program stopped: abort() was called (signal \(signal)). The message above, "
        + "if any, says why."
    case SIGFPE:
      return "The program stopped on an arithmetic fault (signal \(signal)), such as an integer "
        + "division by zero."
    default:
      return """
        The program stopped on a memory error (signal \(signal)). This is almost always a stack \
        overflow:
        a function that calls itself without end. Inside `enum Operators`, a plain `log(x)` or
        `exp(x)` calls Operators.log or Operators.exp itself; write `Foundation.log(x)` and
        `Foundation.exp(x)` for the math library's functions.
        """
    }
  }

  /// The suite part of each test name ("Task2_1" of "Task2_1/stridesAreRowMajor"), each once,
  /// in order of first appearance.
  private static func suiteNames(of tests: [String]) -> [String] {
    var suites: [String] = []
    for test in tests {
      let suite = String(test.split(separator: "/").first ?? Substring(test))
      if !suites.contains(suite) { suites.append(suite) }
    }
    return suites
  }
}

/// Writes `text` to standard error with `write(2)`, retrying short writes.
private func writeAll(_ text: String) {
  var bytes = Array(text.utf8)
  bytes.withUnsafeMutableBytes { buffer in
    writeAll(buffer.baseAddress, buffer.count)
  }
}

/// Writes `count` bytes at `start` to standard error; safe to call in a signal handler.
private func writeAll(_ start: UnsafeRawPointer?, _ count: Int) {
  guard var next = start else { return }
  var left = count
  while left > 0 {
    let written = write(2, next, left)
    if written <= 0 { return }
    next += written
    left -= written
  }
}

/// Gives the calling thread an alternate signal stack of 64 KiB unless it has one already. The
/// memory is never freed: a handler may still need it while the thread lives, and threads that
/// run tests are few and long-lived.
private func installAlternateStackOnCurrentThread() {
  var current = stack_t()
  guard sigaltstack(nil, &current) == 0,
    current.ss_flags & Int32(SS_DISABLE) != 0 || current.ss_sp == nil
  else { return }
  let size = 64 * 1024
  guard let memory = malloc(size) else { return }
  var alternate = stack_t()
  alternate.ss_sp = memory
  alternate.ss_size = .init(size)
  alternate.ss_flags = 0
  if sigaltstack(&alternate, nil) != 0 {
    free(memory)
  }
}

/// What the signal handler reads: the note for each handled signal, rebuilt in normal code every
/// time a test starts or ends, so the handler only copies bytes with `write(2)`.
///
/// Each note lives in one of two pre-allocated buffers: an update fills the buffer not in use
/// and then switches to it. A handler that runs during an update prints the older note or, at
/// worst, a mixture of the two; it never reads outside a buffer. One mutex, `stopLock`, makes
/// sure only the first stop of a process prints (the handler only tries it, never waits).
private final class StopState: @unchecked Sendable {
  static let shared = StopState()

  /// Bytes per note buffer; a longer note is cut.
  static let capacity = 4096

  /// Held by the stop that is printing; a later stop waits for the process to exit.
  let stopLock: UnsafeMutablePointer<pthread_mutex_t>

  /// Guards `running` and the buffer switch.
  private let updateLock: UnsafeMutablePointer<pthread_mutex_t>
  private var running: [String] = []
  private let filters = StopHandler.commandLineFilters
  private var installed = false

  /// Per handled signal, two buffers (`capacity` bytes each) and their used lengths.
  private let buffers: UnsafeMutablePointer<UInt8>
  private let lengths: UnsafeMutablePointer<Int>
  /// Which of the two buffers is in use (0 or 1).
  private let current: UnsafeMutablePointer<Int>

  private init() {
    stopLock = .allocate(capacity: 1)
    pthread_mutex_init(stopLock, nil)
    updateLock = .allocate(capacity: 1)
    pthread_mutex_init(updateLock, nil)
    let slots = StopHandler.handledSignals.count * 2
    buffers = .allocate(capacity: slots * Self.capacity)
    lengths = .allocate(capacity: slots)
    lengths.initialize(repeating: 0, count: slots)
    current = .allocate(capacity: 1)
    current.initialize(to: 0)
  }

  var runningTests: [String] {
    pthread_mutex_lock(updateLock)
    defer { pthread_mutex_unlock(updateLock) }
    return running
  }

  /// Changes the list of running tests and rebuilds the notes.
  func update(_ change: (inout [String]) -> Void) {
    pthread_mutex_lock(updateLock)
    defer { pthread_mutex_unlock(updateLock) }
    change(&running)
    rebuildNotes()
  }

  func installHandlersOnce() {
    pthread_mutex_lock(updateLock)
    defer { pthread_mutex_unlock(updateLock) }
    guard !installed else { return }
    installed = true
    rebuildNotes()
    // Touch the shared instance now, so the handler never runs its lazy initialisation.
    stopStateForHandler = self
    for signal in StopHandler.handledSignals {
      var action = sigaction()
      #if canImport(Darwin)
        action.__sigaction_u.__sa_handler = handleStop
      #elseif canImport(Glibc)
        action.__sigaction_handler.sa_handler = handleStop
      #elseif canImport(Musl)
        action.__sa_handler.sa_handler = handleStop
      #endif
      // While the handler runs, the handled signals are blocked on its thread: should the
      // handler itself fault, the process ends by the signal's default action, and a second
      // thread that stops meanwhile runs its own handler, which waits for the exit.
      sigemptyset(&action.sa_mask)
      for blocked in StopHandler.handledSignals {
        sigaddset(&action.sa_mask, blocked)
      }
      // On the alternate stack: a stack overflow leaves no room on the thread's own.
      action.sa_flags = Int32(truncatingIfNeeded: Int(SA_ONSTACK))
      sigaction(signal, &action, nil)
    }
  }

  /// Must hold `updateLock`.
  private func rebuildNotes() {
    let next = 1 - current.pointee
    for (index, signal) in StopHandler.handledSignals.enumerated() {
      let note = StopHandler.stopNote(signal: signal, running: running, filters: filters)
      let bytes = Array(note.utf8)
      let slot = index * 2 + next
      let count = min(bytes.count, Self.capacity)
      bytes.withUnsafeBufferPointer { source in
        (buffers + slot * Self.capacity).update(from: source.baseAddress!, count: count)
      }
      lengths[slot] = count
    }
    current.pointee = next
  }

  /// Prints the note for `signal` and exits; called from the signal handler.
  func reportStop(signal: Int32) {
    // Only the first stop prints; any other waits here for the exit.
    if pthread_mutex_trylock(stopLock) != 0 {
      while true { pause() }
    }
    if let index = StopHandler.handledSignals.firstIndex(of: signal) {
      let slot = index * 2 + current.pointee
      writeAll(buffers + slot * Self.capacity, lengths[slot])
    }
    _exit(StopHandler.exitStatus)
  }
}

/// Set once by `installHandlersOnce()`, before any handler can run.
nonisolated(unsafe) private var stopStateForHandler: StopState?

/// The signal handler: prints the prepared note and exits.
private func handleStop(_ signal: Int32) {
  stopStateForHandler?.reportStop(signal: signal)
  _exit(StopHandler.exitStatus)
}
