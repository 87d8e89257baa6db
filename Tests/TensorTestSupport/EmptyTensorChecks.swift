import Module2
import TestSupport
import Testing

// The expected numbers below were computed with NumPy 2 and PyTorch 2 (float64) and are written
// here as literals.

/// Empty tensors (a dimension of size 0) through creation, views, map and zip, reductions,
/// matmul, concatenate, cumsum and indexing that selects nothing, with their gradients.
public enum EmptyTensorChecks {
  /// Every check of this file.
  public static let all: [TensorCheck] = [
    TensorCheck("empty tensors through creation, views, map and zip", creationViewsAndMaps),
    TensorCheck("reductions of nothing: sum 0, prod 1, all 1, mean NaN", reductionsOfNothing),
    TensorCheck("matmul with an empty side, and its gradients", matmulWithAnEmptySide),
    TensorCheck("concatenate with an empty part, cumsum of nothing", joiningEmptyParts),
    TensorCheck("indexing that selects nothing", indexingThatSelectsNothing),
  ]

  /// A leaf of `shape` filled with `value` that requires a gradient.
  static func variable(_ shape: [Int], _ value: Double, _ backend: TensorBackend) -> Tensor {
    Tensor(
      shape: shape, data: Array(repeating: value, count: shape.reduce(1, *)), backend: backend,
      requiresGrad: true)
  }

  static func creationViewsAndMaps(_ backend: TensorBackend) throws {
    let x = Tensor.zeros([0, 3], backend: backend)
    try check(x.isEmpty && x.size == 0, "zeros([0, 3]) should be empty, size \(x.size)")
    let y = Tensor(shape: [3], data: [1, 2, 3], backend: backend)
    try expectTensor(x + y, shape: [0, 3], values: [], "np.zeros((0, 3)) + [1, 2, 3]")
    try expectTensor((x * 2).exp(), shape: [0, 3], values: [], "np.exp(np.zeros((0, 3)) * 2)")
    try expectTensor(x.transposed(), shape: [3, 0], values: [], "np.zeros((0, 3)).T")
    try expectTensor(x.unsqueeze(1), shape: [0, 1, 3], values: [], "x[:, None]")
    try expectTensor(
      x.broadcast(to: [2, 0, 3]), shape: [2, 0, 3], values: [], "np.broadcast_to(x, (2, 0, 3))")
    try expectTensor(Tensor.arange(2, 1, backend: backend), shape: [0], values: [], "arange(2, 1)")
    try expectTensor(
      Tensor.linspace(0, 1, count: 0, backend: backend), shape: [0], values: [],
      "np.linspace(0, 1, 0)")
    let printed = "\(Tensor.zeros([2, 0], backend: backend))"
    try check(printed == "[[],\n []]", "zeros([2, 0]) should print as [[],\n []], not \(printed)")
  }

  static func reductionsOfNothing(_ backend: TensorBackend) throws {
    let x = Tensor(Layout.contiguous.make([], [0, 3]), backend: backend, requiresGrad: true)
    try expectTensor(x.sum(dim: 0), shape: [1, 3], values: [0, 0, 0], "np.sum(x, 0, keepdims)")
    try expectTensor(x.prod(dim: -2), shape: [1, 3], values: [1, 1, 1], "np.prod(x, 0)")
    try expectTensor(x.all(dim: 0), shape: [1, 3], values: [1, 1, 1], "np.all(x, 0)")
    try expectTensor(x.sum(dim: 1), shape: [0, 1], values: [], "np.sum(x, 1, keepdims)")
    try expectTensor(x.sum(), shape: [1], values: [0], "np.sum(x)")
    let means = x.mean(dim: 0).data.values + x.mean().data.values
    try check(
      means.count == 4 && means.allSatisfy(\.isNaN),
      "np.mean(x, 0) and np.mean(x) of np.zeros((0, 3)) are NaN; got \(means)")
    let y = Tensor(shape: [3], data: [1, 2, 3], backend: backend, requiresGrad: true)
    (x * y).sum(dim: 0).sum().backward()
    try expectTensor(x.grad!, shape: [0, 3], values: [], "∂/∂x of Σ (x · y) over nothing")
    try expectTensor(y.grad!, shape: [3], values: [0, 0, 0], "∂/∂y of Σ (x · y) over nothing")
  }

  static func matmulWithAnEmptySide(_ backend: TensorBackend) throws {
    let a = variable([2, 0], 0, backend)
    let b = variable([0, 3], 0, backend)
    let c = a.matmul(b)
    try expectTensor(
      c, shape: [2, 3], values: [0, 0, 0, 0, 0, 0], "zeros((2, 0)) @ zeros((0, 3))")
    (c * Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6], backend: backend)).sum().backward()
    try expectTensor(a.grad!, shape: [2, 0], values: [], "∂/∂a, inner size 0")
    try expectTensor(b.grad!, shape: [0, 3], values: [], "∂/∂b, inner size 0")
    let rows = variable([0, 2], 0, backend)
    let w = variable([2, 3], 1, backend)
    let none = rows.matmul(w)
    none.sum().backward()
    try expectTensor(none, shape: [0, 3], values: [], "zeros((0, 2)) @ ones((2, 3))")
    try expectTensor(w.grad!, shape: [2, 3], values: [0, 0, 0, 0, 0, 0], "∂/∂w of no rows")
  }

  static func joiningEmptyParts(_ backend: TensorBackend) throws {
    let x = Tensor(
      Layout.permuted.make([1, 2, 3, 4, 5, 6], [2, 3]), backend: backend, requiresGrad: true)
    let empty = variable([0, 3], 0, backend)
    let joined = Tensor.concatenate([empty, x, empty], dim: 0)
    try expectTensor(joined, shape: [2, 3], values: [1, 2, 3, 4, 5, 6], "concatenate with []")
    (joined * joined).sum().backward()
    try expectTensor(x.grad!, shape: [2, 3], values: [2, 4, 6, 8, 10, 12], "∂/∂x")
    try expectTensor(empty.grad!, shape: [0, 3], values: [], "∂/∂(the empty part)")
    try expectTensor(
      Tensor.concatenate([empty, empty], dim: 1), shape: [0, 6], values: [],
      "np.concatenate([e, e], axis=1)")
    try expectTensor(
      Tensor.zeros([0, 2], backend: backend).cumsum(dim: 0), shape: [0, 2], values: [],
      "np.cumsum(np.zeros((0, 2)), axis=0)")
  }

  static func indexingThatSelectsNothing(_ backend: TensorBackend) throws {
    let x = Tensor(
      Layout.strided.make([0, 1, 2, 3, 4, 5], [2, 3]), backend: backend, requiresGrad: true)
    try expectTensor(x[slice: 1..<1], shape: [0, 3], values: [], "x[1:1]")
    try expectTensor(x[slice: .positions(from: 1, to: 0)], shape: [0, 3], values: [], "x[1:0]")
    try expectTensor(x[slice: [Int]()], shape: [0, 3], values: [], "x[[]]")
    let none = x[slice: x.gt(10)]
    try expectTensor(none, shape: [0], values: [], "x[x > 10]")
    (none.sum() + x[slice: .all, 2..<2].sum()).backward()
    try expectTensor(x.grad!, shape: [2, 3], values: [0, 0, 0, 0, 0, 0], "∂ of sums of nothing")
  }
}
