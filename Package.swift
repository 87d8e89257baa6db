// swift-tools-version: 6.0
import Foundation
import PackageDescription

// MiniTorch for Swift is built in stages. Stage k is the library `Module<k>` in the folder of the
// same name; it imports only the stage below it, and its graded tests live in `Tests/Module<k>Tests`.
let stages = ["Module0", "Module1", "Module2", "Module3", "Module4"]

// The stages with the fast kernels, and the processor they are compiled for. On x86-64 the
// compiler's default target is the 2003 baseline: SSE2, two doubles per instruction, no fused
// multiply-add. A student builds where they run, so by default the fast stages are compiled for
// the building machine's vector unit: AVX-512 where it has it (`-target-cpu skylake-avx512`,
// eight doubles per instruction: recent server processors and AMD's since Zen 4; NumPy's
// OpenBLAS and PyTorch choose the same kernels at run time there), else AVX2 and FMA where it
// has them (`-target-cpu haswell`: AVX2, FMA and the other instructions Haswell added), and the
// baseline otherwise. arm64 needs nothing: its baseline has fused multiply-adds. Three settings
// change the choice:
//
//   MINITORCH_PORTABLE=1      the baseline, for a binary that runs on any processor of its
//                             architecture (the autograder builds this way)
//   MINITORCH_NATIVE=1        everything the building machine has, tuned for its processor
//                             model; the binary may not run on an older processor
//   MINITORCH_CPU_FLAGS=LIST  choose as if the building machine had these features (named as in
//                             the `flags` line of Linux's /proc/cpuinfo); the tests of this
//                             choice use it
//
// The choice is also defined for Module0 (`MINITORCH_AVX2`, `MINITORCH_AVX512`), whose
// `ProcessorCheck` stops a binary built for AVX2 with a message when it runs on a processor
// without it (a build copied to another machine), instead of an illegal-instruction crash.
let fastStages: Set<String> = ["Module3", "Module4"]

/// The x86-64 features `-target-cpu haswell` may use, as /proc/cpuinfo names them (LZCNT is
/// `abm` there).
let haswellFeatures = ["avx", "avx2", "fma", "bmi1", "bmi2", "f16c", "movbe", "abm", "popcnt"]
/// The AVX-512 subsets that Skylake's server parts brought and every later AVX-512 processor
/// has: what `-target-cpu skylake-avx512` vectorises with (its other additions, such as ADX or
/// AES, are instructions the compiler only emits when a program asks for them by name).
let avx512Features = ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]

/// The building machine's processor features (`MINITORCH_CPU_FLAGS` when it is set): the
/// `flags` line of /proc/cpuinfo on Linux, the `hw.optional` values on macOS (named as Linux
/// names them). Empty where neither can be read, which leaves the build portable.
func buildingMachineFeatures() -> Set<String> {
  if let given = Context.environment["MINITORCH_CPU_FLAGS"] {
    return Set(given.split(separator: " ").map(String.init))
  }
  #if os(Linux)
    guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
      let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
      let colon = line.firstIndex(of: ":")
    else { return [] }
    return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
  #elseif os(macOS)
    func sysctl(_ name: String) -> Bool {
      var value: Int32 = 0
      var size = MemoryLayout<Int32>.size
      return sysctlbyname(name, &value, &size, nil, 0) == 0 && value != 0
    }
    let names = [
      "avx": "hw.optional.avx1_0", "avx2": "hw.optional.avx2_0", "fma": "hw.optional.fma",
      "bmi1": "hw.optional.bmi1", "bmi2": "hw.optional.bmi2", "f16c": "hw.optional.f16c",
      "avx512f": "hw.optional.avx512f", "avx512cd": "hw.optional.avx512cd",
      "avx512bw": "hw.optional.avx512bw", "avx512dq": "hw.optional.avx512dq",
      "avx512vl": "hw.optional.avx512vl",
    ]
    var features = Set(names.filter { sysctl($0.value) }.keys)
    // macOS has no values for these; every Intel Mac with AVX2 (Haswell or later) has them.
    if features.contains("avx2") { features.formUnion(["movbe", "abm", "popcnt"]) }
    return features
  #else
    return []
  #endif
}

/// The compiler settings of the fast stages, and the conditions Module0's check is compiled
/// with, for the processor chosen as above.
func processorSettings() -> (fast: [SwiftSetting], check: [SwiftSetting]) {
  let environment = Context.environment
  if environment["MINITORCH_PORTABLE"] == "1" { return ([], []) }
  let native = environment["MINITORCH_NATIVE"] == "1"
  var conditions: [SwiftSetting] = []
  #if arch(x86_64)
    let features = buildingMachineFeatures()
    let hasAVX2 = haswellFeatures.allSatisfy(features.contains)
    let hasAVX512 = hasAVX2 && avx512Features.allSatisfy(features.contains)
    if hasAVX2 { conditions.append(.define("MINITORCH_AVX2")) }
    if hasAVX512 { conditions.append(.define("MINITORCH_AVX512")) }
    if !native && !hasAVX2 { return ([], []) }
    let widest = hasAVX512 ? "skylake-avx512" : "haswell"
  #else
    if !native { return ([], []) }
    let widest = "native"
  #endif
  let cpu = native ? "native" : widest
  let nativeCondition: [SwiftSetting] = native ? [.define("MINITORCH_NATIVE")] : []
  return ([.unsafeFlags(["-target-cpu", cpu])] + conditions + nativeCondition, conditions)
}
let (fastStageSettings, processorCheckSettings) = processorSettings()

// The autograder sets MINITORCH_STAGES=k to build only the first k stages and their graded tests,
// without the tools: when a later stage of a submission does not compile, earlier stages are
// still graded.
let gradingStageCount = Context.environment["MINITORCH_STAGES"].flatMap { Int($0) }
let builtStages = Array(stages.prefix(max(1, gradingStageCount ?? stages.count)))
let buildsTools = gradingStageCount == nil

var targets: [Target] = [
  // What the course adds around the stages in every build, the graders' stage-limited builds
  // included: `notImplemented("Task X.Y")`, the stop handler that turns a failed check into a
  // few lines of directions, and the record of the module a starter begins at. It sits below
  // Module0, and in Tools so that a submission's stage folders never replace it.
  .target(name: "CourseSupport", path: "Tools/CourseSupport"),
  .target(
    name: "TestSupport",
    dependencies: ["Module0"],
    path: "Tests/TestSupport"
  ),
]
// Tensor generators, layouts, checks and Module 2's laws written once for any backend: shared
// by the test targets of Module2 and every stage after it, so it exists only when Module2 does.
let tensorStage = 2
if builtStages.count > tensorStage {
  targets.append(
    .target(
      name: "TensorTestSupport",
      dependencies: [.target(name: stages[tensorStage]), "TestSupport"],
      path: "Tests/TensorTestSupport"))
}
for (index, stage) in builtStages.enumerated() {
  let below: [Target.Dependency] =
    index == 0 ? ["CourseSupport"] : [.target(name: stages[index - 1])]
  let settings =
    fastStages.contains(stage)
    ? fastStageSettings : index == 0 ? processorCheckSettings : []
  // The test target's own support: TestSupport always, and TensorTestSupport from Module2 on.
  let support: [Target.Dependency] =
    index >= tensorStage ? ["TestSupport", "TensorTestSupport"] : ["TestSupport"]
  if stage == "Module4" {
    // Module4 reads gzip files through the system's zlib (the system-library target `CZlib`,
    // a module map in Module4/CZlib) and ships two image sets as resources (Module4/Data).
    targets.append(.systemLibrary(name: "CZlib", path: "Module4/CZlib"))
    targets.append(
      .target(
        name: stage, dependencies: below + ["CZlib"], path: stage,
        exclude: ["CZlib", "Data/README.md", "Data/text"],
        resources: [.copy("Data/digits"), .copy("Data/fashion-mnist")], swiftSettings: settings))
    targets.append(
      .testTarget(
        name: "\(stage)Tests", dependencies: [.target(name: stage)] + support,
        path: "Tests/\(stage)Tests", resources: [.copy("Fixtures")]))
    continue
  }
  targets.append(
    .target(name: stage, dependencies: below, path: stage, swiftSettings: settings))
  targets.append(
    .testTarget(
      name: "\(stage)Tests",
      dependencies: [.target(name: stage)] + support,
      path: "Tests/\(stage)Tests"
    ))
}

var products: [Product] = builtStages.map { .library(name: $0, targets: [$0]) }
if buildsTools {
  products.append(.library(name: "MiniTorch", targets: stages))
  // Coursework: the task manifest, the starter generator and the autograder.
  targets.append(.target(name: "Coursework", path: "Tools/Coursework"))
  targets.append(
    .testTarget(
      name: "CourseworkTests", dependencies: ["Coursework"], path: "Tests/CourseworkTests"))
  // Lecture: the pictures and tables lecturers show (computation graphs, backpropagation
  // traces, tensor layouts) and the small expression language `minitorch graph` reads.
  targets.append(.target(name: "Lecture", dependencies: ["Module2"], path: "Tools/Lecture"))
  targets.append(
    .testTarget(
      name: "LectureTests", dependencies: ["Lecture", "Module2"], path: "Tests/LectureTests"))
  // Pictures: what the CLI draws on a terminal (decision maps, loss curves, images, confusion
  // matrices) from what the stages compute.
  targets.append(.target(name: "Pictures", dependencies: ["Module1"], path: "Tools/Pictures"))
  targets.append(
    .testTarget(
      name: "PicturesTests", dependencies: ["Pictures", "TestSupport"],
      path: "Tests/PicturesTests"))
  // Reports: the self-contained HTML pages of `minitorch train --report` (inline SVG).
  targets.append(.target(name: "Reports", path: "Tools/Reports"))
  targets.append(
    .testTarget(name: "ReportsTests", dependencies: ["Reports"], path: "Tests/ReportsTests"))
  // The command-line tool: training demos, starter generation, grading, lecture pictures.
  targets.append(
    .executableTarget(
      name: "minitorch",
      dependencies: stages.map { .target(name: $0) } + [
        "Coursework", "Lecture", "Pictures", "Reports",
      ],
      path: "Tools/minitorch"))
  products.append(.executable(name: "minitorch", targets: ["minitorch"]))
  targets.append(
    .testTarget(name: "ToolTests", dependencies: ["minitorch"], path: "Tests/ToolTests"))
}

let package = Package(
  name: "MiniTorch",
  products: products,
  targets: targets,
  swiftLanguageModes: [.v6]
)
