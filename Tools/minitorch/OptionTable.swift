import Foundation

/// The options one form of a command takes, in the order its help lists them: the one source of
/// the form's usage line, its list of options and the reading of its command line.
struct OptionTable: Sendable {
  /// How the form is called, after `minitorch`: `"grade"`, or `"train --module 0"` for a form
  /// chosen by an option.
  let form: String
  /// The options, in help order.
  let options: [OptionDeclaration]
  /// How messages name the form: `"train --module 1 or 2"`.
  let title: String
  /// Options that the form's words already fix (`--module` in `train --module 0`): accepted,
  /// but left out of its usage line and option list.
  let fixed: Set<String>

  /// The form `form` of a command, taking `options`; `fixed` names those its words already
  /// give, and `title` how messages name it (default: `form`).
  init(
    _ form: String, _ options: [OptionDeclaration], fixed: Set<String> = [], title: String? = nil
  ) {
    let names = options.map(\.name)
    precondition(Set(names).count == names.count, "\(form) declares an option twice")
    self.form = form
    self.options = options
    self.fixed = fixed
    self.title = title ?? form
  }

  /// The declaration of `--name`, if this form takes it.
  func declaration(_ name: String) -> OptionDeclaration? {
    options.first { $0.name == name }
  }

  // MARK: Reading a command line

  /// Reads `words` (what followed the command's name): `--name value`, `--name=value` and bare
  /// flags. Every value is checked by its declaration. Throws a `UsageError` for an unknown
  /// option (naming the other forms that take it, from `others`), a value missing or not
  /// allowed, an option given twice, a stray word or a required option left out.
  func read(_ words: [String], others: [OptionTable] = []) throws(UsageError) -> ParsedOptions {
    var values: [String: any Sendable] = [:]
    var order: [String] = []
    var index = 0
    while index < words.count {
      let word = words[index]
      index += 1
      guard word.hasPrefix("--"), word.count > 2 else {
        throw UsageError("unexpected argument '\(word)'; options start with --")
      }
      let body = word.dropFirst(2)
      let name = String(body.prefix { $0 != "=" })
      let inline = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
      guard let option = declaration(name) else {
        throw unknown(name, others: others)
      }
      guard values[name] == nil else {
        throw UsageError("--\(name) is given twice; give it once")
      }
      let text: String
      if option.isFlag {
        guard inline == nil else { throw UsageError("--\(name) takes no value") }
        text = ""
      } else if let inline {
        text = inline
      } else {
        guard index < words.count, !words[index].hasPrefix("--") else {
          throw UsageError("--\(name) needs a value: \(option.syntax)")
        }
        text = words[index]
        index += 1
      }
      values[name] = try option.read(text)
      order.append(name)
    }
    for option in options where option.isRequired && values[option.name] == nil {
      throw UsageError("\(option.syntax) is required: \(option.meaning)")
    }
    return ParsedOptions(table: self, values: values, order: order)
  }

  /// The value of `option` in `words` alone, without reading the rest (for a command that
  /// chooses its form by one option); its default when absent.
  static func peek<Value>(_ option: Option<Value>, in words: [String]) throws(UsageError) -> Value {
    let name = "--\(option.name)"
    for (index, word) in words.enumerated() {
      if word.hasPrefix(name + "=") {
        return try option.declaration.read(String(word.dropFirst(name.count + 1))) as! Value
      }
      if word == name {
        guard index + 1 < words.count, !words[index + 1].hasPrefix("--") else {
          throw UsageError("\(name) needs a value: \(option.declaration.syntax)")
        }
        return try option.declaration.read(words[index + 1]) as! Value
      }
    }
    guard let absent = option.absent else {
      throw UsageError("\(option.declaration.syntax) is required: \(option.declaration.meaning)")
    }
    return absent
  }

  /// The error for `--name`, which this form does not take.
  private func unknown(_ name: String, others: [OptionTable]) -> UsageError {
    let takers = others.filter { $0.declaration(name) != nil }.map(\.title)
    if !takers.isEmpty {
      return UsageError(
        "--\(name) is only for \(takers.joined(separator: "; ")), not for \(title)")
    }
    let known = options.filter { !fixed.contains($0.name) }.map { "--\($0.name)" }
    return UsageError(
      "unknown option --\(name); \(title) takes \(known.joined(separator: ", "))")
  }

  // MARK: Help

  /// `usage: minitorch grade [--submission DIR] …`, wrapped to the help's width.
  var usageLine: String {
    let words = options.filter { !fixed.contains($0.name) }.map {
      $0.isRequired ? $0.syntax : "[\($0.syntax)]"
    }
    let command = form.prefix { $0 != " " }
    return HelpText.hanging(
      "minitorch \(form)", words, first: "usage: ",
      indent: "usage: minitorch \(command) ".count)
  }

  /// One entry per option: its syntax, then its meaning, allowed values and default, wrapped
  /// in a column. Options in `shownAbove` are named in one closing line instead.
  func optionList(shownAbove: Set<String> = []) -> String {
    let listed = options.filter { !fixed.contains($0.name) && !shownAbove.contains($0.name) }
    let repeated = options.filter { !fixed.contains($0.name) && shownAbove.contains($0.name) }
    let column = Swift.min(20, (listed.map(\.syntax.count).max() ?? 0) + 4)
    var lines = listed.map { option in
      var text = option.meaning
      if let allowed = option.allowed {
        // "(1 to 9)", unless the meaning already ends in parentheses.
        text += text.hasSuffix(")") ? "; \(allowed)" : " (\(allowed))"
      }
      if let defaultText = option.defaultText {
        // "default 50", but "default: the module's settings".
        text += defaultText.contains(" ") ? "; default: \(defaultText)" : "; default \(defaultText)"
      }
      if option.isRequired { text += "; required" }
      return HelpText.entry(option.syntax, text, column: column)
    }
    if !repeated.isEmpty {
      lines.append("  " + repeated.map { "--\($0.name)" }.joined(separator: ", ") + ": as above")
    }
    return lines.joined(separator: "\n")
  }

  /// The form's whole help: the usage line, `about`, then the options.
  func help(about: String) -> String {
    [usageLine, about, optionList()].filter { !$0.isEmpty }.joined(separator: "\n\n")
  }
}

/// The options of one command line, read and checked by an `OptionTable`.
struct ParsedOptions: Sendable {
  /// The table that read them.
  let table: OptionTable
  /// The values given, by option name.
  fileprivate let values: [String: any Sendable]
  /// The names of the options given, in command-line order.
  let order: [String]

  /// The value of `option`: as given, or its value when absent.
  subscript<Value>(option: Option<Value>) -> Value {
    precondition(
      table.declaration(option.name) != nil,
      "--\(option.name) is not declared in the table of minitorch \(table.form)")
    if let given = values[option.name] {
      return given as! Value
    }
    return option.absent!
  }

  /// Whether `option` was given on the command line.
  func isGiven<Value>(_ option: Option<Value>) -> Bool {
    values[option.name] != nil
  }
}

/// Wrapping help text to the width of a terminal.
enum HelpText {
  /// The width of the help.
  static let width = 92

  /// `words` after `first` and `head`, wrapped so that continuation lines start `indent`
  /// columns in.
  static func hanging(_ head: String, _ words: [String], first: String = "", indent: Int)
    -> String
  {
    let indent = String(repeating: " ", count: indent)
    var lines: [String] = []
    var line = first + head
    for word in words {
      if line.count + 1 + word.count > width && line.count > indent.count {
        lines.append(line)
        line = indent + word
      } else {
        line += " " + word
      }
    }
    lines.append(line)
    return lines.joined(separator: "\n")
  }

  /// `  --name N   text…`, the text wrapped in a column starting at `column`.
  static func entry(_ syntax: String, _ text: String, column: Int) -> String {
    let indent = String(repeating: " ", count: column + 2)
    var lines: [String] = []
    var line = "  " + syntax
    if line.count + 2 > column + 2 {
      lines.append(line)
      line = indent
    } else {
      line += String(repeating: " ", count: column + 2 - line.count)
    }
    var lineHasText = false
    for word in text.split(separator: " ") {
      if lineHasText && line.count + 1 + word.count > width {
        lines.append(line)
        line = indent + word
      } else {
        line += (lineHasText ? " " : "") + word
      }
      lineHasText = true
    }
    lines.append(line)
    return lines.joined(separator: "\n")
  }
}
