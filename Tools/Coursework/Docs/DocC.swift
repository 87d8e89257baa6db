import Foundation

/// The toolchain's documentation compiler, `docc`, driven directly (no SwiftPM plugin, no
/// package), and the compiler's symbol graphs it reads.
public struct DocC: Sendable {
  /// The `docc` program.
  public var executable: URL
  /// The `swift` program, for `swift package dump-symbol-graph`.
  public var swift: URL

  /// Explicit programs.
  public init(executable: URL, swift: URL) {
    self.executable = executable
    self.swift = swift
  }

  /// Finds `swift` on the `PATH` and `docc`: `$DOCC_EXEC` when set (the variable SwiftPM's own
  /// documentation plugin reads), else on the `PATH`, else beside `swift` (a Linux toolchain's
  /// `usr/bin`), else through `xcrun` (macOS, where Xcode holds it). Throws a `CourseworkError`
  /// saying what to install when one is missing.
  public static func find() throws -> DocC {
    guard let swift = Subprocess.findExecutable("swift") else {
      throw CourseworkError.docs("cannot find 'swift' on PATH; install a Swift 6 toolchain first")
    }
    let environment = ProcessInfo.processInfo.environment
    let manager = FileManager.default
    var candidates: [URL] = []
    if let named = environment["DOCC_EXEC"], !named.isEmpty {
      candidates.append(URL(fileURLWithPath: named))
    }
    candidates += [Subprocess.findExecutable("docc")].compactMap { $0 }
    candidates.append(
      swift.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("docc"))
    if let xcrun = Subprocess.findExecutable("xcrun"),
      let path = try? Subprocess.output(
        of: xcrun, ["--find", "docc"], in: swift.deletingLastPathComponent())
    {
      candidates.append(URL(fileURLWithPath: path.trimmingCharacters(in: .whitespacesAndNewlines)))
    }
    guard let docc = candidates.first(where: { manager.isExecutableFile(atPath: $0.path) }) else {
      throw CourseworkError.docs(
        "cannot find docc, the documentation compiler of the Swift toolchain: it is in the "
          + "toolchain's usr/bin on Linux and in Xcode on macOS (xcrun --find docc); or set "
          + "DOCC_EXEC to its path")
    }
    return DocC(executable: docc, swift: swift)
  }

  // MARK: Symbol graphs

  /// Runs `swift package dump-symbol-graph` in `package` (which builds it first, reusing an
  /// existing debug build) with internal symbols and extension blocks, and returns the folder
  /// the graphs went to. The output goes to `log`. Throws a `CourseworkError` with the end of
  /// the log when it fails.
  public func dumpSymbolGraphs(of package: URL, log: URL) throws -> URL {
    let termination = try Subprocess(
      swift,
      [
        "package", "dump-symbol-graph", "--emit-extension-block-symbols",
        "--minimum-access-level", "internal",
      ], in: package, output: .file(log)
    ).run()
    let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    guard termination == .exited(0) else {
      throw CourseworkError.docs(
        "swift package dump-symbol-graph failed (the package must build); its last lines:\n"
          + Self.lastLines(text, 30))
    }
    let marker = "Files written to "
    guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix(marker) }) else {
      throw CourseworkError.docs(
        "swift package dump-symbol-graph did not say where it wrote the graphs; its output:\n"
          + Self.lastLines(text, 30))
    }
    return URL(fileURLWithPath: String(line.dropFirst(marker.count)), relativeTo: package)
      .standardizedFileURL
  }

  // MARK: Converting

  /// One problem DocC reports, from its diagnostics file.
  public struct Diagnostic: Decodable, Equatable, Sendable {
    /// A place in a file.
    public struct Position: Decodable, Equatable, Sendable {
      /// The line, from 1.
      public let line: Int
      /// The column, from 1.
      public let column: Int
    }

    /// A range in a file.
    public struct Range: Decodable, Equatable, Sendable {
      /// Where it starts.
      public let start: Position
    }

    /// A fix DocC suggests.
    public struct Solution: Decodable, Equatable, Sendable {
      /// What the fix does.
      public let summary: String
    }

    /// What is wrong.
    public let summary: String
    /// `warning`, `error`, `note`, …
    public let severity: String
    /// The file it is in, as a URL string.
    public let source: String?
    /// Where in the file.
    public let range: Range?
    /// Fixes DocC suggests.
    public let solutions: [Solution]?
  }

  /// Runs `docc convert` on `catalog` with the symbol graphs in `symbolGraphs`, writing a site
  /// for static hosting under `hostingBasePath` into `output`; console output goes to `log`.
  /// Returns DocC's diagnostics. Throws a `CourseworkError` with the end of the log when DocC
  /// fails.
  func convert(
    _ catalog: URL, symbolGraphs: URL, output: URL, hostingBasePath: String, name: String,
    log: URL
  ) throws -> [Diagnostic] {
    let diagnosticsFile = log.deletingPathExtension().appendingPathExtension("diagnostics.json")
    try? FileManager.default.removeItem(at: diagnosticsFile)
    let termination = try Subprocess(
      executable,
      [
        "convert", catalog.path, "--additional-symbol-graph-dir", symbolGraphs.path,
        "--output-dir", output.path, "--transform-for-static-hosting",
        "--hosting-base-path", hostingBasePath, "--fallback-display-name", name,
        "--fallback-bundle-identifier", "minitorch.\(name)",
        "--fallback-default-module-kind", "Course stage",
        "--diagnostics-file", diagnosticsFile.path,
      ], in: catalog.deletingLastPathComponent(), output: .file(log)
    ).run()
    let diagnostics =
      FileManager.default.contents(atPath: diagnosticsFile.path).flatMap {
        try? JSONDecoder().decode(DiagnosticsFile.self, from: $0).diagnostics
      } ?? []
    guard termination == .exited(0) else {
      let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
      throw CourseworkError.docs(
        "docc convert failed for \(name); its last lines:\n" + Self.lastLines(text, 30))
    }
    return diagnostics
  }

  /// What `--diagnostics-file` holds.
  private struct DiagnosticsFile: Decodable {
    let diagnostics: [Diagnostic]
  }

  /// The last `count` lines of `text`, indented.
  static func lastLines(_ text: String, _ count: Int) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).suffix(count)
      .map { "  " + $0 }.joined(separator: "\n")
  }
}
