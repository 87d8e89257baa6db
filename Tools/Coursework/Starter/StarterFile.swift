/// One source file as the starter repository has it: the chosen solution regions emptied and
/// replaced by a placeholder, every other line unchanged.
public struct StarterFile: Sendable, Equatable {
  /// The file's text in the starter.
  public var text: String
  /// How many regions were replaced, per task id.
  public var replacedRegions: [String: Int]

  /// Makes the starter version of `text`, the file at `path` (relative to the project root).
  ///
  /// Regions of tasks for which `replaces` returns `false` keep their solution. Each replaced
  /// body becomes one line, the placeholder for `path` indented like the BEGIN marker. Making the
  /// starter of a starter changes nothing. Throws a `CourseworkError` for broken markers.
  public init(
    starterOf text: String, path: String, replaces: (SolutionRegion) -> Bool = { _ in true }
  ) throws {
    let regions = try SolutionRegion.regions(in: text, file: path)
    let placeholder = Placeholder(forFileAt: path)
    var lines = SolutionRegion.lines(of: text)
    var replaced: [String: Int] = [:]
    // Replace from the last region up, so the line numbers of earlier regions stay valid.
    for region in regions.reversed() where replaces(region) {
      let carriageReturn = lines[region.beginLine - 1].hasSuffix("\r") ? "\r" : ""
      let line = region.indentation + placeholder.call(taskID: region.taskID) + carriageReturn
      lines.replaceSubrange(region.beginLine..<(region.endLine - 1), with: [line])
      replaced[region.taskID, default: 0] += 1
    }
    var result = lines.joined(separator: "\n")
    if SolutionRegion.endsWithNewline(text) {
      result += "\n"
    }
    self.text = result
    self.replacedRegions = replaced
  }
}
