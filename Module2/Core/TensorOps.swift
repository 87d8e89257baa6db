/// The three loops every tensor operation is made of, plus matrix multiplication: the
/// interface a backend implements. Module2's `SimpleOps` writes them plainly; Module3 adds a
/// fast, parallel backend behind the same interface.
public protocol TensorOps: Sendable {
  /// out[i] = f(a[i]) for every index i of `shape` (a's own shape when `nil`), reading a at the
  /// broadcast index when `a` is smaller. The result is contiguous.
  func map(_ a: TensorData, to shape: [Int]?, _ f: MapOperator) -> TensorData

  /// out[i] = f(a[i], b[i]) over the broadcast shape of `a` and `b`. The result is contiguous.
  func zip(_ a: TensorData, _ b: TensorData, _ f: ZipOperator) -> TensorData

  /// Folds dimension `dim` away: the result has a's shape with size 1 at `dim`, and each entry
  /// is f(…f(f(f.start, a[…, 0, …]), a[…, 1, …])…) along that dimension.
  func reduce(_ a: TensorData, dim: Int, _ f: ReduceOperator) -> TensorData

  /// The matrix product over the last two dimensions, broadcasting the ones before:
  /// a [..., n, m] times b [..., m, p] gives [..., n, p].
  func matrixMultiply(_ a: TensorData, _ b: TensorData) -> TensorData

  // The layout operations: what map, zip and reduce cannot express, because an output entry
  // reads an input entry chosen by a list of positions, or by which input it lies in, or
  // depends on every entry before it. `SimpleOps+Layout.swift` shows each as a plain loop.

  /// The entries of `a` at `positions` along dimension `dim`, in that order (positions may
  /// repeat): out[…, k, …] = a[…, positions[k], …]. The result has a's shape with
  /// `positions.count` at `dim` and is contiguous (NumPy's `take(a, positions, axis=dim)`).
  ///
  /// - Complexity: O(size of the output).
  func gather(_ a: TensorData, dim: Int, positions: [Int]) -> TensorData

  /// The adjoint of `gather`: a contiguous result of `values`' shape with `size` at `dim`, zero
  /// except out[…, positions[k], …] += values[…, k, …]. Repeated positions add up (NumPy's
  /// `np.add.at`), so the gradient of an entry gathered twice is the sum of both.
  ///
  /// - Complexity: O(size of `values` + size of the output).
  func scatterAdd(_ values: TensorData, dim: Int, positions: [Int], size: Int) -> TensorData

  /// The tensors laid end to end along `dim`: every other size must agree, and the result,
  /// contiguous, has the sum of their sizes at `dim`. Entry k of part p along `dim` lands at
  /// k + (sizes of the parts before p).
  ///
  /// - Complexity: O(size of the output).
  func concatenate(_ parts: [TensorData], dim: Int) -> TensorData

  /// The running fold along `dim` (a prefix scan, NumPy's `ufunc.accumulate`): a's shape, with
  /// out[…, k, …] = f(…f(f(f.start, a[…, 0, …]), a[…, 1, …])…, a[…, k, …]); with `reversed`, the
  /// fold runs from the last entry, so out[…, k, …] folds a[…, n − 1, …] down to a[…, k, …].
  /// `scan(a, dim: d, .sum, reversed: false)` is the cumulative sum. The result is contiguous.
  ///
  /// - Complexity: O(size of `a`).
  func scan(_ a: TensorData, dim: Int, _ f: ReduceOperator, reversed: Bool) -> TensorData
}

/// A named implementation of `TensorOps` that a tensor carries and passes on to the tensors
/// computed from it. This stage has `.simple`; Module3 adds `.fast` in an extension.
public struct TensorBackend: Sendable, CustomStringConvertible {
  /// A short name, shown when a tensor is printed for debugging.
  public let name: String
  /// The operations.
  public let ops: any TensorOps

  /// A backend called `name` that runs `ops`.
  public init(name: String, ops: any TensorOps) {
    self.name = name
    self.ops = ops
  }

  /// The plain, readable loops of Module2.
  public static let simple = TensorBackend(name: "simple", ops: SimpleOps())

  /// The backend's name.
  public var description: String { name }
}

/// The shape `a` and `b` broadcast to, or a stop naming the operation and both shapes: the
/// check every two-input tensor operation makes.
func broadcastShape(_ a: [Int], _ b: [Int], for operation: String) -> [Int] {
  do {
    return try shapeBroadcast(a, b)
  } catch {
    preconditionFailure("\(operation): \(error)")
  }
}

/// Checks that `a` [..., n, m] and `b` [..., m, p] can be multiplied, and returns the result's
/// shape [..., n, p] with the batch dimensions broadcast.
func matrixProductShape(_ a: [Int], _ b: [Int]) -> [Int] {
  precondition(
    a.count >= 2 && b.count >= 2,
    "matmul needs at least 2 dimensions on each side, got shapes \(a) and \(b)")
  let (n, m) = (a[a.count - 2], a[a.count - 1])
  let (m2, p) = (b[b.count - 2], b[b.count - 1])
  precondition(
    m == m2, "matmul: cannot multiply shapes \(a) and \(b): inner sizes \(m) and \(m2) differ")
  let batch = broadcastShape(Array(a.dropLast(2)), Array(b.dropLast(2)), for: "matmul")
  return batch + [n, p]
}
