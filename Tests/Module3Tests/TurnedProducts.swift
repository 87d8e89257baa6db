import Module3
import TensorTestSupport
import TestSupport
import Testing

/// Products whose C has few rows and many columns (a convolution's W · columns with 8 filters,
/// its weight gradient) fill the blocked kernel's micro-tiles better turned around, Cᵀ = Bᵀ Aᵀ,
/// which the reference matrixMultiply does when it wastes less. The turned product must give
/// the same bits as Task 3.2's plain loop, which adds the same products in the same order, on
/// one thread and on two, for operands laid out any way. Not graded.
@Suite("Given code: turned-around products against the plain kernel", .explainsStops)
struct TurnedProducts {
  /// (batch, n, m, p): thin products, some turned and some not, with edges in both directions.
  static let shapes: [(Int, Int, Int, Int)] = [
    (3, 8, 16, 40), (2, 8, 25, 25), (1, 16, 9, 30), (2, 10, 30, 17), (1, 7, 300, 9),
    (2, 13, 8, 64), (1, 8, 300, 24),
  ]

  static func fast(threads: Int, kernel: FastOps.MatmulKernel) -> any TensorOps {
    FastOps(parallel: Parallel(threshold: 1, grain: 8, threads: threads), matmulKernel: kernel)
  }

  @Test(arguments: [1, 2])
  func turnedProductsGiveThePlainKernelsBits(threads: Int) {
    for (seed, (batch, n, m, p)) in Self.shapes.enumerated() {
      let a = TensorData(sampleValues(batch * n * m, seed: UInt64(seed)), shape: [batch, n, m])
      let bValues = sampleValues(batch * p * m, seed: UInt64(seed) + 50)
      // B as given and as the transpose of a contiguous (batch, p, m): rows of B then lie
      // `m` apart along its columns.
      for b in [
        TensorData(bValues, shape: [batch, m, p]),
        TensorData(bValues, shape: [batch, p, m]).transposed(),
      ] {
        let blocked = Self.fast(threads: threads, kernel: .blocked).matrixMultiply(a, b)
        let plain = Self.fast(threads: 1, kernel: .plain).matrixMultiply(a, b)
        #expect(blocked.shape == [batch, n, p])
        let same = blocked.values == plain.values
        #expect(
          same,
          Comment(
            rawValue: "\(batch) products of \(n)×\(m) · \(m)×\(p) (B strides \(b.strides)) on "
              + "\(threads) thread(s) differ from Task 3.2's loop"))
      }
    }
  }
}
