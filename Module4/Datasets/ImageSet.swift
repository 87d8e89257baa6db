/// Grey-scale images of one size with a class label each: the training, validation or test part
/// of an `ImageDataset`.
public struct ImageSet: Sendable {
  /// The height of every image, in pixels.
  public let height: Int
  /// The width of every image, in pixels.
  public let width: Int
  /// Every pixel of every image, image after image, each image row by row. A pixel is a grey
  /// level in [0, 1]: the file's byte divided by 255, 0 the background.
  public let pixels: [Double]
  /// The class of each image, 0…9.
  public let labels: [Int]

  /// A set of `labels.count` images of `height` × `width` pixels, stored as `pixels` describes.
  public init(height: Int, width: Int, pixels: [Double], labels: [Int]) {
    precondition(
      pixels.count == labels.count * height * width,
      "\(labels.count) images of \(height)×\(width) need \(labels.count * height * width) "
        + "pixels, but \(pixels.count) were given")
    self.height = height
    self.width = width
    self.pixels = pixels
    self.labels = labels
  }

  /// How many images there are.
  public var count: Int { labels.count }

  /// The number of pixels in one image, height × width.
  public var pixelsPerImage: Int { height * width }

  /// The pixels of image `index`, row by row.
  public func image(_ index: Int) -> ArraySlice<Double> {
    precondition(index >= 0 && index < count, "image \(index) of a set of \(count) images")
    return pixels[(index * pixelsPerImage)..<((index + 1) * pixelsPerImage)]
  }

  /// The images at `indices`, in that order, as a new set.
  public func subset(_ indices: [Int]) -> ImageSet {
    var chosen: [Double] = []
    chosen.reserveCapacity(indices.count * pixelsPerImage)
    for index in indices {
      chosen.append(contentsOf: image(index))
    }
    return ImageSet(
      height: height, width: width, pixels: chosen, labels: indices.map { labels[$0] })
  }

  /// The images at `indices` as one tensor of shape (n, 1, height, width), the layout a 2-D
  /// convolution reads (batch, channels, height, width), with their labels.
  public func batch(_ indices: [Int], backend: TensorBackend = .simple) -> (
    images: Tensor, labels: [Int]
  ) {
    let part = subset(indices)
    let images = Tensor(
      shape: [indices.count, 1, height, width], data: part.pixels, backend: backend)
    return (images, part.labels)
  }
}
