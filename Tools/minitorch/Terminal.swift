import Foundation

/// What the tool needs to know about where its output goes.
enum Terminal {
  /// Whether standard output is a terminal (rather than a file, a pipe or CI's log), so that
  /// lines may be redrawn in place.
  static var isInteractive: Bool { isatty(STDOUT_FILENO) == 1 }

  /// How many lines the terminal shows, or `nil` when standard output is not a terminal or its
  /// size is unknown.
  static var rows: Int? {
    guard isInteractive else { return nil }
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return nil }
    return Int(size.ws_row)
  }

  /// Moves the cursor to the start of the line `lines` lines up.
  static func up(_ lines: Int) -> String { lines > 0 ? "\u{1B}[\(lines)F" : "\r" }

  /// Clears the rest of the current line.
  static let clearToEndOfLine = "\u{1B}[K"
}
