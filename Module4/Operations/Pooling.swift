/// Checks that `input` is (batch, channels, height, width) and that the kernel is at least
/// 1 × 1, naming `operation` in the message: what every pooling needs, whether its windows tile
/// the image or slide over it.
func checkPoolingShapes(_ input: Tensor, kernel: Size2D, _ operation: String) {
  precondition(
    input.dims == 4,
    "\(operation) needs an input of shape (batch, channels, height, width), got shape "
      + "\(input.shape)")
  precondition(
    kernel.height >= 1 && kernel.width >= 1,
    "\(operation): the kernel \(kernel) must be at least 1 × 1")
}

/// Checks that `input` is (batch, channels, height, width) and that the kernel divides its
/// height and width, naming `operation` in the message.
func checkPooling(_ input: Tensor, kernel: Size2D, _ operation: String) {
  checkPoolingShapes(input, kernel: kernel, operation)
  precondition(
    input.shape[2] % kernel.height == 0,
    "\(operation): the height \(input.shape[2]) of input \(input.shape) is not a multiple of "
      + "the kernel height \(kernel.height) (kernel \(kernel))")
  precondition(
    input.shape[3] % kernel.width == 0,
    "\(operation): the width \(input.shape[3]) of input \(input.shape) is not a multiple of "
      + "the kernel width \(kernel.width) (kernel \(kernel))")
}

/// Task 4.3: the non-overlapping kernelHeight × kernelWidth blocks of an input (batch,
/// channels, height, width) as a last dimension: the result has shape (batch, channels,
/// height / kh, width / kw, kh · kw), and entry [b, c, i, j, u · kw + v] is input[b, c, i · kh
/// + u, j · kw + v]. Built from `view`, `permute` and `contiguous`, so it is differentiable. The
/// height and width must be multiples of the kernel's.
///
/// Pooling shrinks an image by summarising each kernelHeight × kernelWidth block of pixels by one
/// number: the mean (average pooling) or the largest (max pooling). The blocks do not overlap (the
/// stride is the kernel size, as in minitorch), so the height and width must be multiples of the
/// kernel's.
///
/// `tile` does the bookkeeping once, with layout functions only: it moves each block's pixels
/// into a last dimension of their own. Then pooling is a reduction over that last dimension.
///
///     (B, C, H, W)
///     view     → (B, C, H/kh, kh, W/kw, kw)     split each axis into (block, position in block)
///     permute  → (B, C, H/kh, W/kw, kh, kw)     bring the two in-block positions together
///     contiguous, view → (B, C, H/kh, W/kw, kh · kw)
///
/// Every step is differentiable, so the gradients of pooling come from the functions' own.
public func tile(_ input: Tensor, kernel: Size2D) -> Tensor {
  checkPooling(input, kernel: kernel, "tile")
  // BEGIN SOLUTION Task 4.3
  let (batch, channels) = (input.shape[0], input.shape[1])
  let (kh, kw) = (kernel.height, kernel.width)
  let (rows, cols) = (input.shape[2] / kh, input.shape[3] / kw)
  let x = input.data.isContiguous ? input : input.contiguous()
  return x.view(batch, channels, rows, kh, cols, kw)
    .permute(0, 1, 2, 4, 3, 5)
    .contiguous()
    .view(batch, channels, rows, cols, kh * kw)
  // END SOLUTION
}

/// Task 4.3: average pooling: the mean of each non-overlapping kernelHeight × kernelWidth block
/// of an input (batch, channels, height, width), shape (batch, channels, height / kh, width /
/// kw). The mean of the last dimension of `tile`; each input pixel's gradient is dOut / (kh ·
/// kw) of its block.
public func avgpool2d(_ input: Tensor, kernel: Size2D) -> Tensor {
  checkPooling(input, kernel: kernel, "avgpool2d")
  // BEGIN SOLUTION Task 4.3
  // `tile(input, kernel: kernel).mean(dim: 4)`, viewed back, computes this; one pass over the
  // blocks computes the same means without the tiled copy, and the backward pass spreads each
  // block's dOut evenly over its pixels.
  struct AvgPool2d: UnaryFunction {
    let kernel: Size2D

    /// out[b, c, i, j] = the mean of the block x[b, c, i · kh + u, j · kw + v].
    func forward(_ ctx: Context<Tensor>, _ x: Tensor) -> Tensor {
      let ops = x.backend.ops
      let (planes, height, width) = (x.shape[0] * x.shape[1], x.shape[2], x.shape[3])
      let (kh, kw) = (kernel.height, kernel.width)
      let (rows, cols) = (height / kh, width / kw)
      let scale = 1 / Double(kh * kw)
      let pixels = x.data.contiguous(ops).values
      var means = [Double](repeating: 0, count: planes * rows * cols)
      pixels.withUnsafeBufferPointer { pixels in
        means.withUnsafeMutableBufferPointer { means in
          ops.forEachItem(planes, workPerItem: height * width) { plane in
            for i in 0..<rows {
              for j in 0..<cols {
                var sum = 0.0
                for u in 0..<kh {
                  let row = (plane * height + i * kh + u) * width + j * kw
                  for at in row..<(row + kw) { sum += pixels[at] }
                }
                means[(plane * rows + i) * cols + j] = sum * scale
              }
            }
          }
        }
      }
      ctx.inputShape = x.shape
      let outShape = [x.shape[0], x.shape[1], rows, cols]
      return Tensor(TensorData(means, shape: outShape), backend: x.backend)
    }

    /// Every pixel of block (i, j) gets dOut[b, c, i, j] / (kh · kw).
    func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      let ops = dOut.backend.ops
      let shape: [Int] = ctx.inputShape
      let (planes, height, width) = (shape[0] * shape[1], shape[2], shape[3])
      let (kh, kw) = (kernel.height, kernel.width)
      let (rows, cols) = (height / kh, width / kw)
      let scale = 1 / Double(kh * kw)
      let gradient = dOut.data.contiguous(ops).values
      // Each plane writes only its own pixels, so the planes run in parallel; the blocks cover
      // every pixel (the kernel divides the height and width), so no zeros are needed first.
      let dx = [Double](unsafeUninitializedCapacity: planes * height * width) { dx, count in
        gradient.withUnsafeBufferPointer { gradient in
          ops.forEachItem(planes, workPerItem: height * width) { plane in
            let image = plane * height * width
            for i in 0..<rows {
              for u in 0..<kh {
                let row = image + (i * kh + u) * width
                for j in 0..<cols {
                  let share = gradient[(plane * rows + i) * cols + j] * scale
                  for v in 0..<kw { dx[row + j * kw + v] = share }
                }
              }
            }
          }
        }
        count = planes * height * width
      }
      return Tensor(TensorData(dx, shape: shape), backend: dOut.backend)
    }
  }
  return AvgPool2d(kernel: kernel).apply(input)
  // END SOLUTION
}

/// Task 4.4: max pooling: the largest entry of each non-overlapping kernelHeight × kernelWidth
/// block of an input (batch, channels, height, width), shape (batch, channels, height / kh,
/// width / kw). The `max(dim:)` of the last dimension of `tile`, so a block's gradient goes to
/// its first largest pixel (in row-major order within the block).
public func maxpool2d(_ input: Tensor, kernel: Size2D) -> Tensor {
  checkPooling(input, kernel: kernel, "maxpool2d")
  // BEGIN SOLUTION Task 4.4
  // `tile(input, kernel: kernel).max(dim: 4)`, viewed back, computes this; one pass over the
  // blocks computes the same numbers without the tiled copy, and remembers where each block's
  // first largest pixel sits, so the backward pass is a scatter instead of a one-hot mask.
  struct MaxPool2d: UnaryFunction {
    let kernel: Size2D

    /// out[b, c, i, j] = the largest x[b, c, i · kh + u, j · kw + v]; keeps the row-major
    /// position in x of the first largest pixel of every block.
    func forward(_ ctx: Context<Tensor>, _ x: Tensor) -> Tensor {
      let ops = x.backend.ops
      let (planes, height, width) = (x.shape[0] * x.shape[1], x.shape[2], x.shape[3])
      let (kh, kw) = (kernel.height, kernel.width)
      let (rows, cols) = (height / kh, width / kw)
      let pixels = x.data.contiguous(ops).values
      var largest = [Double](repeating: 0, count: planes * rows * cols)
      var winners = [Int](repeating: 0, count: largest.count)
      pixels.withUnsafeBufferPointer { pixels in
        largest.withUnsafeMutableBufferPointer { largest in
          winners.withUnsafeMutableBufferPointer { winners in
            ops.forEachItem(planes, workPerItem: height * width) { plane in
              for i in 0..<rows {
                for j in 0..<cols {
                  let out = (plane * rows + i) * cols + j
                  var best = (plane * height + i * kh) * width + j * kw
                  var top = pixels[best]
                  for u in 0..<kh {
                    let row = (plane * height + i * kh + u) * width + j * kw
                    for at in row..<(row + kw) {
                      // A select rather than a branch: which pixel wins is unpredictable.
                      let wins = pixels[at] > top
                      best = wins ? at : best
                      top = wins ? pixels[at] : top
                    }
                  }
                  largest[out] = top
                  winners[out] = best
                }
              }
            }
          }
        }
      }
      let outShape = [x.shape[0], x.shape[1], rows, cols]
      ctx.inputShape = x.shape
      ctx.winners = winners
      return Tensor(TensorData(largest, shape: outShape), backend: x.backend)
    }

    /// dOut[b, c, i, j] lands on the block's first largest pixel; every other pixel gets 0.
    func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
      let ops = dOut.backend.ops
      let (shape, winners): ([Int], [Int]) = (ctx.inputShape, ctx.winners)
      let (planes, size) = (shape[0] * shape[1], shape[2] * shape[3])
      let blocks = winners.count / planes
      let gradient = dOut.data.contiguous(ops).values
      // The winners of a plane lie in that plane: the planes run in parallel, each zeroing its
      // own pixels and then placing its blocks' gradients.
      let dx = [Double](unsafeUninitializedCapacity: planes * size) { dx, count in
        gradient.withUnsafeBufferPointer { gradient in
          winners.withUnsafeBufferPointer { winners in
            ops.forEachItem(planes, workPerItem: size) { plane in
              dx[(plane * size)..<((plane + 1) * size)].initialize(repeating: 0)
              for out in (plane * blocks)..<((plane + 1) * blocks) {
                dx[winners[out]] = gradient[out]
              }
            }
          }
        }
        count = planes * size
      }
      return Tensor(TensorData(dx, shape: shape), backend: dOut.backend)
    }
  }
  return MaxPool2d(kernel: kernel).apply(input)
  // END SOLUTION
}
