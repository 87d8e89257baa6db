// The decision boundary of any classifier, traced from its probabilities on a grid by
// *marching squares*: take each square of four neighbouring samples; where the probability is
// above ½ at one corner and not at the next, the boundary crosses the edge between them, at the
// point where the straight line between the two values reaches ½:
//
//     t = (½ − p₀) / (p₁ − p₀),   crossing = corner₀ + t · (corner₁ − corner₀)
//
// A square with crossings on two edges holds one piece of boundary; one with crossings on all
// four (a saddle: diagonal corners alike) holds two, joined here as the first with the second
// edge and the third with the fourth.
//
// The samples sit at the centres of the cells, half a cell inside the unit square. So that the
// line reaches the square's edges, the march runs over the grid with one more ring of samples
// on the edges themselves, each holding the value of the sample next to it.

/// Probabilities of label 1 sampled on a regular grid over the unit square, and the boundary
/// (probability ½) traced through them.
public struct ProbabilityGrid: Sendable, Equatable {
  /// Samples across (columns).
  public let columns: Int
  /// Samples down (rows).
  public let rows: Int
  /// The probability at each sample, row by row from the top (x₂ = 1) down, each row from the
  /// left (x₁ = 0).
  public let values: [Double]

  /// A grid of `rows` × `columns` probabilities, as `values` describes.
  public init(columns: Int, rows: Int, values: [Double]) {
    precondition(
      columns >= 2 && rows >= 2,
      "ProbabilityGrid: needs at least 2 × 2 samples, got \(columns) × \(rows)")
    precondition(
      values.count == columns * rows,
      "ProbabilityGrid: \(columns) × \(rows) samples need \(columns * rows) values, "
        + "got \(values.count)")
    self.columns = columns
    self.rows = rows
    self.values = values
  }

  /// The centres of the grid's cells, row by row from the top, in the order `values` takes:
  /// the points at which to ask a classifier for its probabilities. The cells tile the unit
  /// square, so the samples lie half a cell inside its edges.
  public static func samplePoints(columns: Int, rows: Int) -> [Point] {
    var points: [Point] = []
    points.reserveCapacity(columns * rows)
    for row in 0..<rows {
      for column in 0..<columns {
        points.append(
          Point(
            (Double(column) + 0.5) / Double(columns), 1 - (Double(row) + 0.5) / Double(rows)))
      }
    }
    return points
  }

  /// The sample point of (row, column).
  public func point(row: Int, column: Int) -> Point {
    Point(
      (Double(column) + 0.5) / Double(columns), 1 - (Double(row) + 0.5) / Double(rows))
  }

  /// The probability at (row, column).
  public func value(row: Int, column: Int) -> Double {
    values[row * columns + column]
  }

  /// The pieces of the boundary where the probability crosses ½, by marching squares, out to
  /// the edges of the unit square.
  public var boundary: [Segment] {
    // The ring: row and column −1 and `rows`/`columns` lie on the square's edges.
    func ringValue(_ row: Int, _ column: Int) -> Double {
      value(
        row: Swift.min(Swift.max(row, 0), rows - 1),
        column: Swift.min(Swift.max(column, 0), columns - 1))
    }
    func ringPoint(_ row: Int, _ column: Int) -> Point {
      let x = column < 0 ? 0 : column >= columns ? 1 : (Double(column) + 0.5) / Double(columns)
      let y = row < 0 ? 1 : row >= rows ? 0 : 1 - (Double(row) + 0.5) / Double(rows)
      return Point(x, y)
    }
    var segments: [Segment] = []
    for row in -1..<rows {
      for column in -1..<columns {
        // The corners in order around the square: top left, top right, bottom right, bottom
        // left; edge k joins corner k and corner k + 1.
        let corners = [(row, column), (row, column + 1), (row + 1, column + 1), (row + 1, column)]
        var crossings: [Point] = []
        for k in 0..<4 {
          let (r0, c0) = corners[k]
          let (r1, c1) = corners[(k + 1) % 4]
          let p0 = ringValue(r0, c0)
          let p1 = ringValue(r1, c1)
          guard (p0 > 0.5) != (p1 > 0.5) else { continue }
          let t = (0.5 - p0) / (p1 - p0)
          let a = ringPoint(r0, c0)
          let b = ringPoint(r1, c1)
          crossings.append(Point(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)))
        }
        if crossings.count >= 2 {
          segments.append(Segment(crossings[0], crossings[1]))
        }
        if crossings.count == 4 {
          segments.append(Segment(crossings[2], crossings[3]))
        }
      }
    }
    return segments
  }
}
