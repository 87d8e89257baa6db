import Foundation

// Making tensors the NumPy way: ranges, evenly spaced points, constants, identity matrices and
// normal random numbers. (`zeros`, `ones` and `rand` are in `Tensor.swift`.) Every one is a leaf,
// a constant unless `requiresGrad: true`, on the `.simple` backend unless another is given.
//
// Normal numbers come from the Box–Muller transform: for u₁ in (0, 1] and u₂ in [0, 1) uniform
// and independent, the two numbers
//
//     z₁ = √(−2 ln u₁) · cos(2π u₂)      z₂ = √(−2 ln u₁) · sin(2π u₂)
//
// are independent standard normal numbers (mean 0, standard deviation 1). The uniform numbers
// are drawn from a `SplitMix64` seeded with `seed`; ln, cos and sin come from the system's math
// library, so on another operating system the last bit of an entry may differ.

extension Tensor {
  /// The numbers start, start + step, start + 2·step, … up to but not including `end`, as a
  /// one-dimensional tensor (NumPy's `arange`): ⌈(end − start) / step⌉ of them, entry i being
  /// start + i · step. `step` may be negative; with no number in the range the tensor is
  /// empty, shape [0], as in NumPy.
  public static func arange(
    _ start: Double, _ end: Double, step: Double = 1, backend: TensorBackend = .simple,
    requiresGrad: Bool = false
  ) -> Tensor {
    precondition(step != 0 && step.isFinite, "arange: step must be finite and nonzero, not \(step)")
    let steps = ((end - start) / step).rounded(.up)
    precondition(
      steps.isFinite, "arange(\(start), \(end), step: \(step)): the range has no end")
    let values = (0..<Swift.max(0, Int(steps))).map { start + Double($0) * step }
    return Tensor(shape: [values.count], data: values, backend: backend, requiresGrad: requiresGrad)
  }

  /// The numbers 0, 1, …, end − 1 (NumPy's `arange(end)`).
  public static func arange(
    _ end: Double, backend: TensorBackend = .simple, requiresGrad: Bool = false
  ) -> Tensor {
    arange(0, end, backend: backend, requiresGrad: requiresGrad)
  }

  /// `count` evenly spaced numbers from `start` to `end`, both included (NumPy's `linspace`):
  /// entry i is start + i · (end − start) / (count − 1), and the last is exactly `end`. With
  /// `count` 1 it is just `start`; with 0, the empty tensor of shape [0], as in NumPy.
  public static func linspace(
    _ start: Double, _ end: Double, count: Int, backend: TensorBackend = .simple,
    requiresGrad: Bool = false
  ) -> Tensor {
    precondition(count >= 0, "linspace needs a count of at least 0, not \(count)")
    var values = count == 0 ? [] : [start]
    if count > 1 {
      let step = (end - start) / Double(count - 1)
      values = (0..<count).map { start + Double($0) * step }
      values[count - 1] = end
    }
    return Tensor(shape: [count], data: values, backend: backend, requiresGrad: requiresGrad)
  }

  /// A tensor of `shape` with every entry `value` (NumPy's `full`).
  public static func full(
    _ shape: [Int], _ value: Double, backend: TensorBackend = .simple, requiresGrad: Bool = false
  ) -> Tensor {
    Tensor(TensorData.filled(shape, with: value), backend: backend, requiresGrad: requiresGrad)
  }

  /// The `rows` × `columns` matrix with ones on a diagonal and zeros elsewhere (NumPy's `eye`):
  /// the identity when `columns` is left out (square) and `diagonal` is 0. Entry [i, j] is 1
  /// where j − i = `diagonal`: positive diagonals lie above the main one, negative ones below.
  public static func eye(
    _ rows: Int, columns: Int? = nil, diagonal: Int = 0, backend: TensorBackend = .simple,
    requiresGrad: Bool = false
  ) -> Tensor {
    let columns = columns ?? rows
    precondition(
      rows >= 1 && columns >= 1,
      "eye needs at least one row and one column, got \(rows) × \(columns)")
    var values = [Double](repeating: 0, count: rows * columns)
    for i in 0..<rows where (0..<columns).contains(i + diagonal) {
      values[i * columns + i + diagonal] = 1
    }
    return Tensor(
      shape: [rows, columns], data: values, backend: backend, requiresGrad: requiresGrad)
  }

  /// A tensor of `shape` whose entries are independent standard normal numbers (mean 0,
  /// standard deviation 1), drawn by the Box–Muller transform from a generator seeded with
  /// `seed` (NumPy's `randn`). The same seed always gives the same tensor on one platform.
  /// For mean m and standard deviation s, use `Tensor.randn(shape, seed: k) * s + m`.
  public static func randn(
    _ shape: [Int], seed: UInt64, backend: TensorBackend = .simple, requiresGrad: Bool = false
  ) -> Tensor {
    var rng = SplitMix64(seed: seed)
    let count = shape.reduce(1, *)
    var values: [Double] = []
    values.reserveCapacity(count + 1)
    while values.count < count {
      let u1 = 1 - rng.nextDouble()  // in (0, 1], so the logarithm is finite
      let u2 = rng.nextDouble()
      let radius = (-2 * Foundation.log(u1)).squareRoot()
      values.append(radius * Foundation.cos(2 * Double.pi * u2))
      values.append(radius * Foundation.sin(2 * Double.pi * u2))
    }
    return Tensor(
      shape: shape, data: Array(values.prefix(count)), backend: backend,
      requiresGrad: requiresGrad)
  }

  /// A tensor of ones with the shape and backend of `other` (a constant).
  public static func ones(like other: Tensor) -> Tensor {
    ones(other.shape, backend: other.backend)
  }
}
