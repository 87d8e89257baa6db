import Module2
import TestSupport
import Testing

/// The backend's layout operations on `TensorData`, against plain loops over indices written
/// here from their definitions: gather, scatterAdd (its adjoint), concatenate and scan.
public enum LayoutOperationChecks {
  /// Every check of this file.
  public static let all: [TensorCheck] = [
    TensorCheck("gather reads the listed positions", gatherReadsPositions),
    TensorCheck("scatterAdd adds at the listed positions, repeats adding up", scatterAddAdds),
    TensorCheck("scatterAdd is the adjoint of gather", scatterAddIsTheAdjoint),
    TensorCheck("concatenate lays the parts end to end", concatenateLaysPartsEndToEnd),
    TensorCheck("scan folds every prefix (or suffix)", scanFoldsPrefixes),
  ]

  /// A layout of a random shape, a dimension of it, and positions along that dimension (with
  /// repeats) of a random length.
  static func gatherCases(_ backend: TensorBackend) -> Gen<(Tensor, Int, [Int])> {
    Gen<[Int]>.shapes(dims: 1...4).flatMap { shape in
      Gen<Tensor>.laidOut(shape, on: backend).zip(Gen<Int>.ints(in: 0...(shape.count - 1)))
        .flatMap { x, dim in
          Gen<Int>.list(of: .ints(in: 0...(shape[dim] - 1)), count: 1...6).map { (x, dim, $0) }
        }
    }
  }

  static func gatherReadsPositions(_ backend: TensorBackend) throws {
    forAll(gatherCases(backend), cases: 80) { x, dim, positions in
      let out = backend.ops.gather(x.data, dim: dim, positions: positions)
      var shape = x.shape
      shape[dim] = positions.count
      let expected = (0..<shape.reduce(1, *)).map { ordinal -> Double in
        var index = toIndex(ordinal, shape)
        index[dim] = positions[index[dim]]
        return x.data[index]
      }
      try check(
        out.shape == shape && out.values == expected && out.isContiguous,
        "gather(dim: \(dim), positions: \(positions)) of shape \(x.shape), strides "
          + "\(x.data.strides): \(out.shape) \(out.values), expected \(shape) \(expected)")
    }
  }

  static func scatterAddAdds(_ backend: TensorBackend) throws {
    let cases = gatherCases(backend).flatMap { x, dim, positions in
      Gen<Int>.ints(in: 0...2).map { extra in (x, dim, positions, extra) }
    }
    forAll(cases, cases: 80) { x, dim, raw, extra in
      // x holds the values: its size along `dim` is the number of positions.
      let size = x.shape[dim] + extra
      let positions = (0..<x.shape[dim]).map { raw[$0 % raw.count] % size }
      let out = backend.ops.scatterAdd(x.data, dim: dim, positions: positions, size: size)
      var shape = x.shape
      shape[dim] = size
      var expected = Array(repeating: 0.0, count: shape.reduce(1, *))
      for index in x.data.indices() {
        var target = index
        target[dim] = positions[index[dim]]
        expected[indexToPosition(target, stridesFromShape(shape))] += x.data[index]
      }
      try check(
        out.shape == shape && out.isContiguous,
        "scatterAdd(dim: \(dim), positions: \(positions), size: \(size)) of \(x.shape): "
          + "shape \(out.shape), expected \(shape)")
      for (k, (got, want)) in zip(out.values, expected).enumerated() {
        try assertClose(
          got, want,
          "scatterAdd(dim: \(dim), positions: \(positions), size: \(size)) of "
            + "\(x.shape), strides \(x.data.strides), entry \(k)")
      }
    }
  }

  static func scatterAddIsTheAdjoint(_ backend: TensorBackend) throws {
    let cases = gatherCases(backend).flatMap { x, dim, positions in
      var shape = x.shape
      shape[dim] = positions.count
      return Gen<Tensor>.laidOut(shape, on: backend).map { (x, dim, positions, $0) }
    }
    forAll(cases, cases: 80) { x, dim, positions, v in
      // ⟨gather(x), v⟩ = ⟨x, scatterAdd(v)⟩ for every x and v.
      let ops = backend.ops
      let left = zip(ops.gather(x.data, dim: dim, positions: positions).values, v.data.values)
        .reduce(0) { $0 + $1.0 * $1.1 }
      let spread = ops.scatterAdd(v.data, dim: dim, positions: positions, size: x.shape[dim])
      let right = zip(x.data.values, spread.values).reduce(0) { $0 + $1.0 * $1.1 }
      try assertClose(
        left, right,
        "⟨gather(x), v⟩ against ⟨x, scatterAdd(v)⟩ for x \(x.shape), dim \(dim), "
          + "positions \(positions)")
    }
  }

  static func concatenateLaysPartsEndToEnd(_ backend: TensorBackend) throws {
    let cases = Gen<[Int]>.shapes(dims: 1...3).zip(
      Gen<Int>.list(of: .ints(in: 1...3), count: 1...4)
    )
    .flatMap { shape, sizes in
      Gen<Int>.ints(in: 0...(shape.count - 1)).flatMap { dim in
        let parts = sizes.map { size -> Gen<Tensor> in
          var partShape = shape
          partShape[dim] = size
          return .laidOut(partShape, on: backend)
        }
        return Gen<[Tensor]> { rng in parts.map { $0.generate(using: &rng) } }.map { (dim, $0) }
      }
    }
    forAll(cases, cases: 60) { dim, parts in
      let out = backend.ops.concatenate(parts.map(\.data), dim: dim)
      var start = 0
      for part in parts {
        for index in part.data.indices() {
          var target = index
          target[dim] += start
          try check(
            out[target] == part.data[index],
            "concatenate(dim: \(dim)) of \(parts.map(\.shape)): entry \(target) is "
              + "\(out[target]), but part entry \(index) is \(part.data[index])")
        }
        start += part.shape[dim]
      }
      try check(out.isContiguous, "concatenate must return a contiguous layout")
    }
  }

  static func scanFoldsPrefixes(_ backend: TensorBackend) throws {
    // Every reduction kind (a fast backend may specialise each) and a custom one.
    let operators =
      ReduceOperator.Kind.allCases.compactMap(ReduceOperator.standard) + [
        ReduceOperator("product", start: 1) { $0 * $1 }
      ]
    let cases = Gen<[Int]>.shapes(dims: 1...4).flatMap { shape in
      Gen<Tensor>.laidOut(shape, on: backend).zip(
        Gen<Int>.ints(in: 0...(shape.count - 1)),
        Gen<Int>.ints(in: 0...(2 * operators.count - 1)))
    }
    forAll(cases, cases: 80) { x, dim, choice in
      let f = operators[choice % operators.count]
      let reversed = choice >= operators.count
      let out = backend.ops.scan(x.data, dim: dim, f, reversed: reversed)
      for index in x.data.indices() {
        var accumulator = f.start
        var other = index
        let steps = reversed ? Array((index[dim]..<x.shape[dim]).reversed()) : Array(0...index[dim])
        for k in steps {
          other[dim] = k
          accumulator = f(accumulator, x.data[other])
        }
        try check(
          out[index] == accumulator,
          "scan(dim: \(dim), \(f), reversed: \(reversed)) of \(x.shape), strides "
            + "\(x.data.strides): entry \(index) is \(out[index]), the fold gives \(accumulator)")
      }
    }
  }
}
