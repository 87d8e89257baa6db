/// One subcommand of the tool: its name, its help, and what it does with the words after it.
struct Command: Sendable {
  /// The word that selects the command, for example `"train"`.
  let name: String
  /// One line for `minitorch help`.
  let summary: String
  /// The full help text: usage lines, what the command does, its options.
  let help: String
  /// Runs the command with the words after its name and returns the exit status.
  let run: @Sendable ([String]) throws -> Int32

  /// A command of one form, whose options are `table`; `about` says what it does (between the
  /// usage line and the options in the help), and `run` gets the options once they are read.
  init(
    _ name: String, summary: String, table: OptionTable, about: String,
    run: @escaping @Sendable (ParsedOptions) throws -> Int32
  ) {
    self.name = name
    self.summary = summary
    help = table.help(about: about)
    self.run = { words in try run(try table.read(words)) }
  }

  /// A command whose words are read by `run` itself (one with several forms).
  init(
    _ name: String, summary: String, help: String,
    run: @escaping @Sendable ([String]) throws -> Int32
  ) {
    self.name = name
    self.summary = summary
    self.help = help
    self.run = run
  }
}
