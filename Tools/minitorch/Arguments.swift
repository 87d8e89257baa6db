/// The options after a subcommand, read one by one: `--name value`, `--name=value` and bare
/// flags such as `--json`.
///
/// Every reader removes what it used; `finish()` then rejects anything left over, so a typo
/// such as `--epoch 10` is an error that names the known options rather than silently ignored.
struct Arguments {
  private var remaining: [String]
  private var known: [String] = []

  /// Options as they followed the subcommand on the command line.
  init(_ arguments: [String]) {
    remaining = arguments
  }

  /// Whether the bare flag `--name` was given (and removes it).
  mutating func flag(_ name: String) -> Bool {
    known.append("--\(name)")
    guard let index = remaining.firstIndex(of: "--\(name)") else { return false }
    remaining.remove(at: index)
    return true
  }

  /// The text given for `--name`, or `nil` when the option is absent.
  mutating func string(_ name: String) throws -> String? {
    known.append("--\(name)")
    let option = "--\(name)"
    if let index = remaining.firstIndex(where: { $0.hasPrefix(option + "=") }) {
      let value = String(remaining[index].dropFirst(option.count + 1))
      remaining.remove(at: index)
      return value
    }
    guard let index = remaining.firstIndex(of: option) else { return nil }
    guard index + 1 < remaining.count, !remaining[index + 1].hasPrefix("--") else {
      throw UsageError("\(option) needs a value")
    }
    let value = remaining[index + 1]
    remaining.removeSubrange(index...(index + 1))
    return value
  }

  /// The whole number given for `--name`, or `defaultValue`; it must lie in `range`.
  mutating func int(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws
    -> Int
  {
    guard let text = try string(name) else { return defaultValue }
    guard let value = Int(text) else {
      throw UsageError("--\(name) must be a whole number, not '\(text)'")
    }
    guard range.contains(value) else {
      throw UsageError(
        "--\(name) must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
    }
    return value
  }

  /// The number given for `--name`, or `defaultValue`; it must be finite and lie in `range`.
  mutating func double(
    _ name: String, default defaultValue: Double, in range: ClosedRange<Double>
  ) throws -> Double {
    guard let text = try string(name) else { return defaultValue }
    guard let value = Double(text), value.isFinite else {
      throw UsageError("--\(name) must be a number, not '\(text)'")
    }
    guard range.contains(value) else {
      throw UsageError(
        "--\(name) must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
    }
    return value
  }

  /// The value given for `--name`, which must be one of `choices`, or `defaultValue`.
  mutating func choice(_ name: String, from choices: [String], default defaultValue: String)
    throws -> String
  {
    guard let text = try string(name) else { return defaultValue }
    guard choices.contains(text) else {
      throw UsageError(
        "--\(name) must be one of \(choices.joined(separator: ", ")), not '\(text)'")
    }
    return text
  }

  /// Which of the options `names` were given, in the order they appear on the command line
  /// (for commands whose steps run in that order); removes nothing.
  func given(inOrder names: [String]) -> [String] {
    remaining.compactMap { word in
      names.first { word == "--\($0)" || word.hasPrefix("--\($0)=") }
    }
  }

  /// Rejects anything no reader asked for, naming the options this command knows.
  func finish() throws {
    guard let first = remaining.first else { return }
    let what = first.hasPrefix("--") ? "unknown option \(first)" : "unexpected argument '\(first)'"
    throw UsageError("\(what); known options: \(known.joined(separator: ", "))")
  }
}

/// A mistake on the command line; the tool prints the message and the command's usage and
/// exits with status 2.
struct UsageError: Error, CustomStringConvertible {
  /// What is wrong and what is allowed instead.
  let message: String

  /// An error explained by `message`.
  init(_ message: String) {
    self.message = message
  }

  /// The message.
  var description: String { message }
}
