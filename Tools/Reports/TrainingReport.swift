/// One self-contained HTML page about a training run (or Task 0.5's hand-set classifier): the
/// dataset with the decision boundary, the loss and accuracy curves, and for images some samples
/// and the confusion matrix. Everything is inline (SVG, the style sheet and a small script);
/// the page loads nothing from anywhere, so it opens with no network. Fonts are large and the
/// colours strong, for a projector.
///
/// The page is also well-formed XML (every element closed, the script in a CDATA section), so a
/// test can parse it.
public struct TrainingReport: Sendable {
  /// The heading, such as `"Module 1: ScalarNetwork on xor"`.
  public var title: String
  /// Short lines under the heading: the settings and the result.
  public var facts: [String]
  /// The dataset and the decision boundary (modules 0-3).
  public var decision: DecisionPlot?
  /// Task 0.5's classifier: when set, the page has sliders for its weights and bias that
  /// redraw the boundary, the shading, the points and the score.
  public var handSet: LinearClassifier?
  /// Per-epoch curves, in order (loss, then accuracy).
  public var charts: [(title: String, chart: LineChart)]
  /// Sample images with predictions (module 4).
  public var gallery: (title: String, gallery: ImageGallery)?
  /// The confusion matrix (module 4).
  public var confusion: ConfusionTable?

  /// A page called `title` with `facts` under the heading and no pictures yet.
  public init(title: String, facts: [String] = []) {
    self.title = title
    self.facts = facts
    charts = []
  }

  /// The page.
  public func html() -> String {
    var parts: [String] = [
      "<!DOCTYPE html>",
      "<html lang=\"en\">",
      "<head>",
      "<meta charset=\"utf-8\"/>",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>",
      "<title>\(HTMLText.escape(title))</title>",
      "<style>\n\(ReportStyle.css)</style>",
      "</head>",
      "<body>",
      "<h1>\(HTMLText.escape(title))</h1>",
    ]
    if !facts.isEmpty {
      parts.append(
        "<ul class=\"facts\">"
          + facts.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul>")
    }
    if let decision {
      parts.append("<section id=\"decision\">")
      parts.append("<h2>The data and the decision boundary</h2>")
      parts.append("<div class=\"side-by-side\">")
      parts.append("<div class=\"figure\">\(decision.svg())</div>")
      parts.append("<div class=\"notes\">")
      parts.append(Self.legend)
      let total = decision.points.count
      parts.append(
        "<p class=\"score\">Correct: <output id=\"correct\">\(decision.correct)/\(total)"
          + "</output> <output id=\"percent\">(\(Self.percent(decision.correct, total)))"
          + "</output></p>")
      if let handSet {
        parts.append(sliders(handSet, decision: decision))
      }
      parts.append(
        "<p id=\"readout\" class=\"readout\">Point at the square to read the "
          + "probability there.</p>")
      parts.append("</div>")
      parts.append("</div>")
      parts.append("</section>")
    }
    for (index, entry) in charts.enumerated() {
      parts.append("<section id=\"chart\(index)\">")
      parts.append("<h2>\(HTMLText.escape(entry.title))</h2>")
      parts.append("<div class=\"figure wide\">\(entry.chart.svg())</div>")
      parts.append("</section>")
    }
    if let gallery {
      parts.append("<section id=\"samples\">")
      parts.append("<h2>\(HTMLText.escape(gallery.title))</h2>")
      parts.append(gallery.gallery.html())
      parts.append("</section>")
    }
    if let confusion {
      parts.append("<section id=\"confusion\">")
      parts.append("<h2>Confusion matrix of the test images</h2>")
      parts.append(confusion.html())
      parts.append("</section>")
    }
    parts.append(
      "<p class=\"footer\">Written by minitorch train. This page is self-contained: it "
        + "loads nothing from the network.</p>")
    parts.append("<script>//<![CDATA[\n\(ReportScript.javascript)\n//]]></script>")
    parts.append("</body>")
    parts.append("</html>")
    return parts.joined(separator: "\n") + "\n"
  }

  /// `38/50` as `76%`.
  static func percent(_ correct: Int, _ total: Int) -> String {
    total == 0 ? "–" : HTMLText.number(100 * Double(correct) / Double(total), digits: 1) + "%"
  }

  /// What the colours and rings of the decision plot mean.
  static let legend = """
    <ul class="legend-list">
    <li><span class="swatch point-1"></span> a point labelled 1</li>
    <li><span class="swatch point-0"></span> a point labelled 0</li>
    <li><span class="swatch ring"></span> ringed: predicted wrong</li>
    <li><span class="swatch area-1"></span> predicts 1 (stronger: surer)</li>
    <li><span class="swatch area-0"></span> predicts 0</li>
    <li><span class="swatch line"></span> the boundary, P(label 1) = ½</li>
    </ul>
    """

  /// The sliders of Task 0.5, with the starting values and a range that holds them.
  func sliders(_ classifier: LinearClassifier, decision: DecisionPlot) -> String {
    let values = [classifier.w1, classifier.w2, classifier.bias]
    let limit = Swift.max(10, (values.map { abs($0) }.max() ?? 0).rounded(.up))
    let loss = LinearClassifier(w1: classifier.w1, w2: classifier.w2, bias: classifier.bias)
      .loss(points: decision.points.map { ($0.x, $0.y) }, labels: decision.labels)
    var rows = [
      "<div id=\"sliders\" class=\"sliders\">",
      "<p class=\"formula\">z = w₁·x₁ + w₂·x₂ + b; predicts 1 where z &gt; 0</p>",
    ]
    for (name, label, value) in [
      ("w1", "w₁", values[0]), ("w2", "w₂", values[1]), ("b", "b", values[2]),
    ] {
      rows.append(
        "<label class=\"slider\"><span class=\"slider-name\">\(label)</span>"
          + "<input type=\"range\" id=\"\(name)\" min=\"\(HTMLText.number(-limit))\" "
          + "max=\"\(HTMLText.number(limit))\" step=\"0.1\" "
          + "value=\"\(HTMLText.number(value, digits: 4))\"/>"
          + "<output id=\"\(name)-value\">\(HTMLText.number(value, digits: 2))</output></label>")
    }
    rows.append(
      "<p class=\"score\">Loss (total binary cross-entropy): <output id=\"loss\">"
        + "\(HTMLText.number(loss, digits: 3))</output></p>")
    rows.append("</div>")
    return rows.joined(separator: "\n")
  }
}
