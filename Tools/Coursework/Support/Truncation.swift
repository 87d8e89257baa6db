/// Shortens text to a number of UTF-8 bytes, saying how much was cut, so that a test printing
/// megabytes cannot blow up a report.
///
/// Cuts fall between characters, never inside one, and the note saying what was cut is part of
/// the limit.
public enum Truncation {
  /// `text` if it fits in `limit` bytes; otherwise its beginning and a note.
  public static func keepingHead(_ text: String, limit: Int) -> String {
    guard text.utf8.count > limit else { return text }
    let note = "\n[… output cut: \(text.utf8.count) bytes in all, showing the first part]"
    var kept = ""
    var size = 0
    for character in text {
      let width = character.utf8.count
      guard size + width + note.utf8.count <= limit else { break }
      kept.append(character)
      size += width
    }
    return kept + note
  }

  /// `text` if it fits in `limit` bytes; otherwise a note and its end, where a crash message is.
  public static func keepingTail(_ text: String, limit: Int) -> String {
    guard text.utf8.count > limit else { return text }
    let note = "[… output cut: \(text.utf8.count) bytes in all, showing the last part]\n"
    var kept: [Character] = []
    var size = 0
    for character in text.reversed() {
      let width = character.utf8.count
      guard size + width + note.utf8.count <= limit else { break }
      kept.append(character)
      size += width
    }
    return note + String(kept.reversed())
  }
}
