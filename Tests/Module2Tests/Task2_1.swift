import Module2
import TensorTestSupport
import TestSupport
import Testing

/// Task 2.1: storage, shape and strides.
@Suite("Task 2.1: tensor data", .explainsStops)
struct Task2_1 {
  @Test func stridesAreRowMajor() {
    forAll(Gen<[Int]>.shapes) { shape in
      let strides = stridesFromShape(shape)
      try check(
        strides.count == shape.count,
        "stridesFromShape(\(shape)) is \(strides), expected \(shape.count) strides, one per dimension"
      )
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
    for (shape, expected) in [([2, 3, 4], [12, 4, 1]), ([5], [1]), ([3, 1, 2], [2, 2, 1])] {
      let strides = stridesFromShape(shape)
      try check(
        strides == expected, "stridesFromShape(\(shape)) is \(strides), expected \(expected)")
    }
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
        let expected = countingIndex(ordinal, shape)
        try check(
          index.count == shape.count,
          "toIndex(\(ordinal), \(shape)) is \(index), expected \(expected) (one entry per dimension)"
        )
        try check(
          zip(index, shape).allSatisfy { $0 >= 0 && $0 < $1 },
          "toIndex(\(ordinal), \(shape)) is \(index), out of range; expected \(expected)")
        try check(
          seen.insert(index).inserted,
          "toIndex gives \(index) twice for shape \(shape) (again for ordinal \(ordinal), "
            + "where \(expected) was expected)")
        try check(
          indexToPosition(index, strides) == ordinal,
          "toIndex(\(ordinal), \(shape)) is \(index), expected \(expected): the \(ordinal)-th "
            + "index when counting with the last dimension fastest")
      }
    }
  }

  @Test func contiguousLayoutsAreRecognised() {
    forAll(Gen<[Int]>.shapes, Gen<[Int]>.permutations(of: 4)) { shape, order4 in
      let data = TensorData(Array(repeating: 0, count: shape.reduce(1, *)), shape: shape)
      try check(
        data.isContiguous,
        "isContiguous is false for a fresh layout of \(shape) (strides \(data.strides)), "
          + "expected true")
      let order = order4.filter { $0 < shape.count }
      let permuted = data.permute(order)
      // The permuted view is contiguous exactly when the dimensions of size > 1 keep their order.
      let moved = order.filter { shape[$0] > 1 }
      try check(
        permuted.isContiguous == (moved == moved.sorted()),
        "permute(\(order)) of shape \(shape) gives shape \(permuted.shape), strides "
          + "\(permuted.strides); isContiguous is \(permuted.isContiguous), expected "
          + "\(moved == moved.sorted())")
    }
  }

  @Test func indexIsTheOffsetPlusTheDotProduct() {
    // Layouts of every kind: packed, permuted, and views with gaps that start at an offset
    // inside a larger storage.
    forAll(Gen<TensorData>.tensorData) { data in
      for index in data.indices() {
        let expected = data.offset + zip(index, data.strides).map { $0 * $1 }.reduce(0, +)
        try check(
          data.index(index) == expected,
          "index(\(index)) of shape \(data.shape), strides \(data.strides), offset "
            + "\(data.offset) is \(data.index(index)), expected \(expected) (offset + Σ index · "
            + "stride)")
        try check(
          data[index] == data.storage.values[expected],
          "entry \(index) of shape \(data.shape), strides \(data.strides), offset \(data.offset) "
            + "reads \(data[index]), expected \(data.storage.values[expected]), the number at "
            + "storage position \(expected)")
      }
    }
  }

  @Test func contiguityMeansRowMajorStridesWhateverTheOffset() throws {
    // Contiguous: every dimension of size > 1 has the row-major stride. Views with gaps are
    // not; a packed view that starts at an offset is.
    forAll(Gen<TensorData>.tensorData) { data in
      var expected = true
      var step = 1
      for dimension in data.shape.indices.reversed() {
        if data.shape[dimension] > 1 && data.strides[dimension] != step {
          expected = false
        }
        step *= data.shape[dimension]
      }
      try check(
        data.isContiguous == expected,
        "isContiguous of shape \(data.shape), strides \(data.strides), offset \(data.offset) is "
          + "\(data.isContiguous), expected \(expected)")
    }
    let storage = (0..<24).map(Double.init)
    let layouts: [(shape: [Int], strides: [Int], offset: Int, contiguous: Bool)] = [
      ([2, 3], [3, 1], 5, true),
      ([2, 3], [4, 1], 0, false),
      ([2, 3], [6, 2], 1, false),
      ([3, 1], [1, 7], 2, true),
      ([2, 1, 3], [3, 9, 1], 7, true),
      ([4], [2], 0, false),
      ([2, 2], [1, 2], 3, false),
    ]
    for (shape, strides, offset, contiguous) in layouts {
      let data = TensorData(storage, shape: shape, strides: strides, offset: offset)
      try check(
        data.isContiguous == contiguous,
        "isContiguous of shape \(shape), strides \(strides), offset \(offset) is "
          + "\(data.isContiguous), expected \(contiguous)")
    }
  }

  @Test func aViewThatStartsAtAnOffsetReadsFromThere() throws {
    // The storage 0…11 seen as a 2 × 2 block starting at position 5, rows 4 apart: [[5, 6], [9, 10]].
    let data = TensorData(
      (0..<12).map(Double.init), shape: [2, 2], strides: [4, 1], offset: 5)
    let expected: [([Int], Double)] = [([0, 0], 5), ([0, 1], 6), ([1, 0], 9), ([1, 1], 10)]
    for (index, value) in expected {
      try check(data[index] == value, "entry \(index) reads \(data[index]), expected \(value)")
    }
    try check(
      data.values == [5, 6, 9, 10],
      "the entries of the 2 × 2 block at offset 5 are \(data.values), expected [5, 6, 9, 10]")
    let transposed = data.permute([1, 0])
    try check(
      transposed.offset == 5 && transposed.values == [5, 9, 6, 10],
      "its transpose has offset \(transposed.offset) and entries \(transposed.values), expected "
        + "offset 5 and entries [5, 9, 6, 10]")
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
      let shape = order.map { data.shape[$0] }
      try check(
        permuted.shape == shape,
        "permute(\(order)) of shape \(data.shape) has shape \(permuted.shape), expected \(shape)")
      let strides = order.map { data.strides[$0] }
      try check(
        permuted.strides == strides,
        "permute(\(order)) of shape \(data.shape), strides \(data.strides) has strides "
          + "\(permuted.strides), expected \(strides)")
      try check(
        permuted.sharesStorage(with: data),
        "permute(\(order)) copied the storage, expected a view that shares it")
      for index in permuted.indices() {
        var original = Array(repeating: 0, count: data.dims)
        for (i, dimension) in order.enumerated() {
          original[dimension] = index[i]
        }
        try check(
          permuted[index] == data[original],
          "permute(\(order))\(index) is \(permuted[index]), expected \(data[original]), the "
            + "original entry \(original)")
      }
    }
  }

  @Test func permutingBackRestoresTheLayout() {
    forAll(Gen<TensorData>.tensorData, Gen<[Int]>.permutations(of: 4)) { data, order4 in
      let order = order4.filter { $0 < data.dims }
      let back = data.permute(order).permute(inverse(of: order))
      try check(
        back.shape == data.shape && back.strides == data.strides,
        "permute(\(order)) then its inverse gives shape \(back.shape), strides \(back.strides); "
          + "expected shape \(data.shape), strides \(data.strides)")
      try check(
        back.values == data.values,
        "after permute(\(order)) and back the entries are \(back.values), expected \(data.values)")
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
    try check(second[[0, 1]] == 10, "the written entry reads \(second[[0, 1]]), expected 10")
    try check(
      first[[1, 0]] == 3,
      "after writing 10 into a permuted copy, the original's entry [1, 0] is \(first[[1, 0]]), "
        + "expected 3 (unchanged)")
  }

  @Test func printingShowsNestedLists() throws {
    let data = TensorData([1, 2, 3, 4, 5, 6], shape: [2, 3])
    let expected = "[[1.0, 2.0, 3.0],\n [4.0, 5.0, 6.0]]"
    try check(
      data.description == expected,
      "a [2, 3] layout prints as\n\(data.description)\nexpected\n\(expected)")
    let transposed = "[[1.0, 4.0],\n [2.0, 5.0],\n [3.0, 6.0]]"
    try check(
      data.permute([1, 0]).description == transposed,
      "its transpose prints as\n\(data.permute([1, 0]).description)\nexpected\n\(transposed)")
  }
}
