import Foundation
import Testing

@testable import minitorch

@Suite("Benchmark results a course can keep")
struct BenchResultsTests {
  /// A `--json` file as minitorch bench wrote it before the machine's system, the commit, the
  /// date and the version were recorded.
  static let olderFile = """
    {
      "convolutions" : [],
      "elementwise" : [
        { "backend" : "fast", "elements" : 1000000, "operation" : "exp",
          "seconds" : { "fastest" : 0.0012, "median" : 0.00125, "runs" : 7, "slowest" : 0.0013 },
          "threads" : 2 }
      ],
      "machine" : { "architecture" : "x86_64", "build" : "release", "cores" : 2,
        "loadAverage" : [0.5, 0.4, 0.3], "processor" : "Some CPU", "target" : "portable",
        "threads" : [null] },
      "matmul" : [
        { "backend" : "fast", "gflops" : 24, "n" : 512,
          "seconds" : { "fastest" : 0.0110, "median" : 0.0112, "runs" : 7, "slowest" : 0.0114 },
          "threads" : 2 }
      ],
      "networks" : [],
      "repetitions" : 7
    }
    """

  func timing(_ median: Double, spread: Double = 0.02) -> Timing {
    Timing([median * (1 - spread / 2), median, median * (1 + spread / 2)])
  }

  func machine(processor: String = "Some CPU", build: String = "release") -> Machine {
    Machine(
      processor: processor, cores: 2, threads: [nil], build: build, target: "portable",
      architecture: "x86_64", os: "Linux 6.1", loadAverage: nil)
  }

  @Test func anOlderFileStillReadsAndItsFiguresMatchTodays() throws {
    let scratch = try ScratchFolder()
    defer { scratch.remove() }
    try scratch.file("old.json", Self.olderFile)
    let old = try BenchReport.read(
      URL(fileURLWithPath: scratch.path("old.json")), option: "--compare")
    #expect(old.commit == nil && old.machine.os == nil && old.date == nil)
    #expect(
      old.figures.map(\.name) == [
        "matmul 512×512, fast, 2 threads", "exp of 1000000 entries, fast, 2 threads",
      ])

    var now = BenchReport(machine: machine(), repetitions: 7, commit: nil)
    now.matmul = [MatmulResult(n: 512, backend: "fast", threads: 2, seconds: timing(0.0168))]
    now.elementwise = [
      ElementwiseResult(
        operation: "exp", backend: "fast", threads: 2, elements: 1_000_000, seconds: timing(0.00124)
      ),
      ElementwiseResult(
        operation: "add", backend: "fast", threads: 2, elements: 1_000_000, seconds: timing(0.0003)),
    ]
    let rows = now.compared(with: old)
    #expect(
      rows.map(\.figure) == [
        "matmul 512×512, fast, 2 threads", "exp of 1000000 entries, fast, 2 threads",
      ])
    #expect(abs(rows[0].ratio - 1.5) < 1e-12 && rows[0].verdict == "slower")
    #expect(rows[1].verdict == "same")
    let table = now.comparisonTable(with: old)
    #expect(table.contains("◀ slower"))
    #expect(table.contains("1 figure slower and 0 faster"))
    #expect(
      !table.contains("Note: not the same machine"),
      "an older file without a system is not a difference")
  }

  @Test func aChangeWithinTheRunsSpreadIsNoVerdict() {
    #expect(FigureComparison(figure: "f", earlier: timing(1), now: timing(1.04)).verdict == "same")
    #expect(FigureComparison(figure: "f", earlier: timing(1), now: timing(0.8)).verdict == "faster")
    // A noisy earlier run (spread 40%) makes 1.3× no verdict.
    #expect(
      FigureComparison(figure: "f", earlier: timing(1, spread: 0.4), now: timing(1.3)).verdict
        == "same")
  }

  @Test func anotherMachineOrBuildIsSaidBeforeTheRatios() {
    let old = BenchReport(
      machine: machine(processor: "Old CPU", build: "debug"), repetitions: 7, commit: nil)
    let now = BenchReport(machine: machine(), repetitions: 7, commit: nil)
    #expect(
      now.machine.differences(from: old.machine) == [
        "processor Old CPU → Some CPU", "build debug → release",
      ])
    let table = now.comparisonTable(with: old)
    #expect(table.contains("Note: not the same machine or build"))
    #expect(table.contains("no figure in common"))
  }

  @Test func aFileThatIsNotResultsIsRefusedByName() throws {
    let scratch = try ScratchFolder()
    defer { scratch.remove() }
    try scratch.file("notes.json", "{\"hello\": 1}")
    #expect(throws: UsageError.self) {
      try BenchReport.read(URL(fileURLWithPath: scratch.path("notes.json")), option: "--compare")
    }
    let run = runTool(["bench", "--compare", scratch.path("missing.json")])
    #expect(
      run.status == 2
        && run.errors.contains("--compare \(scratch.path("missing.json")): cannot read it"))
  }

  @Test func theJSONCarriesMachineBuildAndCommit() throws {
    let report = BenchReport(
      machine: .current(threads: [nil]), repetitions: 3,
      commit: Commit(hash: String(repeating: "a", count: 40), modified: true))
    let object = try #require(
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any])
    let machine = try #require(object["machine"] as? [String: Any])
    for key in ["processor", "cores", "os", "build", "target", "architecture", "threads"] {
      #expect(machine[key] != nil || key == "processor", "machine.\(key)")
    }
    #expect(machine["cores"] as? Int == ProcessInfo.processInfo.activeProcessorCount)
    #expect(["debug", "release"].contains(machine["build"] as? String ?? ""))
    #expect(
      ["portable", "AVX2 and FMA", "AVX-512", "host CPU"].contains(
        machine["target"] as? String ?? ""))
    let commit = try #require(object["commit"] as? [String: Any])
    #expect(commit["modified"] as? Bool == true)
    #expect(object["comparison"] == nil, "no comparison unless --compare")
    // Without a commit (outside a checkout) the key is absent, not null.
    let outside = BenchReport(machine: report.machine, repetitions: 3, commit: nil)
    let plain = try #require(
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(outside)) as? [String: Any])
    #expect(plain["commit"] == nil)
  }

  @Test func theCommitIsFoundInACheckoutAndAbsentOutside() throws {
    let scratch = try ScratchFolder()
    defer { scratch.remove() }
    #expect(Commit.of(scratch.url) == nil)
    func git(_ arguments: String...) throws -> Int32 {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["git", "-C", scratch.url.path] + arguments
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      return process.terminationStatus
    }
    guard (try? git("init", "-q")) == 0 else {
      print("note: git is not installed; the commit of a checkout is not checked")
      return
    }
    try scratch.file("a.txt", "one")
    #expect(try git("add", "a.txt") == 0)
    #expect(
      try git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "m") == 0
    )
    let clean = try #require(Commit.of(scratch.url))
    #expect(clean.hash.count == 40 && !clean.modified)
    try scratch.file("a.txt", "two")
    #expect(Commit.of(scratch.url) == Commit(hash: clean.hash, modified: true))
  }
}
