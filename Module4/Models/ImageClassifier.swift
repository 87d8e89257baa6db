/// The shape of an `ImageClassifier`: every layer's size, chosen from the image size by
/// `init(height:width:classes:)`.
///
/// `description` spells out every layer with its sizes; a weights file records it, so weights
/// load only into a network of exactly this shape.
public struct ImageClassifierArchitecture: Sendable, Equatable, CustomStringConvertible {
  /// The two shapes the network takes.
  public enum Layout: String, Sendable {
    /// LeNet's: a 5×5 convolution that keeps the size, pool, a 5×5 convolution without
    /// padding, pool. For images whose sides are multiples of 4 and at least 16.
    case lenet
    /// Two 3×3 convolutions that keep the size, then one pool. For smaller images with even
    /// sides.
    case small
  }

  /// Which of the two shapes.
  public let layout: Layout
  /// The height of the images, in pixels.
  public let height: Int
  /// The width of the images, in pixels.
  public let width: Int
  /// How many classes the network tells apart (outputs of the last layer).
  public let classes: Int
  /// Output channels of the first convolution.
  public let channels1: Int
  /// Output channels of the second convolution.
  public let channels2: Int
  /// The kernel size of both convolutions (square).
  public let kernel: Int
  /// The padding of the first convolution.
  public let padding1: Int
  /// The padding of the second convolution.
  public let padding2: Int
  /// Units of the hidden linear layer.
  public let hidden: Int
  /// The probability that dropout zeroes a hidden unit while training (no part of the
  /// weights, so not in `description`).
  public let dropout: Double

  /// The shape for images of `height` × `width` pixels in `classes` classes: the LeNet shape
  /// for sides of 16 or more, the small one below. `channels` (the output channels of the two
  /// convolutions) default to (6, 16) for the LeNet shape and (16, 32) for the small one;
  /// `hidden` (units of the hidden linear layer) to 120 and 64.
  ///
  /// Throws `UnsupportedImageSize` when max pooling cannot halve the image evenly (the LeNet
  /// shape needs sides that are multiples of 4, the small shape even sides of at least 4).
  public init(
    height: Int, width: Int, classes: Int = 10, channels: (Int, Int)? = nil,
    hidden: Int? = nil, dropout: Double = 0.25
  ) throws(UnsupportedImageSize) {
    precondition(classes >= 2, "a classifier needs at least 2 classes, got \(classes)")
    precondition(
      dropout >= 0 && dropout < 1, "the dropout rate must be in [0, 1), got \(dropout)")
    let large = Swift.min(height, width) >= 16
    let fits =
      large
      ? height % 4 == 0 && width % 4 == 0
      : height % 2 == 0 && width % 2 == 0 && Swift.min(height, width) >= 4
    guard fits else {
      throw UnsupportedImageSize(height: height, width: width)
    }
    layout = large ? .lenet : .small
    self.height = height
    self.width = width
    self.classes = classes
    self.dropout = dropout
    (channels1, channels2) = channels ?? (large ? (6, 16) : (16, 32))
    (kernel, padding1, padding2) = large ? (5, 2, 0) : (3, 1, 1)
    self.hidden = hidden ?? (large ? 120 : 64)
    precondition(
      channels1 >= 1 && channels2 >= 1 && self.hidden >= 1,
      "the layers need at least one channel and one hidden unit, got channels "
        + "(\(channels1), \(channels2)) and hidden \(self.hidden)")
  }

  /// The height and width of the feature maps that reach the linear layers.
  public var featureMapSize: (height: Int, width: Int) {
    switch layout {
    case .lenet: ((height / 2 - kernel + 1) / 2, (width / 2 - kernel + 1) / 2)
    case .small: (height / 2, width / 2)
    }
  }

  /// How many numbers the feature maps hold: the inputs of the hidden linear layer.
  public var features: Int {
    channels2 * featureMapSize.height * featureMapSize.width
  }

  /// Every layer with its sizes, in one line, for example `"LeNet for 1×28×28: conv 1→6 5×5
  /// pad 2, ReLU, maxpool 2, conv 6→16 5×5, ReLU, maxpool 2, linear 400→120, ReLU, dropout,
  /// linear 120→10, logsoftmax"`.
  public var description: String {
    let conv1 = "conv 1→\(channels1) \(kernel)×\(kernel)" + (padding1 > 0 ? " pad \(padding1)" : "")
    let conv2 =
      "conv \(channels1)→\(channels2) \(kernel)×\(kernel)"
      + (padding2 > 0 ? " pad \(padding2)" : "")
    let convolutions =
      layout == .lenet
      ? [conv1, "ReLU", "maxpool 2", conv2, "ReLU", "maxpool 2"]
      : [conv1, "ReLU", conv2, "ReLU", "maxpool 2"]
    let name = layout == .lenet ? "LeNet" : "small CNN"
    return "\(name) for 1×\(height)×\(width): "
      + (convolutions + [
        "linear \(features)→\(hidden)", "ReLU", "dropout", "linear \(hidden)→\(classes)",
        "logsoftmax",
      ]).joined(separator: ", ")
  }
}

/// The image classifier of Task 4.5: two convolutions with ReLU and max pooling, a hidden
/// linear layer with ReLU and dropout, and a linear layer to one log-probability per class
/// (see `ImageClassifierArchitecture` for the two shapes).
///
/// A LeNet-style convolutional network that reads grey-scale images (Task 4.5).
///
/// LeCun's LeNet (1998) read 28 × 28 digits with two rounds of "convolve, squash, shrink", then
/// fully connected layers. Each convolution finds local patterns (strokes, then corners and
/// loops made of strokes); each pooling halves the resolution, so the next convolution sees a
/// larger part of the image and a small shift of the digit changes little. This network keeps
/// that plan, with ReLU, max pooling and dropout, and adapts its shape to the image size:
///
///     28 × 28 and larger (sides that are multiples of 4), the LeNet shape:
///       (1, 28, 28) → conv 5×5, padding 2 → (6, 28, 28) → ReLU → max pool 2 → (6, 14, 14)
///                   → conv 5×5          → (16, 10, 10) → ReLU → max pool 2 → (16, 5, 5)
///                   → flatten 400 → linear → 120 → ReLU → dropout → linear → 10 → logsoftmax
///
///     smaller images (even sides below 16, such as the 8 × 8 digits), a smaller shape: two
///     pools would leave 2 × 2 pixels, so both 3 × 3 convolutions keep the size and one pool
///     follows them:
///       (1, 8, 8) → conv 3×3, padding 1 → (16, 8, 8) → ReLU
///                 → conv 3×3, padding 1 → (32, 8, 8) → ReLU → max pool 2 → (32, 4, 4)
///                 → flatten 512 → linear → 64 → ReLU → dropout → linear → 10 → logsoftmax
///
/// The network ends in logsoftmax, so its outputs are log-probabilities and the loss is
/// `nllLoss`; the predicted class of an image is the largest output of its row.
///
/// ```swift
/// let shape = try ImageClassifierArchitecture(height: 28, width: 28)
/// let network = ImageClassifier(shape, seed: 0)
/// let logProbabilities = network(images)      // images (batch, 1, 28, 28) → (batch, 10)
/// ```
public final class ImageClassifier: Module, Layer {
  /// The shape of every layer.
  public let architecture: ImageClassifierArchitecture
  /// The backend the weights live on; give the images the same one.
  public let backend: TensorBackend
  /// The first convolution, 1 → `channels1` channels.
  public let conv1: TensorConv2d
  /// The second convolution, `channels1` → `channels2` channels.
  public let conv2: TensorConv2d
  /// The hidden linear layer, `features` → `hidden`.
  public let linear1: TensorLinear
  /// Dropout on the hidden units (only while training).
  public let dropout: TensorDropout
  /// The output layer, `hidden` → `classes`.
  public let linear2: TensorLinear

  /// A network of `architecture`'s shape with He-initialised weights drawn from `seed` (each
  /// layer from its own seed derived from it) and dropout masks drawn from another.
  public init(
    _ architecture: ImageClassifierArchitecture, seed: UInt64 = 0,
    backend: TensorBackend = .simple
  ) {
    let a = architecture
    self.architecture = a
    self.backend = backend
    conv1 = TensorConv2d(
      inChannels: 1, outChannels: a.channels1, kernel: Size2D(a.kernel, a.kernel),
      padding: Size2D(a.padding1, a.padding1), seed: seed, backend: backend)
    conv2 = TensorConv2d(
      inChannels: a.channels1, outChannels: a.channels2, kernel: Size2D(a.kernel, a.kernel),
      padding: Size2D(a.padding2, a.padding2), seed: seed &+ 10, backend: backend)
    linear1 = TensorLinear(
      a.features, a.hidden, seed: seed &+ 20, backend: backend, initialization: .he)
    dropout = TensorDropout(rate: a.dropout, seed: seed &+ 30)
    linear2 = TensorLinear(
      a.hidden, a.classes, seed: seed &+ 40, backend: backend, initialization: .he)
  }

  /// Task 4.5: the log-probabilities (batch, classes) of a batch of images (batch, 1, height,
  /// width): conv1, ReLU, (LeNet shape: max pool 2,) conv2, ReLU, max pool 2, flatten to
  /// (batch, features), linear1, ReLU, dropout, linear2, `logsoftmax(dim: 1)`.
  public func forward(_ images: Tensor) -> Tensor {
    let a = architecture
    precondition(
      images.shape == [images.shape.first ?? 0, 1, a.height, a.width],
      "ImageClassifier for \(a.height)×\(a.width) images needs a batch of shape (batch, 1, "
        + "\(a.height), \(a.width)), got shape \(images.shape)")
    // BEGIN SOLUTION Task 4.5
    let batch = images.shape[0]
    var x = conv1(images).relu()
    if a.layout == .lenet {
      x = maxpool2d(x, kernel: 2)
    }
    x = maxpool2d(conv2(x).relu(), kernel: 2)
    let flat = x.contiguous().view(batch, a.features)
    let hidden = dropout(linear1(flat).relu())
    return linear2(hidden).logsoftmax(dim: 1)
    // END SOLUTION
  }

  /// `LeNet for 1×28×28: conv 1→6 5×5 pad 2, …`.
  public override var extraDescription: String { architecture.description }
}
