import Foundation

// Whether the processor running this program has the instructions its build was compiled for.
//
// `Package.swift` compiles the fast stages (Module3, Module4) for the vector unit of the machine
// that builds them: on an x86-64 processor with AVX-512, for Skylake's server instructions; with
// AVX2 and FMA, for Haswell's; with MINITORCH_NATIVE=1, for everything that machine has. A
// student builds where they run, so that is almost always right. A build made on one machine
// and run on another (a `.build` folder copied, or shared between lab machines) could meet a
// processor without those instructions, and the first one would stop the program with an
// illegal-instruction signal and no word of why. This check, compiled for any processor (Module0 is never compiled for a
// newer one), runs before any fast code: at the start of `minitorch` and of every test (the
// `.explainsStops` trait). It compares what the build needs with what the processor has, and
// when something is missing it says what and how to build for this machine instead.

/// What the compiled code of this build needs from the processor, and the check that the
/// running processor has it (see `requireSupported()`).
public enum ProcessorCheck {
  /// The x86-64 features that code compiled for Haswell (`-target-cpu haswell`) may use, named
  /// as in the `flags` line of Linux's /proc/cpuinfo (LZCNT is `abm` there). `Package.swift`
  /// chooses that target only when the building machine has all of them.
  public static let haswellFeatures = [
    "avx", "avx2", "fma", "bmi1", "bmi2", "f16c", "movbe", "abm", "popcnt",
  ]
  /// The AVX-512 subsets a build for a processor with AVX-512 (`-target-cpu skylake-avx512`, the
  /// default where the building machine has all of them) may use.
  public static let avx512Features = ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]

  /// The processor features this build's fast stages were compiled for: Haswell's (a default
  /// build on an x86-64 machine with AVX2 and FMA), those and AVX-512's (a default or native
  /// build on a machine with AVX-512), or none (a portable build, and every arm64 build).
  public static var requiredFeatures: [String] {
    #if MINITORCH_AVX512
      return haswellFeatures + avx512Features
    #elseif MINITORCH_AVX2
      return haswellFeatures
    #else
      return []
    #endif
  }

  /// What the fast stages were compiled for, in a few words: `AVX2 and FMA`, `AVX-512`, or
  /// `any processor` (the baseline of the architecture).
  public static var compiledFor: String {
    let required = requiredFeatures
    return required.contains("avx512f")
      ? "AVX-512" : required.contains("avx2") ? "AVX2 and FMA" : "any processor"
  }

  /// The features named in the `flags` line of a /proc/cpuinfo text, or `nil` when it has none.
  public static func features(fromCPUInfo text: String) -> Set<String>? {
    guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
      let colon = line.firstIndex(of: ":")
    else { return nil }
    return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
  }

  /// The running processor's features (named as in /proc/cpuinfo), or `nil` where they cannot
  /// be read. Only the features `requiredFeatures` can name are looked up on macOS.
  public static func runningProcessorFeatures() -> Set<String>? {
    #if os(Linux)
      return (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))
        .flatMap(features(fromCPUInfo:))
    #elseif os(macOS) && arch(x86_64)
      func sysctl(_ name: String) -> Bool {
        var value: Int32 = 0
        var size = MemoryLayout<Int32>.size
        return sysctlbyname(name, &value, &size, nil, 0) == 0 && value != 0
      }
      var present = Set<String>()
      let names = ["avx": "avx1_0", "avx2": "avx2_0"]
      for feature in haswellFeatures + avx512Features
      where sysctl("hw.optional." + (names[feature] ?? feature)) {
        present.insert(feature)
      }
      // macOS has no values for these: every Intel Mac with AVX2 has them (as Package.swift
      // assumes too).
      if present.contains("avx2") { present.formUnion(["movbe", "abm", "popcnt"]) }
      return present
    #else
      return nil
    #endif
  }

  /// The features of `required` that `present` lacks, in `required`'s order.
  public static func missing(_ required: [String], from present: Set<String>) -> [String] {
    required.filter { !present.contains($0) }
  }

  /// Why a build compiled for `compiledFor` cannot run here, lacking `missing`, and what to do.
  public static func message(compiledFor: String, missing: [String]) -> String {
    """
    MiniTorch: this build's fast stages (Module3, Module4) were compiled for processors with \
    \(compiledFor), and this processor lacks \(missing.joined(separator: ", ")). The build was \
    probably made on another machine (a copied or shared .build folder). Build for any \
    processor by putting MINITORCH_PORTABLE=1 in front of the command, for example:
      MINITORCH_PORTABLE=1 swift run -c release minitorch train
      MINITORCH_PORTABLE=1 swift test
    """
  }

  /// The exit status of a process stopped by `requireSupported()`.
  public static let exitStatus: Int32 = 78

  /// The features of `requiredFeatures` the running processor lacks, looked up once.
  private static let missingFeatures: [String] = {
    let required = requiredFeatures
    guard !required.isEmpty, let present = runningProcessorFeatures() else { return [] }
    return missing(required, from: present)
  }()

  /// Stops the process with `message(compiledFor:missing:)` on standard error and
  /// `exitStatus` when the running processor lacks a feature the build was compiled for; does
  /// nothing otherwise (and where the processor's features cannot be read). Call it before any
  /// code of the fast stages runs.
  ///
  /// - Complexity: O(1) after the first call, which reads the processor's features.
  public static func requireSupported() {
    let missing = missingFeatures
    guard !missing.isEmpty else { return }
    stop(compiledFor: compiledFor, missing: missing)
  }

  /// Prints the message for a build compiled for `compiledFor` that lacks `missing`, and exits
  /// with `exitStatus`.
  public static func stop(compiledFor: String, missing: [String]) -> Never {
    FileHandle.standardError.write(
      Data((message(compiledFor: compiledFor, missing: missing) + "\n").utf8))
    exit(exitStatus)
  }
}
