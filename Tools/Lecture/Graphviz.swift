// Graphviz's `dot` turns the DOT text of a computation graph into a picture. It is optional:
// found on the PATH when installed, and when it is not, `installHint` says how to get it.

import Foundation

/// Finding and running Graphviz's `dot`.
public enum Graphviz {
  /// How to install Graphviz, for the message shown when `dot` is missing.
  public static let installHint =
    "Graphviz's dot was not found on the PATH, so no picture was drawn. Install it "
    + "(Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz), "
    + "or paste the .dot file into any Graphviz viewer."

  /// The `dot` program on the PATH, or `nil` when Graphviz is not installed.
  public static func dotExecutable(
    path: String? = ProcessInfo.processInfo.environment["PATH"]
  ) -> URL? {
    for folder in (path ?? "").split(separator: ":") where !folder.isEmpty {
      let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("dot")
      if FileManager.default.isExecutableFile(atPath: candidate.path) {
        return candidate
      }
    }
    return nil
  }

  /// Runs `dot -Tsvg input -o output`. Throws `LectureError.graphviz` with what `dot` said
  /// when it fails.
  public static func renderSVG(dot: URL, input: URL, output: URL) throws {
    let process = Process()
    process.executableURL = dot
    process.arguments = ["-Tsvg", input.path, "-o", output.path]
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let message = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw LectureError.graphviz(
        "dot -Tsvg \(input.path) failed (status \(process.terminationStatus)): "
          + (String(data: message, encoding: .utf8) ?? ""))
    }
  }
}
