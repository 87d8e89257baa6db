import Foundation

/// The first errors of a failed build, short enough to show a student.
///
/// A build log repeats each error in a code excerpt and adds progress lines; the lines that
/// matter are the ones the compiler starts with a location, `File.swift:12:5: error: …`, or with
/// `error:` alone (SwiftPM's own errors). Paths inside the package folder are made relative to
/// it, so a report shows `Module2/Core/Tensor.swift:12:5`, not a temporary folder.
public enum CompilerErrors {
  /// At most `limit` distinct error lines of `log`, in order, with `packageFolder/` removed from
  /// paths.
  public static func first(_ limit: Int, in log: String, packageFolder: String) -> [String] {
    let prefix = packageFolder.hasSuffix("/") ? packageFolder : packageFolder + "/"
    var found: [String] = []
    for line in log.split(separator: "\n") {
      guard isErrorLine(line) else { continue }
      var relative = line.replacingOccurrences(of: prefix, with: "")
      // SwiftPM follows "Invalid manifest" with the whole compiler command line.
      if let command = relative.range(of: " (compiled with:") {
        relative = String(relative[..<command.lowerBound])
      }
      if !found.contains(relative) {
        found.append(relative)
        if found.count == limit { break }
      }
    }
    return found
  }

  /// Whether `line` starts an error: `error: …`, or a location followed by `: error: …`.
  static func isErrorLine<S: StringProtocol>(_ line: S) -> Bool {
    // A build that fails cancels its other jobs, and each says "error: cancelled": noise.
    if line.hasSuffix("error: cancelled") {
      return false
    }
    // "…command failed with exit code 1" and "invalid manifests at […]" only repeat that
    // errors came before.
    if line.hasPrefix("error: ") {
      return !line.contains("command failed with exit code")
        && !line.hasPrefix("error: invalid manifests at")
    }
    guard let range = line.range(of: ": error: ") else { return false }
    let location = line[..<range.lowerBound]
    // A location has no spaces before its line number ("Path/File.swift:12:5"); the excerpt
    // lines the compiler draws ("   |   `- error: …") do.
    return !location.isEmpty && !location.hasPrefix(" ") && location.contains(":")
      && !location.contains("|")
  }
}
