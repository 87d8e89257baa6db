import Foundation
import Module2
import TestSupport
import Testing

/// The laws of Module 2's NumPy-style math and reductions, each written once and checked on
/// random tensors (random shapes, broadcast pairs, contiguous, permuted and strided layouts) on
/// the backend a suite passes: `.simple` in Module2Tests, `.fast` in Module4Tests. Values are
/// compared with plain `Double` math on the entries; gradients with central differences
/// (`gradCheck`, random upstream gradients).
public enum NumPySurfaceLaw: String, CaseIterable, Sendable, CustomTestStringConvertible {
  /// pow, sqrt, square, sin, cos, tanh and abs compute the formula at every entry.
  case elementwiseValuesFollowTheFormulas
  /// Their gradients match central differences (away from the kinks).
  case elementwiseGradientsMatchCentralDifferences
  /// aᵇ with a tensor exponent, broadcast, is differentiable in both.
  case powWithATensorExponentIsDifferentiableInBoth
  /// maximum, minimum and clamp pick the right entries and send the gradient to them.
  case maximumMinimumAndClampFollowTheirDefinitions
  /// sum, mean, prod, variance and all over any set of dimensions match plain loops, with or
  /// without the reduced dimensions kept.
  case reductionValuesMatchPlainLoops
  /// Their gradients match central differences, also with zeros in a product.
  case reductionGradientsMatchCentralDifferences

  /// The law's name.
  public var testDescription: String { rawValue }

  /// Checks the law on random tensors of `backend`, recording an issue with the failing input
  /// and the replay command when it does not hold.
  public func check(on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation) {
    switch self {
    case .elementwiseValuesFollowTheFormulas:
      forAll(signedAndPositive(backend), cases: 40, sourceLocation: sourceLocation) { t, p in
        try checkElementwiseValuesFollowTheFormulas(t, p)
      }
    case .elementwiseGradientsMatchCentralDifferences:
      forAll(signedAndPositive(backend), cases: 25, sourceLocation: sourceLocation) { t, p in
        try checkElementwiseGradientsMatchCentralDifferences(t, p)
      }
    case .powWithATensorExponentIsDifferentiableInBoth:
      let pairs = Gen<Tensor>.broadcastPairs(values: .uniform(0.5..<2), backend: backend)
      forAll(pairs, cases: 40, sourceLocation: sourceLocation) { a, b in
        try checkPowWithATensorExponentIsDifferentiableInBoth(a, b)
      }
    case .maximumMinimumAndClampFollowTheirDefinitions:
      let pairs = Gen<Tensor>.broadcastPairs(values: .uniform(-2..<2), backend: backend)
      forAll(pairs, cases: 40, sourceLocation: sourceLocation) { a, b in
        try checkMaximumMinimumAndClampFollowTheirDefinitions(a, b)
      }
    case .reductionValuesMatchPlainLoops:
      let values = Gen<Double>.element(of: [0, 0.5, -1, 1.5, 2, -2, 3])
      let inputs = Gen<Tensor>.tensors(values: values, backend: backend).flatMap { t in
        Gen<[Int]>.dimensionSets(of: t.dims).zip(.element(of: [true, false])).map { (t, $0, $1) }
      }
      forAll(inputs, cases: 60, sourceLocation: sourceLocation) { t, dims, keepDims in
        try checkReductionValuesMatchPlainLoops(t, dims, keepDims: keepDims)
      }
    case .reductionGradientsMatchCentralDifferences:
      let inputs = Gen<[Int]>.shapes.flatMap { shape in
        Gen<Tensor>.tensors(shape, values: .uniform(-2..<2), backend: backend)
          .zip(
            .tensors(shape, values: .element(of: [0, 0, 0.5, -1.5, 2]), backend: backend),
            Gen<[Int]>.dimensionSets(of: shape.count))
      }
      forAll(inputs, cases: 25, sourceLocation: sourceLocation) { t, withZeros, dims in
        try checkReductionGradientsMatchCentralDifferences(t, withZeros, dims)
      }
    }
  }
}

/// A tensor with entries of magnitude 0.25 to 3 and either sign (never near 0, abs's kink), and
/// one of the same shape with positive entries (for roots and powers).
private func signedAndPositive(_ backend: TensorBackend) -> Gen<(Tensor, Tensor)> {
  let signed = Gen<Double>.uniform(0.25..<3).zip(.element(of: [-1.0, 1.0])).map { $0 * $1 }
  return Gen<[Int]>.shapes.flatMap { shape in
    Gen<Tensor>.tensors(shape, values: signed, backend: backend)
      .zip(.tensors(shape, values: .uniform(0.25..<3), backend: backend))
  }
}

/// A seed for `gradCheck` that differs between inputs but is fixed for a given one.
private func seed(_ t: Tensor) -> UInt64 {
  UInt64(t.data.values.reduce(0) { $0 + Swift.abs($1) } * 1000) % 10_007
}

private func checkElementwiseValuesFollowTheFormulas(_ t: Tensor, _ p: Tensor) throws {
  let signed: [(String, (Tensor) -> Tensor, (Double) -> Double)] = [
    ("square", { $0.square() }, { $0 * $0 }),
    ("sin", { $0.sin() }, { Foundation.sin($0) }),
    ("cos", { $0.cos() }, { Foundation.cos($0) }),
    ("tanh", { $0.tanh() }, { Foundation.tanh($0) }),
    ("abs", { $0.abs() }, { Swift.abs($0) }),
    ("pow(3)", { $0.pow(3) }, { Foundation.pow($0, 3) }),
    ("pow(-2)", { $0.pow(-2) }, { Foundation.pow($0, -2) }),
  ]
  let positive: [(String, (Tensor) -> Tensor, (Double) -> Double)] = [
    ("sqrt", { $0.sqrt() }, { $0.squareRoot() }),
    ("pow(0.5)", { $0.pow(0.5) }, { Foundation.pow($0, 0.5) }),
    ("pow(-1.5)", { $0.pow(-1.5) }, { Foundation.pow($0, -1.5) }),
  ]
  for (input, table) in [(t, signed), (p, positive)] {
    for (name, f, formula) in table {
      let result = f(input)
      try check(
        result.shape == input.shape, "\(name) of shape \(input.shape) has shape \(result.shape)")
      for index in input.data.indices() {
        try assertClose(
          result.data[index], formula(input.data[index]), "\(name)(\(input.data[index]))")
      }
    }
  }
}

private func checkElementwiseGradientsMatchCentralDifferences(_ t: Tensor, _ p: Tensor) throws {
  let signed: [(Tensor) -> Tensor] = [
    { $0.square() }, { $0.sin() }, { $0.cos() }, { $0.tanh() }, { $0.abs() }, { $0.pow(3) },
    { $0.pow(0) },
  ]
  for f in signed {
    try gradCheck({ f($0[0]) }, [t], seed: seed(t))
  }
  let positive: [(Tensor) -> Tensor] = [
    { $0.sqrt() }, { $0.pow(0.5) }, { $0.pow(-1.5) }, { $0.pow(2.5) },
  ]
  for f in positive {
    try gradCheck({ f($0[0]) }, [p], seed: seed(p))
  }
}

private func checkPowWithATensorExponentIsDifferentiableInBoth(_ a: Tensor, _ b: Tensor) throws {
  let power = a.pow(b)
  for index in power.data.indices() {
    let (x, y) = (entry(a, at: index), entry(b, at: index))
    try assertClose(power.data[index], Foundation.pow(x, y), "pow(\(x), \(y))")
  }
  try gradCheck({ $0[0].pow($0[1]) }, [a, b], seed: seed(a))
}

private func checkMaximumMinimumAndClampFollowTheirDefinitions(_ a: Tensor, _ b: Tensor) throws {
  let (larger, smaller) = (a.maximum(b), a.minimum(b))
  for index in larger.data.indices() {
    let (x, y) = (entry(a, at: index), entry(b, at: index))
    try assertClose(larger.data[index], Swift.max(x, y), "maximum(\(x), \(y))", tolerance: .exact)
    try assertClose(smaller.data[index], Swift.min(x, y), "minimum(\(x), \(y))", tolerance: .exact)
  }
  let clamped = a.clamp(min: -0.5, max: 1)
  for index in a.data.indices() {
    let x = a.data[index]
    try assertClose(
      clamped.data[index], Swift.min(Swift.max(x, -0.5), 1), "clamp(\(x), min: -0.5, max: 1)",
      tolerance: .exact)
  }
  try gradCheck({ $0[0].maximum($0[1]) }, [a, b], seed: seed(a))
  try gradCheck({ $0[0].minimum($0[1]) }, [a, b], seed: seed(b))
  try gradCheck({ $0[0].clamp(min: -0.5, max: 1) }, [a], seed: seed(a))
  try gradCheck({ $0[0].clamp(max: 0.25) }, [b], seed: seed(b))
}

private func checkReductionValuesMatchPlainLoops(_ t: Tensor, _ dims: [Int], keepDims: Bool) throws
{
  let count = dims.reduce(1) { $0 * t.shape[$1] }
  let one = dims.count == 1
  var cases: [(String, Tensor, ([Double]) -> Double)] = [
    ("sum", t.sum(dims: dims, keepDims: keepDims), { $0.reduce(0, +) }),
    ("mean", t.mean(dims: dims, keepDims: keepDims), { $0.reduce(0, +) / Double($0.count) }),
    ("prod", t.prod(dims: dims, keepDims: keepDims), { $0.reduce(1, *) }),
    ("variance", t.variance(dims: dims, keepDims: keepDims), { plainVariance($0, 0) }),
    ("std", t.std(dims: dims, keepDims: keepDims), { plainVariance($0, 0).squareRoot() }),
    ("all", t.all(dims: dims, keepDims: keepDims), { $0.allSatisfy { $0 != 0 } ? 1 : 0 }),
  ]
  if count > 1 {
    cases.append(
      (
        "variance(correction: 1)", t.variance(dims: dims, correction: 1, keepDims: keepDims),
        { plainVariance($0, 1) }
      ))
  }
  if one {
    let dim = dims[0]
    cases += [
      ("sum(dim:)", t.sum(dim: dim, keepDims: keepDims), { $0.reduce(0, +) }),
      ("mean(dim:)", t.mean(dim: dim, keepDims: keepDims), { $0.reduce(0, +) / Double($0.count) }),
      ("prod(dim:)", t.prod(dim: dim, keepDims: keepDims), { $0.reduce(1, *) }),
      ("std(dim:)", t.std(dim: dim, keepDims: keepDims), { plainVariance($0, 0).squareRoot() }),
      ("all(dim:)", t.all(dim: dim, keepDims: keepDims), { $0.allSatisfy { $0 != 0 } ? 1 : 0 }),
    ]
  }
  let expectedShape = reducedShape(t.shape, dims, keepDims: keepDims)
  for (name, result, fold) in cases {
    let call = "\(name) over \(dims) (keepDims: \(keepDims)) of shape \(t.shape)"
    try check(
      result.shape == expectedShape, "\(call) has shape \(result.shape), expected \(expectedShape)")
    let groups = plainGroups(t, dims)
    for (ordinal, group) in groups.enumerated() {
      let got = result.data.values[ordinal]
      try assertClose(got, fold(group), "\(call), entry \(ordinal) (group \(group))")
    }
  }
  // A reduction over every entry: shape [1].
  for (name, result, expected) in [
    ("sum()", t.sum(), t.data.values.reduce(0, +)),
    ("prod()", t.prod(), t.data.values.reduce(1, *)),
    ("variance()", t.variance(), plainVariance(t.data.values, 0)),
  ] {
    try check(result.shape == [1], "\(name) of shape \(t.shape) has shape \(result.shape)")
    try assertClose(result.item(), expected, "\(name) of \(t.data.values)")
  }
}

private func checkReductionGradientsMatchCentralDifferences(
  _ t: Tensor, _ withZeros: Tensor, _ dims: [Int]
) throws {
  let count = dims.reduce(1) { $0 * t.shape[$1] }
  for keepDims in [true, false] {
    try gradCheck({ $0[0].sum(dims: dims, keepDims: keepDims) }, [t], seed: seed(t))
    try gradCheck({ $0[0].mean(dims: dims, keepDims: keepDims) }, [t], seed: seed(t))
    try gradCheck({ $0[0].variance(dims: dims, keepDims: keepDims) }, [t], seed: seed(t))
    // A product is linear in each entry, so central differences are exact even at a zero.
    try gradCheck({ $0[0].prod(dims: dims, keepDims: keepDims) }, [t], seed: seed(t))
    try gradCheck({ $0[0].prod(dims: dims, keepDims: keepDims) }, [withZeros], seed: seed(t))
    if count > 1 {
      // With two entries or more the variance is not 0, and std is differentiable.
      try gradCheck({ $0[0].std(dims: dims, keepDims: keepDims) }, [t], seed: seed(t))
      try gradCheck(
        { $0[0].variance(dims: dims, correction: 1, keepDims: keepDims) }, [t], seed: seed(t))
    }
  }
  try gradCheck({ $0[0].prod() }, [withZeros], seed: seed(t))
  try gradCheck({ $0[0].prod(dim: dims[0]) }, [withZeros], seed: seed(t))
  try gradCheck({ $0[0].variance() }, [t], seed: seed(t))
  if t.size > 1 {
    try gradCheck({ $0[0].std(correction: 1) }, [t], seed: seed(t))
  }
}

// MARK: Plain references

/// The entry of `t` that supplies `index` of a shape `t` broadcasts to.
public func entry(_ t: Tensor, at index: [Int]) -> Double {
  let offset = index.count - t.dims
  return t.data[t.shape.indices.map { t.shape[$0] == 1 ? 0 : index[$0 + offset] }]
}

/// The shape of a reduction of `shape` over `dims`: size 1 there, or without them (shape [1]
/// when nothing is left).
public func reducedShape(_ shape: [Int], _ dims: [Int], keepDims: Bool) -> [Int] {
  if keepDims {
    return shape.indices.map { dims.contains($0) ? 1 : shape[$0] }
  }
  let kept = shape.indices.filter { !dims.contains($0) }.map { shape[$0] }
  return kept.isEmpty ? [1] : kept
}

/// The entries of `t` grouped by the index they reduce to over `dims`, in row-major order of
/// the reduced index, each group in row-major order.
public func plainGroups(_ t: Tensor, _ dims: [Int]) -> [[Double]] {
  let reduced = reducedShape(t.shape, dims, keepDims: true)
  let strides = rowMajorStrides(reduced)
  var groups = [[Double]](repeating: [], count: reduced.reduce(1, *))
  for index in t.data.indices() {
    let target = index.indices.reduce(0) { $0 + (dims.contains($1) ? 0 : index[$1] * strides[$1]) }
    groups[target].append(t.data[index])
  }
  return groups
}

/// Σ (x − mean)² / (n − correction), two passes.
public func plainVariance(_ values: [Double], _ correction: Int) -> Double {
  let mean = values.reduce(0, +) / Double(values.count)
  return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - correction)
}
