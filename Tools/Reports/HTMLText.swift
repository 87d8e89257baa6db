/// Escaping for text placed in an HTML or SVG page, so that a name such as `a<b & "c"` shows as
/// written and can never open a tag or end an attribute.
public enum HTMLText {
  /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references: safe both between
  /// tags and inside a double- or single-quoted attribute.
  public static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.append(character)
      }
    }
    return result
  }

  /// `x` with at most `digits` digits after the decimal point and no trailing zeros, for
  /// coordinates and numbers in a page: `0.5`, `12`, `-3.25`. NaN and infinities become `0` so
  /// that an attribute is never malformed.
  public static func number(_ x: Double, digits: Int = 2) -> String {
    guard x.isFinite else { return "0" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (x * scale).rounded() / scale
    if rounded == rounded.rounded() && abs(rounded) < 1e15 {
      return String(Int(rounded))
    }
    var text = String(rounded)
    if text.contains("e") { return text }
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }
}
