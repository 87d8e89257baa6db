import Foundation
import Module0
import Testing

/// Which processor `Package.swift` compiles the fast stages for, decided from the building
/// machine's features (simulated with `MINITORCH_CPU_FLAGS`) and the `MINITORCH_PORTABLE` and
/// `MINITORCH_NATIVE` settings, read back with `swift package dump-package`; and Module0's
/// `ProcessorCheck`, which stops a build made for AVX2 on a processor without it.
@Suite("Processor choice and check")
struct ProcessorChoiceTests {
  /// The compiler settings of one target: its unsafe flags and its defined conditions.
  struct Settings: Equatable, CustomStringConvertible {
    var flags: [String] = []
    var conditions: Set<String> = []

    var description: String { "flags \(flags), conditions \(conditions.sorted())" }
  }

  /// This package's folder (three levels above this file).
  static let packageFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Every target's settings when `Package.swift` is loaded with `environment` (on top of this
  /// process's environment, without its own MINITORCH_ settings). Targets without settings are
  /// left out.
  static func settings(_ environment: [String: String]) throws -> [String: Settings] {
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("minitorch-processor-choice-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "swift", "package", "--package-path", packageFolder.path, "--scratch-path", scratch.path,
      "dump-package",
    ]
    var inherited = ProcessInfo.processInfo.environment
    for name in [
      "MINITORCH_PORTABLE", "MINITORCH_NATIVE", "MINITORCH_CPU_FLAGS", "MINITORCH_STAGES",
    ] {
      inherited[name] = nil
    }
    process.environment = inherited.merging(environment) { $1 }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "swift package dump-package failed with \(environment)")
    // "targets": [{"name": …, "settings": [{"kind": {"unsafeFlags": {"_0": [...]}}}, …]}, …]
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let targets = try #require(json["targets"] as? [[String: Any]])
    var result: [String: Settings] = [:]
    for target in targets {
      guard let name = target["name"] as? String,
        let entries = target["settings"] as? [[String: Any]], !entries.isEmpty
      else { continue }
      var settings = Settings()
      for entry in entries {
        let kind = entry["kind"] as? [String: Any] ?? [:]
        if let flags = (kind["unsafeFlags"] as? [String: Any])?["_0"] as? [String] {
          settings.flags += flags
        }
        if let condition = (kind["define"] as? [String: Any])?["_0"] as? String {
          settings.conditions.insert(condition)
        }
      }
      result[name] = settings
    }
    return result
  }

  /// The settings `Package.swift` should give Module0 and the fast stages: `fast` for Module3
  /// and Module4, the conditions alone for Module0, nothing for any other target.
  static func expected(flags: [String], conditions: Set<String>) -> [String: Settings] {
    guard !flags.isEmpty else { return [:] }
    let fast = Settings(flags: flags, conditions: conditions)
    var expected = ["Module3": fast, "Module4": fast]
    let check = conditions.subtracting(["MINITORCH_NATIVE"])
    if !check.isEmpty { expected["Module0"] = Settings(conditions: check) }
    return expected
  }

  static let haswell = ProcessorCheck.haswellFeatures + ["sse2", "sse4_2", "xsave"]

  @Test func aMachineWithHaswellsFeaturesGetsThemInTheFastStages() throws {
    let found = try Self.settings(["MINITORCH_CPU_FLAGS": Self.haswell.joined(separator: " ")])
    #if arch(x86_64)
      #expect(
        found
          == Self.expected(flags: ["-target-cpu", "haswell"], conditions: ["MINITORCH_AVX2"]))
    #else
      #expect(found.isEmpty, "arm64 needs no flags: \(found)")
    #endif
  }

  @Test func aMachineWithAVX512GetsItInTheFastStages() throws {
    let avx512 = Self.haswell + ProcessorCheck.avx512Features
    let found = try Self.settings(["MINITORCH_CPU_FLAGS": avx512.joined(separator: " ")])
    #if arch(x86_64)
      #expect(
        found
          == Self.expected(
            flags: ["-target-cpu", "skylake-avx512"],
            conditions: ["MINITORCH_AVX2", "MINITORCH_AVX512"]))
      // One AVX-512 subset short (as on Intel's first AVX-512 parts, Xeon Phi): AVX2 only.
      let partial = try Self.settings([
        "MINITORCH_CPU_FLAGS": avx512.filter { $0 != "avx512vl" }.joined(separator: " ")
      ])
      #expect(
        partial
          == Self.expected(flags: ["-target-cpu", "haswell"], conditions: ["MINITORCH_AVX2"]))
    #else
      #expect(found.isEmpty, "arm64 needs no flags: \(found)")
    #endif
  }

  @Test(arguments: ["avx2", "fma", "movbe"])
  func aMachineWithoutOneOfThemGetsThePortableBuild(missing: String) throws {
    let flags = Self.haswell.filter { $0 != missing }
    let found = try Self.settings(["MINITORCH_CPU_FLAGS": flags.joined(separator: " ")])
    #expect(found.isEmpty, "without \(missing): \(found)")
  }

  @Test func thePortableSettingWins() throws {
    let found = try Self.settings([
      "MINITORCH_CPU_FLAGS": Self.haswell.joined(separator: " "), "MINITORCH_PORTABLE": "1",
    ])
    #expect(found.isEmpty, "\(found)")
  }

  @Test func theNativeSettingTakesEverythingTheMachineHas() throws {
    let avx512 = Self.haswell + ProcessorCheck.avx512Features
    let found = try Self.settings([
      "MINITORCH_CPU_FLAGS": avx512.joined(separator: " "), "MINITORCH_NATIVE": "1",
    ])
    let older = try Self.settings(["MINITORCH_CPU_FLAGS": "sse2 avx", "MINITORCH_NATIVE": "1"])
    let native = ["-target-cpu", "native"]
    #if arch(x86_64)
      #expect(
        found
          == Self.expected(
            flags: native,
            conditions: ["MINITORCH_AVX2", "MINITORCH_AVX512", "MINITORCH_NATIVE"]))
    #else
      #expect(found == Self.expected(flags: native, conditions: ["MINITORCH_NATIVE"]))
    #endif
    #expect(older == Self.expected(flags: native, conditions: ["MINITORCH_NATIVE"]))
  }

  // MARK: ProcessorCheck

  @Test func theFlagsLineOfCPUInfoIsRead() {
    let text = """
      processor\t: 0
      vendor_id\t: GenuineIntel
      flags\t\t: fpu sse2 avx avx2 fma
      bugs\t\t: spectre_v1
      """
    #expect(ProcessorCheck.features(fromCPUInfo: text) == ["fpu", "sse2", "avx", "avx2", "fma"])
    #expect(ProcessorCheck.features(fromCPUInfo: "processor\t: 0\n") == nil)
  }

  @Test func missingFeaturesAreNamedInOrder() {
    let present: Set<String> = ["avx", "avx2", "bmi1", "f16c", "movbe", "abm", "popcnt"]
    #expect(
      ProcessorCheck.missing(ProcessorCheck.haswellFeatures, from: present) == ["fma", "bmi2"])
    #expect(ProcessorCheck.missing([], from: []).isEmpty)
    let message = ProcessorCheck.message(compiledFor: "AVX2 and FMA", missing: ["fma", "bmi2"])
    #expect(message.contains("fma, bmi2") && message.contains("MINITORCH_PORTABLE=1 swift test"))
  }

  @Test func thisBuildRunsHere() {
    // The build was made on this machine: nothing it was compiled for is missing.
    if let present = ProcessorCheck.runningProcessorFeatures() {
      #expect(ProcessorCheck.missing(ProcessorCheck.requiredFeatures, from: present).isEmpty)
    }
    #expect(
      ["any processor", "AVX2 and FMA", "AVX-512"].contains(ProcessorCheck.compiledFor))
    ProcessorCheck.requireSupported()
  }

  @Test func aMissingFeatureStopsWithTheMessage() async {
    let result = await #expect(
      processExitsWith: .exitCode(ProcessorCheck.exitStatus), observing: [\.standardErrorContent]
    ) {
      ProcessorCheck.stop(compiledFor: "AVX2 and FMA", missing: ["avx2", "fma"])
    }
    let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(text.contains("lacks avx2, fma") && text.contains("MINITORCH_PORTABLE=1"), "\(text)")
  }
}
