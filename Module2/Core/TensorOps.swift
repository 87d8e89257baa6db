/// The backend a tensor computes with: the three loops every tensor operation is made of, plus
/// matrix multiplication. These four are what a backend writes: Module2's `SimpleOps` writes them
/// plainly (map, zip and reduce are Task 2.3), Module3's `FastOps` fast and on several threads
/// (Tasks 3.1–3.4).
///
/// The operations that only move entries (gather, scatterAdd, concatenate, scan) come with every
/// backend from `LayoutOps`, which `TensorOps` refines: plain loops written once, which a fast
/// backend may replace with its own.
public protocol TensorOps: LayoutOps {
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
