import Module2
import TestSupport
import Testing

/// Shape functions, concatenate, stack and cumsum: values against NumPy, which ones are views,
/// and gradients against central differences.
public enum ShapeChecks {
  /// Every check of this file.
  public static let all: [TensorCheck] = [
    TensorCheck("shape functions match NumPy in every layout", shapeFunctionsMatchNumPy),
    TensorCheck("gradients of the shape functions", gradientsOfShapeFunctions),
    TensorCheck("reshape is a view when it can be, a copy when not", reshapeViewsOrCopies),
    TensorCheck("broadcast(to:) is a view with stride 0 whose gradient sums", broadcastIsAView),
    TensorCheck("concatenate and stack along any dimension", concatenateAlongAnyDimension),
    TensorCheck("cumsum along any dimension, and its gradient", cumsumAlongAnyDimension),
  ]

  static let shape = [2, 3, 4]

  static func shapeFunctionsMatchNumPy(_ backend: TensorBackend) throws {
    for layout in Layout.allCases {
      let x = layout.tensor(counting(shape), shape, backend)
      for function in numpyShapeFunctions() {
        try expectTensor(
          function.apply(x), shape: function.shape, values: function.values,
          "\(function.numpy) of a \(layout) x")
      }
    }
  }

  static func gradientsOfShapeFunctions(_ backend: TensorBackend) throws {
    for (number, function) in numpyShapeFunctions().enumerated() {
      let layout = Layout.allCases[number % Layout.allCases.count]
      let x = layout.tensor(nudgedCounting(shape, seed: UInt64(number)), shape, backend)
      try expectGradients({ function.apply($0[0]) }, [x], "\(function.numpy) of a \(layout) x")
    }
  }

  static func reshapeViewsOrCopies(_ backend: TensorBackend) throws {
    let x = Layout.contiguous.tensor(counting(shape), shape, backend)
    let views: [(String, Tensor)] = [
      ("x.reshape(4, -1)", x.reshape(4, -1)), ("x.flatten()", x.flatten()),
      ("x.transposed()", x.transposed()), ("x.unsqueeze(1)", x.unsqueeze(1)),
      ("x[slice: 0..<1].squeeze()", x[slice: 0..<1].squeeze()),
      ("x.diagonal(1, 2)", x[slice: .ellipsis, ..<3].diagonal(1, 2)),
      ("x[slice: 1].reshape(-1)", x[slice: 1].reshape(-1)),
    ]
    for (what, result) in views {
      try check(result.data.sharesStorage(with: x.data), "\(what) must be a view of x")
    }
    let copies: [(String, Tensor)] = [
      ("x.transposed().reshape(-1)", x.transposed().reshape(-1)),
      ("x[slice: .all, 1].flatten()", x[slice: .all, 1].flatten()),
      ("x.flip(0)", x.flip(0)),
    ]
    for (what, result) in copies {
      try check(
        !result.data.sharesStorage(with: x.data) && result.data.isContiguous,
        "\(what) must be a contiguous copy")
    }
  }

  static func broadcastIsAView(_ backend: TensorBackend) throws {
    let row = Tensor(shape: [1, 3], data: [1, 2, 3], backend: backend, requiresGrad: true)
    let wide = row.broadcast(to: [2, 4, 3])
    try check(
      wide.data.strides == [0, 0, 1] && wide.data.sharesStorage(with: row.data),
      "[1, 3] broadcast to [2, 4, 3] has strides \(wide.data.strides), expected [0, 0, 1], "
        + "sharing storage")
    try expectTensor(
      wide, shape: [2, 4, 3], values: Array(repeating: [1.0, 2, 3], count: 8).flatMap { $0 },
      "broadcast(to: [2, 4, 3])")
    (wide * wide).sum().backward()
    // Each entry is used 8 times: d/dr Σ r² over 8 copies = 16 r.
    try expectTensor(row.grad!, shape: [1, 3], values: [16, 32, 48], "grad of Σ broadcast²")
    let cases = Gen<[Int]>.shapes(dims: 1...3, maxSize: 3).flatMap { shape in
      Gen<Tensor>.laidOut(shape, on: backend).zip(
        Gen<[Int]>.shapes(dims: 0...2, maxSize: 3),
        Gen<Bool>.list(of: Gen<Bool>.element(of: [false, true]), count: 3...3))
    }
    forAll(cases, cases: 40) { x, extra, ones in
      // The input has size 1 where `ones` says so; the target adds `extra` in front.
      var small = x.shape
      for k in small.indices where ones[k] { small[k] = 1 }
      let input = x.indexed(by: small.map { $0 == 1 ? .positions(to: 1) : .all })
      let target = extra + x.shape
      let what = "broadcast of shape \(input.shape) to \(target)"
      try expectGradients({ $0[0].broadcast(to: target) }, [input], what)
      let expected = (0..<target.reduce(1, *)).map { ordinal -> Double in
        let index = Array(toIndex(ordinal, target).dropFirst(extra.count))
        return input.data[zip(index, input.shape).map { $1 == 1 ? 0 : $0 }]
      }
      try expectTensor(input.broadcast(to: target), shape: target, values: expected, what)
    }
  }

  static func concatenateAlongAnyDimension(_ backend: TensorBackend) throws {
    let cases = Gen<[Int]>.shapes(dims: 1...3, maxSize: 3).flatMap { shape in
      Gen<Int>.ints(in: -shape.count...(shape.count - 1)).zip(
        Gen<Int>.list(of: .ints(in: 1...3), count: 1...11)
      ).flatMap { dim, sizes in
        let d = dim < 0 ? dim + shape.count : dim
        let parts = sizes.map { size -> Gen<Tensor> in
          var partShape = shape
          partShape[d] = size
          return .laidOut(partShape, on: backend)
        }
        return Gen<[Tensor]> { rng in parts.map { $0.generate(using: &rng) } }.map { (dim, $0) }
      }
    }
    forAll(cases, cases: 25) { dim, parts in
      let d = dim < 0 ? dim + parts[0].dims : dim
      let what = "concatenate of shapes \(parts.map(\.shape)) along \(dim)"
      var shape = parts[0].shape
      shape[d] = parts.reduce(0) { $0 + $1.shape[d] }
      // Entry i along d comes from the part whose stretch holds it.
      let expected = (0..<shape.reduce(1, *)).map { ordinal -> Double in
        var index = toIndex(ordinal, shape)
        for part in parts {
          if index[d] < part.shape[d] { return part.data[index] }
          index[d] -= part.shape[d]
        }
        preconditionFailure("no part holds \(index)")
      }
      try expectTensor(Tensor.concatenate(parts, dim: dim), shape: shape, values: expected, what)
      try expectGradients({ Tensor.concatenate($0, dim: dim) }, parts, what, samples: 3)
      // stack: the parts made one shape first.
      let same = parts.indices.map { k in
        Layout.allCases[k % Layout.allCases.count].tensor(
          parts[0].data.values.map { $0 + Double(k) }, parts[0].shape, backend)
      }
      let stacked = Tensor.stack(same, dim: dim)
      var stackedShape = parts[0].shape
      stackedShape.insert(same.count, at: dim < 0 ? dim + parts[0].dims + 1 : dim)
      try check(
        stacked.shape == stackedShape,
        "stack of \(same.count) tensors of shape \(parts[0].shape) along \(dim): shape "
          + "\(stacked.shape), expected \(stackedShape)")
      try expectGradients(
        { Tensor.stack($0, dim: dim) }, same, "stack along \(dim)", samples: 3)
    }
  }

  static func cumsumAlongAnyDimension(_ backend: TensorBackend) throws {
    let cases = Gen<[Int]>.shapes(dims: 1...4, maxSize: 3).flatMap { shape in
      Gen<Tensor>.laidOut(shape, on: backend).zip(Gen<Int>.ints(in: 0...(shape.count - 1)))
    }
    forAll(cases, cases: 40) { x, dim in
      let what = "cumsum(dim: \(dim)) of shape \(x.shape), strides \(x.data.strides)"
      let expected = x.data.indices().map { index -> Double in
        var total = 0.0
        var earlier = index
        for k in 0...index[dim] {
          earlier[dim] = k
          total += x.data[earlier]
        }
        return total
      }
      try expectTensor(
        x.cumsum(dim: dim), shape: x.shape, values: expected, what, tolerance: .standard)
      try expectGradients({ $0[0].cumsum(dim: dim) }, [x], what)
    }
  }
}
