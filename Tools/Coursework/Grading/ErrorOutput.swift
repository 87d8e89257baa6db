import Foundation

/// The standard error of a test process, reduced to what explains a crash.
///
/// When a trap kills a test, its message (for example `Fatal error: Task 0.1 is not implemented
/// yet.`) is the last thing the process writes before the stack trace. The testing library's own
/// progress lines and the stack trace are dropped; only the last part of the file is read, so a
/// test that prints megabytes costs nothing.
public enum ErrorOutput {
  /// The essential end of the error output in `file`: at most `limit` bytes.
  public static func essentials(ofFile file: URL, limit: Int = 1200) -> String {
    guard let handle = try? FileHandle(forReadingFrom: file) else { return "" }
    defer { try? handle.close() }
    let size = (try? handle.seekToEnd()) ?? 0
    let window: UInt64 = 64 * 1024
    try? handle.seek(toOffset: size > window ? size - window : 0)
    let data = (try? handle.readToEnd()) ?? Data()
    return essentials(of: String(decoding: data, as: UTF8.self), limit: limit)
  }

  /// The essential end of `text`: without the testing library's progress lines (starting with
  /// "◇" or "↳") and without the stack trace that follows a crash, at most `limit` bytes.
  public static func essentials(of text: String, limit: Int = 1200) -> String {
    var kept: [Substring] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("Current stack trace:") { break }
      if line.hasPrefix("◇ ") || line.hasPrefix("↳ ") { continue }
      kept.append(line)
    }
    let joined = kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    return Truncation.keepingTail(joined, limit: limit)
  }
}
