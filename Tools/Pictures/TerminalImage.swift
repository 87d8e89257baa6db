import Foundation

// Grey-scale images drawn with text, to look at what a classifier got wrong without leaving the
// terminal. Each character cell shows one grey level out of five, darkest to brightest:
//
//     " "  ░  ▒  ▓  █          level = ⌊5 · pixel⌋, at most 4, for pixels in [0, 1]
//
// (0 is the background, as in MNIST: ink is bright). A character cell is about twice as tall as
// it is wide, so a small image draws each pixel as two characters side by side, and a large one
// (wider than 16 pixels) averages each pair of rows into one line; either way the picture keeps
// its proportions. A 28 × 28 image becomes 28 characters × 14 lines, an 8 × 8 one 16 × 8.

/// Draws grey-scale images as lines of shade characters, alone or side by side with captions.
public enum TerminalImage {
  /// The characters for the five grey levels, from background (a space) to full ink.
  public static let shades: [Character] = [" ", "░", "▒", "▓", "█"]

  /// The shade for one grey level in [0, 1] (values outside are clamped).
  public static func shade(_ level: Double) -> Character {
    let clamped = Swift.min(Swift.max(level.isNaN ? 0 : level, 0), 1)
    return shades[Swift.min(shades.count - 1, Int(clamped * Double(shades.count)))]
  }

  /// The lines that draw an image of `height` × `width` pixels (`pixels` row by row, grey
  /// levels in [0, 1]): two characters per pixel for images up to 16 pixels wide, otherwise
  /// one character per pixel and one line per two rows (their mean).
  public static func lines(_ pixels: some Collection<Double>, height: Int, width: Int)
    -> [String]
  {
    let values = Array(pixels)
    precondition(
      values.count == height * width,
      "TerminalImage: \(values.count) pixels for an image of \(height)×\(width)")
    if width <= 16 {
      return (0..<height).map { row in
        String(
          (0..<width).flatMap { column in
            Array(repeating: shade(values[row * width + column]), count: 2)
          })
      }
    }
    return stride(from: 0, to: height, by: 2).map { row in
      String(
        (0..<width).map { column in
          let top = values[row * width + column]
          let bottom = row + 1 < height ? values[(row + 1) * width + column] : top
          return shade((top + bottom) / 2)
        })
    }
  }

  /// Drawings (each a list of lines, as `lines(_:height:width:)` makes them) side by side,
  /// each with its caption lines below it, in columns as wide as the widest drawing or caption
  /// and separated by `gap` spaces.
  public static func sideBySide(_ drawings: [[String]], captions: [[String]], gap: Int = 3)
    -> String
  {
    precondition(
      drawings.count == captions.count,
      "TerminalImage.sideBySide: \(drawings.count) drawings but \(captions.count) captions")
    let columns = zip(drawings, captions).map { $0 + $1 }
    let width = columns.flatMap { $0 }.map(\.count).max() ?? 0
    let height = columns.map(\.count).max() ?? 0
    let separator = String(repeating: " ", count: gap)
    return (0..<height).map { line in
      let cells = columns.map { column in
        (line < column.count ? column[line] : "")
          .padding(toLength: width, withPad: " ", startingAt: 0)
      }
      let joined = cells.joined(separator: separator)
      return String(joined.reversed().drop { $0 == " " }.reversed())
    }.joined(separator: "\n")
  }
}
