import Foundation
import Module3

// What `minitorch bench` measured, as `--json` prints it and `--save` writes it: the machine,
// the build and the commit the numbers come from, and each measurement with its timed runs.
// Fields are only ever added, so that scripts and graders reading older files keep working;
// `--compare` reads a file written by an earlier run.

/// Everything `minitorch bench` measured.
struct BenchReport: Codable {
  /// The machine and the build.
  var machine: Machine
  /// Timed runs per measurement.
  var repetitions: Int
  /// The commit of the checkout the run was started in (`nil` outside a git checkout, and in
  /// files from before this field).
  var commit: Commit?
  /// When the run started, in ISO 8601 (`nil` in files from before this field).
  var date: String?
  /// The tool's version (`nil` in files from before this field).
  var version: String?
  /// Matrix products.
  var matmul: [MatmulResult] = []
  /// Whole-tensor operations.
  var elementwise: [ElementwiseResult] = []
  /// Training epochs.
  var networks: [NetworkResult] = []
  /// Convolutional pieces.
  var convolutions: [ConvolutionResult] = []
  /// Each figure's ratio to an earlier run, with `--compare` (`nil` otherwise).
  var comparison: [FigureComparison]?

  /// An empty report of a run on `machine` with `repetitions` timed runs per measurement.
  init(machine: Machine, repetitions: Int, commit: Commit?, date: Date = Date()) {
    self.machine = machine
    self.repetitions = repetitions
    self.commit = commit
    self.date = ISO8601DateFormatter().string(from: date)
    version = MiniTorchTool.version
  }

  /// Every measurement as one named figure, in the order of the tables.
  var figures: [Figure] {
    func cell(_ result: some BackendResult) -> String {
      "\(result.backend), \(counted(result.threads, "thread"))"
    }
    return matmul.map { Figure(name: "matmul \($0.n)×\($0.n), \(cell($0))", seconds: $0.seconds) }
      + elementwise.map {
        Figure(name: "\($0.operation) of \($0.elements) entries, \(cell($0))", seconds: $0.seconds)
      }
      + networks.map {
        Figure(name: "epoch of \($0.network), \(cell($0))", seconds: $0.secondsPerEpoch)
      }
      + convolutions.map { Figure(name: "\($0.name), \(cell($0))", seconds: $0.seconds) }
  }
}

/// One measured figure: what it is, and its timed runs.
struct Figure {
  /// A name that identifies it across runs: what ran, on which backend, on how many threads.
  let name: String
  /// The timed runs, in seconds.
  let seconds: Timing
}

/// The git commit a run was measured at.
struct Commit: Codable, Equatable {
  /// The full hash of `HEAD`.
  let hash: String
  /// Whether tracked files differed from that commit (the numbers are then of code that no
  /// commit holds).
  let modified: Bool

  /// The commit of the git checkout holding `folder`, or `nil` when it is not in one or git
  /// is not installed.
  static func of(_ folder: URL) -> Commit? {
    guard let hash = git(["rev-parse", "--verify", "HEAD"], in: folder), !hash.isEmpty else {
      return nil
    }
    let changes = git(["status", "--porcelain", "--untracked-files=no"], in: folder)
    return Commit(hash: hash, modified: !(changes ?? "").isEmpty)
  }

  /// What `git arguments` prints in `folder`, trimmed; `nil` when git fails or is missing.
  private static func git(_ arguments: [String], in folder: URL) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", folder.path] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      return nil
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// `1a2b3c4d`, with `(modified)` after it when the files differed.
  var short: String { String(hash.prefix(8)) + (modified ? " (modified)" : "") }
}

/// The machine and the build the numbers come from.
struct Machine: Codable, Equatable {
  /// The processor's name, when the system says.
  let processor: String?
  /// Cores the system lets this process use.
  let cores: Int
  /// The thread limits measured (`nil`: all cores).
  let threads: [Int?]
  /// `release` or `debug`.
  let build: String
  /// `portable`, `AVX-512` or `AVX2 and FMA` (the default build on an x86-64 machine with them)
  /// or `host CPU` (built with MINITORCH_NATIVE=1).
  let target: String
  /// The CPU architecture.
  let architecture: String
  /// The operating system and its version (`nil` in files from before this field).
  let os: String?
  /// The system's load averages over 1, 5 and 15 minutes when the run started: anything near
  /// or above `cores` means other programs were competing for the processor.
  let loadAverage: [Double]?

  /// This machine and this build, measuring the fast backend with `threads`.
  static func current(threads: [Int?]) -> Machine {
    var load = [0.0, 0.0, 0.0]
    let loadAverage = getloadavg(&load, 3) == 3 ? load : nil
    return Machine(
      processor: processorName(), cores: ProcessInfo.processInfo.activeProcessorCount,
      threads: threads, build: BuildFacts.configuration, target: BuildFacts.target,
      architecture: BuildFacts.architecture, os: operatingSystem(), loadAverage: loadAverage)
  }

  /// The model name from /proc/cpuinfo (Linux) or `machdep.cpu.brand_string` (macOS), else
  /// `nil`.
  static func processorName() -> String? {
    #if os(macOS)
      var size = 0
      guard sysctlbyname("machdep.cpu.brand_string", nil, &size, nil, 0) == 0, size > 0 else {
        return nil
      }
      var name = [CChar](repeating: 0, count: size)
      guard sysctlbyname("machdep.cpu.brand_string", &name, &size, nil, 0) == 0 else {
        return nil
      }
      return String(cString: name)
    #else
      guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else {
        return nil
      }
      let line = text.split(separator: "\n").first { $0.hasPrefix("model name") }
      return line.flatMap { $0.split(separator: ":", maxSplits: 1).last }
        .map { $0.trimmingCharacters(in: .whitespaces) }
    #endif
  }

  /// `Linux 6.1.0-18-amd64 (Debian GNU/Linux 12 (bookworm))` or `macOS 14.5.0`.
  static func operatingSystem() -> String {
    #if os(macOS)
      let version = ProcessInfo.processInfo.operatingSystemVersion
      return "macOS \(version.majorVersion).\(version.minorVersion).\(version.patchVersion)"
    #else
      var name = utsname()
      uname(&name)
      let kernel = withUnsafeBytes(of: &name.release) {
        String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
      }
      let release = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8)
      let pretty = release?.split(separator: "\n").first { $0.hasPrefix("PRETTY_NAME=") }
        .map { $0.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: ["\""]) }
      return "Linux \(kernel)" + (pretty.map { " (\($0))" } ?? "")
    #endif
  }

  /// Two lines for the top of the table.
  var summary: String {
    let used = threads.map { $0.map(String.init) ?? "all (\(cores))" }.joined(separator: ", ")
    let load = loadAverage.map { values in
      "; load average " + values.map { format($0, digits: 2) }.joined(separator: " ")
    }
    return "Machine: \(processor ?? architecture), \(counted(cores, "core"))"
      + (os.map { ", \($0)" } ?? "") + "; fast backend threads: \(used)\n"
      + "Build: \(build), \(target) (\(architecture))\(load ?? "")"
  }

  /// What differs between this machine and build and `other`'s, ignoring the load and the
  /// threads measured: for a warning when comparing runs.
  func differences(from other: Machine) -> [String] {
    var found: [String] = []
    if processor != other.processor {
      found.append("processor \(other.processor ?? "unknown") → \(processor ?? "unknown")")
    }
    if cores != other.cores { found.append("cores \(other.cores) → \(cores)") }
    if build != other.build { found.append("build \(other.build) → \(build)") }
    if target != other.target { found.append("target \(other.target) → \(target)") }
    if let os, let before = other.os, os != before { found.append("system \(before) → \(os)") }
    return found
  }
}

/// A measurement on one backend with a thread count: a cell of a table row.
protocol BackendResult {
  /// `simple` or `fast`.
  var backend: String { get }
  /// The threads the backend could use.
  var threads: Int { get }
}

/// One matrix size on one backend.
struct MatmulResult: Codable, BackendResult {
  /// The size: n × n times n × n.
  let n: Int
  /// `simple` or `fast`.
  let backend: String
  /// The threads the backend could use.
  let threads: Int
  /// The timed runs.
  let seconds: Timing
  /// 2n³ floating-point operations per median run time, in billions per second.
  let gflops: Double

  /// The result of timing n × n products.
  init(n: Int, backend: String, threads: Int, seconds: Timing) {
    self.n = n
    self.backend = backend
    self.threads = threads
    self.seconds = seconds
    gflops = 2 * pow(Double(n), 3) / seconds.median / 1e9
  }
}

/// One whole-tensor operation on one backend.
struct ElementwiseResult: Codable, BackendResult {
  /// `add`, `mul`, `exp`, `log`, `sigmoid`, `tanh` or `sum`.
  let operation: String
  /// `simple` or `fast`.
  let backend: String
  /// The threads the backend could use.
  let threads: Int
  /// Entries of each operand.
  let elements: Int
  /// The timed runs.
  let seconds: Timing
}

/// One network's training on one backend.
struct NetworkResult: Codable, BackendResult {
  /// Which network (`NetworkBenchmark.name`).
  let network: String
  /// `simple` or `fast`.
  let backend: String
  /// The threads the backend could use.
  let threads: Int
  /// Time per epoch on the clock.
  let secondsPerEpoch: Timing
  /// Processor time per epoch, all threads of the process together.
  let processorSecondsPerEpoch: Timing
}
