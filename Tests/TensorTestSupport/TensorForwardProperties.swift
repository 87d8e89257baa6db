import Foundation
import Module2
import TestSupport
import Testing

/// The laws of Task 2.3 (the forward pass of every tensor function, and map, zip and reduce),
/// each written once for any backend: Module 2's suite `Task2_3` checks them on `.simple`, and
/// Module 3 on `.fast`. Every expected value comes from plain `Double` math on the entries,
/// read index by index, never from another backend.
public enum TensorForwardProperties {
  /// Each one-argument function of the MathTest table works entry by entry.
  public static func oneArgumentFunctionsWorkEntryByEntry(
    _ name: String, on backend: TensorBackend,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(Gen<Tensor>.tensors(backend: backend), sourceLocation: sourceLocation) { t in
      let result = MathTest.oneArgument(name, t)
      try assertEntries(result, shape: t.shape, "\(name)(t)") { index in
        MathTest.oneArgument(name, t.data[index])
      }
    }
  }

  /// Each two-argument function works entry by entry on two tensors of one shape.
  public static func twoArgumentFunctionsWorkEntryByEntry(
    _ name: String, on backend: TensorBackend,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(Gen<Tensor>.pairs(backend: backend), sourceLocation: sourceLocation) { pair in
      let (a, b) = pair
      let result = MathTest.twoArgument(name, a, b)
      try assertEntries(result, shape: a.shape, "\(name)(a, b)") { index in
        MathTest.twoArgument(name, a.data[index], b.data[index])
      }
    }
  }

  /// Each two-argument function broadcasts shapes that differ.
  public static func twoArgumentFunctionsBroadcast(
    _ name: String, on backend: TensorBackend,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(Gen<Tensor>.broadcastPairs(backend: backend), sourceLocation: sourceLocation) { pair in
      let (a, b) = pair
      let shape = referenceBroadcastShape(a.shape, b.shape) ?? []
      let result = MathTest.twoArgument(name, a, b)
      try assertEntries(result, shape: shape, "\(name)(a \(a.shape), b \(b.shape))") { index in
        MathTest.twoArgument(
          name, a.data[referenceBroadcastIndex(index, into: a.shape)],
          b.data[referenceBroadcastIndex(index, into: b.shape)])
      }
    }
  }

  /// t.sum(dim:) adds along `dim` and keeps it with size 1.
  public static func sumAlongADimensionKeepsItWithSizeOne(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(Gen<Tensor>.tensors(backend: backend), .ints(in: 0...3), sourceLocation: sourceLocation)
    { t, d in
      let dim = d % t.dims
      var shape = t.shape
      shape[dim] = 1
      try assertEntries(t.sum(dim: dim), shape: shape, "t.sum(dim: \(dim))") { index in
        var total = 0.0
        var source = index
        for k in 0..<t.shape[dim] {
          source[dim] = k
          total += t.data[source]
        }
        return total
      }
    }
  }

  /// t.mean(dim:) is the sum along `dim` over its size.
  public static func meanAlongADimension(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(Gen<Tensor>.tensors(backend: backend), .ints(in: 0...3), sourceLocation: sourceLocation)
    { t, d in
      let dim = d % t.dims
      var shape = t.shape
      shape[dim] = 1
      try assertEntries(t.mean(dim: dim), shape: shape, "t.mean(dim: \(dim))") { index in
        var source = index
        let entries = (0..<t.shape[dim]).map { k -> Double in
          source[dim] = k
          return t.data[source]
        }
        return entries.reduce(0, +) / Double(entries.count)
      }
    }
  }

  /// t.sum() and t.mean() reduce every entry to a tensor of shape [1].
  public static func sumAndMeanOfEverything(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(Gen<Tensor>.tensors(backend: backend), sourceLocation: sourceLocation) { t in
      let total = t.data.values.reduce(0, +)
      try assertEntries(t.sum(), shape: [1], "t.sum()") { _ in total }
      try assertEntries(t.mean(), shape: [1], "t.mean()") { _ in total / Double(t.size) }
    }
  }

  /// The guide's example: [[2, 3], [4, 6], [5, 7]].sum(dim: 0) is [[11, 16]].
  public static func theWorkedSumExample(on backend: TensorBackend) throws {
    let t = Tensor([[2, 3], [4, 6], [5, 7]], backend: backend)
    let sum = t.sum(dim: 0)
    try check(
      sum.shape == [1, 2],
      "[[2, 3], [4, 6], [5, 7]].sum(dim: 0) has shape \(sum.shape), expected [1, 2]")
    try check(
      sum.data.values == [11, 16],
      "[[2, 3], [4, 6], [5, 7]].sum(dim: 0) is \(sum), expected [[11.0, 16.0]]")
  }

  /// t.all(dim:) is 1 where every entry along `dim` is nonzero, else 0.
  public static func allIsOneWhereEveryEntryIsNonzero(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(
      Gen<Tensor>.tensors(values: .element(of: [0, 1, 2]), backend: backend), .ints(in: 0...3),
      sourceLocation: sourceLocation
    ) { t, d in
      let dim = d % t.dims
      var shape = t.shape
      shape[dim] = 1
      try assertEntries(t.all(dim: dim), shape: shape, "t.all(dim: \(dim))") { index in
        var source = index
        for k in 0..<t.shape[dim] {
          source[dim] = k
          if t.data[source] == 0 { return 0 }
        }
        return 1
      }
      let everywhere: Double = t.data.values.contains(0) ? 0 : 1
      try assertEntries(t.all(), shape: [1], "t.all()") { _ in everywhere }
    }
  }

  /// lt, gt, eq and isClose give 1 where the relation holds and 0 elsewhere.
  public static func comparisonsGiveOnesAndZeros(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(Gen<Tensor>.pairs(backend: backend), sourceLocation: sourceLocation) { pair in
      let (a, b) = pair
      try assertEntries(a.lt(b), shape: a.shape, "a.lt(b)") { a.data[$0] < b.data[$0] ? 1 : 0 }
      try assertEntries(a.gt(b), shape: a.shape, "a.gt(b)") { a.data[$0] > b.data[$0] ? 1 : 0 }
      try assertEntries(a.eq(a), shape: a.shape, "a.eq(a)") { _ in 1 }
      try assertEntries(a.eq(b), shape: a.shape, "a.eq(b)") { a.data[$0] == b.data[$0] ? 1 : 0 }
      try assertEntries(a.isClose(a + 0.001), shape: a.shape, "a.isClose(a + 0.001)") { _ in 1 }
      try assertEntries(a.isClose(b), shape: a.shape, "a.isClose(b)") {
        abs(a.data[$0] - b.data[$0]) < 1e-2 ? 1 : 0
      }
    }
  }

  /// Comparisons at ties and at the exact boundary of isClose; relu(0) is 0.
  public static func comparisonsAtEqualEntriesAndExactBoundaries(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    forAll(Gen<Tensor>.tensors(backend: backend), sourceLocation: sourceLocation) { t in
      try assertEntries(t.lt(t), shape: t.shape, "t.lt(t)") { _ in 0 }
      try assertEntries(t.gt(t), shape: t.shape, "t.gt(t)") { _ in 0 }
      try assertEntries(t.eq(t + 0.005), shape: t.shape, "t.eq(t + 0.005)") { _ in 0 }
      try assertEntries(t.lt(t + 0.005), shape: t.shape, "t.lt(t + 0.005)") { _ in 1 }
    }
    // Pairs exactly 0.01 apart are not close (close means |a − b| < 0.01); relu(0) is 0.
    let a = Tensor(shape: [5], data: [0, 0.01, 0, -0.01, 0.01], backend: backend)
    let b = Tensor(shape: [5], data: [0.01, 0, -0.01, 0, 0.02], backend: backend)
    try assertEntries(a.isClose(b), shape: [5], "[0, 0.01, 0, −0.01, 0.01].isClose(…)") { _ in 0 }
    try assertEntries(a.eq(b), shape: [5], "[0, 0.01, 0, −0.01, 0.01].eq(…)") { _ in 0 }
    let r = Tensor(shape: [3], data: [-1, 0, 2], backend: backend).relu()
    try assertClose(r.data.values, [0, 0, 2], "[−1, 0, 2].relu()", tolerance: .exact)
  }

  /// permute is a view (it shares the storage) whose index i reads the input at the
  /// dimensions reordered.
  public static func permuteIsAViewWithReorderedDimensions(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(
      Gen<Tensor>.tensors(backend: backend), Gen<[Int]>.permutations(of: 4),
      sourceLocation: sourceLocation
    ) { t, order4 in
      let order = order4.filter { $0 < t.dims }
      let p = Tensor.Permute(order: order).apply(t)
      try check(
        p.data.sharesStorage(with: t.data),
        "t.permute(\(order)) copied the numbers, expected a view that shares them")
      try assertEntries(p, shape: order.map { t.shape[$0] }, "t.permute(\(order))") { index in
        var source = Array(repeating: 0, count: t.dims)
        for (i, dimension) in order.enumerated() {
          source[dimension] = index[i]
        }
        return t.data[source]
      }
    }
  }

  /// contiguous() copies the entries into row-major order.
  public static func contiguousCopiesIntoRowMajorOrder(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(Gen<Tensor>.tensors(backend: backend), sourceLocation: sourceLocation) { t in
      let c = t.contiguous()
      try check(
        c.data.isContiguous,
        "t.contiguous() of shape \(t.shape) has strides \(c.data.strides), expected row-major "
          + "strides \(rowMajorStrides(t.shape))")
      try assertEntries(c, shape: t.shape, "t.contiguous()") { t.data[$0] }
    }
  }

  /// view reads a contiguous tensor's entries in row-major order under another shape.
  public static func viewReshapesAContiguousTensor(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(Gen<Tensor>.tensors(backend: backend), sourceLocation: sourceLocation) { t in
      let flat = t.contiguous().view(t.size)
      try check(
        flat.shape == [t.size], "view(\(t.size)) has shape \(flat.shape), expected [\(t.size)]")
      try check(
        flat.data.values == t.data.values,
        "view(\(t.size)) of a tensor of shape \(t.shape) reads \(flat.data.values), expected "
          + "\(t.data.values) (its entries in row-major order)")
      let back = Tensor.View(shape: t.shape).apply(flat)
      try assertEntries(back, shape: t.shape, "view back to \(t.shape)") { t.data[$0] }
    }
  }

  /// A packed layout starting inside a larger storage (a slice) is contiguous; its view must
  /// start where it starts.
  public static func viewOfAContiguousTensorThatStartsAtAnOffset(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(
      Gen<[Int]>.shapes, .ints(in: 1...5), Gen.list(of: .smallFloats, count: 90...90),
      sourceLocation: sourceLocation
    ) { shape, offset, numbers in
      let size = shape.reduce(1, *)
      let slice = Tensor(TensorData(numbers, shape: shape, offset: offset), backend: backend)
      let expected = Array(numbers[offset..<(offset + size)])
      let flat = slice.view(size)
      try check(
        flat.shape == [size] && flat.data.values == expected,
        "view(\(size)) of the \(shape) slice at offset \(offset) has shape \(flat.shape) and "
          + "entries \(flat.data.values), expected shape [\(size)] and \(expected)")
      let back = Tensor.View(shape: shape).apply(flat)
      try assertEntries(back, shape: shape, "view back to \(shape)") { slice.data[$0] }
    }
  }

  /// a.matmul(b) is Σₖ a[…, i, k] b[k, j], with and without a batch dimension.
  public static func matmulMatchesTheDefinition(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let sizes = Gen<Int>.ints(in: 1...3)
    forAll(
      Gen<Int>.list(of: sizes, count: 4...4), .element(of: [false, true]),
      sourceLocation: sourceLocation
    ) { n, batched in
      let (rows, inner, columns, batch) = (n[0], n[1], n[2], n[3])
      var rng = SplitMix64(seed: UInt64(rows * 100 + inner * 10 + columns))
      let aShape = batched ? [batch, rows, inner] : [rows, inner]
      let a = Gen<Tensor>.tensors(aShape, backend: backend).generate(using: &rng)
      let b = Gen<Tensor>.tensors([inner, columns], backend: backend).generate(using: &rng)
      let shape = batched ? [batch, rows, columns] : [rows, columns]
      try assertEntries(a.matmul(b), shape: shape, "a \(aShape) matmul b") { index in
        let (i, j) = (index[index.count - 2], index[index.count - 1])
        var total = 0.0
        for k in 0..<inner {
          let aIndex = batched ? [index[0], i, k] : [i, k]
          total += a.data[aIndex] * b.data[[k, j]]
        }
        return total
      }
    }
  }

  /// The backend's map broadcasts its input to a bigger shape.
  public static func mapBroadcastsToABiggerShape(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(Gen<Tensor>.broadcastPairs(backend: backend), sourceLocation: sourceLocation) { pair in
      let (a, b) = pair
      let shape = referenceBroadcastShape(a.shape, b.shape) ?? []
      let mapped = backend.ops.map(a.data, to: shape, MapOperator("double") { 2 * $0 })
      try assertEntries(Tensor(mapped), shape: shape, "map(2x) of \(a.shape) to \(shape)") {
        2 * a.data[referenceBroadcastIndex($0, into: a.shape)]
      }
    }
  }
}
