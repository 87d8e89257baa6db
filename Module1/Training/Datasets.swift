import Foundation

/// A labelled set of points in the unit square, for training a binary classifier.
public struct Dataset: Sendable {
  /// The dataset's name, for example `"xor"`.
  public let name: String
  /// The points, each a pair (x₁, x₂).
  public let points: [(Double, Double)]
  /// The label of each point: 0 or 1.
  public let labels: [Int]

  /// How many points there are.
  public var count: Int { points.count }

  /// A dataset called `name` with one label (0 or 1) for each point.
  public init(name: String, points: [(Double, Double)], labels: [Int]) {
    precondition(
      points.count == labels.count,
      "dataset \(name) has \(points.count) points but \(labels.count) labels")
    precondition(
      labels.allSatisfy { $0 == 0 || $0 == 1 },
      "dataset \(name) has a label other than 0 or 1: \(labels.first { $0 != 0 && $0 != 1 }!)")
    self.name = name
    self.points = points
    self.labels = labels
  }
}

/// The six toy datasets of minitorch's first modules. Each one is `n` points labelled by a
/// simple rule, drawn uniformly from [0, 1]² (all but `spiral`) by a generator seeded with
/// `seed`, so the same arguments always give the same dataset.
public enum Datasets {
  /// The names `make(_:points:seed:)` accepts, from easiest to hardest.
  public static let names = ["simple", "diag", "split", "xor", "circle", "spiral"]

  /// The dataset called `name`, or `nil` for an unknown name.
  public static func make(_ name: String, points n: Int, seed: UInt64 = 0) -> Dataset? {
    switch name {
    case "simple": simple(n, seed: seed)
    case "diag": diag(n, seed: seed)
    case "split": split(n, seed: seed)
    case "xor": xor(n, seed: seed)
    case "circle": circle(n, seed: seed)
    case "spiral": spiral(n)
    default: nil
    }
  }

  /// Label 1 left of the vertical line x₁ = 0.5.
  public static func simple(_ n: Int, seed: UInt64 = 0) -> Dataset {
    labelled("simple", n, seed) { x1, _ in x1 < 0.5 }
  }

  /// Label 1 below the diagonal line x₁ + x₂ = 0.5.
  public static func diag(_ n: Int, seed: UInt64 = 0) -> Dataset {
    labelled("diag", n, seed) { x1, x2 in x1 + x2 < 0.5 }
  }

  /// Label 1 in the two outer bands x₁ < 0.2 and x₁ > 0.8.
  public static func split(_ n: Int, seed: UInt64 = 0) -> Dataset {
    labelled("split", n, seed) { x1, _ in x1 < 0.2 || x1 > 0.8 }
  }

  /// Label 1 in the top-left and bottom-right quarters: exactly one of x₁, x₂ is above 0.5.
  public static func xor(_ n: Int, seed: UInt64 = 0) -> Dataset {
    labelled("xor", n, seed) { x1, x2 in (x1 < 0.5) != (x2 < 0.5) }
  }

  /// Label 1 outside the circle of radius √0.1 around the centre (0.5, 0.5).
  public static func circle(_ n: Int, seed: UInt64 = 0) -> Dataset {
    labelled("circle", n, seed) { x1, x2 in
      (x1 - 0.5) * (x1 - 0.5) + (x2 - 0.5) * (x2 - 0.5) > 0.1
    }
  }

  /// Two interleaved spiral arms around (0.5, 0.5), `n / 2` points each (label 0, then label
  /// 1); `n` is rounded down to an even number. Not random: the points lie evenly on the arms
  /// r = 0.45 · t / 14 for angles t from 2 to 14 radians (about two turns), the second arm
  /// turned by half a circle, so every point stays inside the unit square.
  public static func spiral(_ n: Int) -> Dataset {
    let perArm = n / 2
    var points: [(Double, Double)] = []
    var labels: [Int] = []
    for arm in 0..<2 {
      for i in 0..<perArm {
        let t = 2 + 12 * Double(i) / Double(Swift.max(perArm, 1))
        let r = 0.45 * t / 14
        let angle = t + Double(arm) * Double.pi
        points.append((0.5 + r * cos(angle), 0.5 + r * sin(angle)))
        labels.append(arm)
      }
    }
    return Dataset(name: "spiral", points: points, labels: labels)
  }

  /// `n` uniform points in [0, 1]², labelled 1 where `rule` holds.
  private static func labelled(
    _ name: String, _ n: Int, _ seed: UInt64, rule: (Double, Double) -> Bool
  ) -> Dataset {
    var rng = SplitMix64(seed: seed)
    var points: [(Double, Double)] = []
    for _ in 0..<n {
      let x1 = rng.nextDouble()
      points.append((x1, rng.nextDouble()))
    }
    return Dataset(name: name, points: points, labels: points.map { rule($0.0, $0.1) ? 1 : 0 })
  }
}
