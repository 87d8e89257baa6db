import Foundation
import Module1
import Pictures
import TestSupport
import Testing

/// The pictures `minitorch train` draws on a terminal: decision maps, loss curves, images and
/// confusion matrices.
@Suite("Terminal pictures", .explainsStops)
struct TerminalPictureTests {
  @Test func theDecisionMapHasItsSizeABorderAndALegend() {
    let dataset = Datasets.simple(20, seed: 3)
    let map = DecisionMap(dataset: dataset, width: 30, height: 8)
    #expect(map.lineCount == 8 + 3)
    // The rule of `simple` itself: every point is classified right, so no capitals.
    let picture = map.render { points in points.map { x1, _ in x1 < 0.5 ? 0.9 : 0.1 } }
    let lines = picture.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let border = "+" + String(repeating: "-", count: 30) + "+"
    #expect(lines.count == map.lineCount)
    #expect(lines[0] == border && lines[9] == border)
    for line in lines[1...8] {
      #expect(line.count == 32 && line.hasPrefix("|") && line.hasSuffix("|"), "\(line)")
      #expect(Array(line)[1] == "▒" || Array(line)[1] == "x", "left edge predicts 1: \(line)")
      #expect(Array(line)[30] == "·" || Array(line)[30] == "o", "right edge predicts 0: \(line)")
    }
    #expect(lines[1...8].allSatisfy { !$0.contains("X") && !$0.contains("O") })
    #expect(lines.last == DecisionMap.legend)
    for symbol in ["▒", "·", "x", "o", "X", "O"] {
      #expect(DecisionMap.legend.contains(symbol), "the legend explains \(symbol)")
    }
  }

  @Test func theDecisionMapMarksWrongPredictionsInCapitals() {
    let dataset = Dataset(
      name: "four", points: [(0.05, 0.05), (0.95, 0.05), (0.05, 0.95), (0.95, 0.95)],
      labels: [1, 0, 0, 1])
    let picture = DecisionMap(dataset: dataset, width: 10, height: 4)
      .render(probabilities: { points in points.map { _ in 0.8 } })
    let lines = picture.split(separator: "\n").map(String.init)
    #expect(lines[1] == "|O▒▒▒▒▒▒▒▒x|")
    #expect(lines[4] == "|x▒▒▒▒▒▒▒▒O|")
  }

  @Test func theLossCurveAveragesEpochsIntoColumns() {
    let curve = LossCurve(losses: [8, 6, 4, 4, 2, 0, 1, 1], width: 4, height: 2)
    #expect(curve.columns == [7, 4, 1, 1])
    // Heights in eighths of a line, scaled to the top column (7 → 16): 16, 9, 2, 2.
    #expect(
      curve.render() == """
        loss per epoch: 8 at epoch 1 → 1 at epoch 8
         7 ┤█▁
           ┤██▂▂
         0 └────
            epoch 1 8
        """)
    #expect(LossCurve(losses: [3, 2, 1], width: 60).columns == [3, 2, 1])
    #expect(LossCurve(losses: []).render() == "loss per epoch: no epochs yet")
  }

  @Test func theConfusionMatrixCountsPairs() {
    let matrix = ConfusionMatrix(
      truths: [0, 0, 0, 1, 1, 2, 2, 2, 2], predictions: [0, 0, 1, 1, 1, 2, 0, 0, 2],
      classNames: ["cat", "dog", "fox"])
    #expect(matrix.counts == [[2, 1, 0], [0, 2, 0], [2, 0, 2]])
    #expect(matrix.total == 9 && matrix.correct == 6)
    #expect(abs(matrix.accuracy - 6.0 / 9) < 1e-12)
    #expect(matrix.recall(of: 2) == 0.5)
    #expect(ConfusionMatrix(classNames: ["a", "b"]).recall(of: 0) == nil)
    let mistakes = matrix.commonestMistakes(limit: 5)
    #expect(mistakes.map(\.truth) == [2, 0] && mistakes.map(\.prediction) == [0, 1])
    #expect(mistakes.map(\.count) == [2, 1])
  }

  @Test func theConfusionMatrixPrintsOneRowPerTrueClass() {
    let matrix = ConfusionMatrix(
      truths: [0, 1, 1], predictions: [0, 1, 0], classNames: ["Shirt", "Bag"])
    let lines = matrix.description.split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    #expect(lines[0].hasPrefix("true \\ predicted") && lines[0].hasSuffix("recall"))
    #expect(lines[1].contains("0 Shirt") && lines[1].contains("[1]") && lines[1].contains("100.0%"))
    #expect(lines[2].contains("1 Bag") && lines[2].contains("[1]") && lines[2].contains("50.0%"))
    let digits = ConfusionMatrix(truths: [3], predictions: [3], classNames: ["0", "1", "2", "3"])
    #expect(!digits.description.contains("3 3"), "a digit's name repeats its number")
  }

  @Test func greyLevelsBecomeFiveShades() {
    #expect(
      [0, 0.19, 0.2, 0.45, 0.65, 0.85, 1, 7, -1].map(TerminalImage.shade) == [
        " ", " ", "░", "▒", "▓", "█", "█", "█", " ",
      ])
  }

  @Test func smallImagesDrawEachPixelTwiceAsWide() {
    let lines = TerminalImage.lines([0, 1, 0.5, 0.3], height: 2, width: 2)
    #expect(lines == ["  ██", "▒▒░░"])
  }

  @Test func largeImagesAveragePairsOfRows() {
    let width = 20
    var pixels = [Double](repeating: 0, count: 3 * width)
    pixels[0] = 1  // row 0, column 0: averaged with 0 below it
    pixels[1] = 1
    pixels[width + 1] = 1  // column 1: full in both rows
    pixels[2 * width + 2] = 1  // the last, unpaired row stands alone
    let lines = TerminalImage.lines(pixels, height: 3, width: width)
    #expect(lines.count == 2 && lines.allSatisfy { $0.count == width })
    #expect(lines[0].hasPrefix("▒█ "))
    #expect(lines[1].hasPrefix("  █"))
  }

  @Test func drawingsSitSideBySideWithCaptions() {
    let text = TerminalImage.sideBySide(
      [["ab", "cd"], ["x"]], captions: [["one"], ["second", "more"]], gap: 2)
    #expect(text == "ab      x\ncd      second\none     more")
  }
}
