import Module4
import TensorTestSupport
import TestSupport
import Testing

/// max over several dimensions and min (built as −max(−x)) over one, several or all, with and
/// without `keepDims`, on both backends. The literals were computed with MyGrad 2.5.0. Not
/// graded.
@Suite("Given code: max and min over several dimensions", .explainsStops)
struct MinMaxReductionTests {
  /// [((7i) mod 11) − 4 for i in 0..<24] as shape [2, 3, 4]: ties included.
  static func t(_ backend: TensorBackend) -> Tensor {
    Tensor(
      shape: [2, 3, 4],
      data: [
        -4, 3, -1, 6, 2, -2, 5, 1, -3, 4, 0, -4, 3, -1, 6, 2, -2, 5, 1, -3, 4, 0, -4, 3,
      ], backend: backend, requiresGrad: true)
  }

  static let backends: [TensorBackend] = [.simple, .fast]

  /// Throws unless `t` has `shape` and exactly the entries `values`.
  func expectEntries(_ t: Tensor?, _ shape: [Int], _ values: [Double], _ what: String) throws {
    guard let t else { throw CheckFailure("\(what) is missing (no gradient arrived?)") }
    try check(t.shape == shape, "\(what) has shape \(t.shape), expected \(shape)")
    try assertClose(t.data.values, values, what, tolerance: .exact)
  }

  @Test(arguments: backends)
  func maxMatchesMyGradOnTies(backend: TensorBackend) throws {
    let x = Self.t(backend)
    let rows = x.max(dim: 1, keepDims: false)
    rows.backward()
    try expectEntries(rows, [2, 4], [2, 4, 5, 6, 4, 5, 6, 3], "max axis 1")
    try expectEntries(
      x.grad, [2, 3, 4],
      [0, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1], "∂max(axis 1)/∂t")

    let y = Self.t(backend)
    let groups = y.max(dims: [0, 2])
    groups.backward()
    try expectEntries(groups, [1, 3, 1], [6, 5, 4], "max axes (0, 2)")
    try expectEntries(
      y.grad, [2, 3, 4],
      [0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      "∂max(axes (0, 2))/∂t: the first maximum in row-major order")
  }

  @Test(arguments: backends)
  func minMatchesMyGradOnTies(backend: TensorBackend) throws {
    let x = Self.t(backend)
    let halves = x.min(dims: [1, 2], keepDims: false)
    halves.backward()
    try expectEntries(halves, [2], [-4, -4], "min axes (1, 2)")
    try expectEntries(
      x.grad, [2, 3, 4],
      [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0],
      "∂min(axes (1, 2))/∂t")

    let y = Self.t(backend)
    let columns = y.min(dim: 0, keepDims: false)
    columns.backward()
    try expectEntries(
      columns, [3, 4], [-4, -1, -1, 2, -2, -2, 1, -3, -3, 0, -4, -4], "min axis 0")
    try expectEntries(
      y.grad, [2, 3, 4],
      [1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0], "∂min(axis 0)/∂t")

    let z = Self.t(backend)
    let smallest = z.min()
    smallest.backward()
    try expectEntries(smallest, [1], [-4], "min of every entry")
    try expectEntries(
      z.grad, [2, 3, 4], [1] + Array(repeating: 0, count: 23), "∂min()/∂t: the first minimum")
  }

  @Test(arguments: backends)
  func maxAndMinOverAnyDimensionsMatchPlainLoops(backend: TensorBackend) {
    let values = Gen<Double>.element(of: [-2, -1, 0, 1, 2])
    let inputs = Gen<Tensor>.tensors(values: values, backend: backend).flatMap { t in
      Gen<[Int]>.dimensionSets(of: t.dims).zip(.element(of: [true, false])).map { (t, $0, $1) }
    }
    forAll(inputs, cases: 60) { t, dims, keepDims in
      let shape = reducedShape(t.shape, dims, keepDims: keepDims)
      let groups = plainGroups(t, dims)
      for (name, result, fold) in [
        ("max", t.max(dims: dims, keepDims: keepDims), { (g: [Double]) in g.max() ?? 0 }),
        ("min", t.min(dims: dims, keepDims: keepDims), { (g: [Double]) in g.min() ?? 0 }),
      ] {
        let call = "\(name)(dims: \(dims), keepDims: \(keepDims)) of shape \(t.shape)"
        try check(result.shape == shape, "\(call) has shape \(result.shape), expected \(shape)")
        try assertClose(result.data.values, groups.map(fold), call, tolerance: .exact)
      }
    }
  }

  @Test(arguments: backends)
  func gradientsOfMaxAndMinMatchCentralDifferences(backend: TensorBackend) {
    let inputs = Gen<Tensor>.tensors(values: .uniform(-2..<2), backend: backend).flatMap { t in
      Gen<[Int]>.dimensionSets(of: t.dims).zip(.element(of: [true, false])).map { (t, $0, $1) }
    }
    forAll(inputs, cases: 30) { t, dims, keepDims in
      try gradCheck({ $0[0].max(dims: dims, keepDims: keepDims) }, [t], seed: UInt64(t.size))
      try gradCheck({ $0[0].min(dims: dims, keepDims: keepDims) }, [t], seed: UInt64(t.size))
      try gradCheck({ $0[0].min(dim: dims[0], keepDims: keepDims) }, [t], seed: UInt64(t.size))
      try gradCheck({ $0[0].min() }, [t], seed: UInt64(t.size))
    }
  }

  @Test(arguments: backends)
  func tiedEntriesSendTheGradientToTheFirstInRowMajorOrder(backend: TensorBackend) throws {
    for dims in [[0], [1], [0, 1], [1, 2], [0, 2], [0, 1, 2]] {
      for useMin in [false, true] {
        let x = Tensor(
          TensorData.filled([2, 2, 3], with: 5), backend: backend, requiresGrad: true)
        (useMin ? x.min(dims: dims) : x.max(dims: dims)).backward()
        // Each group's first entry in row-major order has every index 0 along `dims`.
        let expected = x.data.indices().map { index in
          dims.allSatisfy { index[$0] == 0 } ? 1.0 : 0.0
        }
        try expectEntries(
          x.grad, [2, 2, 3], expected,
          "∂\(useMin ? "min" : "max")(dims: \(dims))/∂x for equal entries")
      }
    }
  }
}
