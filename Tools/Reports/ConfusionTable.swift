/// A confusion matrix as an HTML table: one row per true class, one column per predicted
/// class, each cell shaded by the share of its row (blue on the diagonal, where the answers are
/// right; orange off it), with each row's recall at the end.
public struct ConfusionTable: Sendable {
  /// The classes' names, by index.
  public var classNames: [String]
  /// `counts[truth][prediction]`.
  public var counts: [[Int]]

  /// The table of `counts` (a square of `classNames.count` rows and columns).
  public init(classNames: [String], counts: [[Int]]) {
    precondition(
      counts.count == classNames.count && counts.allSatisfy { $0.count == classNames.count },
      "ConfusionTable: \(classNames.count) classes need a \(classNames.count) × "
        + "\(classNames.count) matrix of counts")
    self.classNames = classNames
    self.counts = counts
  }

  /// The `<table class="confusion">`.
  public func html() -> String {
    var parts = ["<table class=\"confusion\">"]
    parts.append(
      "<caption>rows: the true class · columns: what the network said</caption>")
    parts.append(
      "<tr><th class=\"corner\">true \\ said</th>"
        + classNames.map { "<th scope=\"col\">\(HTMLText.escape($0))</th>" }.joined()
        + "<th scope=\"col\">right</th></tr>")
    for (truth, row) in counts.enumerated() {
      let total = row.reduce(0, +)
      var cells = "<tr><th scope=\"row\">\(HTMLText.escape(classNames[truth]))</th>"
      for (prediction, count) in row.enumerated() {
        let share = total == 0 ? 0 : Double(count) / Double(total)
        let colour = prediction == truth ? "27,94,158" : "217,95,2"
        let strength = count == 0 ? 0 : 0.12 + 0.88 * share
        let dark = strength > 0.55 ? " dark" : ""
        cells +=
          "<td class=\"\(prediction == truth ? "diagonal" : "off")\(dark)\" "
          + "style=\"background-color: rgba(\(colour),\(HTMLText.number(strength, digits: 3)))\">"
          + "\(count)</td>"
      }
      let recall =
        total == 0
        ? "–" : HTMLText.number(100 * Double(row[truth]) / Double(total), digits: 1) + "%"
      cells += "<td class=\"recall\">\(recall)</td></tr>"
      parts.append(cells)
    }
    parts.append("</table>")
    return parts.joined(separator: "\n")
  }
}
