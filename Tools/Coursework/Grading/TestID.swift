/// The name of one test function as the test binary lists it:
/// `Module0Tests.Task0_1/mulIsSwiftMultiplication()`.
///
/// The part before the first "." is the test target, the part up to the first "/" is the suite,
/// and the rest names the function (inside nested suites it has more "/" parts). Events of a
/// test run name the same test with its source location appended
/// (`…/mulIsSwiftMultiplication()/Task0_1.swift:11:4`).
public struct TestID: Hashable, Sendable, CustomStringConvertible, Comparable {
  /// The whole id, as listed.
  public let rawValue: String

  /// Reads a listed id; `nil` unless it has a target, a suite and a function.
  public init?(_ rawValue: String) {
    guard let slash = rawValue.firstIndex(of: "/"),
      rawValue[..<slash].contains("."),
      rawValue.index(after: slash) < rawValue.endIndex
    else { return nil }
    self.rawValue = rawValue
  }

  /// The test target, for example "Module0Tests".
  public var target: String {
    String(rawValue.prefix { $0 != "." })
  }

  /// The suite, for example "Task0_1".
  public var suite: String {
    let head = rawValue.prefix { $0 != "/" }
    return String(head.drop { $0 != "." }.dropFirst())
  }

  /// The function and any nested suites, for example "mulIsSwiftMultiplication()".
  public var function: String {
    String(rawValue.drop { $0 != "/" }.dropFirst())
  }

  /// Whether an event's test id (which may carry a source location) names this test.
  public func matches(eventTestID: String) -> Bool {
    eventTestID == rawValue || eventTestID.hasPrefix(rawValue + "/")
  }

  /// A `--filter` pattern that runs this test and nothing else: the id with every character
  /// that means something in a regular expression escaped, anchored at the start, and ending
  /// where the id ends or its source location begins.
  public var filterPattern: String {
    "^" + Self.escapedForRegex(rawValue) + "(/|$)"
  }

  /// `text` with each regular-expression metacharacter preceded by a backslash.
  public static func escapedForRegex(_ text: String) -> String {
    var escaped = ""
    for character in text {
      if "\\^$.|?*+()[]{}".contains(character) {
        escaped.append("\\")
      }
      escaped.append(character)
    }
    return escaped
  }

  /// The id.
  public var description: String { rawValue }

  /// Ids sort as text.
  public static func < (lhs: TestID, rhs: TestID) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}
