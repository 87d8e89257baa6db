import Module2
import TestSupport
import Testing

// Task 2.4's gradient laws where a wrong derivative cannot hide: inputs of order 1, a random
// incoming gradient of order 1, and a tolerance relative to the gradient's size (see
// `GradientTest` for why the MathTest table's own checks cannot see a wrong log or exp).
extension TensorBackwardProperties {
  /// Each one-argument function of the GradientTest table has, at entries of order 1 and for a
  /// random incoming gradient of any layout, the gradient central differences give, within a
  /// tolerance relative to the gradient's size (`Tolerance.gradient`).
  public static func oneArgumentGradientsAtOrderOne(
    _ name: String, on backend: TensorBackend,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    forAll(
      Gen<Tensor>.tensors(values: GradientTest.inputs, backend: backend), .ints(in: 0...1_000_000),
      cases: 50, sourceLocation: sourceLocation
    ) { t, seed in
      var rng = SplitMix64(seed: UInt64(seed))
      try checkBackward(
        { GradientTest.oneArgument(name, $0[0]) }, [t], name, using: &rng,
        incoming: GradientTest.incoming, tolerance: .gradient)
    }
  }

  /// … and each two-argument function, on inputs of the same shape and on inputs whose shapes
  /// broadcast.
  public static func twoArgumentGradientsAtOrderOne(
    _ name: String, on backend: TensorBackend,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let values = GradientTest.inputs
    forAll(
      Gen<Tensor>.pairs(values: values, backend: backend)
        .zip(Gen<Tensor>.broadcastPairs(values: values, backend: backend)),
      .ints(in: 0...1_000_000), cases: 50, sourceLocation: sourceLocation
    ) { pairs, seed in
      var rng = SplitMix64(seed: UInt64(seed))
      for (a, b) in [pairs.0, pairs.1] {
        try checkBackward(
          { GradientTest.twoArgument(name, $0[0], $0[1]) }, [a, b],
          "\(name) of shapes \(a.shape) and \(b.shape)", using: &rng,
          incoming: GradientTest.incoming, tolerance: .gradient)
      }
    }
  }
}
