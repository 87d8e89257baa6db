import Module2
import TestSupport
import Testing

/// Slicing, integer-array indexing, masks and the functional updates: values against NumPy,
/// views against NumPy's layouts, gradients against central differences.
public enum IndexingChecks {
  /// Every check of this file.
  public static let all: [TensorCheck] = [
    TensorCheck("slicing matches NumPy in every layout", slicingMatchesNumPy),
    TensorCheck("basic slices are views with NumPy's strides and offset", slicesAreNumPyViews),
    TensorCheck("gradients of the NumPy slices", gradientsOfNumPySlices),
    TensorCheck("random slices read what a plain loop reads", randomSlicesMatchALoop),
    TensorCheck("integer lists gather, and repeated ones add gradients", listsGather),
    TensorCheck("masks select nonzero places in row-major order", masksSelect),
    TensorCheck("updating and adding match NumPy", updatesMatchNumPy),
    TensorCheck("updating is differentiable in both inputs", updatingIsDifferentiable),
    TensorCheck("adding at repeated places adds", addingAtRepeatedPlaces),
  ]

  static let shape = [2, 3, 4]

  static func slicingMatchesNumPy(_ backend: TensorBackend) throws {
    for layout in Layout.allCases {
      let x = layout.tensor(counting(shape), shape, backend)
      for slice in numpySlices() {
        let result = slice.select(x)
        try expectTensor(
          result, shape: slice.shape, values: slice.values, "\(slice.numpy) of a \(layout) x")
        try check(
          result.data.sharesStorage(with: x.data) == (slice.view != nil),
          "\(slice.numpy) of a \(layout) x: NumPy's result "
            + (slice.view == nil ? "is a copy, ours shares storage" : "is a view, ours is a copy"))
        try check(result.backend.name == backend.name, "\(slice.numpy) left the \(backend) backend")
      }
    }
  }

  static func slicesAreNumPyViews(_ backend: TensorBackend) throws {
    let x = Layout.contiguous.tensor(counting(shape), shape, backend)
    for slice in numpySlices() {
      guard let view = slice.view else { continue }
      let result = slice.select(x).data
      // The stride of a dimension of size 1 is never used (NumPy may give it any sign).
      let used = result.shape.indices.filter { result.shape[$0] > 1 }
      try check(
        used.allSatisfy { result.strides[$0] == view.strides[$0] } && result.offset == view.offset,
        "\(slice.numpy): strides \(result.strides) from offset \(result.offset), NumPy's are "
          + "\(view.strides) from offset \(view.offset)")
    }
  }

  static func gradientsOfNumPySlices(_ backend: TensorBackend) throws {
    for (number, slice) in numpySlices().enumerated() {
      let layout = Layout.allCases[number % Layout.allCases.count]
      let x = layout.tensor(nudgedCounting(shape, seed: UInt64(number)), shape, backend)
      try expectGradients({ slice.select($0[0]) }, [x], "\(slice.numpy) of a \(layout) x")
    }
  }

  static func randomSlicesMatchALoop(_ backend: TensorBackend) throws {
    let cases = Gen<[Int]>.shapes(dims: 1...4).flatMap { shape in
      Gen<Tensor>.laidOut(shape, on: backend).zip(RandomSlice.generator(for: shape))
    }
    forAll(cases, cases: 60) { x, slice in
      let what = "x[slice: \(slice)] of shape \(x.shape), strides \(x.data.strides)"
      let result = x.indexed(by: slice.items)
      try expectTensor(result, shape: slice.shape, values: slice.read(x.data), what)
      try check(
        result.data.sharesStorage(with: x.data) == !slice.reverses,
        "\(what): " + (slice.reverses ? "a reversal must copy" : "basic slicing must be a view"))
      if !slice.reverses {
        // NumPy's layout: each kept dimension steps by step · stride, an inserted one by 0.
        let expected = slice.viewStrides(x.data.strides)
        let used = result.shape.indices.filter { result.shape[$0] > 1 }
        try check(
          used.allSatisfy { result.data.strides[$0] == expected[$0] }
            && result.data.offset == slice.viewOffset(x.data),
          "\(what): strides \(result.data.strides) from offset \(result.data.offset), "
            + "expected \(expected) from \(slice.viewOffset(x.data)) (where sizes exceed 1)")
      }
      try expectGradients({ $0[0].indexed(by: slice.items) }, [x], what)
    }
  }

  static func listsGather(_ backend: TensorBackend) throws {
    let cases = Gen<[Int]>.shapes(dims: 1...3).flatMap { shape in
      Gen<Tensor>.laidOut(shape, on: backend).zip(
        Gen<Int>.ints(in: 0...(shape.count - 1)),
        Gen<Int>.list(of: Gen<Int>.ints(in: -4...3), count: 1...5))
    }
    forAll(cases, cases: 60) { x, dim, raw in
      let n = x.shape[dim]
      let list = raw.map { (($0 % n) + n) % n - ($0 < 0 ? n : 0) }  // in -n..<n
      let items = Array(repeating: TensorIndex.all, count: dim) + [TensorIndex.positions(list)]
      let what = "x[slice: \(Array(repeating: ".all", count: dim) + ["\(list)"])] of \(x.shape)"
      let result = x.indexed(by: items)
      var expectedShape = x.shape
      expectedShape[dim] = list.count
      let expected = (0..<expectedShape.reduce(1, *)).map { ordinal -> Double in
        var index = toIndex(ordinal, expectedShape)
        index[dim] = (list[index[dim]] + n) % n
        return x.data[index]
      }
      try expectTensor(result, shape: expectedShape, values: expected, what)
      try expectGradients({ $0[0].indexed(by: items) }, [x], what)
      // Each entry's gradient counts how often the list names its position.
      let leaf = Tensor(x.data, backend: backend, requiresGrad: true)
      leaf.indexed(by: items).sum().backward()
      for index in x.data.indices() {
        let times = list.count { ($0 + n) % n == index[dim] }
        try check(
          leaf.grad?.data[index] == Double(times),
          "\(what): d(sum)/dx\(index) is \(leaf.grad?.data[index] ?? .nan), but the list "
            + "names position \(index[dim]) \(times) times")
      }
    }
  }

  static func masksSelect(_ backend: TensorBackend) throws {
    let cases = Gen<[Int]>.shapes(dims: 1...3).flatMap { shape in
      Gen<Tensor>.laidOut(shape, on: backend).zip(Gen<Tensor>.laidOut(shape, on: backend))
    }
    forAll(cases, cases: 60) { x, noise in
      // Nonzero where noise > 0, and always at the first entry, so the mask selects something.
      var maskValues = noise.data.values.map { $0 > 0 ? 1.0 : 0.0 }
      maskValues[0] = 1
      let mask = Tensor(shape: x.shape, data: maskValues, backend: backend)
      let what = "x[slice: mask] with x \(x.shape) and mask \(maskValues)"
      let expected = zip(x.data.values, maskValues).filter { $0.1 != 0 }.map(\.0)
      try expectTensor(x[slice: mask], shape: [expected.count], values: expected, what)
      try expectGradients({ $0[0][slice: mask] }, [x], what)
    }
  }

  static func updatesMatchNumPy(_ backend: TensorBackend) throws {
    for layout in Layout.allCases {
      let x = layout.tensor(counting(shape), shape, backend)
      for update in numpyUpdates() {
        let result = update.update(x)
        try expectTensor(result, shape: shape, values: update.values, "\(update.numpy), \(layout)")
        try check(
          x.data.values == counting(shape), "\(update.numpy) changed x itself (\(layout))")
      }
    }
  }

  static func updatingIsDifferentiable(_ backend: TensorBackend) throws {
    // (what, the update of x by y, y's shape): y is broadcast where its shape is smaller.
    let cases: [(String, (Tensor, Tensor) -> Tensor, [Int])] = [
      ("x.updating(at: 0, with: y)", { $0.updating(at: 0, with: $1) }, [3, 4]),
      ("x.updating(at: .all, 1, with: y [4])", { $0.updating(at: .all, 1, with: $1) }, [4]),
      (
        "x.updating(at: .ellipsis, .every(-2), with: y [3, 1])",
        {
          $0.updating(at: .ellipsis, .every(-2), with: $1)
        }, [3, 1]
      ),
      (
        "x.updating(at: [1, 0], [2, 0], with: y [2, 1])",
        {
          $0.updating(at: [1, 0], [2, 0], with: $1)
        }, [2, 1]
      ),
      ("x.updating(at: x > 11.5, with: y [1])", { $0.updating(at: $0.gt(11.5), with: $1) }, [1]),
      ("x.adding(y, at: [0, 0, 1])", { $0.adding($1, at: [0, 0, 1]) }, [4]),
    ]
    for (number, (what, update, valueShape)) in cases.enumerated() {
      let layout = Layout.allCases[number % Layout.allCases.count]
      let x = layout.tensor(nudgedCounting(shape, seed: UInt64(number)), shape, backend)
      let y = Layout.permuted.tensor(
        nudgedCounting(valueShape, seed: 100 + UInt64(number)), valueShape, backend)
      try expectGradients({ update($0[0], $0[1]) }, [x, y], "\(what), x \(layout)")
    }
    // The gradients MyGrad gives for z = x.copy(); z[0] = v; (z * w).sum() with w = 0…5.
    let x = Tensor(shape: [2, 3], data: counting([2, 3]), backend: backend, requiresGrad: true)
    let v = Tensor(shape: [3], data: [10, 20, 30], backend: backend, requiresGrad: true)
    let weights = Tensor(shape: [2, 3], data: counting([2, 3]), backend: backend)
    (x.updating(at: 0, with: v) * weights).sum().backward()
    try expectTensor(x.grad!, shape: [2, 3], values: [0, 0, 0, 3, 4, 5], "x.grad as in MyGrad")
    try expectTensor(v.grad!, shape: [3], values: [0, 1, 2], "v.grad as in MyGrad")
  }

  static func addingAtRepeatedPlaces(_ backend: TensorBackend) throws {
    let x = Tensor(shape: [2, 3], data: counting([2, 3]), backend: backend, requiresGrad: true)
    let v = Tensor(shape: [4, 3], data: counting([4, 3]), backend: backend, requiresGrad: true)
    let y = x.adding(v, at: [1, 0, 1, 1])
    // Row 1 gets v's rows 0, 2 and 3; row 0 gets row 1 (np.add.at).
    try expectTensor(
      y, shape: [2, 3], values: [3, 5, 7, 18, 22, 26], "x.adding(v, at: [1, 0, 1, 1])")
    y.backward(Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6], backend: backend))
    try expectTensor(x.grad!, shape: [2, 3], values: [1, 2, 3, 4, 5, 6], "x.grad")
    try expectTensor(
      v.grad!, shape: [4, 3], values: [4, 5, 6, 1, 2, 3, 4, 5, 6, 4, 5, 6], "v.grad")
  }
}

/// A random basic slicing expression for a shape, with what it must read: a plain-loop oracle
/// written from NumPy's rules, independent of `IndexPlan`.
struct RandomSlice: CustomStringConvertible {
  /// One dimension of the result: positions of an input dimension, or an inserted one.
  enum Output {
    case input(dim: Int, positions: [Int], step: Int)
    case newAxis
  }

  var items: [TensorIndex] = []
  var text: [String] = []
  var outputs: [Output] = []
  /// Per input dimension, the position an integer item fixed.
  var fixed: [Int?] = []

  var description: String { text.joined(separator: ", ") }

  /// The result's shape ([1] when every dimension was dropped).
  var shape: [Int] {
    let sizes = outputs.map { output -> Int in
      if case .input(_, let positions, _) = output { return positions.count }
      return 1
    }
    return sizes.isEmpty ? [1] : sizes
  }

  /// Whether some dimension is walked backwards (then the result is a copy).
  var reverses: Bool {
    outputs.contains { output in
      if case .input(_, let positions, let step) = output {
        return step < 0 && positions.count > 1
      }
      return false
    }
  }

  /// The entries read from `data`, in row-major order of the result.
  func read(_ data: TensorData) -> [Double] {
    (0..<shape.reduce(1, *)).map { ordinal in
      let outIndex = toIndex(ordinal, shape)
      var index = fixed.map { $0 ?? 0 }
      for (k, output) in outputs.enumerated() {
        if case .input(let dim, let positions, _) = output {
          index[dim] = positions[outIndex[k]]
        }
      }
      return data[index]
    }
  }

  /// NumPy's strides for the view over input strides `strides`.
  func viewStrides(_ strides: [Int]) -> [Int] {
    let result = outputs.map { output -> Int in
      guard case .input(let dim, _, let step) = output else { return 0 }
      return step * strides[dim]
    }
    return result.isEmpty ? [0] : result
  }

  /// NumPy's offset for the view: the position of the first entry read.
  func viewOffset(_ data: TensorData) -> Int {
    var index = fixed.map { $0 ?? 0 }
    for output in outputs {
      if case .input(let dim, let positions, _) = output { index[dim] = positions[0] }
    }
    return data.index(index)
  }

  /// Random expressions for `shape`: integers (some negative), `.all`, Swift ranges of every
  /// kind, `.positions(from:to:by:)` with any step, inserted `.newAxis` items, and an ellipsis or
  /// left-out dimensions at the end.
  static func generator(for shape: [Int]) -> Gen<RandomSlice> {
    Gen { rng in
      var slice = RandomSlice()
      slice.fixed = Array(repeating: nil, count: shape.count)
      let keepsTail = rng.nextInt(in: 0...2)  // 0: write every item, 1: ellipsis, 2: leave out
      let tailStart = keepsTail == 0 ? shape.count : rng.nextInt(in: 0...shape.count)
      for (dim, n) in shape.enumerated() {
        if rng.nextInt(in: 0...6) == 0 { slice.add(.newAxis, ".newAxis", .newAxis) }
        if dim == tailStart {
          if keepsTail == 1 { slice.add(.ellipsis, ".ellipsis", nil) }
          for rest in dim..<shape.count {
            slice.outputs.append(.input(dim: rest, positions: Array(0..<shape[rest]), step: 1))
          }
          break
        }
        slice.addItem(for: dim, size: n, using: &rng)
      }
      return slice
    }
  }

  private mutating func add(_ item: TensorIndex, _ written: String, _ output: Output?) {
    items.append(item)
    text.append(written)
    if let output { outputs.append(output) }
  }

  private mutating func addItem(for dim: Int, size n: Int, using rng: inout SplitMix64) {
    func written(_ value: Int) -> String { value < 0 ? "(\(value))" : "\(value)" }
    switch rng.nextInt(in: 0...3) {
    case 0:
      let p = rng.nextInt(in: 0...(n - 1))
      let spelled = rng.nextInt(in: 0...1) == 0 ? p : p - n
      fixed[dim] = p
      add(.at(spelled), "\(spelled)", nil)
    case 1:
      add(.all, ".all", .input(dim: dim, positions: Array(0..<n), step: 1))
    case 2:
      let lower = rng.nextInt(in: 0...(n - 1))
      let upper = rng.nextInt(in: (lower + 1)...n)
      let positions = Array(lower..<upper)
      // Bounds spelled from the end where that is possible (an end of n has no such spelling).
      let low = lower > 0 && rng.nextInt(in: 0...1) == 0 ? lower - n : lower
      let high = upper < n && rng.nextInt(in: 0...1) == 0 ? upper - n : upper
      switch rng.nextInt(in: 0...4) {
      case 0 where low <= high:
        add((low..<high).tensorIndex, "\(written(low))..<\(written(high))", nil)
      case 1 where low <= high - 1:
        add((low...(high - 1)).tensorIndex, "\(written(low))...\(written(high - 1))", nil)
      case 2 where upper == n:
        add((low...).tensorIndex, "\(written(low))...", nil)
      case 3 where lower == 0:
        add((..<high).tensorIndex, "..<\(written(high))", nil)
      default:
        add(
          .positions(from: low, to: high), ".positions(from: \(low), to: \(high))", nil)
      }
      outputs.append(.input(dim: dim, positions: positions, step: 1))
    default:
      let step = [1, 2, 3, -1, -2, -3][rng.nextInt(in: 0...5)]
      let start: Int? = rng.nextInt(in: 0...2) == 0 ? nil : rng.nextInt(in: 0...(n - 1))
      let stop: Int? = rng.nextInt(in: 0...2) == 0 ? nil : rng.nextInt(in: 0...n)
      // NumPy's rule: from start, by step, while before stop (after it, going down).
      let first = start ?? (step > 0 ? 0 : n - 1)
      let end = stop ?? (step > 0 ? n : -1)
      let positions = Array(Swift.stride(from: first, to: end, by: step))
      guard !positions.isEmpty else {
        add(.all, ".all", .input(dim: dim, positions: Array(0..<n), step: 1))
        return
      }
      let spelledStart = start.map { $0 > 0 && rng.nextInt(in: 0...1) == 0 ? $0 - n : $0 }
      let spelledStop = stop.map { $0 > 0 && $0 < n && rng.nextInt(in: 0...1) == 0 ? $0 - n : $0 }
      let words = [
        spelledStart.map { "from: \($0)" }, spelledStop.map { "to: \($0)" }, "by: \(step)",
      ]
      add(
        .positions(from: spelledStart, to: spelledStop, by: step),
        ".positions(\(words.compactMap { $0 }.joined(separator: ", ")))",
        .input(dim: dim, positions: positions, step: step))
    }
  }
}
