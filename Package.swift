// swift-tools-version: 6.0
import PackageDescription

// MiniTorch for Swift is built in stages. Stage k is the library `Module<k>` in the folder of the
// same name; it imports only the stage below it, and its graded tests live in `Tests/Module<k>Tests`.
let stages = ["Module0", "Module1", "Module2", "Module3", "Module4"]

// The stages with the fast kernels. The default build runs on any x86-64 or arm64 machine;
// MINITORCH_NATIVE=1 compiles these stages for the CPU of the machine that builds them (on
// x86-64 that adds AVX2 or AVX-512 vectors: faster here, but the binary may not run on an older
// CPU).
let fastStages: Set<String> = ["Module3", "Module4"]
let buildsForHostCPU = Context.environment["MINITORCH_NATIVE"] == "1"
let hostCPUSettings: [SwiftSetting] = [
  .unsafeFlags(["-target-cpu", "native"]), .define("MINITORCH_NATIVE"),
]

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
  let settings = buildsForHostCPU && fastStages.contains(stage) ? hostCPUSettings : []
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
