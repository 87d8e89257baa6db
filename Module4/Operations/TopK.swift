extension MapOperator {
  /// 1 − x: where a mask of 0s and 1s is not.
  static let complement = MapOperator("1 − x") { 1 - $0 }
}

extension ZipOperator {
  /// −∞ where the mark m is nonzero, else the entry w, given (w, m): an entry taken out.
  static let takenOut = ZipOperator("−∞ where marked") { w, m in m != 0 ? -.infinity : w }
}

extension Tensor {
  /// The `k` largest entries along `dim` (the smallest when `largest` is false), in order,
  /// largest first, and their indices along `dim` as a tensor of whole numbers; both have this
  /// tensor's shape with `k` at `dim` (PyTorch's `torch.topk(x, k, dim)`; NumPy's
  /// `np.take_along_axis(x, np.argsort(-x, axis=d, kind="stable")[..., :k], axis=d)`; MyGrad has
  /// none). The values are differentiable: dOut goes to the entries they were read from. Ties
  /// go to the lower index first. A negative `dim` counts from the end; the default is the
  /// last. Built on Task 4.4's `firstMaximumMask`; entries must not be NaN.
  ///
  /// The k largest entries of each line, largest first, and where they were: PyTorch's `topk`.
  ///
  /// Built on Task 4.4's `firstMaximumMask`, k rounds of it: each round marks the first maximum of
  /// what is left, records its position, and takes it out of the running by making it −∞. One
  /// corner needs care: when what is left is all −∞, the mask may point at an entry already taken
  /// (also −∞); then the round takes the first entry not yet taken instead, which is one of the
  /// remaining −∞ entries, as it should be.
  ///
  ///     x = [3, 7, 1, 7],  k = 3     round 1: [0, 1, 0, 0] → 1    x becomes [3, −∞, 1, 7]
  ///                                  round 2: [0, 0, 0, 1] → 3    x becomes [3, −∞, 1, −∞]
  ///                                  round 3: [1, 0, 0, 0] → 0
  ///     values [7, 7, 3], indices [1, 3, 0]
  ///
  /// The values are read with `take(along:dim:)`, so they are differentiable: each value's dOut
  /// goes to the entry it came from. Ties go to the lower index first (NumPy's stable sort order;
  /// PyTorch leaves the order of ties open).
  public func topk(_ k: Int, dim: Int = -1, largest: Bool = true) -> (
    values: Tensor, indices: Tensor
  ) {
    let call = "topk(\(k), dim: \(dim))"
    let d = checkedDim(dim, call)
    checkNotEmpty(call)
    precondition(
      k >= 1 && k <= shape[d],
      "\(call): k must be in 1...\(shape[d]), the size of dimension \(d) of shape \(shape)")
    let ops = backend.ops
    let places = positions(along: d)
    var left = largest ? data : ops.map(data, to: nil, .neg)
    var taken = TensorData(Array(repeating: 0, count: size), shape: shape)
    var rounds: [TensorData] = []
    for _ in 0..<k {
      let first = firstMaximumMask(left, dim: d, ops)
      // 1 in lines where the mask fell on an entry taken before (all that is left is −∞).
      let stale = ops.reduce(ops.zip(first, taken, .mul), dim: d, .sum)
      let firstFree = firstMaximumMask(ops.map(taken, to: nil, .complement), dim: d, ops)
      let mark = ops.zip(
        ops.zip(first, ops.map(stale, to: nil, .complement), .mul), ops.zip(firstFree, stale, .mul),
        .add)
      rounds.append(ops.reduce(ops.zip(mark, places, .mul), dim: d, .sum))
      taken = ops.zip(taken, mark, .add)
      left = ops.zip(left, mark, .takenOut)
    }
    let indices = Tensor(ops.concatenate(rounds, dim: d), backend: backend)
    return (take(along: indices, dim: d), indices)
  }
}
