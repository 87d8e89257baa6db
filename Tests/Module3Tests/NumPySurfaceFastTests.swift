import Module3
import TensorTestSupport
import TestSupport
import Testing

/// The fast backend cut into chunks of two entries that run on several threads even for the
/// small tensors of a test, so that the threaded paths run too.
private let threadedFast = TensorBackend(
  name: "fast, threaded", ops: FastOps(parallel: Parallel(threshold: 1, grain: 2)))

/// Module 2's NumPy-style math and reductions on the fast backend: the same laws the Module 2
/// suite checks on `.simple` (written once, in TensorTestSupport), and the loops the fast
/// backend specialises for sqrt, square, abs and min. Not graded.
@Suite("Given code: NumPy-style math on the fast backend", .explainsStops)
struct NumPySurfaceFastTests {
  @Test(arguments: NumPySurfaceLaw.allCases)
  func lawHoldsOnTheFastBackend(_ law: NumPySurfaceLaw) {
    law.check(on: .fast)
  }

  @Test(arguments: [
    NumPySurfaceLaw.elementwiseValuesFollowTheFormulas, .reductionValuesMatchPlainLoops,
  ])
  func lawHoldsOnTheThreadedFastBackend(_ law: NumPySurfaceLaw) {
    law.check(on: threadedFast)
  }

  @Test func specialisedLoopsGiveTheSimpleBackendsBits() {
    let values = Gen<Double>.floats(in: -3...3)
    let inputs = Gen<Tensor>.broadcastPairs(values: values, backend: .simple)
    forAll(inputs, cases: 60) { a, b in
      for fast in [FastOps(), FastOps(parallel: Parallel(threshold: 1, grain: 2))] {
        for f in [MapOperator.sqrt, .square, .abs] {
          let expected = SimpleOps().map(a.data, to: nil, f).values
          let got = fast.map(a.data, to: nil, f).values
          // NaN (sqrt of a negative number) must come out as NaN.
          try check(
            zip(got, expected).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) },
            "fast \(f) of \(a.data.values) (shape \(a.shape), strides \(a.data.strides)) gave "
              + "\(got), the simple backend \(expected)")
        }
        let expected = SimpleOps().zip(a.data, b.data, .min).values
        let got = fast.zip(a.data, b.data, .min).values
        try check(
          got == expected,
          "fast min of shapes \(a.shape) and \(b.shape) gave \(got), the simple backend \(expected)"
        )
      }
    }
  }
}
