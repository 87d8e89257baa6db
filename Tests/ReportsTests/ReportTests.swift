import Foundation
import Reports
import Testing

@Suite("HTML text")
struct HTMLTextTests {
  @Test func escapesEveryCharacterThatCouldOpenATagOrEndAnAttribute() {
    #expect(
      HTMLText.escape("<a href=\"x\">Tom & Jerry's</a>")
        == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
    #expect(HTMLText.escape("x₁ plain") == "x₁ plain")
  }

  @Test func numbersAreShortAndNeverMalformed() {
    #expect(HTMLText.number(0.5) == "0.5")
    #expect(HTMLText.number(12) == "12")
    #expect(HTMLText.number(-3.25) == "-3.25")
    #expect(HTMLText.number(1.0 / 3) == "0.33")
    #expect(HTMLText.number(2.0 / 3, digits: 4) == "0.6667")
    #expect(HTMLText.number(.nan) == "0")
    #expect(HTMLText.number(-.infinity) == "0")
  }
}

@Suite("A linear classifier set by hand")
struct LinearClassifierTests {
  /// Whether `segment` joins `a` and `b`, in either direction.
  func joins(_ segment: Segment?, _ a: Point, _ b: Point) -> Bool {
    guard let segment else { return false }
    func near(_ p: Point, _ q: Point) -> Bool { abs(p.x - q.x) < 1e-9 && abs(p.y - q.y) < 1e-9 }
    return (near(segment.start, a) && near(segment.end, b))
      || (near(segment.start, b) && near(segment.end, a))
  }

  @Test func theBoundaryIsTheLineZEqualsZeroClippedToTheSquare() {
    // −x₁ + 0.5 = 0: the vertical line x₁ = 0.5.
    #expect(
      joins(LinearClassifier(w1: -1, w2: 0, bias: 0.5).boundary, Point(0.5, 0), Point(0.5, 1)))
    // x₁ − x₂ = 0: the diagonal, through two corners (each met by two edges).
    #expect(joins(LinearClassifier(w1: 1, w2: -1, bias: 0).boundary, Point(0, 0), Point(1, 1)))
    // x₁ + x₂ − 0.5 = 0: from (0, 0.5) to (0.5, 0).
    #expect(
      joins(LinearClassifier(w1: 1, w2: 1, bias: -0.5).boundary, Point(0, 0.5), Point(0.5, 0)))
  }

  @Test func thereIsNoBoundaryWhenTheLineMissesTheSquareOrTheWeightsAreZero() {
    #expect(LinearClassifier(w1: 1, w2: 1, bias: 5).boundary == nil)
    #expect(LinearClassifier(w1: 0, w2: 0, bias: -1).boundary == nil)
  }

  @Test func predictionsScoresAndLossFollowTheLogit() {
    let classifier = LinearClassifier(w1: -10, w2: 0, bias: 5)
    #expect(classifier.logit(0.2, 0.9) == 3)
    #expect(classifier.predict(0.2, 0.9) == 1)
    #expect(classifier.predict(0.8, 0.1) == 0)
    #expect(abs(classifier.probability(0.2, 0.9) - 1 / (1 + exp(-3))) < 1e-12)
    #expect(classifier.probability(-1000, 0) == 1)
    let points = [(0.2, 0.5), (0.8, 0.5), (0.3, 0.1)]
    #expect(classifier.correct(points: points, labels: [1, 0, 0]) == 2)
    // At z = 0 every point costs log 2, whatever its label.
    let flat = LinearClassifier(w1: 0, w2: 0, bias: 0)
    #expect(abs(flat.loss(points: points, labels: [1, 0, 1]) - 3 * log(2)) < 1e-12)
  }
}

@Suite("Decision boundary from a grid")
struct ProbabilityGridTests {
  @Test func marchingSquaresFindsAVerticalBoundaryWhereItIs() {
    let columns = 10
    let rows = 8
    let samples = ProbabilityGrid.samplePoints(columns: columns, rows: rows)
    let classifier = LinearClassifier(w1: -20, w2: 0, bias: 8)  // boundary x₁ = 0.4
    let grid = ProbabilityGrid(
      columns: columns, rows: rows, values: samples.map { classifier.probability($0.x, $0.y) })
    let segments = grid.boundary
    // One piece per square between rows of samples, and one more at the top and at the bottom
    // edge, so that the line runs from x₂ = 1 down to x₂ = 0.
    #expect(segments.count == rows + 1)
    for segment in segments {
      // Between the samples at 0.35 and 0.45; the sigmoid is symmetric about the line.
      #expect(abs(segment.start.x - 0.4) < 1e-9 && abs(segment.end.x - 0.4) < 1e-9)
    }
    let heights = segments.flatMap { [$0.start.y, $0.end.y] }
    #expect(heights.min() == 0 && heights.max() == 1)
  }

  @Test func aGridWithOneClassHasNoBoundary() {
    let grid = ProbabilityGrid(columns: 3, rows: 3, values: Array(repeating: 0.9, count: 9))
    #expect(grid.boundary.isEmpty)
  }

  @Test func samplePointsAreCellCentresFromTheTopLeft() {
    let points = ProbabilityGrid.samplePoints(columns: 2, rows: 2)
    #expect(points == [Point(0.25, 0.75), Point(0.75, 0.75), Point(0.25, 0.25), Point(0.75, 0.25)])
  }
}

@Suite("Training report page")
struct TrainingReportTests {
  /// A small plot of three points under the classifier x₁ < 0.5, one of them wrong.
  func plot() -> DecisionPlot {
    let classifier = LinearClassifier(w1: -10, w2: 0, bias: 5)
    let points = [Point(0.2, 0.3), Point(0.7, 0.6), Point(0.9, 0.9)]
    let grid = ProbabilityGrid(
      columns: 6, rows: 6,
      values: ProbabilityGrid.samplePoints(columns: 6, rows: 6).map {
        classifier.probability($0.x, $0.y)
      })
    return DecisionPlot(
      points: points, labels: [1, 0, 1],
      probabilities: points.map { classifier.probability($0.x, $0.y) },
      grid: grid, boundary: grid.boundary)
  }

  func trainingPage() -> String {
    var report = TrainingReport(
      title: "Module 1 <xor> & \"friends\"", facts: ["rate 0.5 & 500 epochs"])
    report.decision = plot()
    report.charts = [
      (
        "Loss",
        LineChart(
          id: "loss-curve", quantity: "loss",
          series: [.init(name: "training", values: [30, 20, 12, 5])])
      ),
      (
        "Accuracy",
        LineChart(
          id: "accuracy-curve", quantity: "accuracy", unit: "%",
          series: [.init(name: "training", values: [50, 60, 90, 100])], range: 0...100)
      ),
    ]
    return report.html()
  }

  @Test func thePageIsWellFormedAndHoldsThePlotAndBothCurves() throws {
    let page = ParsedPage(trainingPage())
    #expect(page.error == nil, "\(page.error ?? "")")
    let plot = try #require(page.element(id: "decision-plot"))
    #expect(plot.name == "svg")
    #expect(page.all("rect", classes: ["cell"]).count == 36)
    #expect(page.all("circle", classes: ["point"]).count == 3)
    #expect(page.all("circle", classes: ["point", "wrong"]).count == 1)
    let boundary = try #require(page.all("path", classes: ["boundary"]).first)
    #expect(boundary.attributes["d"]?.hasPrefix("M") == true)
    #expect(page.element(id: "loss-curve")?.name == "svg")
    #expect(page.element(id: "accuracy-curve")?.name == "svg")
    #expect(page.all("polyline", classes: ["curve"]).count == 2)
    #expect(page.element(id: "correct")?.text == "2/3")
    #expect(page.element(id: "w1") == nil, "a trained network's page has no sliders")
  }

  @Test func textIsEscapedAndReadsBackAsWritten() {
    let html = trainingPage()
    #expect(html.contains("Module 1 &lt;xor&gt; &amp; &quot;friends&quot;"))
    #expect(!html.contains("<xor>"))
    let page = ParsedPage(html)
    #expect(page.all("h1").first?.text == "Module 1 <xor> & \"friends\"")
    #expect(page.all("li").contains { $0.text == "rate 0.5 & 500 epochs" })
  }

  @Test func thePageLoadsNothingFromElsewhere() {
    let html = trainingPage()
    #expect(!html.contains("src="))
    #expect(!html.contains("<link"))
    #expect(!html.contains("@import"))
    let addresses = html.components(separatedBy: "http").dropFirst()
    #expect(addresses.allSatisfy { $0.hasPrefix("://www.w3.org/2000/svg\"") })
    #expect(html.contains("<script>//<![CDATA["))
  }

  @Test func theHandSetPageHasSlidersHoldingTheStartingValues() throws {
    var report = TrainingReport(title: "Task 0.5")
    report.decision = plot()
    report.handSet = LinearClassifier(w1: -10, w2: 0, bias: 5)
    let page = ParsedPage(report.html())
    #expect(page.error == nil, "\(page.error ?? "")")
    for (id, value) in [("w1", "-10"), ("w2", "0"), ("b", "5")] {
      let input = try #require(page.element(id: id))
      #expect(input.attributes["type"] == "range")
      #expect(input.attributes["value"] == value)
      let low = Double(input.attributes["min"] ?? "") ?? 0
      let high = Double(input.attributes["max"] ?? "") ?? 0
      #expect(low <= -10 && high >= 10)
    }
    #expect(page.element(id: "loss") != nil)
    // A value beyond ±10 widens the sliders to hold it.
    report.handSet = LinearClassifier(w1: -23.5, w2: 0, bias: 5)
    let wide = ParsedPage(report.html())
    #expect(wide.element(id: "w1")?.attributes["min"] == "-24")
  }

  @Test func imagesAndTheConfusionMatrixAreDrawn() throws {
    var report = TrainingReport(title: "digits")
    report.gallery = (
      "Test images",
      ImageGallery(
        height: 2, width: 2,
        samples: [
          .init(pixels: [0, 1, 0.5, 0], truth: "7", prediction: "7"),
          .init(pixels: [1, 1, 0, 0], truth: "<1>", prediction: "7"),
        ])
    )
    report.confusion = ConfusionTable(classNames: ["a&b", "c"], counts: [[3, 1], [0, 4]])
    let page = ParsedPage(report.html())
    #expect(page.error == nil, "\(page.error ?? "")")
    #expect(page.all("svg", classes: ["sample"]).count == 2)
    #expect(page.all("figure", classes: ["wrong"]).count == 1)
    #expect(page.all("b").contains { $0.text == "<1>" })
    #expect(page.all("tr").count == 3)
    #expect(page.all("td", classes: ["diagonal"]).map(\.text) == ["3", "4"])
    #expect(page.all("th").contains { $0.text == "a&b" })
    #expect(page.all("td", classes: ["recall"]).map(\.text) == ["75%", "100%"])
  }

  @Test func curvesFitTheirValuesAndSkipTheNaNs() {
    let chart = LineChart(
      id: "c", quantity: "v", series: [.init(name: "s", values: [3, .nan, 1])])
    #expect(chart.valueAxis.axis == ChartAxis(lower: 0, upper: 3, step: 1))
    let page = ParsedPage(chart.svg())
    #expect(page.error == nil)
    // The NaN epoch is left out of the curve.
    #expect(page.all("polyline").first?.attributes["points"]?.split(separator: " ").count == 2)
  }
}

@Suite("Chart axes that read at a glance")
struct ChartAxisTests {
  @Test func ticksAreOneTwoOrFiveTimesAPowerOfTen() {
    #expect(ChartAxis.niceStep(span: 34.3) == 10)
    #expect(ChartAxis.niceStep(span: 200) == 50)
    #expect(ChartAxis.niceStep(span: 0.8) == 0.2)
    #expect(ChartAxis.niceStep(span: 7) == 2)
    #expect(ChartAxis.niceStep(span: 0.003) == 0.001)
    #expect(ChartAxis.niceStep(span: 0) == 1)
    // Any span: the step is 1, 2 or 5 × 10ᵏ and cuts it into at most five pieces.
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<500 {
      let span = pow(10, Double.random(in: -6...6, using: &generator))
      let step = ChartAxis.niceStep(span: span)
      let mantissa = step / pow(10, floor(log10(step) + 1e-9))
      #expect([1, 2, 5].contains { abs(mantissa - $0) < 1e-9 }, "span \(span): step \(step)")
      #expect(span / step <= 5 + 1e-9 && span / step > 1, "span \(span): step \(step)")
    }
  }

  @Test func aFittedAxisEndsOnTicksAroundTheValues() {
    let axis = ChartAxis.fitting([34.3, 12, 3])
    #expect(axis == ChartAxis(lower: 0, upper: 40, step: 10))
    #expect(axis.ticks == [0, 10, 20, 30, 40])
    #expect(ChartAxis.fitting([0.71, 0.2]).ticks.map { ($0 * 10).rounded() } == [0, 2, 4, 6, 8])
    #expect(ChartAxis.fitting([0.71, 0.2]).digits == 1)
    #expect(ChartAxis.fitting([-3, 4]) == ChartAxis(lower: -4, upper: 4, step: 2))
    #expect(ChartAxis.fitting([]) == ChartAxis(lower: 0, upper: 1, step: 0.2))
  }

  @Test func percentagesRunFrom0To100InFifths() {
    #expect(ChartAxis.fixed(0...100).ticks == [0, 20, 40, 60, 80, 100])
    #expect(ChartAxis.fixed(0...1).step == 0.2)
    // A range no step of five pieces divides takes the next smaller round step.
    #expect(ChartAxis.fixed(0...7).ticks == [0, 1, 2, 3, 4, 5, 6, 7])
    #expect(ChartAxis.fixed(0...30).ticks == [0, 10, 20, 30])
  }

  @Test func anEarlySpikeRunsOffTheTopInsteadOfFlatteningTheRun() {
    // The spiral run: the first epoch's loss is about 200, the rest fall from 35 to 8.
    let losses = [200.0] + (0..<99).map { 35 - 27 * Double($0) / 98 }
    let (axis, above) = ChartAxis.ignoringEarlySpike([losses])
    #expect(axis == ChartAxis(lower: 0, upper: 40, step: 10))
    #expect(above == [1])
    let chart = LineChart(
      id: "loss", quantity: "loss", series: [.init(name: "training", values: losses)])
    let page = ParsedPage(chart.svg())
    #expect(page.error == nil)
    #expect(
      page.all("text", classes: ["off-chart"]).first?.text == "↑ epoch 1 off the chart: up to 200")
    #expect(
      page.all("text", classes: ["tick"]).map(\.text).prefix(5) == ["0", "10", "20", "30", "40"])
    // A start that is not far above the rest keeps the whole run on the axis.
    let gentle = [40.0] + (0..<20).map { 35 - Double($0) }
    #expect(
      ChartAxis.ignoringEarlySpike([gentle]) == (ChartAxis(lower: 0, upper: 40, step: 10), []))
    // A short run is never cut.
    #expect(ChartAxis.ignoringEarlySpike([[200, 10, 9]]).above.isEmpty)
  }

  @Test func epochTicksAreRoundToo() {
    func ticks(_ epochs: Int) -> [Int] {
      LineChart(
        id: "c", quantity: "v",
        series: [.init(name: "s", values: Array(repeating: 1, count: epochs))]
      ).epochTicks
    }
    #expect(ticks(40) == [1, 10, 20, 30, 40])
    #expect(ticks(500) == [1, 100, 200, 300, 400, 500])
    #expect(ticks(3) == [1, 2, 3])
    #expect(ticks(1) == [1])
    #expect(ticks(7) == [2, 4, 6])
  }

  @Test func everyLegendEntryCarriesItsUnit() throws {
    let accuracy = LineChart(
      id: "a", quantity: "accuracy", unit: "%",
      series: [
        .init(name: "training", values: [50, 96.25]), .init(name: "validation", values: [40, 90]),
      ], range: 0...100)
    let page = ParsedPage(accuracy.svg())
    #expect(
      page.all("text", classes: ["legend"]).map(\.text) == ["training: 96.3%", "validation: 90%"])
    #expect(page.all("text", classes: ["axis-name"]).map(\.text).contains("accuracy (%)"))
    let loss = LineChart(
      id: "l", quantity: "loss", series: [.init(name: "training", values: [2, 0.1234])])
    #expect(loss.legendText(loss.series[0]) == "training: 0.123")
    #expect(loss.axisName == "loss")
  }
}

@Suite("Image grids with full rows")
struct ImageGalleryTests {
  @Test func theColumnsDivideTheImagesOrTheLastRowIsLeftOut() {
    #expect(ImageGallery.layout(count: 16, widest: 8) == (8, 16))
    #expect(ImageGallery.layout(count: 12, widest: 8) == (6, 12))
    #expect(ImageGallery.layout(count: 13, widest: 8) == (8, 8))
    #expect(ImageGallery.layout(count: 5, widest: 8) == (5, 5))
    #expect(ImageGallery.layout(count: 0, widest: 8) == (1, 0))
    for count in 1...60 {
      let (columns, shown) = ImageGallery.layout(count: count, widest: 8)
      #expect(shown % columns == 0 && shown <= count && columns <= 8, "\(count) images")
      #expect(shown > count - 8, "\(count) images: at most a row is left out")
    }
  }

  @Test func theGridShowsOnlyFullRows() {
    let sample = ImageGallery.Sample(pixels: [0, 1, 1, 0], truth: "1", prediction: "1")
    let gallery = ImageGallery(height: 2, width: 2, samples: Array(repeating: sample, count: 18))
    let page = ParsedPage(gallery.html())
    #expect(page.error == nil)
    #expect(page.all("figure").count == 18)
    #expect(page.all("div", classes: ["gallery"]).first?.attributes["data-columns"] == "6")
    let odd = ImageGallery(height: 2, width: 2, samples: Array(repeating: sample, count: 11))
    #expect(ParsedPage(odd.html()).all("figure").count == 8)
  }
}

@Suite("The tests' page parser")
struct PageParserTests {
  @Test func aPageThatIsNotWellFormedIsReported() {
    #expect(ParsedPage("<p><b>x</p>").error != nil)
    #expect(ParsedPage("<p>a & b</p>").error != nil)
    #expect(ParsedPage("<p>a &amp; b</p>").error == nil)
  }
}
