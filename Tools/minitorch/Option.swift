import Foundation

// One declaration per option. Every option of every command is declared once, as an `Option`:
// its name, what it means, the values it takes and what it is when absent. The command's help,
// the reading of the command line and every message about a bad value come from that one
// declaration, so they cannot drift apart. An option that may be absent without a fixed default
// has an optional type (`Option<Int?>`): absence is `nil`, never a sentinel value.

/// What the help and the parser need to know about one option, whatever the type of its value.
struct OptionDeclaration: Sendable {
  /// The name after `--`, such as `"epochs"`.
  let name: String
  /// The word standing for the value in the help (`N`, `FILE`), or `nil` for a flag.
  let placeholder: String?
  /// What the option does, for the help.
  let meaning: String
  /// The values it accepts, for the help and the errors: `"0 to 4"`, `"xor, simple, diag"`.
  let allowed: String?
  /// What it is when absent, for the help: `"1"`, `"the module's settings"`; `nil` when there
  /// is nothing to say (a flag is off, an optional setting is simply not used).
  let defaultText: String?
  /// Whether the command cannot run without it.
  let isRequired: Bool
  /// Reads the text given on the command line into the option's value, or says what is wrong.
  let read: @Sendable (String) throws(UsageError) -> any Sendable

  /// `--epochs N`, or `--json` for a flag.
  var syntax: String { "--\(name)" + (placeholder.map { " \($0)" } ?? "") }

  /// Whether the option is a bare flag, given without a value.
  var isFlag: Bool { placeholder == nil }
}

/// An option whose value has the type `Value`: its declaration, and its value when it is not
/// given (`nil` for a required option).
struct Option<Value: Sendable>: Sendable {
  /// The declaration the help and the parser read.
  let declaration: OptionDeclaration
  /// The value when the option is absent; `nil` only for a required option.
  let absent: Value?

  /// The option's name, without `--`.
  var name: String { declaration.name }
}

/// A mistake on the command line; the tool prints the message and exits with status 2.
struct UsageError: Error, CustomStringConvertible, Equatable {
  /// What is wrong and what is allowed instead.
  let message: String

  /// An error explained by `message`.
  init(_ message: String) {
    self.message = message
  }

  /// The message.
  var description: String { message }
}

// MARK: Declaring options

/// The declaration of an option that takes a value.
private func declare<Value: Sendable>(
  _ name: String, _ placeholder: String, _ meaning: String, allowed: String?,
  defaultText: String?, absent: Value?,
  read: @escaping @Sendable (String) throws(UsageError) -> Value
) -> Option<Value> {
  Option(
    declaration: OptionDeclaration(
      name: name, placeholder: placeholder, meaning: meaning, allowed: allowed,
      defaultText: defaultText, isRequired: absent == nil,
      read: { text throws(UsageError) in
        try read(text)
      }),
    absent: absent)
}

/// The allowed values of a whole-number range: `0 to 4`, or `1 or more` when unbounded.
private func describe(_ range: ClosedRange<Int>) -> String {
  range.upperBound == Int.max
    ? "\(range.lowerBound) or more" : "\(range.lowerBound) to \(range.upperBound)"
}

/// Reads a whole number of `range` for `--name`.
private func readInteger(_ text: String, _ name: String, _ range: ClosedRange<Int>)
  throws(UsageError)
  -> Int
{
  guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
    throw UsageError("--\(name) must be a whole number from \(describe(range)), not '\(text)'")
  }
  return value
}

/// Reads a finite number of `range` for `--name`.
private func readNumber(_ text: String, _ name: String, _ range: ClosedRange<Double>)
  throws(UsageError) -> Double
{
  guard let value = Double(text), value.isFinite, range.contains(value) else {
    throw UsageError(
      "--\(name) must be a number from \(format(range.lowerBound)) to "
        + "\(format(range.upperBound)), not '\(text)'")
  }
  return value
}

/// The parts of a comma-separated list, each trimmed; empty when the text is.
private func parts(_ text: String) -> [String] {
  text.split(separator: ",", omittingEmptySubsequences: false).map {
    $0.trimmingCharacters(in: .whitespaces)
  }
}

extension Option where Value == Bool {
  /// A bare flag, `--name`: `true` when given.
  static func flag(_ name: String, _ meaning: String) -> Option<Bool> {
    Option(
      declaration: OptionDeclaration(
        name: name, placeholder: nil, meaning: meaning, allowed: nil, defaultText: nil,
        isRequired: false, read: { _ in true }),
      absent: false)
  }
}

extension Option where Value == Int {
  /// A whole number in `range`, `defaultValue` when absent.
  static func integer(
    _ name: String, _ placeholder: String = "N", in range: ClosedRange<Int>,
    default defaultValue: Int,
    _ meaning: String
  ) -> Option<Int> {
    declare(
      name, placeholder, meaning, allowed: describe(range), defaultText: "\(defaultValue)",
      absent: defaultValue
    ) { text throws(UsageError) in try readInteger(text, name, range) }
  }
}

extension Option where Value == Int? {
  /// A whole number in `range`, `nil` when absent (`defaultText` says what is used then).
  static func integer(
    _ name: String, _ placeholder: String = "N", in range: ClosedRange<Int>,
    defaultText: String? = nil, _ meaning: String
  ) -> Option<Int?> {
    declare(
      name, placeholder, meaning, allowed: describe(range), defaultText: defaultText,
      absent: .some(nil)
    ) { text throws(UsageError) in try readInteger(text, name, range) }
  }
}

extension Option where Value == Double {
  /// A finite number in `range`, `defaultValue` when absent.
  static func number(
    _ name: String, _ placeholder: String = "R", in range: ClosedRange<Double>,
    default defaultValue: Double, _ meaning: String
  ) -> Option<Double> {
    declare(
      name, placeholder, meaning,
      allowed: "\(format(range.lowerBound)) to \(format(range.upperBound))",
      defaultText: format(defaultValue), absent: defaultValue
    ) { text throws(UsageError) in try readNumber(text, name, range) }
  }
}

extension Option where Value == Double? {
  /// A finite number in `range`, `nil` when absent (`defaultText` says what is used then).
  static func number(
    _ name: String, _ placeholder: String = "R", in range: ClosedRange<Double>,
    defaultText: String? = nil, _ meaning: String
  ) -> Option<Double?> {
    declare(
      name, placeholder, meaning,
      allowed: "\(format(range.lowerBound)) to \(format(range.upperBound))",
      defaultText: defaultText, absent: .some(nil)
    ) { text throws(UsageError) in try readNumber(text, name, range) }
  }
}

extension Option where Value == String {
  /// One of `choices`, `defaultValue` when absent.
  static func choice(
    _ name: String, _ placeholder: String = "NAME", from choices: [String],
    default defaultValue: String, _ meaning: String
  ) -> Option<String> {
    precondition(choices.contains(defaultValue), "--\(name)'s default is not one of its choices")
    let list = choices.joined(separator: ", ")
    return declare(
      name, placeholder, meaning, allowed: list, defaultText: defaultValue, absent: defaultValue
    ) { text throws(UsageError) in
      guard choices.contains(text) else {
        throw UsageError("--\(name) must be one of \(list), not '\(text)'")
      }
      return text
    }
  }

  /// Any text, required: the command cannot run without it (`example` shows one).
  static func requiredText(
    _ name: String, _ placeholder: String = "TEXT", example: String, _ meaning: String
  ) -> Option<String> {
    declare(
      name, placeholder, meaning, allowed: nil, defaultText: nil, absent: nil
    ) { text throws(UsageError) in
      guard !text.isEmpty else { throw UsageError("--\(name) needs a value, e.g. \(example)") }
      return text
    }
  }
}

extension Option where Value == String? {
  /// Any text, `nil` when absent (`defaultText` says what is used then).
  static func text(
    _ name: String, _ placeholder: String = "TEXT", defaultText: String? = nil, _ meaning: String
  ) -> Option<String?> {
    declare(
      name, placeholder, meaning, allowed: nil, defaultText: defaultText, absent: .some(nil)
    ) { text throws(UsageError) in
      guard !text.isEmpty else { throw UsageError("--\(name) needs a value") }
      return text
    }
  }
}

extension Option where Value == [Int] {
  /// Whole numbers of `range` separated by commas, `defaultValue` when absent.
  static func integers(
    _ name: String, _ placeholder: String = "LIST", in range: ClosedRange<Int>,
    default defaultValue: [Int], _ meaning: String
  ) -> Option<[Int]> {
    declare(
      name, placeholder, meaning, allowed: "whole numbers from \(describe(range))",
      defaultText: defaultValue.map(String.init).joined(separator: ","), absent: defaultValue
    ) { text throws(UsageError) in try integers(text, name, range) }
  }

  /// The numbers of a list such as `64,128`, each in `range`.
  fileprivate static func integers(_ text: String, _ name: String, _ range: ClosedRange<Int>)
    throws(UsageError) -> [Int]
  {
    let values = parts(text).compactMap { Int($0) }.filter { range.contains($0) }
    guard !values.isEmpty, values.count == parts(text).count else {
      throw UsageError(
        "--\(name) must list whole numbers from \(describe(range)) separated by commas, "
          + "such as \(range.lowerBound),\(range.lowerBound + 1); not '\(text)'")
    }
    return values
  }
}

extension Option where Value == [Int]? {
  /// Whole numbers of `range` separated by commas, `nil` when absent.
  static func integers(
    _ name: String, _ placeholder: String = "LIST", in range: ClosedRange<Int>,
    defaultText: String? = nil, _ meaning: String
  ) -> Option<[Int]?> {
    declare(
      name, placeholder, meaning, allowed: "whole numbers from \(describe(range))",
      defaultText: defaultText, absent: .some(nil)
    ) { text throws(UsageError) in try Option<[Int]>.integers(text, name, range) }
  }
}

extension Option where Value == [String] {
  /// Some of `choices`, separated by commas; `defaultValue` when absent.
  static func choices(
    _ name: String, _ placeholder: String = "LIST", from choices: [String],
    default defaultValue: [String], _ meaning: String
  ) -> Option<[String]> {
    let list = choices.joined(separator: ", ")
    return declare(
      name, placeholder, meaning, allowed: "some of \(list)",
      defaultText: defaultValue == choices ? "all" : defaultValue.joined(separator: ","),
      absent: defaultValue
    ) { text throws(UsageError) in
      let given = parts(text)
      guard !given.isEmpty, given.allSatisfy(choices.contains) else {
        throw UsageError("--\(name) must list some of \(list), separated by commas; not '\(text)'")
      }
      return given
    }
  }
}

extension Option {
  /// A value read by `read` from the text given (which throws a `UsageError` saying what is
  /// wrong); `absent` when not given, and `nil` makes the option required.
  static func custom(
    _ name: String, _ placeholder: String, allowed: String?, defaultText: String?,
    absent: Value?, _ meaning: String,
    read: @escaping @Sendable (String) throws(UsageError) -> Value
  ) -> Option<Value> {
    declare(
      name, placeholder, meaning, allowed: allowed, defaultText: defaultText, absent: absent,
      read: read)
  }
}
