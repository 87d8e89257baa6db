import Foundation

/// The files a grading leaves for students to read: Gradescope's `results.json` and GitHub
/// Classroom's payload, each written once, whole, and scrubbed of solution lines.
///
/// Two threads may want to write them: grading when it ends, and the watchdog when the time
/// budget runs out first. Whichever comes first writes; the other finds them written. Each file
/// is written to a temporary name and renamed, so a grader stopped in the middle never leaves
/// half a file for Gradescope to read.
public final class GradingOutputs: @unchecked Sendable {
  /// Where Gradescope's results go, if anywhere.
  public let json: URL?
  /// Where GitHub Classroom's payload goes, if anywhere.
  public let classroom: URL?
  /// What withholds solution lines from both.
  public let scrub: SolutionScrub
  private let lock = NSLock()
  private var written = false

  /// Outputs to `json` and `classroom` (either may be `nil`), scrubbed with `scrub`.
  public init(json: URL?, classroom: URL?, scrub: SolutionScrub) {
    self.json = json
    self.classroom = classroom
    self.scrub = scrub
  }

  /// Writes the results of `report`, unless they were written already. Returns how many lines
  /// were withheld, or `nil` when another writer came first. Throws a `CourseworkError` naming
  /// the file that cannot be written.
  @discardableResult
  public func write(_ report: Report) throws -> Int? {
    try write(report.gradescope)
  }

  /// Writes `results` (Gradescope's format; the Classroom payload is made from them), unless
  /// they were written already. Returns how many lines were withheld, or `nil` when another
  /// writer came first.
  @discardableResult
  public func write(_ results: GradescopeResults) throws -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard !written else { return nil }
    written = true
    let (clean, withheld) = results.scrubbed(with: scrub)
    if let json {
      try Self.replace(json, with: try clean.encoded())
    }
    if let classroom {
      try Self.replace(classroom, with: try ClassroomResults(clean).encoded())
    }
    return withheld
  }

  /// Writes `data` to `file` through a temporary file in the same folder, then renames it.
  static func replace(_ file: URL, with data: Data) throws {
    do {
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: file, options: .atomic)
    } catch {
      throw CourseworkError.grading("cannot write \(file.path): \(error.localizedDescription)")
    }
  }
}

/// Calls an action at a deadline, on a thread of its own, unless cancelled first: what writes
/// the results so far when a grading runs into its time budget.
public final class Watchdog: @unchecked Sendable {
  private let lock = NSLock()
  private var cancelled = false

  /// Starts a watchdog that calls `action` at `deadline`.
  public init(deadline: Date, action: @escaping @Sendable () -> Void) {
    Thread.detachNewThread { [self] in
      Thread.sleep(until: deadline)
      guard !isCancelled else { return }
      action()
    }
  }

  /// Stops the watchdog from acting.
  public func cancel() {
    lock.lock()
    defer { lock.unlock() }
    cancelled = true
  }

  private var isCancelled: Bool {
    lock.lock()
    defer { lock.unlock() }
    return cancelled
  }
}
