import Foundation

// Task 0.5's classifier: a straight line through the unit square. The logit of a point is
//
//     z = w₁ · x₁ + w₂ · x₂ + b
//
// and the classifier predicts label 1 where z > 0, that is where σ(z) > ½. The boundary is the
// line z = 0; (w₁, w₂) is perpendicular to it and points to the side of label 1, and b moves
// it without turning it.

/// A linear classifier of points (x₁, x₂) with weights and bias set by hand (Task 0.5).
public struct LinearClassifier: Sendable, Equatable {
  /// The weight of x₁.
  public var w1: Double
  /// The weight of x₂.
  public var w2: Double
  /// The bias b.
  public var bias: Double

  /// The classifier z = w1 · x₁ + w2 · x₂ + bias.
  public init(w1: Double, w2: Double, bias: Double) {
    self.w1 = w1
    self.w2 = w2
    self.bias = bias
  }

  /// The logit z at (x1, x2).
  public func logit(_ x1: Double, _ x2: Double) -> Double {
    w1 * x1 + w2 * x2 + bias
  }

  /// The probability of label 1 at (x1, x2): σ(z), computed without overflow for any z.
  public func probability(_ x1: Double, _ x2: Double) -> Double {
    let z = logit(x1, x2)
    return z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
  }

  /// The predicted label at (x1, x2): 1 where z > 0, else 0.
  public func predict(_ x1: Double, _ x2: Double) -> Int {
    logit(x1, x2) > 0 ? 1 : 0
  }

  /// How many of `points` get their label in `labels` (0 or 1 each, in the same order).
  public func correct(points: [(Double, Double)], labels: [Int]) -> Int {
    precondition(
      points.count == labels.count,
      "LinearClassifier: \(points.count) points but \(labels.count) labels")
    return zip(points, labels).filter { predict($0.0.0, $0.0.1) == $0.1 }.count
  }

  /// The total binary cross-entropy over `points`: Σ max(z, 0) − z · y + log(1 + e^(−|z|)),
  /// the loss Module 1 trains with, written from the logit so that it never takes log(0).
  public func loss(points: [(Double, Double)], labels: [Int]) -> Double {
    precondition(
      points.count == labels.count,
      "LinearClassifier: \(points.count) points but \(labels.count) labels")
    return zip(points, labels).reduce(0) { total, example in
      let z = logit(example.0.0, example.0.1)
      return total + Swift.max(z, 0) - z * Double(example.1) + log(1 + exp(-abs(z)))
    }
  }

  /// The part of the boundary line z = 0 inside the unit square [0, 1]², as its two end
  /// points; `nil` when the line misses the square (every point gets the same label) or the
  /// weights are both 0 (there is no line).
  public var boundary: Segment? {
    var ends: [Point] = []
    func add(_ x1: Double, _ x2: Double) {
      guard (-1e-12...1 + 1e-12).contains(x1), (-1e-12...1 + 1e-12).contains(x2) else { return }
      let point = Point(Swift.min(1, Swift.max(0, x1)), Swift.min(1, Swift.max(0, x2)))
      if !ends.contains(where: { abs($0.x - point.x) < 1e-9 && abs($0.y - point.y) < 1e-9 }) {
        ends.append(point)
      }
    }
    if w2 != 0 {
      add(0, -bias / w2)  // the left edge, x₁ = 0
      add(1, -(bias + w1) / w2)  // the right edge, x₁ = 1
    }
    if w1 != 0 {
      add(-bias / w1, 0)  // the bottom edge, x₂ = 0
      add(-(bias + w2) / w1, 1)  // the top edge, x₂ = 1
    }
    // A line through a corner meets two edges there; the two ends farthest apart remain.
    var best: Segment?
    var longest = 0.0
    for i in ends.indices {
      for j in ends.indices where j > i {
        let length = hypot(ends[i].x - ends[j].x, ends[i].y - ends[j].y)
        if length > longest {
          longest = length
          best = Segment(ends[i], ends[j])
        }
      }
    }
    return best
  }
}

/// A point of the plane, in the data's coordinates (x₁ across, x₂ up).
public struct Point: Sendable, Equatable {
  /// The first coordinate, x₁.
  public var x: Double
  /// The second coordinate, x₂.
  public var y: Double

  /// The point (x, y).
  public init(_ x: Double, _ y: Double) {
    self.x = x
    self.y = y
  }
}

/// A straight piece of a line, from `start` to `end`.
public struct Segment: Sendable, Equatable {
  /// One end.
  public var start: Point
  /// The other end.
  public var end: Point

  /// The segment from `start` to `end`.
  public init(_ start: Point, _ end: Point) {
    self.start = start
    self.end = end
  }
}
