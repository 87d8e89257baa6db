import Module3
import TensorTestSupport
import TestSupport
import Testing

/// The fast backend with threads for any job bigger than one chunk of 64 entries, so that the
/// small tensors of the checks run the parallel paths of every kernel too.
private let threadedFast = TensorBackend.fast(parallel: Parallel(threshold: 1, grain: 64))

/// The checks of the NumPy-style surface that Module2Tests runs on `.simple` (written once in
/// `Tests/TensorChecks`), here on the fast backend, and the fast layout kernels against the
/// simple ones. Not graded.
@Suite("Given code: indexing, shape functions and einsum on .fast", .explainsStops)
struct TensorSurfaceOnFast {
  @Test(arguments: IndexingChecks.all)
  func indexing(_ check: TensorCheck) throws {
    try check.run(on: threadedFast)
  }

  @Test(arguments: ShapeChecks.all)
  func shapeFunctions(_ check: TensorCheck) throws {
    try check.run(on: threadedFast)
  }

  @Test(arguments: EinsumChecks.all)
  func einsumAndMatmul(_ check: TensorCheck) throws {
    try check.run(on: threadedFast)
  }

  @Test(arguments: LayoutOperationChecks.all)
  func layoutOperations(_ check: TensorCheck) throws {
    try check.run(on: threadedFast)
  }

  @Test func theDefaultFastBackendSlicesAndJoins() throws {
    let x = Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6], backend: .fast, requiresGrad: true)
    let y = Tensor.concatenate([x[slice: .all, .every(-1)], x[slice: [1, 1]]], dim: 0)
    try expectTensor(
      y, shape: [4, 3], values: [3, 2, 1, 6, 5, 4, 4, 5, 6, 4, 5, 6], "joined slices on .fast")
    #expect(y.backend.name == "fast")
    y.cumsum(dim: 0).sum().backward()
    // Entry (i, j) of y is summed 4 − i times; x's row 1 is read three times.
    try expectTensor(x.grad!, shape: [2, 3], values: [4, 4, 4, 3 + 2 + 1, 6, 6], "x.grad")
  }

  /// The fast layout kernels give the simple ones' numbers bit for bit, on one thread and on
  /// several, for every layout.
  @Test func fastLayoutKernelsMatchTheSimpleOnes() {
    let simple = SimpleOps()
    let kernels = [FastOps(parallel: Parallel(threshold: 1, grain: 5)), FastOps()]
    let cases = Gen<[Int]>.shapes(dims: 1...4, maxSize: 5).flatMap { shape in
      Gen<Tensor>.laidOut(shape, on: .simple).zip(
        Gen<Int>.ints(in: 0...(shape.count - 1)),
        Gen<Int>.list(of: .ints(in: 0...4), count: 1...7))
    }
    forAll(cases, cases: 150) { x, dim, raw in
      let a = x.data
      let n = a.shape[dim]
      let positions = raw.map { $0 % n }
      let spread = (0..<n).map { raw[$0 % raw.count] % (n + 1) }
      let pieces = [a, a.transposed(dim, a.dims - 1)].filter { $0.shape == a.shape }
      for fast in kernels {
        let what = "\(fast.parallel) on shape \(a.shape), strides \(a.strides), dim \(dim)"
        try check(
          fast.gather(a, dim: dim, positions: positions).values
            == simple.gather(a, dim: dim, positions: positions).values,
          "gather \(positions): \(what)")
        try check(
          fast.scatterAdd(a, dim: dim, positions: spread, size: n + 1).values
            == simple.scatterAdd(a, dim: dim, positions: spread, size: n + 1).values,
          "scatterAdd \(spread): \(what)")
        try check(
          fast.concatenate(pieces + [a], dim: dim).values
            == simple.concatenate(pieces + [a], dim: dim).values,
          "concatenate: \(what)")
        for reversed in [false, true] {
          for f in [ReduceOperator.sum, .max, ReduceOperator("product", start: 1) { $0 * $1 }] {
            try check(
              fast.scan(a, dim: dim, f, reversed: reversed).values
                == simple.scan(a, dim: dim, f, reversed: reversed).values,
              "scan \(f), reversed: \(reversed): \(what)")
          }
        }
      }
    }
  }
}

extension TensorData {
  /// The layout with dimensions `first` and `second` swapped.
  fileprivate func transposed(_ first: Int, _ second: Int) -> TensorData {
    var order = Array(0..<dims)
    order.swapAt(first, second)
    return permute(order)
  }
}
