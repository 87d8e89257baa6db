import Foundation
import Module2
import TestSupport
import Testing

/// Task 2.3: the simple backend's map, zip and reduce, and the forward pass of every tensor
/// function, checked entry by entry against plain `Double` math.
@Suite("Task 2.3: tensor forward", .explainsStops)
struct Task2_3 {
  @Test(arguments: MathTest.oneArgumentNames)
  func oneArgumentFunctionsWorkEntryByEntry(name: String) {
    forAll(Gen<Tensor>.tensors()) { t in
      let result = MathTest.oneArgument(name, t)
      try assertEntries(result, shape: t.shape, "\(name)(t)") { index in
        MathTest.oneArgument(name, t.data[index])
      }
    }
  }

  @Test(arguments: MathTest.twoArgumentNames)
  func twoArgumentFunctionsWorkEntryByEntry(name: String) {
    forAll(Gen<Tensor>.pairs()) { pair in
      let (a, b) = pair
      let result = MathTest.twoArgument(name, a, b)
      try assertEntries(result, shape: a.shape, "\(name)(a, b)") { index in
        MathTest.twoArgument(name, a.data[index], b.data[index])
      }
    }
  }

  @Test(arguments: MathTest.twoArgumentNames)
  func twoArgumentFunctionsBroadcast(name: String) {
    forAll(Gen<Tensor>.broadcastPairs()) { pair in
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

  @Test func sumAlongADimensionKeepsItWithSizeOne() {
    forAll(Gen<Tensor>.tensors(), .ints(in: 0...3)) { t, d in
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

  @Test func meanAlongADimension() {
    forAll(Gen<Tensor>.tensors(), .ints(in: 0...3)) { t, d in
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

  @Test func sumAndMeanOfEverything() {
    forAll(Gen<Tensor>.tensors()) { t in
      let total = t.data.values.reduce(0, +)
      try assertEntries(t.sum(), shape: [1], "t.sum()") { _ in total }
      try assertEntries(t.mean(), shape: [1], "t.mean()") { _ in total / Double(t.size) }
    }
  }

  @Test func theWorkedSumExample() throws {
    let t: Tensor = [[2, 3], [4, 6], [5, 7]]
    let sum = t.sum(dim: 0)
    try check(
      sum.shape == [1, 2],
      "[[2, 3], [4, 6], [5, 7]].sum(dim: 0) has shape \(sum.shape), expected [1, 2]")
    try check(
      sum.data.values == [11, 16],
      "[[2, 3], [4, 6], [5, 7]].sum(dim: 0) is \(sum), expected [[11.0, 16.0]]")
  }

  @Test func allIsOneWhereEveryEntryIsNonzero() {
    forAll(Gen<Tensor>.tensors(values: .element(of: [0, 1, 2])), .ints(in: 0...3)) { t, d in
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

  @Test func comparisonsGiveOnesAndZeros() {
    forAll(Gen<Tensor>.pairs()) { pair in
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

  @Test func comparisonsAtEqualEntriesAndExactBoundaries() throws {
    forAll(Gen<Tensor>.tensors()) { t in
      try assertEntries(t.lt(t), shape: t.shape, "t.lt(t)") { _ in 0 }
      try assertEntries(t.gt(t), shape: t.shape, "t.gt(t)") { _ in 0 }
      try assertEntries(t.eq(t + 0.005), shape: t.shape, "t.eq(t + 0.005)") { _ in 0 }
      try assertEntries(t.lt(t + 0.005), shape: t.shape, "t.lt(t + 0.005)") { _ in 1 }
    }
    // Pairs exactly 0.01 apart are not close (close means |a − b| < 0.01); relu(0) is 0.
    let a = Tensor(shape: [5], data: [0, 0.01, 0, -0.01, 0.01])
    let b = Tensor(shape: [5], data: [0.01, 0, -0.01, 0, 0.02])
    try assertEntries(a.isClose(b), shape: [5], "[0, 0.01, 0, −0.01, 0.01].isClose(…)") { _ in 0 }
    try assertEntries(a.eq(b), shape: [5], "[0, 0.01, 0, −0.01, 0.01].eq(…)") { _ in 0 }
    let r = Tensor(shape: [3], data: [-1, 0, 2]).relu()
    try assertClose(r.data.values, [0, 0, 2], "[−1, 0, 2].relu()", tolerance: .exact)
  }

  @Test func permuteIsAViewWithReorderedDimensions() {
    forAll(Gen<Tensor>.tensors(), Gen<[Int]>.permutations(of: 4)) { t, order4 in
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

  @Test func contiguousCopiesIntoRowMajorOrder() {
    forAll(Gen<Tensor>.tensors()) { t in
      let c = t.contiguous()
      try check(
        c.data.isContiguous,
        "t.contiguous() of shape \(t.shape) has strides \(c.data.strides), expected row-major "
          + "strides \(stridesFromShape(t.shape))")
      try assertEntries(c, shape: t.shape, "t.contiguous()") { t.data[$0] }
    }
  }

  @Test func viewReshapesAContiguousTensor() {
    forAll(Gen<Tensor>.tensors()) { t in
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

  @Test func viewOfAContiguousTensorThatStartsAtAnOffset() {
    // A packed layout starting inside a larger storage (a slice) is contiguous; its view must
    // start where it starts.
    forAll(Gen<[Int]>.shapes, .ints(in: 1...5), Gen.list(of: .smallFloats, count: 90...90)) {
      shape, offset, numbers in
      let size = shape.reduce(1, *)
      let slice = Tensor(TensorData(numbers, shape: shape, offset: offset))
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

  @Test func viewOfANonContiguousTensorIsRejected() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let t = Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6]).permute(1, 0)
      _ = t.view(6)
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    try check(
      message.contains("contiguous()") && message.contains("[3, 2]"),
      "the message should name the shape and suggest contiguous(); it was: \(message)")
  }

  @Test func shapesThatDoNotBroadcastStopWithBothShapes() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor.zeros([2, 3]) * Tensor.zeros([4])
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    try check(
      message.contains("[2, 3]") && message.contains("[4]"),
      "multiplying shapes [2, 3] and [4] should stop with a message naming both; it was: "
        + "\(message)")
  }

  @Test func aDimensionThatDoesNotExistStopsNamingIt() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = (Tensor.zeros([2, 3]) * 2).sum(dim: 2)
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    try check(
      message.contains("dim: 2") && message.contains("[2, 3]"),
      "sum(dim: 2) of a tensor of shape [2, 3] should stop with a message naming the dimension "
        + "and the shape; it was: \(message)")
  }

  @Test func matmulMatchesTheDefinition() {
    let sizes = Gen<Int>.ints(in: 1...3)
    forAll(Gen<Int>.list(of: sizes, count: 4...4), .element(of: [false, true])) { n, batched in
      let (rows, inner, columns, batch) = (n[0], n[1], n[2], n[3])
      var rng = SplitMix64(seed: UInt64(rows * 100 + inner * 10 + columns))
      let aShape = batched ? [batch, rows, inner] : [rows, inner]
      let a = Tensor(Gen<TensorData>.tensorData(aShape).generate(using: &rng))
      let b = Tensor(Gen<TensorData>.tensorData([inner, columns]).generate(using: &rng))
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

  @Test func mapBroadcastsToABiggerShape() {
    forAll(Gen<Tensor>.broadcastPairs()) { pair in
      let (a, b) = pair
      let shape = referenceBroadcastShape(a.shape, b.shape) ?? []
      let mapped = SimpleOps().map(a.data, to: shape, MapOperator("double") { 2 * $0 })
      try assertEntries(Tensor(mapped), shape: shape, "map(2x) of \(a.shape) to \(shape)") {
        2 * a.data[referenceBroadcastIndex($0, into: a.shape)]
      }
    }
  }
}
