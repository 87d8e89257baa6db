/// Sample images with what a classifier said about them, as a grid of small SVG pictures
/// (one square per pixel, dark on white) captioned with the true and the predicted class; the
/// wrong ones get a red frame. Every row of the grid is full: the number of columns divides the
/// number of images shown (see `layout(count:widest:)`).
public struct ImageGallery: Sendable {
  /// One image: its pixels, its true class and the classifier's answer.
  public struct Sample: Sendable {
    /// Grey levels in [0, 1], row by row; 0 is the background (drawn white).
    public var pixels: [Double]
    /// The true class's name.
    public var truth: String
    /// The predicted class's name.
    public var prediction: String

    /// A sample of `pixels` whose class is `truth`, predicted as `prediction`.
    public init(pixels: [Double], truth: String, prediction: String) {
      self.pixels = pixels
      self.truth = truth
      self.prediction = prediction
    }

    /// Whether the classifier was right.
    public var isRight: Bool { truth == prediction }
  }

  /// The height of every image, in pixels.
  public var height: Int
  /// The width of every image, in pixels.
  public var width: Int
  /// The images, in the order they are shown.
  public var samples: [Sample]
  /// The most images a row may hold.
  public var widest: Int

  /// A gallery of `samples`, each `height` × `width` pixels, in rows of at most `widest`.
  public init(height: Int, width: Int, samples: [Sample], widest: Int = 8) {
    precondition(widest > 0, "ImageGallery: a row must hold at least one image")
    precondition(height > 0 && width > 0, "ImageGallery: images need a positive size")
    for (index, sample) in samples.enumerated() {
      precondition(
        sample.pixels.count == height * width,
        "ImageGallery: sample \(index) has \(sample.pixels.count) pixels, not "
          + "\(height) × \(width) = \(height * width)")
    }
    self.height = height
    self.width = width
    self.samples = samples
    self.widest = widest
  }

  /// How `count` images fill rows of at most `widest`: the columns, and how many images are
  /// shown. The widest column count from `widest` down to half of it that divides `count`
  /// shows them all; otherwise rows of `widest` show as many as fill whole rows. Fewer images
  /// than `widest` make one full row.
  public static func layout(count: Int, widest: Int) -> (columns: Int, shown: Int) {
    guard count > widest else { return (Swift.max(count, 1), count) }
    let least = Swift.max(1, (widest + 1) / 2)
    if let columns = Swift.stride(from: widest, through: least, by: -1).first(where: {
      count % $0 == 0
    }) {
      return (columns, count)
    }
    return (widest, count - count % widest)
  }

  /// The images the grid shows: the first ones, as many as fill whole rows.
  public var shown: ArraySlice<Sample> {
    samples.prefix(Self.layout(count: samples.count, widest: widest).shown)
  }

  /// The gallery as HTML: a `<div class="gallery">` of `<figure>`s, each an `<svg
  /// class="sample">` and a caption.
  public func html() -> String {
    let columns = Self.layout(count: samples.count, widest: widest).columns
    var parts = [
      "<div class=\"gallery\" data-columns=\"\(columns)\" style=\"grid-template-columns: "
        + "repeat(\(columns), minmax(0, 136px))\">"
    ]
    for sample in shown {
      let state = sample.isRight ? "right" : "wrong"
      parts.append("<figure class=\"sample-figure \(state)\">")
      parts.append(
        "<svg class=\"sample\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) "
          + "\(height)\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"a "
          + "\(HTMLText.escape(sample.truth))\">")
      parts.append("<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#fff\"/>")
      for row in 0..<height {
        for column in 0..<width {
          let level = Swift.min(1, Swift.max(0, sample.pixels[row * width + column]))
          guard level > 0.02 else { continue }
          let grey = Int((255 * (1 - level)).rounded())
          parts.append(
            "<rect x=\"\(column)\" y=\"\(row)\" width=\"1.02\" height=\"1.02\" "
              + "fill=\"rgb(\(grey),\(grey),\(grey))\"/>")
        }
      }
      parts.append("</svg>")
      parts.append(
        "<figcaption>true <b>\(HTMLText.escape(sample.truth))</b><br/>said "
          + "<b>\(HTMLText.escape(sample.prediction))</b></figcaption>")
      parts.append("</figure>")
    }
    parts.append("</div>")
    return parts.joined(separator: "\n")
  }
}
