import Foundation
import Module4
import TensorTestSupport
import TestSupport
import Testing

/// The given layers and losses on random shapes and settings, in random layouts on both
/// backends: values against plain loops written from the definitions, gradients against
/// central differences (`gradCheck`). Not graded.
@Suite("Given code: layers on random shapes", .explainsStops)
struct GivenLayerProperties {
  /// A pooling case: input shape, kernel, stride and padding (at most half the kernel), with
  /// at least one window.
  struct Pooling: CustomStringConvertible {
    var shape: [Int]
    var kernel: Size2D
    var stride: Size2D
    var padding: Size2D
    var description: String {
      "input \(shape), kernel \(kernel), stride \(stride), padding \(padding)"
    }
    var output: (Int, Int) {
      (
        (shape[2] + 2 * padding.height - kernel.height) / stride.height + 1,
        (shape[3] + 2 * padding.width - kernel.width) / stride.width + 1
      )
    }

    static var gen: Gen<Pooling> {
      Gen<Int>.list(of: .ints(in: 0...100), count: 10...10).map { n in
        let kernel = Size2D(1 + n[0] % 3, 1 + n[1] % 3)
        return Pooling(
          shape: [1 + n[2] % 2, 1 + n[3] % 2, 1 + n[4] % 5, 1 + n[5] % 5], kernel: kernel,
          stride: Size2D(1 + n[6] % 3, 1 + n[7] % 3),
          padding: Size2D(n[8] % (kernel.height / 2 + 1), n[9] % (kernel.width / 2 + 1)))
      }.filter { p in
        p.shape[2] + 2 * p.padding.height >= p.kernel.height
          && p.shape[3] + 2 * p.padding.width >= p.kernel.width
      }
    }

    /// Every window's entries inside the input (the padding left out), window by window in
    /// row-major order, per (example, channel).
    func windows(_ x: [Double]) -> [[Double]] {
      let (rows, cols) = output
      var result: [[Double]] = []
      for plane in 0..<(shape[0] * shape[1]) {
        for i in 0..<rows {
          for j in 0..<cols {
            var window: [Double] = []
            for u in 0..<kernel.height {
              for v in 0..<kernel.width {
                let (r, c) = (
                  i * stride.height - padding.height + u, j * stride.width - padding.width + v
                )
                if r >= 0 && r < shape[2] && c >= 0 && c < shape[3] {
                  window.append(x[(plane * shape[2] + r) * shape[3] + c])
                }
              }
            }
            result.append(window)
          }
        }
      }
      return result
    }
  }

  @Test(arguments: gradedBackends)
  func poolingOverSlidingWindowsFollowsItsDefinition(backend: TensorBackend) {
    forAll(Pooling.gen, .ints(in: 0...10_000), cases: 25) { p, seed in
      var rng = SplitMix64(seed: UInt64(seed))
      let x = leaf(p.shape, backend, &rng)
      let windows = p.windows(x.data.values)
      let taps = Double(p.kernel.height * p.kernel.width)
      let (rows, cols) = p.output
      let shape = [p.shape[0], p.shape[1], rows, cols]
      try assertTensor(
        maxPool2d(x, kernel: p.kernel, stride: p.stride, padding: p.padding), shape: shape,
        windows.map { $0.max()! }, "maxPool2d, \(p)")
      try assertTensor(
        avgPool2d(x, kernel: p.kernel, stride: p.stride, padding: p.padding), shape: shape,
        windows.map { $0.reduce(0, +) / taps }, "avgPool2d (padding counted), \(p)")
      try gradCheck(
        { maxPool2d($0[0], kernel: p.kernel, stride: p.stride, padding: p.padding) }, [x])
      try gradCheck(
        { avgPool2d($0[0], kernel: p.kernel, stride: p.stride, padding: p.padding) }, [x])
    }
  }

  @Test(arguments: gradedBackends)
  func lossOptionsFollowTheirDefinition(backend: TensorBackend) {
    let counts = Gen<Int>.list(of: .ints(in: 0...1000), count: 4...4)
    forAll(counts, .ints(in: 0...10_000), cases: 25) { n, seed in
      let (examples, classes) = (1 + n[0] % 4, 2 + n[1] % 3)
      let smoothing = Double(n[2] % 3) / 10
      var rng = SplitMix64(seed: UInt64(seed))
      // Some targets are −1, ignored; at least the first counts.
      let targets = (0..<examples).map { e in
        e > 0 && rng.nextDouble(in: 0..<1) < 0.3 ? -1 : Int(rng.next() % UInt64(classes))
      }
      let weights = (0..<classes).map { _ in rng.nextDouble(in: 0.1..<2) }
      let x = leaf([examples, classes], backend, &rng)
      let logp = x.logsoftmax(dim: 1).data.values
      var (losses, total) = ([Double](), 0.0)
      for (e, y) in targets.enumerated() {
        guard y >= 0 else {
          losses.append(0)
          continue
        }
        let row = (0..<classes).map { logp[e * classes + $0] }
        let smooth = (0..<classes).map { -weights[$0] * row[$0] }.reduce(0, +)
        losses.append((1 - smoothing) * -weights[y] * row[y] + smoothing / Double(classes) * smooth)
        total += weights[y]
      }
      let loss = { (reduction: LossReduction) in
        crossEntropy(
          logits: x, targets: targets, weights: weights, ignoreIndex: -1,
          labelSmoothing: smoothing, reduction: reduction)
      }
      try assertTensor(loss(.none), shape: [examples], losses, "per example, targets \(targets)")
      try assertClose(loss(.sum).item(), losses.reduce(0, +), "sum, targets \(targets)")
      try assertClose(loss(.mean).item(), losses.reduce(0, +) / total, "weighted mean")
      try gradCheck(
        {
          crossEntropy(
            logits: $0[0], targets: targets, weights: weights, ignoreIndex: -1,
            labelSmoothing: smoothing)
        }, [x])
    }
  }

  @Test(arguments: gradedBackends)
  func normalisationHasItsGradientsOnRandomShapes(backend: TensorBackend) {
    let sizes = Gen<Int>.list(of: .ints(in: 0...1000), count: 4...4)
    forAll(sizes, .ints(in: 0...10_000), cases: 15) { n, seed in
      var rng = SplitMix64(seed: UInt64(seed))
      let shape = [2 + n[0] % 2, 1 + n[1] % 3, 1 + n[2] % 3, 1 + n[3] % 3]
      let x = leaf(shape, backend, &rng)
      let batchNorm = TensorBatchNorm2d(channels: shape[1], backend: backend)
      batchNorm.weight?.update(leaf([shape[1]], backend, &rng))
      try gradCheck({ batchNorm($0[0]) }, [x])
      // Every channel of the output has mean bias[c] in training mode.
      let out = batchNorm(x).mean(dims: [0, 2, 3]).data.values
      try assertClose(out, Array(repeating: 0, count: shape[1]), "batch-normalised channel means")
      let w = leaf(Array(shape.suffix(2)), backend, &rng)
      try gradCheck(
        { layerNorm($0[0], normalizedShape: Array(shape.suffix(2)), weight: $0[1]) }, [x, w])
    }
  }

  @Test(arguments: gradedBackends)
  func groupedConvolutionIsOneConvolutionPerGroup(backend: TensorBackend) {
    let settings = Gen<Int>.list(of: .ints(in: 0...1000), count: 5...5)
    forAll(settings, .ints(in: 0...10_000), cases: 15) { n, seed in
      let groups = 1 + n[0] % 3
      let (perIn, perOut) = (1 + n[1] % 2, 1 + n[2] % 2)
      let (kernel, stride) = (1 + n[3] % 3, 1 + n[4] % 2)
      var rng = SplitMix64(seed: UInt64(seed))
      let x = leaf([2, groups * perIn, 5], backend, &rng)
      let w = leaf([groups * perOut, perIn, kernel], backend, &rng)
      let b = leaf([groups * perOut], backend, &rng)
      let out = conv1d(x, w, bias: b, stride: stride, padding: 1, groups: groups)
      for g in 0..<groups {
        let alone = conv1d(
          x[slice: TensorIndex.all, (g * perIn)..<((g + 1) * perIn)],
          w[slice: (g * perOut)..<((g + 1) * perOut)],
          bias: b[slice: (g * perOut)..<((g + 1) * perOut)], stride: stride, padding: 1)
        try assertClose(
          out[slice: TensorIndex.all, (g * perOut)..<((g + 1) * perOut)].data.values,
          alone.data.values, "group \(g) of \(groups)")
      }
      try gradCheck(
        { conv1d($0[0], $0[1], bias: $0[2], stride: stride, padding: 1, groups: groups) },
        [x, w, b])
    }
  }
}
