import Coursework
import Foundation
import Testing

/// Running programs with output in files and a time limit.
@Suite("Subprocesses")
struct SubprocessTests {
  let shell = URL(fileURLWithPath: "/bin/sh")

  func run(_ script: String, timeLimit: Double? = nil, output: URL? = nil) throws
    -> Subprocess.Termination
  {
    try Subprocess(
      shell, ["-c", script], in: FileManager.default.temporaryDirectory,
      output: output.map { .file($0) } ?? .discard, timeLimit: timeLimit
    ).run()
  }

  @Test func exitStatusesAndSignalsAreReported() throws {
    #expect(try run("exit 0") == .exited(0))
    #expect(try run("exit 3") == .exited(3))
    #expect(try run("kill -ILL $$") == .signalled(4))
  }

  @Test func aProgramPastItsTimeLimitIsKilledWithWhatItStarted() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let marker = folder.url.appendingPathComponent("child-survived")
    // The child sleeps, then leaves a file; killing the group must stop it too.
    let script = "(sleep 0.5; touch '\(marker.path)') & sleep 30"
    #expect(try run(script, timeLimit: 0.1) == .timedOut)
    Thread.sleep(forTimeInterval: 1)
    #expect(!FileManager.default.fileExists(atPath: marker.path))
  }

  @Test func outputGoesToTheFile() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let file = folder.url.appendingPathComponent("out.txt")
    #expect(try run("echo hello; echo oops >&2", output: file) == .exited(0))
    #expect(try folder.read("out.txt") == "hello\noops\n")
  }

  @Test func outputOfAQuickQuestionIsReturned() throws {
    #expect(
      try Subprocess.output(of: shell, ["-c", "echo 42"], in: URL(fileURLWithPath: "/")) == "42\n")
    #expect(throws: (any Error).self) {
      try Subprocess.output(of: shell, ["-c", "exit 1"], in: URL(fileURLWithPath: "/"))
    }
  }

  @Test func executablesAreFoundOnThePath() {
    #expect(Subprocess.findExecutable("sh") != nil)
    #expect(Subprocess.findExecutable("no-such-program-\(UUID().uuidString)") == nil)
  }

  @Test func parallelMapKeepsTheOrder() {
    let squares = parallelMap(Array(0..<50), workers: 3) { $0 * $0 }
    #expect(squares == (0..<50).map { $0 * $0 })
    #expect(parallelMap([Int](), workers: 2) { $0 }.isEmpty)
  }
}
