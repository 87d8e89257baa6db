import Foundation
import Module2
import TestSupport
import Testing

// The expected numbers below were computed with NumPy 2 and PyTorch 2 (float64; gradients of
// Σ w · f with the weights given) and are written here as literals.

/// Comparisons (`le`, `ge`, `ne`), `Tensor.where`, `clamp` with tensor bounds and
/// `take(along:dim:)`: values against NumPy and PyTorch, gradients against central differences
/// on broadcast shapes in every layout.
public enum SelectionChecks {
  /// Every check of this file.
  public static let all: [TensorCheck] = [
    TensorCheck("le, ge and ne match NumPy, NaN included", comparisonsMatchNumPy),
    TensorCheck("where chooses, broadcasts and sends dOut to the branch taken", whereMatches),
    TensorCheck("where ignores an infinite or NaN branch not taken", whereIgnoresOtherBranch),
    TensorCheck("where's gradients in every layout", gradientsOfWhere),
    TensorCheck("clamp with tensor bounds matches PyTorch", clampWithTensorsMatches),
    TensorCheck("take(along:dim:) matches take_along_axis and gather", takeAlongMatches),
    TensorCheck("take(along:dim:)'s gradients in every layout", gradientsOfTakeAlong),
  ]

  /// 1, 2, 3, … as a constant of `shape`: the weights of Σ w · f.
  static func weights(_ shape: [Int], _ backend: TensorBackend) -> Tensor {
    Tensor(shape: shape, data: counting(shape).map { $0 + 1 }, backend: backend)
  }

  static func comparisonsMatchNumPy(_ backend: TensorBackend) throws {
    let x = Layout.permutedAndStrided.tensor([1, .nan, 3, 2, 2, -1], [2, 3], backend)
    let y = Tensor(shape: [3], data: [2, .nan, -1], backend: backend)
    try expectTensor(x.le(y), shape: [2, 3], values: [1, 0, 0, 1, 0, 1], "x <= y")
    try expectTensor(x.ge(y), shape: [2, 3], values: [0, 0, 1, 1, 0, 1], "x >= y")
    try expectTensor(x.ne(y), shape: [2, 3], values: [1, 1, 1, 0, 1, 0], "x != y")
    try expectTensor(x.ge(2), shape: [2, 3], values: [0, 0, 1, 1, 1, 0], "x >= 2")
    let leaf = Tensor(shape: [3], data: [1, 2, 3], backend: backend, requiresGrad: true)
    (leaf.le(2) + leaf.ge(2) + leaf.ne(2)).sum().backward()
    try expectTensor(leaf.grad!, shape: [3], values: [0, 0, 0], "the gradient of comparisons")
  }

  static func whereMatches(_ backend: TensorBackend) throws {
    let c = Layout.strided.tensor([1, 0], [2, 1], backend)
    let a = Tensor(shape: [3], data: [1.5, -2, 4], backend: backend, requiresGrad: true)
    let b = Layout.permuted.tensor([10, 20, 30, 40, 50, 60], [2, 3], backend)
    let bLeaf = Tensor(b.data, backend: backend, requiresGrad: true)
    let out = Tensor.where(c, a, bLeaf)
    try expectTensor(out, shape: [2, 3], values: [1.5, -2, 4, 40, 50, 60], "np.where(c, a, b)")
    (out * weights([2, 3], backend)).sum().backward()
    try expectTensor(a.grad!, shape: [3], values: [1, 2, 3], "∂/∂a of Σ w · where(c, a, b)")
    try expectTensor(
      bLeaf.grad!, shape: [2, 3], values: [0, 0, 0, 4, 5, 6], "∂/∂b of Σ w · where(c, a, b)")
    try expectTensor(
      Tensor.where(c, 1.0, b), shape: [2, 3], values: [1, 1, 1, 40, 50, 60],
      "np.where(c, 1, b)")
  }

  static func whereIgnoresOtherBranch(_ backend: TensorBackend) throws {
    let a = Tensor(shape: [3], data: [.infinity, 1, .nan], backend: backend, requiresGrad: true)
    let b = Tensor(shape: [3], data: [5, .infinity, 7], backend: backend, requiresGrad: true)
    let c = Tensor(shape: [3], data: [0, 1, 0], backend: backend)
    let out = Tensor.where(c, a, b)
    out.sum().backward()
    try expectTensor(out, shape: [3], values: [5, 1, 7], "where with ∞ and NaN not taken")
    try expectTensor(a.grad!, shape: [3], values: [0, 1, 0], "∂/∂a")
    try expectTensor(b.grad!, shape: [3], values: [1, 0, 1], "∂/∂b")
  }

  static func gradientsOfWhere(_ backend: TensorBackend) throws {
    for (number, layout) in Layout.allCases.enumerated() {
      let c = layout.tensor([1, 0, 0, 1, 1, 0], [2, 1, 3], backend)
      let a = layout.tensor(nudgedCounting([4, 1], seed: UInt64(number)), [4, 1], backend)
      let b = layout.tensor(nudgedCounting([2, 4, 3], seed: 9), [2, 4, 3], backend)
      try expectGradients(
        { Tensor.where(c, $0[0], $0[1]) }, [a, b],
        "where(c [2, 1, 3], a [4, 1], b [2, 4, 3]), \(layout)")
    }
  }

  static func clampWithTensorsMatches(_ backend: TensorBackend) throws {
    let x = Layout.permuted.tensor([-2, 0.5, 3, 1, -0.25, 2.5], [2, 3], backend)
    let leaf = Tensor(x.data, backend: backend, requiresGrad: true)
    let lower = Tensor(shape: [3], data: [-1, 0, 0], backend: backend, requiresGrad: true)
    let upper = Tensor(shape: [2, 1], data: [1, 2], backend: backend, requiresGrad: true)
    let out = leaf.clamp(min: lower, max: upper)
    try expectTensor(out, shape: [2, 3], values: [-1, 0.5, 1, 1, 0, 2], "np.clip(x, lo, hi)")
    (out * weights([2, 3], backend)).sum().backward()
    try expectTensor(leaf.grad!, shape: [2, 3], values: [0, 2, 0, 4, 0, 0], "∂/∂x")
    try expectTensor(lower.grad!, shape: [3], values: [1, 5, 0], "∂/∂lo")
    try expectTensor(upper.grad!, shape: [2, 1], values: [3, 6], "∂/∂hi")
    try expectTensor(
      x.clamp(min: lower), shape: [2, 3], values: [-1, 0.5, 3, 1, 0, 2.5], "clamp(min: lo)")
    try expectTensor(
      x.clamp(max: upper), shape: [2, 3], values: [-2, 0.5, 1, 1, -0.25, 2], "clamp(max: hi)")
    let lo = Tensor(shape: [3], data: [-1, 0.1, 0.3], backend: backend)
    try expectGradients(
      { $0[0].clamp(min: $0[1], max: $0[2]) },
      [Layout.strided.tensor([-1.5, 0.4, 1.7, 0.9, -0.6, 1.2], [2, 3], backend), lo, upper],
      "clamp(min:max:) with tensors, strided")
  }

  static func takeAlongMatches(_ backend: TensorBackend) throws {
    let x = Layout.permutedAndStrided.tensor([10, 11, 12, 20, 21, 22], [2, 3], backend)
    let leaf = Tensor(x.data, backend: backend, requiresGrad: true)
    let rows = Layout.strided.tensor([2, 0, 1, 1], [2, 2], backend)
    let taken = leaf.take(along: rows, dim: 1)
    try expectTensor(taken, shape: [2, 2], values: [12, 10, 21, 21], "take_along_axis axis 1")
    (taken * weights([2, 2], backend)).sum().backward()
    try expectTensor(
      leaf.grad!, shape: [2, 3], values: [2, 0, 1, 0, 7, 0], "∂ of torch.gather(x, 1, i)")
    let down = Tensor(shape: [1, 3], data: [1, 0, -1], backend: backend)
    try expectTensor(
      x.take(along: down, dim: 0), shape: [1, 3], values: [20, 11, 22],
      "take_along_axis axis 0, a negative index")
    let cube = Layout.permuted.tensor(counting([2, 3, 4]), [2, 3, 4], backend)
    let last = Tensor(shape: [1, 3, 1], data: [3, 0, 1], backend: backend)
    try expectTensor(
      cube.take(along: last, dim: -1), shape: [2, 3, 1], values: [3, 4, 9, 15, 16, 21],
      "take_along_axis axis -1, indices broadcast over dimension 0")
  }

  static func gradientsOfTakeAlong(_ backend: TensorBackend) throws {
    var rng = SplitMix64(seed: 21)
    for layout in Layout.allCases {
      for dim in 0..<3 {
        let shape = [3, 2, 4]
        var indexShape = [3, 1, 4]
        indexShape[dim] = 5
        let positions = (0..<indexShape.reduce(1, *)).map { _ in
          Double(rng.nextInt(in: 0...(shape[dim] - 1)))
        }
        let indices = Tensor(shape: indexShape, data: positions, backend: backend)
        let x = layout.tensor(nudgedCounting(shape, seed: UInt64(dim)), shape, backend)
        try expectGradients(
          { $0[0].take(along: indices, dim: dim) }, [x],
          "take(along: indices \(indexShape), dim: \(dim)) of a \(layout) [3, 2, 4]")
      }
    }
  }
}
