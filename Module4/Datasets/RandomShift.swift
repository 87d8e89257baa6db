/// Every image of a batch (n, channels, height, width) moved by its own random offset (dy, dx),
/// each uniform in −maxShift…maxShift and drawn from `rng` (dy, then dx, image by image):
/// out[i, j] = image[i − dy, j − dx], 0 where that falls outside the image. A constant with
/// no history: for inputs, not for values that need gradients. `maxShift` 0 returns the batch
/// unchanged and draws nothing.
///
/// Data augmentation by small random shifts.
///
/// A digit moved one pixel to the left is still the same digit, but to a network that has seen
/// only the training images it is a new input. Showing each training image at a random offset
/// of up to `maxShift` pixels in each direction, new offsets every epoch, teaches the network
/// that position does not matter (convolutions and pooling are only roughly shift-invariant by
/// themselves) and makes a small training set look larger. The pixels moved in from outside the
/// frame are background (0); the test images are never shifted.
///
///     maxShift 1:  each image moves by (dy, dx) with dy, dx ∈ {−1, 0, 1}, all nine equally likely
///
///       . . . .          . . . .
///       . █ █ .   dx=1   . . █ █
///       . █ . .   ───→   . . █ .
///       . . . .          . . . .
public func randomlyShifted(_ images: Tensor, maxShift: Int, using rng: inout SplitMix64)
  -> Tensor
{
  precondition(
    images.dims == 4,
    "randomlyShifted needs images of shape (batch, channels, height, width), got shape "
      + "\(images.shape)")
  precondition(maxShift >= 0, "randomlyShifted: maxShift must not be negative, got \(maxShift)")
  guard maxShift > 0 else { return images }
  let (count, channels, height, width) =
    (images.shape[0], images.shape[1], images.shape[2], images.shape[3])
  precondition(
    maxShift < height && maxShift < width,
    "randomlyShifted: a shift of up to \(maxShift) pixels would move images of "
      + "\(height)×\(width) out of their frame")
  let source = images.data.values
  var shifted = [Double](repeating: 0, count: source.count)
  let plane = height * width
  for n in 0..<count {
    let dy = rng.nextInt(in: -maxShift...maxShift)
    let dx = rng.nextInt(in: -maxShift...maxShift)
    // The rows and columns whose source pixel lies inside the image.
    let rows = Swift.max(0, dy)..<Swift.min(height, height + dy)
    let columns = Swift.max(0, dx)..<Swift.min(width, width + dx)
    for c in 0..<channels {
      let base = (n * channels + c) * plane
      for i in rows {
        for j in columns {
          shifted[base + i * width + j] = source[base + (i - dy) * width + (j - dx)]
        }
      }
    }
  }
  return Tensor(shape: images.shape, data: shifted, backend: images.backend)
}
