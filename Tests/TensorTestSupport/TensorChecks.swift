import Module2
import TestSupport

// Checks for tensors, and the broadcasting rules written out again from their definition, so
// that a test's expected values depend on neither `shapeBroadcast` nor `broadcastIndex`.

extension Tensor: MathTestValue {}

/// Throws unless `actual` has `shape` and every entry is close to `expected(index)`.
public func assertEntries(
  _ actual: Tensor, shape: [Int], _ what: String, tolerance: Tolerance = .standard,
  _ expected: ([Int]) -> Double
) throws {
  try check(actual.shape == shape, "\(what) has shape \(actual.shape), expected \(shape)")
  for index in actual.data.indices() {
    try assertClose(actual.data[index], expected(index), "\(what)\(index)", tolerance: tolerance)
  }
}

/// The index of `shape` that supplies `index` of a bigger broadcast shape (independent of the
/// student's `broadcastIndex`: written here from the rules).
public func referenceBroadcastIndex(_ index: [Int], into shape: [Int]) -> [Int] {
  let offset = index.count - shape.count
  return shape.indices.map { shape[$0] == 1 ? 0 : index[$0 + offset] }
}

/// The broadcast shape of two shapes, from the rules (independent of `shapeBroadcast`), or
/// `nil` when they do not broadcast.
public func referenceBroadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
  let count = max(a.count, b.count)
  let x = Array(repeating: 1, count: count - a.count) + a
  let y = Array(repeating: 1, count: count - b.count) + b
  var result: [Int] = []
  for (p, q) in zip(x, y) {
    guard p == q || p == 1 || q == 1 else { return nil }
    result.append(max(p, q))
  }
  return result
}

/// The gradient of `tensor`; throws, naming `what`, when backward() left it without one.
public func gradient(of tensor: Tensor, _ what: String) throws -> Tensor {
  guard let grad = tensor.grad else {
    throw CheckFailure(
      "\(what) has no gradient (grad is nil), expected one of shape \(tensor.shape)")
  }
  return grad
}

/// Throws unless the given `gradCheck` accepts f at `inputs` for a random incoming gradient of
/// any layout (`upstreamGradient`: permuted, strided, at an offset; entries drawn from
/// `incoming`), within `tolerance`, at every entry of an input of up to `samples` entries and at
/// `samples` random entries of a larger one. Everything runs on the inputs' backend; the
/// message names `what` and the incoming gradient's layout.
public func checkBackward(
  _ f: ([Tensor]) -> Tensor, _ inputs: [Tensor], _ what: String, using rng: inout SplitMix64,
  samples: Int = 6, incoming: Gen<Double> = .smallFloats,
  tolerance: Tolerance = .finiteDifference
) throws {
  let output = f(inputs.map { $0.detach() })
  let upstream = upstreamGradient(
    output.shape, values: incoming, backend: output.backend, using: &rng)
  do {
    try gradCheck(
      f, inputs, seed: rng.next(), samples: samples, upstream: upstream, rtol: tolerance.rtol,
      atol: tolerance.atol)
  } catch {
    throw CheckFailure(
      "\(what): \(error) (\(tolerance)), for an incoming gradient of shape \(upstream.shape), "
        + "strides \(upstream.data.strides), offset \(upstream.data.offset)")
  }
}

/// Throws unless `result`, computed by `what` from the variables `operands` (tensors that
/// require gradients), has a history and reaches every one of them through its parents,
/// directly or through the functions it is built from. A forward pass that computes the right
/// numbers but drops an operand from the graph (through a raw `TensorData` copy, a `detach()`
/// or a new tensor made from the numbers) fails here, before any backward pass runs.
public func checkRecordsOperands(_ result: Tensor, _ operands: [(String, Tensor)], _ what: String)
  throws
{
  try check(
    result.history != nil,
    "\(what) has no history: it must be computed by tensor functions (their apply), so that "
      + "backpropagation can reach its inputs")
  let seen = ancestorIdentities(of: result) { $0.parents }
  for (name, operand) in operands {
    try check(
      seen.contains(ObjectIdentifier(operand)),
      "\(what) does not record its operand \(name) (shape \(operand.shape)) in the graph: no "
        + "chain of parents leads from the result to it, so backward() would never reach it "
        + "(a detach(), or a new tensor made from the numbers?)")
  }
}
