import Module2
import TestSupport
import Testing

// Task 2.3's law that a forward pass records its operands: every tensor function applied to
// tensors that require gradients returns a tensor whose parents lead back to each of them, so
// that the forward task's own suite sees a dropped operand before any backward pass runs.
extension TensorForwardProperties {
  /// Every function of the MathTest table, every reduction, layout operation, comparison and
  /// the matrix product record each variable operand in the graph.
  public static func everyFunctionRecordsItsVariableOperands(
    on backend: TensorBackend, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(
      Gen<Tensor>.broadcastPairs(backend: backend), .ints(in: 0...3), cases: 30,
      sourceLocation: sourceLocation
    ) { pair, d in
      let a = Tensor(pair.0.data, backend: backend, requiresGrad: true)
      let b = Tensor(pair.1.data, backend: backend, requiresGrad: true)
      for name in MathTest.oneArgumentNames {
        try checkRecordsOperands(MathTest.oneArgument(name, a), [("a", a)], "\(name)(a)")
      }
      for name in MathTest.twoArgumentNames {
        try checkRecordsOperands(
          MathTest.twoArgument(name, a, b), [("a", a), ("b", b)],
          "\(name)(a, b) of shapes \(a.shape) and \(b.shape)")
      }
      let dim = d % a.dims
      let order = Array((0..<a.dims).reversed())
      let unary: [(String, Tensor)] = [
        ("a.sum(dim: \(dim))", a.sum(dim: dim)), ("a.mean(dim: \(dim))", a.mean(dim: dim)),
        ("a.sum()", a.sum()), ("a.mean()", a.mean()), ("a.all(dim: \(dim))", a.all(dim: dim)),
        ("a.permute(\(order))", Tensor.Permute(order: order).apply(a)),
        ("a.contiguous()", a.contiguous()), ("a.contiguous().view(n)", a.contiguous().view(a.size)),
        ("a.exp()", a.exp()), ("a.sigmoid()", a.sigmoid()), ("a.relu()", a.relu()), ("-a", -a),
      ]
      for (what, result) in unary {
        try checkRecordsOperands(result, [("a", a)], what)
      }
      let binary: [(String, Tensor)] = [
        ("a + b", a + b), ("a - b", a - b), ("a * b", a * b), ("a / b", a / b),
        ("a.lt(b)", a.lt(b)), ("a.gt(b)", a.gt(b)), ("a.eq(b)", a.eq(b)),
        ("a.isClose(b)", a.isClose(b)),
      ]
      for (what, result) in binary {
        try checkRecordsOperands(
          result, [("a", a), ("b", b)], "\(what) of shapes \(a.shape) and \(b.shape)")
      }
    }
    let sizes = Gen<Int>.ints(in: 1...3)
    forAll(Gen<Int>.list(of: sizes, count: 3...3), cases: 10, sourceLocation: sourceLocation) {
      n in
      let a = Tensor.randn([n[0], n[1]], seed: 1, backend: backend, requiresGrad: true)
      let b = Tensor.randn([n[1], n[2]], seed: 2, backend: backend, requiresGrad: true)
      try checkRecordsOperands(a.matmul(b), [("a", a), ("b", b)], "a.matmul(b)")
    }
  }
}
