import Module2
import TestSupport
import Testing

// Checks of the NumPy-style tensor surface, each written once with the backend as its argument.
// Module2Tests runs every check on `.simple`; Module3Tests runs the same checks on `.fast`:
//
//   @Test(arguments: IndexingChecks.all)
//   func indexing(_ check: TensorCheck) throws { try check.run(on: .simple) }
//
// A check throws a `CheckFailure` (or records a property failure through `forAll`) saying
// what was expected and what was found.

/// One named check that runs on any backend.
public struct TensorCheck: Sendable, CustomTestStringConvertible {
  /// What the check states, shown as the test argument.
  public let name: String
  private let body: @Sendable (TensorBackend) throws -> Void

  /// A check called `name` whose body runs on the backend it is given.
  public init(_ name: String, _ body: @escaping @Sendable (TensorBackend) throws -> Void) {
    self.name = name
    self.body = body
  }

  /// Runs the check on `backend`.
  public func run(on backend: TensorBackend) throws {
    try body(backend)
  }

  /// The check's name.
  public var testDescription: String { name }
}

/// 0, 1, …, n − 1 for a shape of n entries: every entry tells where it was.
public func counting(_ shape: [Int]) -> [Double] {
  (0..<shape.reduce(1, *)).map(Double.init)
}

/// 0, 1, …, n − 1 each moved by up to ±0.1 (from `seed`): distinct entries that keep the order
/// and every comparison with a number halfway between two counts, so gradients can be checked
/// through a mask made from the tensor itself.
public func nudgedCounting(_ shape: [Int], seed: UInt64) -> [Double] {
  var rng = SplitMix64(seed: seed)
  return counting(shape).map { $0 + rng.nextDouble(in: -0.1..<0.1) }
}

extension Gen where Value == [Int] {
  /// Shapes of `dims` dimensions, each of size 1 to `maxSize`.
  public static func shapes(dims: ClosedRange<Int>, maxSize: Int = 4) -> Gen<[Int]> {
    Gen<Int>.ints(in: dims).flatMap { count in
      Gen<Int>.list(of: Gen<Int>.ints(in: 1...maxSize), count: count...count)
    }
  }
}

extension Gen where Value == Tensor {
  /// Tensors of `shape` on `backend` in any `Layout`, with entries uniform in [−2, 2).
  public static func laidOut(_ shape: [Int], on backend: TensorBackend) -> Gen<Tensor> {
    let size = shape.reduce(1, *)
    return Gen<Layout>.element(of: Layout.allCases).flatMap { layout in
      Gen<Tensor> { rng in
        layout.tensor((0..<size).map { _ in rng.nextDouble(in: -2..<2) }, shape, backend)
      }
    }
  }
}

// MARK: Assertions

/// Throws unless `actual` has `shape` and its entries, in row-major order, are `values` within
/// `tolerance`.
public func expectTensor(
  _ actual: Tensor, shape: [Int], values: [Double], _ what: String,
  tolerance: Tolerance = .exact
) throws {
  try check(actual.shape == shape, "\(what): shape \(actual.shape), expected \(shape)")
  let found = actual.data.values
  for (k, (got, expected)) in zip(found, values).enumerated() {
    try assertClose(
      got, expected, "\(what): entry \(k) in row-major order (all: \(found))",
      tolerance: tolerance)
  }
}

/// Throws unless `gradCheck` accepts f at `inputs` (checking `samples` entries of each input),
/// naming `what`.
public func expectGradients(
  _ f: ([Tensor]) -> Tensor, _ inputs: [Tensor], _ what: String, seed: UInt64 = 0,
  samples: Int = 30
) throws {
  do {
    try gradCheck(f, inputs, seed: seed, samples: samples)
  } catch {
    throw CheckFailure("\(what): \(error)")
  }
}
