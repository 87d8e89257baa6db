import Module2
import TestSupport
import Testing

/// Task 2.1: storage, shape and strides.
@Suite("Task 2.1: tensor data", .explainsStops)
struct Task2_1 {
  @Test func stridesAreRowMajor() {
    forAll(Gen<[Int]>.shapes) { shape in
      let strides = stridesFromShape(shape)
      try check(strides.count == shape.count, "stridesFromShape(\(shape)) is \(strides)")
      try check(strides.last == 1, "the last stride of \(shape) should be 1, got \(strides)")
      for i in 0..<(shape.count - 1) {
        try check(
          strides[i] == strides[i + 1] * shape[i + 1],
          "stridesFromShape(\(shape)) is \(strides): stride \(i) should be \(strides[i + 1] * shape[i + 1])"
        )
      }
    }
  }

  @Test func stridesOfAKnownShape() throws {
    try check(stridesFromShape([2, 3, 4]) == [12, 4, 1], "stridesFromShape([2, 3, 4])")
    try check(stridesFromShape([5]) == [1], "stridesFromShape([5])")
  }

  @Test func positionIsTheDotProductOfIndexAndStrides() {
    forAll(Gen<[Int]>.shapes, Gen.list(of: .ints(in: 0...20), count: 4...4)) { shape, strides in
      let index = shape.map { $0 - 1 }
      let s = Array(strides.prefix(shape.count))
      let expected = zip(index, s).map { $0 * $1 }.reduce(0, +)
      try check(
        indexToPosition(index, s) == expected,
        "indexToPosition(\(index), \(s)) is \(indexToPosition(index, s)), expected \(expected)")
    }
  }

  @Test func toIndexEnumeratesEveryIndexOnceInCountingOrder() {
    forAll(Gen<[Int]>.shapes) { shape in
      let size = shape.reduce(1, *)
      var seen = Set<[Int]>()
      let strides = stridesFromShape(shape)
      for ordinal in 0..<size {
        let index = toIndex(ordinal, shape)
        try check(index.count == shape.count, "toIndex(\(ordinal), \(shape)) is \(index)")
        try check(
          zip(index, shape).allSatisfy { $0 >= 0 && $0 < $1 },
          "toIndex(\(ordinal), \(shape)) = \(index) is out of range")
        try check(seen.insert(index).inserted, "toIndex gives \(index) twice for shape \(shape)")
        try check(
          indexToPosition(index, strides) == ordinal,
          "toIndex(\(ordinal), \(shape)) = \(index) is not the \(ordinal)-th index in counting order"
        )
      }
    }
  }

  @Test func contiguousLayoutsAreRecognised() {
    forAll(Gen<[Int]>.shapes, Gen<[Int]>.permutations(of: 4)) { shape, order4 in
      let data = TensorData(Array(repeating: 0, count: shape.reduce(1, *)), shape: shape)
      try check(data.isContiguous, "a fresh layout of \(shape) should be contiguous")
      let order = order4.filter { $0 < shape.count }
      let permuted = data.permute(order)
      // The permuted view is contiguous exactly when the dimensions of size > 1 keep their order.
      let moved = order.filter { shape[$0] > 1 }
      try check(
        permuted.isContiguous == (moved == moved.sorted()),
        "permute(\(order)) of shape \(shape) gives strides \(permuted.strides); "
          + "isContiguous is \(permuted.isContiguous)")
    }
  }

  @Test(arguments: [[1, 3], [0, -1], [1], [0, 0, 0]])
  func badIndicesStopWithAMessageNamingIndexAndShape(index: [Int]) async throws {
    let result = await #expect(
      processExitsWith: .failure, observing: [\.standardErrorContent]
    ) { [index] in
      _ = TensorData([1, 2, 3, 4, 5, 6], shape: [2, 3]).index(index)
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    try check(
      message.contains("\(index)") && message.contains("[2, 3]"),
      "the message should name the index \(index) and the shape [2, 3]; it was: \(message)")
  }

  @Test func permuteMovesShapeAndStridesButNoNumbers() {
    forAll(Gen<TensorData>.tensorData, Gen<[Int]>.permutations(of: 4)) { data, order4 in
      let order = order4.filter { $0 < data.dims }
      let permuted = data.permute(order)
      try check(permuted.shape == order.map { data.shape[$0] }, "permute(\(order)) shape")
      try check(permuted.strides == order.map { data.strides[$0] }, "permute(\(order)) strides")
      try check(permuted.sharesStorage(with: data), "permute must not copy the storage")
      for index in permuted.indices() {
        var original = Array(repeating: 0, count: data.dims)
        for (i, dimension) in order.enumerated() {
          original[dimension] = index[i]
        }
        try check(
          permuted[index] == data[original],
          "permute(\(order))\(index) should be the original entry \(original)")
      }
    }
  }

  @Test func permutingBackRestoresTheLayout() {
    forAll(Gen<TensorData>.tensorData, Gen<[Int]>.permutations(of: 4)) { data, order4 in
      let order = order4.filter { $0 < data.dims }
      let back = data.permute(order).permute(inverse(of: order))
      try check(
        back.shape == data.shape && back.strides == data.strides,
        "permute(\(order)) then its inverse should give back shape \(data.shape), strides \(data.strides)"
      )
      try check(back.values == data.values, "the entries changed after a round trip")
    }
  }

  @Test func nonContiguousLayoutsReadTheSameEntries() {
    // The same numbers stored for a permuted shape and permuted back read exactly like a fresh
    // contiguous layout.
    forAll(Gen<[Int]>.shapes, Gen<[Int]>.permutations(of: 4)) { shape, order4 in
      let order = order4.filter { $0 < shape.count }
      let numbers = (0..<shape.reduce(1, *)).map(Double.init)
      let contiguous = TensorData(numbers, shape: shape)
      let stored = TensorData(
        contiguous.permute(order).values, shape: order.map { shape[$0] })
      let viewed = stored.permute(inverse(of: order))
      for index in contiguous.indices() {
        try check(
          viewed[index] == contiguous[index],
          "entry \(index) reads \(viewed[index]), expected \(contiguous[index])")
      }
    }
  }

  @Test func writingAnEntryDoesNotChangeAnotherView() throws {
    let first = TensorData([1, 2, 3, 4], shape: [2, 2])
    var second = first.permute([1, 0])
    second[[0, 1]] = 10
    try check(second[[0, 1]] == 10, "the written entry should read 10")
    try check(first[[1, 0]] == 3, "writing through a copy changed the original")
  }

  @Test func printingShowsNestedLists() throws {
    let data = TensorData([1, 2, 3, 4, 5, 6], shape: [2, 3])
    try check(
      data.description == "[[1.0, 2.0, 3.0],\n [4.0, 5.0, 6.0]]",
      "a [2, 3] layout prints as\n\(data.description)")
    try check(
      data.permute([1, 0]).description == "[[1.0, 4.0],\n [2.0, 5.0],\n [3.0, 6.0]]",
      "its transpose prints as\n\(data.permute([1, 0]).description)")
  }
}
