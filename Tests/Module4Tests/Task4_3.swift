import Module4
import TensorTestSupport
import TestSupport
import Testing

/// Task 4.3: `tile` and average pooling.
@Suite("Task 4.3: tile and average pooling", .explainsStops)
struct Task4_3 {
  /// An input shape (batch 1–2, channels 1–2, height and width multiples of the kernel) and a
  /// kernel of 1 to 3 by 1 to 3.
  static var pooling: Gen<(shape: [Int], kernel: Size2D)> {
    Gen<Int>.list(of: .ints(in: 0...100), count: 6...6).map { n in
      let kernel = Size2D(1 + n[0] % 3, 1 + n[1] % 3)
      let shape = [
        1 + n[2] % 2, 1 + n[3] % 2, kernel.height * (1 + n[4] % 3), kernel.width * (1 + n[5] % 3),
      ]
      return (shape, kernel)
    }
  }

  @Test(arguments: gradedBackends)
  func tileOfAFourByFourImage(backend: TensorBackend) throws {
    // The image 0…15 in 2 × 2 blocks: block (0, 0) holds 0, 1, 4, 5, block (0, 1) 2, 3, 6, 7, …
    let image = Tensor(shape: [1, 1, 4, 4], data: (0..<16).map(Double.init), backend: backend)
    try assertTensor(
      tile(image, kernel: 2), shape: [1, 1, 2, 2, 4],
      [0, 1, 4, 5, 2, 3, 6, 7, 8, 9, 12, 13, 10, 11, 14, 15],
      "tile of the 4 × 4 image 0…15 with a 2 × 2 kernel", tolerance: .exact)
    // A 1 × 2 kernel on a 2 × 4 image: blocks are pairs within a row.
    let wide = Tensor(shape: [1, 1, 2, 4], data: (0..<8).map(Double.init), backend: backend)
    try assertTensor(
      tile(wide, kernel: Size2D(1, 2)), shape: [1, 1, 2, 2, 2], [0, 1, 2, 3, 4, 5, 6, 7],
      "tile of the 2 × 4 image 0…7 with a 1 × 2 kernel", tolerance: .exact)
    // A 2 × 1 kernel: blocks are pairs within a column.
    try assertTensor(
      tile(wide, kernel: Size2D(2, 1)), shape: [1, 1, 1, 4, 2], [0, 4, 1, 5, 2, 6, 3, 7],
      "tile of the 2 × 4 image 0…7 with a 2 × 1 kernel", tolerance: .exact)
  }

  @Test(arguments: gradedBackends)
  func tilePutsEachBlockInTheLastDimension(backend: TensorBackend) {
    forAll(Self.pooling, .ints(in: 0...1000)) { pooling, seed in
      let (shape, kernel) = pooling
      var rng = SplitMix64(seed: UInt64(seed))
      let x = Gen<Tensor>.tensors(shape, values: .distinct, backend: backend).generate(using: &rng)
      let values = x.data.values
      let (kh, kw) = (kernel.height, kernel.width)
      let (rows, cols) = (shape[2] / kh, shape[3] / kw)
      // tiled[b, c, i, j, u·kw + v] = x[b, c, i·kh + u, j·kw + v]
      var expected: [Double] = []
      for b in 0..<shape[0] {
        for c in 0..<shape[1] {
          for i in 0..<rows {
            for j in 0..<cols {
              for u in 0..<kh {
                for v in 0..<kw {
                  expected.append(
                    values[((b * shape[1] + c) * shape[2] + i * kh + u) * shape[3] + j * kw + v])
                }
              }
            }
          }
        }
      }
      try assertTensor(
        tile(x, kernel: kernel), shape: [shape[0], shape[1], rows, cols, kh * kw], expected,
        "tile of \(shape) with kernel \(kernel)", tolerance: .exact)
    }
  }

  @Test(arguments: gradedBackends)
  func averagePoolingOfAFourByFourImage(backend: TensorBackend) throws {
    let image = Tensor(shape: [1, 1, 4, 4], data: (0..<16).map(Double.init), backend: backend)
    try assertTensor(
      avgpool2d(image, kernel: 2), shape: [1, 1, 2, 2], [2.5, 4.5, 10.5, 12.5],
      "avgpool2d of the 4 × 4 image 0…15 with a 2 × 2 kernel")
    try assertTensor(
      avgpool2d(image, kernel: Size2D(1, 4)), shape: [1, 1, 4, 1], [1.5, 5.5, 9.5, 13.5],
      "avgpool2d of the 4 × 4 image 0…15 with a 1 × 4 kernel (row means)")
  }

  @Test(arguments: gradedBackends)
  func averagePoolingIsTheMeanOfEachBlock(backend: TensorBackend) {
    forAll(Self.pooling, .ints(in: 0...1000)) { pooling, seed in
      let (shape, kernel) = pooling
      var rng = SplitMix64(seed: UInt64(seed))
      let x = Gen<Tensor>.tensors(shape, values: .distinct, backend: backend).generate(using: &rng)
      let values = x.data.values
      let (kh, kw) = (kernel.height, kernel.width)
      let (rows, cols) = (shape[2] / kh, shape[3] / kw)
      var expected: [Double] = []
      for b in 0..<shape[0] {
        for c in 0..<shape[1] {
          for i in 0..<rows {
            for j in 0..<cols {
              var total = 0.0
              for u in 0..<kh {
                for v in 0..<kw {
                  total +=
                    values[((b * shape[1] + c) * shape[2] + i * kh + u) * shape[3] + j * kw + v]
                }
              }
              expected.append(total / Double(kh * kw))
            }
          }
        }
      }
      try assertTensor(
        avgpool2d(x, kernel: kernel), shape: [shape[0], shape[1], rows, cols], expected,
        "avgpool2d of \(shape) with kernel \(kernel)")
    }
  }

  @Test(arguments: gradedBackends)
  func averagePoolingSharesTheGradientEquallyInItsBlock(backend: TensorBackend) {
    forAll(Self.pooling, .ints(in: 0...1000), cases: 40) { pooling, seed in
      let (shape, kernel) = pooling
      var rng = SplitMix64(seed: UInt64(seed))
      let x = Gen<Tensor>.tensors(shape, values: .distinct, backend: backend).generate(using: &rng)
      try gradCheck(
        { avgpool2d($0[0], kernel: kernel) }, [x], seed: UInt64(seed), samples: 6,
        rtol: Task4_1.rtol, atol: Task4_1.atol)
      try gradCheck(
        { tile($0[0], kernel: kernel) }, [x], seed: UInt64(seed), samples: 6, rtol: Task4_1.rtol,
        atol: Task4_1.atol)
      // With dOut = 1 everywhere, every pixel gets exactly 1 / (kh · kw).
      let leaf = Tensor(x.data, backend: backend, requiresGrad: true)
      avgpool2d(leaf, kernel: kernel).backward()
      let share = 1 / Double(kernel.height * kernel.width)
      try assertClose(
        leaf.grad?.data.values ?? [], Array(repeating: share, count: x.size),
        "∂Σ avgpool2d/∂x for \(shape) with kernel \(kernel)")
    }
  }

  @Test(arguments: gradedBackends)
  func tileAndAveragePoolingRecordTheirInput(backend: TensorBackend) {
    forAll(Self.pooling, .ints(in: 0...1000), cases: 20) { pooling, seed in
      let (shape, kernel) = pooling
      var rng = SplitMix64(seed: UInt64(seed))
      let x = leaf(shape, backend, &rng)
      try checkRecordsOperands(tile(x, kernel: kernel), [("x", x)], "tile of \(shape)")
      try checkRecordsOperands(avgpool2d(x, kernel: kernel), [("x", x)], "avgpool2d of \(shape)")
    }
  }
}
