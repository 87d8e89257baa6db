import Foundation

/// Builds one copy of the package with `swift build --build-tests`, for a given number of
/// stages.
///
/// The package's `Package.swift` reads `MINITORCH_STAGES=k` and then builds only the first k
/// stages and their graded tests (no tools), which is how a submission whose later module does
/// not compile is still graded for the earlier ones. Every build of a copy reuses its `.build`
/// folder, so a second build compiles only what changed.
public struct PackageBuilder: Sendable {
  /// The `swift` executable.
  public var swift: URL
  /// The package to build.
  public var packageFolder: URL
  /// Where build logs are kept.
  public var logFolder: URL
  /// How messages name the package's `Package.swift`.
  public var manifestName = "Package.swift (the official one, from --tests)"
  /// The user who builds (a submission's build runs as the grading user); `nil` builds as
  /// this process's user.
  public var user: GradingUser?
  /// The grading's time budget, if it has one: a build may take only what is left of it.
  public var budget: GradingBudget?

  /// A builder for the package in `packageFolder`, keeping logs in `logFolder`.
  public init(swift: URL, packageFolder: URL, logFolder: URL) {
    self.swift = swift
    self.packageFolder = packageFolder
    self.logFolder = logFolder
  }

  /// How long a build may take before it counts as failed, in seconds.
  public static let buildTimeLimit = 1800.0

  /// What a build produced.
  public struct Result: Sendable, Equatable {
    /// Whether it succeeded.
    public var succeeded: Bool
    /// The first errors, with paths relative to the package (empty on success).
    public var errors: [String]
    /// The whole log.
    public var log: URL
  }

  /// The environment that builds `stages` stages, or the whole package when `nil` (as
  /// `swift build` does, whatever the caller's own `MINITORCH_STAGES`), for any processor of the
  /// architecture (`MINITORCH_PORTABLE=1`): the same code for every submission, wherever it runs.
  static func environment(stages: Int?) -> [String: String?] {
    [
      "MINITORCH_STAGES": stages.map(String.init), "MINITORCH_PORTABLE": "1",
      "MINITORCH_NATIVE": nil,
    ]
  }

  /// The package's name, read by loading `Package.swift` with `stages` stages (all when `nil`).
  ///
  /// Throws a `CourseworkError` with the first errors when the manifest cannot be loaded: that is
  /// a broken `Package.swift`, not a submission that does not compile.
  public func packageName(stages: Int?) throws -> String {
    let log = logFolder.appendingPathComponent("package-manifest.log")
    let output = logFolder.appendingPathComponent("package-manifest.json")
    let termination = try Subprocess(
      swift, ["package", "dump-package"], in: packageFolder,
      environment: Self.environment(stages: stages), output: .file(output),
      errors: .file(log), timeLimit: budget?.quickLimit(upTo: 600) ?? 600, user: user
    ).run()
    struct Description: Decodable { var name: String }
    guard termination == .exited(0),
      let data = FileManager.default.contents(atPath: output.path),
      let name = try? JSONDecoder().decode(Description.self, from: data).name
    else {
      let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
      let errors = CompilerErrors.first(5, in: text, packageFolder: packageFolder.path)
      throw CourseworkError.grading(
        "\(manifestName) cannot be loaded, so nothing can be "
          + "built:\n  "
          + (errors.isEmpty
            ? Truncation.keepingTail(text, limit: 2000)
            : errors.joined(
              separator: "\n  ")))
    }
    return name
  }

  /// The folders the package's targets copy as resources, relative to the package, read from
  /// `Package.swift` with every stage. A build copies them with their owner, so when another
  /// user builds, it must own them. Throws like `packageName(stages:)`.
  public func resourceFolders() throws -> [String] {
    let output = logFolder.appendingPathComponent("package-manifest.json")
    _ = try packageName(stages: nil)
    struct Description: Decodable {
      struct Target: Decodable {
        struct Resource: Decodable { var path: String }
        var name: String
        var path: String?
        var type: String?
        var resources: [Resource]?
      }
      var targets: [Target]
    }
    guard let data = FileManager.default.contents(atPath: output.path),
      let description = try? JSONDecoder().decode(Description.self, from: data)
    else { return [] }
    return description.targets.flatMap { target in
      (target.resources ?? []).map { resource in
        let folder =
          target.path ?? (target.type == "test" ? "Tests/\(target.name)" : "Sources/\(target.name)")
        return folder + "/" + resource.path
      }
    }
  }

  /// Builds the first `stages` stages and their tests (the whole package when `nil`); `name`
  /// labels the log file.
  public func build(stages: Int?, name: String) throws -> Result {
    try build(["build", "--build-tests"], stages: stages, name: name)
  }

  /// Builds the `product` in release, as `swift build -c release --product product` does
  /// (every stage: a release build is for measuring speed, not for grading stage by stage).
  public func buildRelease(product: String, name: String) throws -> Result {
    try build(["build", "-c", "release", "--product", product], stages: nil, name: name)
  }

  /// Runs `swift` with `arguments` in the package folder and reads the log.
  private func build(_ arguments: [String], stages: Int?, name: String) throws -> Result {
    let log = logFolder.appendingPathComponent("build-\(name).log")
    var limit = Self.buildTimeLimit
    if let budget {
      guard let allowed = budget.timeLimit(upTo: limit) else {
        return Result(
          succeeded: false,
          errors: ["the build did not start: the grading's time budget had run out"], log: log)
      }
      limit = allowed
    }
    let termination = try Subprocess(
      swift, arguments, in: packageFolder,
      environment: Self.environment(stages: stages), output: .file(log),
      timeLimit: limit, user: user
    ).run()
    guard termination != .exited(0) else {
      return Result(succeeded: true, errors: [], log: log)
    }
    let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    var errors = CompilerErrors.first(8, in: text, packageFolder: packageFolder.path)
    if termination == .timedOut {
      errors.insert(
        limit < Self.buildTimeLimit
          ? "the build was stopped when the grading's time budget ran out"
          : "the build took longer than \(Int(Self.buildTimeLimit)) s and was stopped", at: 0)
    } else if errors.isEmpty {
      errors = [Truncation.keepingTail(text, limit: 1500)]
    }
    return Result(succeeded: false, errors: errors, log: log)
  }
}
