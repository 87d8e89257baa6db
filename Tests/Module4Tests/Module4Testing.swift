import Module4
import TensorTestSupport
import TestSupport

// Generators and independent reference implementations shared by the Module 4 suites. Tensors
// come from TensorTestSupport's generators (`Gen<Tensor>.tensors(_:values:backend:)`: every
// layout of Module 2's suites, contiguous, permuted, strided from an offset, or both), usually
// with `.distinct` values. The references are plain loops over indices written from the
// definitions, so they do not depend on unfold, fold, matmul or any other code under test.

/// The backends every graded Module 4 test runs on: Module 2's simple loops, and Module 3's fast
/// backend with its threshold lowered so that its threaded paths run on these small tensors too.
/// A Module 4 task must work on both. The test bodies take the backend as an argument.
let gradedBackends: [TensorBackend] = [
  .simple, .fast(parallel: Parallel(threshold: 1, grain: 7)),
]

extension Gen where Value == Double {
  /// Numbers uniform in [−2, 2) with no favoured edge values, so that two entries almost never
  /// tie (for max and for central differences).
  static var distinct: Gen<Double> {
    Gen { rng in rng.nextDouble(in: -2..<2) }
  }
}

/// A tensor of `shape` on `backend` that requires gradients, with `.distinct` entries in any
/// layout.
func leaf(_ shape: [Int], _ backend: TensorBackend, _ rng: inout SplitMix64) -> Tensor {
  let t = Gen<Tensor>.tensors(shape, values: .distinct, backend: backend).generate(using: &rng)
  return Tensor(t.data, backend: backend, requiresGrad: true)
}

/// The settings of one convolution axis as a test draws them.
struct AxisSettings: CustomStringConvertible {
  var size: Int
  var kernel: Int
  var stride: Int
  var padding: Int
  var dilation: Int

  /// ⌊(size + 2p − d(k − 1) − 1) / s⌋ + 1, or 0 when no window fits.
  var outputSize: Int {
    let room = size + 2 * padding - dilation * (kernel - 1) - 1
    return room < 0 ? 0 : room / stride + 1
  }

  var description: String {
    "size \(size), kernel \(kernel), stride \(stride), padding \(padding), dilation \(dilation)"
  }

  /// Axes of size 1 to 7, kernel 1 to 3, stride 1 to 3, padding 0 to 2 and dilation 1 to 2,
  /// with at least one output position.
  static var gen: Gen<AxisSettings> {
    Gen<Int>.list(of: .ints(in: 0...100), count: 5...5).map { n in
      AxisSettings(
        size: 1 + n[0] % 7, kernel: 1 + n[1] % 3, stride: 1 + n[2] % 3, padding: n[3] % 3,
        dilation: 1 + n[4] % 2)
    }.filter { $0.outputSize > 0 }
  }
}

/// The channel counts of a convolution as a test draws them: batch 1 to 2, in and out
/// channels 1 to 3, and whether there is a bias.
struct Channels: CustomStringConvertible {
  var batch: Int
  var inChannels: Int
  var outChannels: Int
  var bias: Bool

  var description: String {
    "batch \(batch), in \(inChannels), out \(outChannels), bias \(bias)"
  }

  static var gen: Gen<Channels> {
    Gen<Int>.list(of: .ints(in: 0...100), count: 4...4).map { n in
      Channels(
        batch: 1 + n[0] % 2, inChannels: 1 + n[1] % 3, outChannels: 1 + n[2] % 3,
        bias: n[3] % 2 == 0)
    }
  }
}

/// The 1-D convolution from its definition, on row-major arrays: x (B, C, W), w (O, C, K),
/// bias (O) or `nil`; the result (B, O, L) row-major.
func referenceConv1d(
  _ x: [Double], _ xShape: [Int], _ w: [Double], _ wShape: [Int], bias: [Double]?,
  _ axis: AxisSettings
) -> [Double] {
  let (batch, channels, width) = (xShape[0], xShape[1], xShape[2])
  let (outChannels, kernel) = (wShape[0], wShape[2])
  let positions = axis.outputSize
  var out: [Double] = []
  for b in 0..<batch {
    for o in 0..<outChannels {
      for p in 0..<positions {
        var total = bias?[o] ?? 0
        for c in 0..<channels {
          for k in 0..<kernel {
            let at = p * axis.stride - axis.padding + k * axis.dilation
            guard at >= 0 && at < width else { continue }
            total += w[(o * channels + c) * kernel + k] * x[(b * channels + c) * width + at]
          }
        }
        out.append(total)
      }
    }
  }
  return out
}

/// The 2-D convolution from its definition, on row-major arrays: x (B, C, H, W), w (O, C, KH,
/// KW), bias (O) or `nil`; the result (B, O, OH, OW) row-major.
func referenceConv2d(
  _ x: [Double], _ xShape: [Int], _ w: [Double], _ wShape: [Int], bias: [Double]?,
  _ rows: AxisSettings, _ cols: AxisSettings
) -> [Double] {
  let (batch, channels, height, width) = (xShape[0], xShape[1], xShape[2], xShape[3])
  let (outChannels, kh, kw) = (wShape[0], wShape[2], wShape[3])
  var out: [Double] = []
  for b in 0..<batch {
    for o in 0..<outChannels {
      for i in 0..<rows.outputSize {
        for j in 0..<cols.outputSize {
          var total = bias?[o] ?? 0
          for c in 0..<channels {
            for u in 0..<kh {
              for v in 0..<kw {
                let y = i * rows.stride - rows.padding + u * rows.dilation
                let x0 = j * cols.stride - cols.padding + v * cols.dilation
                guard y >= 0 && y < height && x0 >= 0 && x0 < width else { continue }
                total +=
                  w[((o * channels + c) * kh + u) * kw + v]
                  * x[((b * channels + c) * height + y) * width + x0]
              }
            }
          }
          out.append(total)
        }
      }
    }
  }
  return out
}

/// Σ aᵢ bᵢ.
func dot(_ a: [Double], _ b: [Double]) -> Double {
  zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
}

/// Throws unless `actual` has `shape` and its entries (row-major) are close to `expected`.
func assertTensor(
  _ actual: Tensor, shape: [Int], _ expected: [Double], _ what: String,
  tolerance: Tolerance = .standard
) throws {
  try check(actual.shape == shape, "\(what) has shape \(actual.shape), expected \(shape)")
  try assertClose(actual.data.values, expected, what, tolerance: tolerance)
}
