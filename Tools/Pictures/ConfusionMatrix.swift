import Foundation

// A confusion matrix counts, for every pair of classes (true, predicted), how many examples of
// the true class the classifier put in the predicted one. The diagonal holds the right answers;
// everything off it is a mistake, and the largest off-diagonal counts say which classes the
// classifier mixes up (a shirt taken for a T-shirt, a 4 for a 9), which one accuracy number
// cannot say.
//
//     true \ predicted    0    1    2
//             0          28    1    1      row 0: 30 examples of class 0, 28 recognised
//             1           0   29    1
//             2           3    0   27      3 examples of class 2 were called 0

/// How often a classifier predicted each class for the examples of each class: `counts[t][p]`
/// examples of true class t were predicted as class p.
public struct ConfusionMatrix: Sendable, Equatable, CustomStringConvertible {
  /// The name of each class, by index.
  public let classNames: [String]
  /// `counts[truth][prediction]`: how many examples of class `truth` were predicted as
  /// `prediction`.
  public private(set) var counts: [[Int]]

  /// An empty matrix for the classes `classNames`.
  public init(classNames: [String]) {
    precondition(!classNames.isEmpty, "a confusion matrix needs at least one class")
    self.classNames = classNames
    counts = Array(repeating: Array(repeating: 0, count: classNames.count), count: classNames.count)
  }

  /// The matrix of `predictions` against `truths` (one class index each, in the same order).
  public init(truths: [Int], predictions: [Int], classNames: [String]) {
    precondition(
      truths.count == predictions.count,
      "ConfusionMatrix: \(truths.count) true classes but \(predictions.count) predictions")
    self.init(classNames: classNames)
    for (truth, prediction) in zip(truths, predictions) {
      add(truth: truth, prediction: prediction)
    }
  }

  /// Counts one example of class `truth` predicted as `prediction`.
  public mutating func add(truth: Int, prediction: Int) {
    precondition(
      counts.indices.contains(truth) && counts.indices.contains(prediction),
      "ConfusionMatrix: classes are 0..<\(counts.count), got true class \(truth) and "
        + "prediction \(prediction)")
    counts[truth][prediction] += 1
  }

  /// How many examples were counted.
  public var total: Int { counts.joined().reduce(0, +) }

  /// How many were predicted right (the diagonal).
  public var correct: Int { counts.indices.reduce(0) { $0 + counts[$1][$1] } }

  /// The fraction predicted right, or 0 for an empty matrix.
  public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }

  /// The fraction of class `truth`'s examples predicted right (its recall), or `nil` when
  /// there were none.
  public func recall(of truth: Int) -> Double? {
    let row = counts[truth].reduce(0, +)
    return row == 0 ? nil : Double(counts[truth][truth]) / Double(row)
  }

  /// The mistakes (true class, predicted class, count), most frequent first, ties by true and
  /// then predicted class; at most `limit` of them.
  public func commonestMistakes(limit: Int = 3) -> [(truth: Int, prediction: Int, count: Int)] {
    var mistakes: [(truth: Int, prediction: Int, count: Int)] = []
    for truth in counts.indices {
      for prediction in counts.indices where prediction != truth && counts[truth][prediction] > 0 {
        mistakes.append((truth, prediction, counts[truth][prediction]))
      }
    }
    mistakes.sort { ($1.count, $0.truth, $0.prediction) < ($0.count, $1.truth, $1.prediction) }
    return Array(mistakes.prefix(limit))
  }

  /// The matrix as a table: one row per true class (its name, its counts, its recall), one
  /// column per predicted class, numbered, with the diagonal in brackets.
  ///
  /// ```
  /// true \ predicted    0    1    2   recall
  ///   0 zero          [28]   1    1   93.3%
  /// ```
  public var description: String {
    let n = counts.count
    let cell = Swift.max(4, String(counts.joined().max() ?? 0).count + 3)
    // A class named by its own number ("7") is shown once; other names follow their number.
    let labels = classNames.indices.map { index in
      let number = pad(index, String(n - 1).count)
      return classNames[index] == String(index) ? number : "\(number) \(classNames[index])"
    }
    let labelWidth = Swift.max(16, (labels.map(\.count).max() ?? 0) + 2)
    var lines = [
      "true \\ predicted".padding(toLength: labelWidth, withPad: " ", startingAt: 0)
        + (0..<n).map { pad($0, cell) }.joined() + "   recall"
    ]
    for truth in 0..<n {
      let row = (0..<n).map { prediction in
        let count = String(counts[truth][prediction])
        return truth == prediction
          ? String(repeating: " ", count: Swift.max(0, cell - count.count - 2)) + "[\(count)]"
          : pad(counts[truth][prediction], cell)
      }
      let recall = recall(of: truth).map { String(format: "%5.1f%%", 100 * $0) } ?? "    –"
      lines.append(
        "  " + labels[truth].padding(toLength: labelWidth - 2, withPad: " ", startingAt: 0)
          + row.joined() + "   " + recall)
    }
    return lines.joined(separator: "\n")
  }

  /// `value` right-aligned in `width` characters.
  private func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: " ", count: Swift.max(0, width - text.count)) + text
  }
}
