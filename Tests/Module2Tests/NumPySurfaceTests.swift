import Module2
import TensorTestSupport
import TestSupport
import Testing

// The expected numbers below were computed with MyGrad 2.5.0 and NumPy 2.4 (values and the
// gradients `backward()` gives, seeded with ones) and are written here as literals.

/// Throws unless `t` has `shape` and its entries, in row-major order, are close to `values`.
private func expectEntries(
  _ t: Tensor?, _ shape: [Int], _ values: [Double], _ what: String,
  tolerance: Tolerance = .standard
) throws {
  guard let t else { throw CheckFailure("\(what) is missing (no gradient arrived?)") }
  try check(t.shape == shape, "\(what) has shape \(t.shape), expected \(shape)")
  try assertClose(t.data.values, values, what, tolerance: tolerance)
}

/// A leaf that requires a gradient.
private func variable(_ literal: TensorLiteral) -> Tensor {
  Tensor(literal, requiresGrad: true)
}

/// Module 2's NumPy-style surface: element-wise math, reductions with several dimensions and
/// `keepDims`, creation, retained gradients and `withoutGradients` on tensors. Not graded.
@Suite("Given code: NumPy-style math, reductions and creation", .explainsStops)
struct NumPySurfaceTests {
  static var x: TensorLiteral { [[-1.5, -0.5, 0.0], [0.25, 1.0, 2.0]] }
  static var p: TensorLiteral { [[0.25, 1.0, 2.0], [4.0, 0.5, 9.0]] }

  @Test(arguments: NumPySurfaceLaw.allCases)
  func lawHoldsOnTheSimpleBackend(_ law: NumPySurfaceLaw) {
    law.check(on: .simple)
  }

  // MARK: Element-wise math

  @Test func powersMatchMyGrad() throws {
    let x = variable(Self.x)
    let cube = x.pow(3)
    cube.backward()
    try expectEntries(cube, [2, 3], [-3.375, -0.125, 0.0, 0.015625, 1.0, 8.0], "x.pow(3)")
    try expectEntries(x.grad, [2, 3], [6.75, 0.75, 0.0, 0.1875, 3.0, 12.0], "∂x.pow(3)/∂x")

    let p = variable(Self.p)
    let power = p.pow(-1.5)
    power.backward()
    try expectEntries(
      power, [2, 3],
      [8.0, 1.0, 0.3535533905932738, 0.125, 2.8284271247461903, 0.037037037037037035],
      "p.pow(-1.5)")
    try expectEntries(
      p.grad, [2, 3],
      [-48.0, -1.5, -0.26516504294495535, -0.046875, -8.485281374238571, -0.00617283950617284],
      "∂p.pow(-1.5)/∂p")

    let base = variable(Self.p)
    let exponent = variable([0.5, 2.0, -1.0])
    let both = base.pow(exponent)
    both.backward()
    try expectEntries(both, [2, 3], [0.5, 1.0, 0.5, 2.0, 0.25, 0.1111111111111111], "p.pow(e)")
    try expectEntries(
      base.grad, [2, 3], [1.0, 2.0, -0.25, 0.25, 1.0, -0.012345679012345678], "∂p.pow(e)/∂p")
    try expectEntries(
      exponent.grad, [3], [2.0794415416798357, -0.17328679513998632, 0.5907096544284415],
      "∂p.pow(e)/∂e (summed over the broadcast rows)")
  }

  @Test func powAtZeroFollowsMyGrad() throws {
    // d(0^c)/da: 0 for c = 2, +∞ for c = 0.5, 0 for c = 0 (0⁻¹ is never formed).
    for (c, slope) in [(2.0, 0.0), (0.5, Double.infinity), (0.0, 0.0)] {
      let a = variable([0.0])
      a.pow(c).backward()
      try expectEntries(a.grad, [1], [slope], "∂(a^\(c))/∂a at a = 0", tolerance: .exact)
    }
    // With a tensor exponent: ∂/∂b of 0ᵇ is 0 (ln 1 stands in for ln 0), ∂/∂a as above.
    let a = variable([0.0, 0.0, 2.0, 0.0])
    let b = variable([2.0, 0.0, 3.0, 0.5])
    let power = a.pow(b)
    power.backward()
    try expectEntries(power, [4], [0.0, 1.0, 8.0, 0.0], "a.pow(b)", tolerance: .exact)
    try expectEntries(a.grad, [4], [0.0, 0.0, 12.0, .infinity], "∂a.pow(b)/∂a")
    try expectEntries(b.grad, [4], [0.0, 0.0, 5.545177444479562, 0.0], "∂a.pow(b)/∂b")
  }

  @Test func rootsSquaresAndTrigonometryMatchMyGrad() throws {
    let table: [(String, (Tensor) -> Tensor, TensorLiteral, value: [Double], gradient: [Double])] =
      [
        (
          "sqrt", { $0.sqrt() }, Self.p,
          [0.5, 1.0, 1.4142135623730951, 2.0, 0.7071067811865476, 3.0],
          [1.0, 0.5, 0.35355339059327373, 0.25, 0.7071067811865475, 0.16666666666666666]
        ),
        (
          "square", { $0.square() }, Self.x, [2.25, 0.25, 0.0, 0.0625, 1.0, 4.0],
          [-3.0, -1.0, 0.0, 0.5, 2.0, 4.0]
        ),
        (
          "sin", { $0.sin() }, Self.x,
          [
            -0.9974949866040544, -0.479425538604203, 0.0, 0.24740395925452294,
            0.8414709848078965, 0.9092974268256817,
          ],
          [
            0.0707372016677029, 0.8775825618903728, 1.0, 0.9689124217106447,
            0.5403023058681398, -0.4161468365471424,
          ]
        ),
        (
          "cos", { $0.cos() }, Self.x,
          [
            0.0707372016677029, 0.8775825618903728, 1.0, 0.9689124217106447,
            0.5403023058681398, -0.4161468365471424,
          ],
          [
            0.9974949866040544, 0.479425538604203, -0.0, -0.24740395925452294,
            -0.8414709848078965, -0.9092974268256817,
          ]
        ),
        (
          "tanh", { $0.tanh() }, Self.x,
          [
            -0.9051482536448665, -0.46211715726000974, 0.0, 0.24491866240370913,
            0.7615941559557649, 0.9640275800758169,
          ],
          [
            0.18070663892364836, 0.7864477329659274, 1.0, 0.940014848806378,
            0.41997434161402614, 0.07065082485316443,
          ]
        ),
        // abs at 0: gradient 0.
        (
          "abs", { $0.abs() }, Self.x, [1.5, 0.5, 0.0, 0.25, 1.0, 2.0],
          [-1.0, -1.0, 0.0, 1.0, 1.0, 1.0]
        ),
      ]
    for (name, f, literal, value, gradient) in table {
      let input = variable(literal)
      let output = f(input)
      output.backward()
      try expectEntries(output, [2, 3], value, "\(name)(\(literal))")
      try expectEntries(input.grad, [2, 3], gradient, "∂\(name)/∂x at \(literal)")
    }
  }

  @Test func sqrtOfZeroHasAnInfiniteSlope() throws {
    let a = variable([0.0, 4.0])
    a.sqrt().backward()
    try expectEntries(a.grad, [2], [.infinity, 0.25], "∂√a/∂a at [0, 4]", tolerance: .exact)
  }

  @Test func maximumAndMinimumGiveTiesNoGradientLikeMyGrad() throws {
    // Ties at [0, 0] (−1.5 and −1.5) and [0, 2] (0 and 0).
    let x = variable(Self.x)
    let y = variable([-1.5, 0.5, 0.0])
    let larger = x.maximum(y)
    larger.backward()
    try expectEntries(larger, [2, 3], [-1.5, 0.5, 0.0, 0.25, 1.0, 2.0], "maximum(x, y)")
    try expectEntries(x.grad, [2, 3], [0, 0, 0, 1, 1, 1], "∂maximum/∂x", tolerance: .exact)
    try expectEntries(y.grad, [3], [0, 1, 0], "∂maximum/∂y", tolerance: .exact)

    let u = variable(Self.x)
    let v = variable([-1.5, 0.5, 0.0])
    let smaller = u.minimum(v)
    smaller.backward()
    try expectEntries(smaller, [2, 3], [-1.5, -0.5, 0.0, -1.5, 0.5, 0.0], "minimum(x, y)")
    try expectEntries(u.grad, [2, 3], [0, 1, 0, 0, 0, 0], "∂minimum/∂x", tolerance: .exact)
    try expectEntries(v.grad, [3], [1, 1, 1], "∂minimum/∂y", tolerance: .exact)
    // A plain number is a constant of shape [1]: maximum(x, 0) is relu's value.
    try expectEntries(Tensor([-1.0, 2.0]).maximum(0), [2], [0, 2], "maximum(x, 0)")
    try expectEntries(Tensor([-1.0, 2.0]).minimum(0.5), [2], [-1, 0.5], "minimum(x, 0.5)")
  }

  @Test func clampGivesNoGradientAtOrBeyondTheBoundsLikeMyGrad() throws {
    let x = variable(Self.x)
    let clamped = x.clamp(min: -0.5, max: 1.0)
    clamped.backward()
    try expectEntries(clamped, [2, 3], [-0.5, -0.5, 0.0, 0.25, 1.0, 1.0], "clamp(x, -0.5, 1)")
    try expectEntries(x.grad, [2, 3], [0, 0, 1, 1, 0, 0], "∂clamp/∂x", tolerance: .exact)
    // min > max: every entry becomes max (NumPy's rule).
    try expectEntries(
      Tensor([1.0, 5.0]).clamp(min: 3, max: 2), [2], [2, 2], "clamp(min: 3, max: 2)")
    try expectEntries(Tensor([1.0, 5.0]).clamp(min: 3), [2], [3, 5], "clamp(min: 3)")
    try expectEntries(Tensor([1.0, 5.0]).clamp(max: 2), [2], [1, 2], "clamp(max: 2)")
  }

  @Test func clampWithoutBoundsSaysSo() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor([1.0]).clamp()
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("at least one bound"), "the stop said: \(message)")
  }

  // MARK: Reductions

  /// [((7i) mod 11) − 4 for i in 0..<24] as shape [2, 3, 4]: zeros and ties included.
  static var t: Tensor {
    Tensor(
      shape: [2, 3, 4],
      data: [
        -4, 3, -1, 6, 2, -2, 5, 1, -3, 4, 0, -4, 3, -1, 6, 2, -2, 5, 1, -3, 4, 0, -4, 3,
      ])
  }

  static func tLeaf() -> Tensor {
    Tensor(Self.t.data, requiresGrad: true)
  }

  @Test func reducedDimensionsStayByDefault() throws {
    let t = Self.t
    try check(t.sum(dim: 1).shape == [2, 1, 4], "sum(dim: 1) of [2, 3, 4] keeps dimension 1")
    try check(t.sum(dims: [0, 2]).shape == [1, 3, 1], "sum(dims: [0, 2]) keeps both")
    try check(t.sum().shape == [1], "sum() over every entry is shape [1]")
    try check(t.sum(dim: 1, keepDims: false).shape == [2, 4], "keepDims: false drops dim 1")
    try check(t.sum(dims: [0, 1, 2], keepDims: false).shape == [1], "nothing left: shape [1]")
    try check(t.mean(dim: 2).shape == [2, 3, 1], "mean(dim: 2) keeps dimension 2")
    try check(t.variance(dims: [1]).shape == [2, 1, 4], "variance keeps the dimension")
    try check(t.all(dim: 0, keepDims: false).shape == [3, 4], "all(dim: 0, keepDims: false)")
  }

  @Test func sumsAndMeansMatchMyGrad() throws {
    try expectEntries(
      Self.t.sum(dim: 1, keepDims: false), [2, 4], [-5, 5, 4, 3, 5, 4, 3, 2], "sum axis 1")
    try expectEntries(Self.t.sum(dims: [0, 2]), [1, 3, 1], [14, 7, 0], "sum axes (0, 2)")
    let t = Self.tLeaf()
    let mean = t.mean(dims: [0, 2], keepDims: false)
    mean.backward()
    try expectEntries(mean, [3], [1.75, 0.875, 0.0], "mean axes (0, 2)")
    try expectEntries(t.grad, [2, 3, 4], Array(repeating: 0.125, count: 24), "∂mean/∂t")
    try expectEntries(
      Self.t.mean(dim: 2, keepDims: false), [2, 3], [1.0, 1.5, -0.75, 2.5, 0.25, 0.75],
      "mean axis 2")
  }

  @Test func productGradientsHandleZerosLikeMyGrad() throws {
    let t = Self.tLeaf()
    let rows = t.prod(dim: 2, keepDims: false)
    rows.backward()
    try expectEntries(rows, [2, 3], [72.0, -20.0, 0.0, -36.0, 30.0, -0.0], "prod axis 2")
    try expectEntries(
      t.grad, [2, 3, 4],
      [
        -18.0, 24.0, -72.0, 12.0, -10.0, 10.0, -4.0, -20.0, -0.0, 0.0, 48.0, -0.0, -12.0,
        36.0, -6.0, -18.0, -15.0, 6.0, 30.0, -10.0, -0.0, -48.0, 0.0, -0.0,
      ], "∂prod(axis 2)/∂t")

    let u = Self.tLeaf()
    let columns = u.prod(dims: [0, 1], keepDims: false)
    columns.backward()
    try expectEntries(columns, [4], [-576.0, 0.0, 0.0, 432.0], "prod axes (0, 1)")
    try expectEntries(
      u.grad, [2, 3, 4],
      [
        144.0, 0.0, -0.0, 72.0, -288.0, -0.0, 0.0, 432.0, 192.0, 0.0, 120.0, -108.0, -192.0,
        -0.0, 0.0, 216.0, 288.0, 0.0, 0.0, -144.0, -144.0, 120.0, -0.0, 144.0,
      ], "∂prod(axes (0, 1))/∂t")

    for (values, gradient) in [
      ([2.0, 0.0, 3.0], [0.0, 6.0, 0.0]), ([2.0, 0.0, 0.0], [0.0, 0.0, 0.0]),
      ([2.0, 4.0, 3.0], [12.0, 6.0, 8.0]),
    ] {
      let a = Tensor(shape: [3], data: values, requiresGrad: true)
      a.prod().backward()
      try expectEntries(a.grad, [3], gradient, "∂prod/∂a at \(values)", tolerance: .exact)
    }
  }

  @Test func variancesAndStandardDeviationsMatchMyGrad() throws {
    let t = Self.tLeaf()
    let variance = t.variance(dim: 1, keepDims: false)
    variance.backward()
    try expectEntries(
      variance, [2, 4],
      [
        6.888888888888889, 6.888888888888889, 6.888888888888889, 16.666666666666668,
        6.888888888888889, 6.888888888888889, 16.666666666666668, 6.888888888888889,
      ], "var axis 1")
    try expectEntries(
      t.grad, [2, 3, 4],
      [
        -1.5555555555555554, 0.8888888888888888, -1.5555555555555554, 3.333333333333333,
        2.4444444444444446, -2.4444444444444446, 2.4444444444444446, 0.0, -0.8888888888888888,
        1.5555555555555554, -0.8888888888888888, -3.333333333333333, 0.8888888888888888,
        -1.5555555555555554, 3.333333333333333, 0.888888888888889, -2.4444444444444446,
        2.4444444444444446, 0.0, -2.444444444444444, 1.5555555555555554, -0.8888888888888888,
        -3.333333333333333, 1.5555555555555556,
      ], "∂var(axis 1)/∂t")

    try expectEntries(
      Self.t.variance(dims: [0, 2], correction: 1, keepDims: false), [3],
      [12.5, 9.553571428571429, 11.714285714285714], "var axes (0, 2), ddof 1")
    try expectEntries(Self.t.variance(), [1], [10.359375], "var of every entry")

    let u = Self.tLeaf()
    let std = u.std(dim: 2, correction: 1, keepDims: false)
    std.backward()
    try expectEntries(
      std, [2, 3],
      [
        4.396968652757639, 2.886751345948129, 3.593976442141304, 2.886751345948129,
        3.593976442141304, 3.593976442141304,
      ], "std axis 2, ddof 1")
    try expectEntries(
      u.grad, [2, 3, 4],
      [
        -0.3790490217894517, 0.15161960871578067, -0.15161960871578067, 0.3790490217894517,
        0.05773502691896257, -0.40414518843273795, 0.40414518843273795, -0.05773502691896257,
        -0.20868250309207573, 0.4405519509721598, 0.06956083436402524, -0.30143028224410934,
        0.05773502691896257, -0.40414518843273795, 0.40414518843273795, -0.05773502691896257,
        -0.20868250309207573, 0.4405519509721598, 0.06956083436402524, -0.30143028224410934,
        0.30143028224410934, -0.06956083436402524, -0.4405519509721598, 0.20868250309207573,
      ], "∂std(axis 2, ddof 1)/∂t")
    try expectEntries(Self.t.std(), [1], [3.2185982973959333], "std of every entry")
  }

  @Test func theGradientOfStdIsNaNWhereTheVarianceIsZeroLikeMyGrad() throws {
    let a = Tensor(shape: [3], data: [1, 1, 1], requiresGrad: true)
    let std = a.std()
    std.backward()
    try expectEntries(std, [1], [0], "std of [1, 1, 1]", tolerance: .exact)
    try check(
      a.grad?.data.values.allSatisfy(\.isNaN) == true,
      "∂std/∂a at [1, 1, 1] should be NaN (MyGrad), got \(String(describing: a.grad))")
    let b = Tensor(shape: [3], data: [1, 1, 1], requiresGrad: true)
    b.variance().backward()
    try expectEntries(b.grad, [3], [0, 0, 0], "∂variance/∂a at [1, 1, 1]", tolerance: .exact)
  }

  @Test func allOverSeveralDimensions() throws {
    try expectEntries(Self.t.all(dims: [0, 2], keepDims: false), [3], [1, 1, 0], "all (0, 2)")
    try expectEntries(Self.t.all(dim: 2), [2, 3, 1], [1, 1, 0, 1, 1, 0], "all axis 2")
  }

  @Test(arguments: [
    "duplicate", "missing", "empty", "variance",
  ])
  func badReductionsSayWhatIsWrong(_ kind: String) async throws {
    let result = await #expect(
      processExitsWith: .failure, observing: [\.standardErrorContent]
    ) { [kind] in
      let t = Tensor.zeros([2, 3])
      switch kind {
      case "duplicate": _ = t.sum(dims: [1, 1])
      case "missing": _ = t.prod(dims: [0, 2])
      case "empty": _ = t.mean(dims: [])
      default: _ = t.variance(dim: 0, correction: 2)
      }
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    let expected = [
      "duplicate": "sum(dims: [1, 1]): a dimension is listed more than once",
      "missing": "prod(dims: [0, 2]): a tensor of shape [2, 3] has dimensions 0..<2, not 2",
      "empty": "mean(dims: []): name at least one dimension",
      "variance": "variance with correction 2 needs more than 2 entries",
    ]
    #expect(message.contains(expected[kind] ?? "?"), "the stop said: \(message)")
  }

  // MARK: Creation

  @Test func rangesMatchNumPy() throws {
    try expectEntries(
      Tensor.linspace(-1, 2, count: 7), [7], [-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0], "linspace")
    try expectEntries(Tensor.linspace(3, 4, count: 1), [1], [3], "linspace with one point")
    try expectEntries(Tensor.arange(0.5, 3.0, step: 0.75), [4], [0.5, 1.25, 2.0, 2.75], "arange")
    try expectEntries(Tensor.arange(3.0, 0.0, step: -1.25), [3], [3.0, 1.75, 0.5], "arange down")
    try expectEntries(Tensor.arange(4), [4], [0, 1, 2, 3], "arange(4)")
  }

  @Test func anEmptyRangeIsAnEmptyTensor() throws {
    // np.arange(2, 1) and np.arange(0, 1, -0.5) have shape (0,).
    try expectEntries(Tensor.arange(2, 1), [0], [], "arange(2, 1)")
    try expectEntries(Tensor.arange(0, 1, step: -0.5), [0], [], "arange(0, 1, step: -0.5)")
  }

  @Test func constantsAndIdentities() throws {
    try expectEntries(Tensor.full([2, 2], 7), [2, 2], [7, 7, 7, 7], "full")
    try expectEntries(Tensor.eye(2), [2, 2], [1, 0, 0, 1], "eye(2)")
    try expectEntries(
      Tensor.eye(3, columns: 4, diagonal: 1), [3, 4], [0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
      "eye(3, 4, k=1)")
    try expectEntries(
      Tensor.eye(3, columns: 2, diagonal: -1), [3, 2], [0, 0, 1, 0, 0, 1], "eye(3, 2, k=-1)")
    let like = Tensor.ones(like: Tensor.zeros([3, 1]))
    try expectEntries(like, [3, 1], [1, 1, 1], "ones(like:)")
    let leaf = Tensor.full([2], 1, requiresGrad: true)
    try check(!leaf.isConstant, "full(requiresGrad: true) should make a variable")
  }

  @Test func randnIsSeededAndStandardNormal() throws {
    let a = Tensor.randn([100, 100], seed: 3)
    try check(
      a.data.values == Tensor.randn([100, 100], seed: 3).data.values,
      "randn with the same seed should give the same numbers")
    try check(
      a.data.values != Tensor.randn([100, 100], seed: 4).data.values,
      "randn with another seed should give other numbers")
    // 10 000 draws: the sample mean is within 4 standard errors (0.04) of 0 and the sample
    // standard deviation within 0.04 of 1; about a third of the draws lie beyond ±1.
    let mean = a.mean().item()
    let std = a.std().item()
    try check(Swift.abs(mean) < 0.04, "mean of 10 000 randn draws is \(mean)")
    try check(Swift.abs(std - 1) < 0.04, "standard deviation of 10 000 randn draws is \(std)")
    let outside = a.data.values.filter { Swift.abs($0) > 1 }.count
    try check((2900...3450).contains(outside), "\(outside) of 10 000 draws lie beyond ±1")
    try check(Tensor.randn([3], seed: 1).shape == [3], "an odd count keeps its shape")
  }

  // MARK: Gradients for lectures

  @Test func intermediateTensorsRetainTheirGradients() throws {
    // h = x², s = Σ h · w: ∂s/∂h = w, ∂s/∂x = 2x · w.
    let x = variable([[1, 2], [3, 4]])
    let w = Tensor([[1, 0.5], [2, -1]])
    let h = x * x
    h.retainGrad()
    let row = h.sum(dim: 1)  // [2, 1], broadcast against [1, 3] below
    row.retainGrad()
    let s = (h * w).sum() + (row * Tensor([[1, 2, 3]])).sum()
    s.backward()
    try expectEntries(row.grad, [2, 1], [6, 6], "∂s/∂row (undone broadcast)")
    try expectEntries(h.grad, [2, 2], [7, 6.5, 8, 5], "∂s/∂h = w + 6")
    try expectEntries(x.grad, [2, 2], [14, 26, 48, 40], "∂s/∂x = 2x · (w + 6)")
  }

  @Test func backwardTakesAnUpstreamGradient() throws {
    let x = variable([[1, 2], [3, 4]])
    let y = x * 3
    y.retainGrad()
    y.backward(Tensor([[1, 0], [0, 2]]))
    try expectEntries(y.grad, [2, 2], [1, 0, 0, 2], "y.grad is the upstream gradient")
    try expectEntries(x.grad, [2, 2], [3, 0, 0, 6], "x.grad = 3 · upstream")
  }

  @Test func tensorsComputedWithoutGradientsAreConstants() async throws {
    let w = variable([1, 2])
    let y = withoutGradients { (w * 3).exp().sum() }
    try check(y.isConstant, "a tensor computed inside withoutGradients should be a constant")
    let recorded = await Task.detached { GradientMode.isEnabled }.value
    try check(recorded, "another task should still record")
    let z = (w * 3).sum()
    z.backward()
    try expectEntries(w.grad, [2], [3, 3], "gradient after withoutGradients ended")
  }
}
