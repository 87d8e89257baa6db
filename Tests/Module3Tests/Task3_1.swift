import Module3
import TensorTestSupport
import TestSupport
import Testing

/// Task 3.1: `FastOps` map, zip and reduce give the oracle's answers on every layout, broadcast
/// shape, row length and operator kind, on one thread and in parallel chunks. Reductions use
/// Task 3.1's own loops here (`reductionKernel: .plain`), so this suite does not need Task 3.3.
///
/// Two defining checks (the manifest's `definingChecks`: the task scores 0 unless both pass)
/// observe how the kernels compute: no operator kind but `.custom` calls its function, and the
/// work is shared among threads.
@Suite("Task 3.1: fast map, zip and reduce", .explainsStops)
struct Task3_1 {
  static func ops(_ parallel: Parallel) -> FastOps {
    FastOps(parallel: parallel, reductionKernel: .plain, matmulKernel: .plain)
  }

  /// Every operator with a kind of its own, from the kind list (a kind added later is tested
  /// too), and a custom one.
  static let mapOperators: [MapOperator] =
    MapOperator.Kind.allCases.compactMap(MapOperator.standard) + [
      MapOperator("cube") { $0 * $0 * $0 }
    ]

  static let zipOperators: [ZipOperator] =
    ZipOperator.Kind.allCases.compactMap(ZipOperator.standard) + [
      ZipOperator("x - 2y") { $0 - 2 * $1 }
    ]

  static let reduceOperators: [ReduceOperator] =
    ReduceOperator.Kind.allCases.compactMap(ReduceOperator.standard) + [
      ReduceOperator("product", start: 1) { $0 * $1 }
    ]

  /// Numbers for `f`: positive ones where it needs them (log, inverse and their derivatives).
  static func numbers(_ count: Int, seed: UInt64, for f: MapOperator) -> [Double] {
    [.log, .inv].contains(f.kind)
      ? positiveValues(count, seed: seed) : sampleValues(count, seed: seed)
  }

  static func numbers(_ count: Int, seed: UInt64, for f: ZipOperator) -> [Double] {
    [.logBack, .invBack].contains(f.kind)
      ? positiveValues(count, seed: seed) : sampleValues(count, seed: seed)
  }

  @Test(arguments: testedSettings())
  func mapMatchesTheOracleForEveryOperatorAndLayout(parallel: Parallel) {
    let ops = Self.ops(parallel)
    for shape in [[7], [3, 5], [2, 3, 4]] {
      for f in Self.mapOperators {
        let values = Array(Self.numbers(60, seed: 1, for: f).prefix(shape.reduce(1, *)))
        let expected = Oracle.map(Dense(values: values, shape: shape), to: shape, f.function)
        for layout in Layout.allCases {
          let result = ops.map(layout.make(values, shape), to: nil, f)
          // exp, log, sigmoid and tanh may be computed a vector at a time (VectorMath), within
          // 2 ulps of the library's.
          let vectorised = [.exp, .log, .sigmoid, .tanh].contains(f.kind)
          expectClose(
            result, expected, rtol: vectorised ? 1e-15 : 0, "\(f) of a \(layout) \(shape)")
        }
      }
    }
  }

  @Test(arguments: testedSettings())
  func mapBroadcastsToALargerShape(parallel: Parallel) {
    let ops = Self.ops(parallel)
    let cases: [([Int], [Int])] = [
      ([3], [2, 3]), ([1], [2, 2]), ([2, 1], [2, 3]), ([4, 1, 3], [2, 4, 5, 3]), ([1, 1], [5, 7]),
    ]
    for (from, to) in cases {
      for f in Self.mapOperators {
        let values = Self.numbers(from.reduce(1, *), seed: 2, for: f)
        let expected = Oracle.map(Dense(values: values, shape: from), to: to, f.function)
        for layout in Layout.allCases {
          expectClose(
            ops.map(layout.make(values, from), to: to, f), expected, rtol: 1e-15,
            "\(f) of a \(layout) \(from) to \(to)")
        }
      }
    }
  }

  @Test(arguments: testedSettings())
  func zipMatchesTheOracleForEveryOperatorAndLayout(parallel: Parallel) {
    let ops = Self.ops(parallel)
    let shape = [3, 4, 5]
    let size = shape.reduce(1, *)
    for f in Self.zipOperators {
      let x = Self.numbers(size, seed: 3, for: f)
      let y = sampleValues(size, seed: 4)
      let expected = Oracle.zip(
        Dense(values: x, shape: shape), Dense(values: y, shape: shape), f.function)
      for first in Layout.allCases {
        for second in Layout.allCases {
          expectClose(
            ops.zip(first.make(x, shape), second.make(y, shape), f), expected,
            "\(f) of a \(first) and a \(second) \(shape)")
        }
      }
    }
  }

  @Test(arguments: testedSettings())
  func zipBroadcastsBothWays(parallel: Parallel) {
    let ops = Self.ops(parallel)
    let cases: [([Int], [Int])] = [
      ([3, 4], [4]), ([3, 4], [1]), ([1], [2, 3]), ([2, 1, 4], [3, 1]), ([4, 1], [1, 5]),
      ([6, 17], [17]), ([6, 17], [6, 1]), ([2, 3, 4], [2, 3, 4]), ([1], [1]), ([5], [3, 1]),
    ]
    for (aShape, bShape) in cases {
      for f in Self.zipOperators {
        let x = Self.numbers(aShape.reduce(1, *), seed: 5, for: f)
        let y = sampleValues(bShape.reduce(1, *), seed: 6)
        let expected = Oracle.zip(
          Dense(values: x, shape: aShape), Dense(values: y, shape: bShape), f.function)
        for layout in Layout.allCases {
          expectClose(
            ops.zip(layout.make(x, aShape), layout.make(y, bShape), f), expected,
            "\(f) of \(layout) \(aShape) and \(bShape)")
          expectClose(
            ops.zip(layout.make(x, aShape), Layout.contiguous.make(y, bShape), f), expected,
            "\(f) of \(layout) \(aShape) and contiguous \(bShape)")
        }
      }
    }
  }

  @Test(arguments: testedSettings())
  func reduceMatchesTheOracleAlongEveryDimension(parallel: Parallel) {
    let ops = Self.ops(parallel)
    for shape in [[9], [3, 4], [2, 3, 4], [2, 17, 19], [1, 6], [6, 1]] {
      let values = sampleValues(shape.reduce(1, *), seed: 7)
      for f in Self.reduceOperators {
        for dim in shape.indices {
          let expected = Oracle.reduce(
            Dense(values: values, shape: shape), dim: dim, start: f.start, f.function)
          for layout in Layout.allCases {
            // Task 3.1's loops fold in the oracle's order: the same bits.
            expectClose(
              ops.reduce(layout.make(values, shape), dim: dim, f), expected,
              "\(f) along \(dim) of a \(layout) \(shape)")
          }
        }
      }
    }
  }

  @Test(arguments: testedSettings())
  func contiguousOperandsThatStartAtAnOffset(parallel: Parallel) {
    // A slice is contiguous but starts inside a larger storage: a loop that reads it straight
    // through must start at its offset. So must a one-entry operand (step 0) at an offset.
    let ops = Self.ops(parallel)
    let one = TensorData([.nan, .nan, 2.5, .nan], shape: [1], offset: 2)
    let dOne = Dense(values: [2.5], shape: [1])
    for shape in [[7], [3, 5], [2, 3, 4]] {
      let size = shape.reduce(1, *)
      let (x, y) = (sampleValues(size, seed: 10), sampleValues(size, seed: 11))
      let (dx, dy) = (Dense(values: x, shape: shape), Dense(values: y, shape: shape))
      let (a, b) = (slice(x, shape, offset: 3), slice(y, shape, offset: 6))
      expectClose(
        ops.map(a, to: nil, .neg), Oracle.map(dx, to: shape, Operators.neg), "−a, a slice")
      expectClose(
        ops.map(one, to: shape, .neg), Oracle.map(dOne, to: shape, Operators.neg),
        "−x of one entry at offset 2, to \(shape)")
      expectClose(ops.zip(a, b, .add), Oracle.zip(dx, dy, Operators.add), "a + b, slices \(shape)")
      expectClose(
        ops.zip(a, one, .mul), Oracle.zip(dx, dOne, Operators.mul), "a · x, x one entry, \(shape)")
      expectClose(
        ops.zip(one, b, .lt), Oracle.zip(dOne, dy, Operators.lt),
        "x < b, x one entry, \(shape)")
      expectClose(
        ops.reduce(a, dim: shape.count - 1, .sum),
        Oracle.reduce(dx, dim: shape.count - 1, start: 0, Operators.add), "sum of a slice \(shape)")
    }
  }

  @Test(arguments: testedSettings())
  func comparisonsAtTiesAndExactBoundaries(parallel: Parallel) {
    // Equal entries, entries 0.01 apart and zeros: where < and ≤, or |x − y| < 0.01 and
    // |x − y| ≤ 0.01, part ways. Each entry must be what the operator's own function gives
    // (Task 0.1's definition), whatever loop computes it.
    let ops = Self.ops(parallel)
    let shape = [4, 6]
    let base: [Double] = [0, 1, -1, 0.5, 0.01, 2, -0.5, 3]
    let x = (0..<24).map { base[$0 % base.count] }
    let y = x.indices.map { i in [x[i], x[i] + 0.01, x[i] - 0.01, 0][i % 4] }
    let (dx, dy) = (Dense(values: x, shape: shape), Dense(values: y, shape: shape))
    for first in Layout.allCases {
      for second in [Layout.contiguous, .permutedAndStrided] {
        let (a, b) = (first.make(x, shape), second.make(y, shape))
        for f in [ZipOperator.lt, .eq, .isClose, .max, .reluBack] {
          expectClose(
            ops.zip(a, b, f), Oracle.zip(dx, dy, f.function),
            "\(f) of a \(first) and a \(second)")
          expectClose(
            ops.zip(a, a, f), Oracle.zip(dx, dx, f.function), "\(f) of a \(first) with itself")
        }
      }
      expectClose(
        ops.map(first.make(x, shape), to: nil, .relu), Oracle.map(dx, to: shape, Operators.relu),
        "relu of a \(first) \(shape) with zeros")
    }
  }

  @Test func resultsAreTheSameBitsInEverySetting() {
    // Chunks decide which thread computes an entry, never what it computes: one thread or
    // several, small chunks or large, the bits are the same (reductions too: Task 3.1 folds
    // every output in order).
    let settings = [
      Parallel(threshold: .max), Parallel(threshold: 1, grain: 5),
      Parallel(threshold: 1, grain: 64, threads: 1), Parallel(threshold: 1, grain: 64, threads: 2),
      Parallel(threshold: 1, grain: 3, threads: 3),
    ]
    let shape = [5, 37, 6]
    let x = Layout.permutedAndStrided.make(sampleValues(5 * 37 * 6, seed: 12), shape)
    let c = Layout.contiguous.make(sampleValues(5 * 37 * 6, seed: 13), shape)
    let row = Layout.strided.make(sampleValues(37 * 6, seed: 14), [37, 6])
    let results = settings.map { parallel in
      let ops = Self.ops(parallel)
      let answers = [
        ops.map(x, to: nil, .exp), ops.map(c, to: nil, .sigmoid), ops.zip(x, row, .mul),
        ops.zip(c, c, .add), ops.zip(c, x, ZipOperator("x - 2y") { $0 - 2 * $1 }),
        ops.reduce(x, dim: 0, .sum), ops.reduce(x, dim: 1, .sum), ops.reduce(c, dim: 2, .sum),
        ops.reduce(c, dim: 1, .max),
      ]
      return (setting: parallel, values: answers.map { Dense($0).values })
    }
    expectSameBits(results, "exp, sigmoid, mul, add, x − 2y, sums and max of [5, 37, 6]")
  }

  @Test func largeTensorsSplitIntoManyChunks() {
    // 3 × 1000 entries with chunks of 64: dozens of chunks, a short last one.
    let ops = Self.ops(Parallel(threshold: 1, grain: 64))
    let shape = [3, 1000]
    let x = sampleValues(3000, seed: 8)
    let y = sampleValues(1000, seed: 9)
    let dx = Dense(values: x, shape: shape)
    for layout in [Layout.contiguous, .permutedAndStrided] {
      let a = layout.make(x, shape)
      expectClose(
        ops.map(a, to: nil, .exp), Oracle.map(dx, to: shape, Operators.exp), rtol: 1e-15, "exp")
      expectClose(
        ops.zip(a, Layout.strided.make(y, [1000]), .mul),
        Oracle.zip(dx, Dense(values: y, shape: [1000]), Operators.mul), "mul")
      expectClose(
        ops.reduce(a, dim: 1, .sum), Oracle.reduce(dx, dim: 1, start: 0, Operators.add), "sum")
      expectClose(
        ops.reduce(a, dim: 0, .max),
        Oracle.reduce(dx, dim: 0, start: -.infinity, Operators.max), "max")
    }
  }

  @Test func everyRowLengthUpToSixtyFour() {
    // A loop that handles several entries per step (by hand or by the compiler's vectoriser)
    // leaves a remainder when the length is not a multiple of its width: every length up to
    // twice the widest the guide allows (32), contiguous, with gaps and steps, and in packed
    // rows from an offset, on one chunk and in chunks of 7 (whose boundaries fall inside rows).
    let custom = ZipOperator("x - 2y") { $0 - 2 * $1 }
    let settings = [Parallel(threshold: .max), Parallel(threshold: 1, grain: 7)]
    for length in 1...64 {
      let shape = [3, length]
      let (x, y) = (sampleValues(3 * length, seed: 50), sampleValues(length, seed: 51))
      let (dx, dy) = (Dense(values: x, shape: shape), Dense(values: y, shape: [length]))
      let row = slice(y, [length], offset: 1)
      let expected: [(String, (FastOps, TensorData) -> TensorData, Dense, Double)] =
        [
          ("exp", { $0.map($1, to: nil, .exp) }, Oracle.map(dx, to: shape, Operators.exp), 1e-15),
          ("relu", { $0.map($1, to: nil, .relu) }, Oracle.map(dx, to: shape, Operators.relu), 0),
          ("a · a", { $0.zip($1, $1, .mul) }, Oracle.zip(dx, dx, Operators.mul), 0),
          ("a + a row", { $0.zip($1, row, .add) }, Oracle.zip(dx, dy, Operators.add), 0),
          ("a − 2a", { $0.zip($1, $1, custom) }, Oracle.zip(dx, dx, custom.function), 0),
        ]
        + Self.reduceOperators.flatMap { f in
          [0, 1].map { dim in
            (
              "\(f) along \(dim)", { $0.reduce($1, dim: dim, f) },
              Oracle.reduce(dx, dim: dim, start: f.start, f.function), 0
            )
          }
        }
      let layouts = [
        ("contiguous", Layout.contiguous.make(x, shape)),
        ("strided", Layout.strided.make(x, shape)),
        ("packed rows from an offset", slice(x, shape, offset: 3, rowGap: 2)),
      ]
      for parallel in settings {
        let ops = Self.ops(parallel)
        for (layout, a) in layouts {
          for (what, run, answer, rtol) in expected {
            expectClose(run(ops, a), answer, rtol: rtol, "\(what) of a \(layout) \(shape)")
          }
        }
      }
    }
  }

  // MARK: Defining checks (assignments/tasks.json): Task 3.1 scores 0 unless both pass.

  @Test func everyOperatorKindRunsALoopOfItsOwn() {
    // Each operator kind but `.custom` needs a loop with the operator written into it; calling
    // `f.function` per entry is what makes SimpleOps slow. The operators here count the calls
    // of their function: map, zip and reduce must make none, on every layout and broadcast,
    // on one thread and in chunks.
    func expectNoCalls(_ calls: CallCounter, _ what: String) {
      expectDefiningCheck(
        calls.value == 0,
        """
        \(what) called the operator's function \(calls.value) times: every kind but .custom \
        needs a loop of its own with the operator written into it (case .add: loop(…, \
        Operators.add)); only .custom may call f.function. Defining check: Task 3.1 scores 0 \
        until it passes.
        """)
    }
    let x = sampleValues(60, seed: 40)
    let mapShapes: [([Int], [Int])] = [
      ([3, 5], [3, 5]), ([5], [3, 5]), ([1], [2, 4]), ([3, 1], [3, 4]),
    ]
    let zipShapes: [([Int], [Int])] = [
      ([3, 5], [3, 5]), ([3, 5], [5]), ([3, 1], [1, 5]), ([1], [3, 5]), ([3, 5], [1]),
      ([2, 3, 4], [3, 1]),
    ]
    for parallel in [Parallel(threshold: .max), Parallel(threshold: 1, grain: 5)] {
      let ops = Self.ops(parallel)
      for kind in MapOperator.Kind.allCases where kind != .custom {
        let calls = CallCounter()
        let f = MapOperator.standard(kind)!.observingCalls { calls.increment() }
        for (from, to) in mapShapes {
          for layout in Layout.allCases {
            _ = ops.map(layout.make(Array(x.prefix(from.reduce(1, *))), from), to: to, f)
          }
        }
        expectNoCalls(calls, "map with .\(kind)")
      }
      for kind in ZipOperator.Kind.allCases where kind != .custom {
        let calls = CallCounter()
        let f = ZipOperator.standard(kind)!.observingCalls { calls.increment() }
        for (aShape, bShape) in zipShapes {
          for layout in Layout.allCases {
            let a = layout.make(Array(x.prefix(aShape.reduce(1, *))), aShape)
            _ = ops.zip(a, Layout.strided.make(Array(x.suffix(bShape.reduce(1, *))), bShape), f)
            _ = ops.zip(a, a, f)
          }
        }
        expectNoCalls(calls, "zip with .\(kind)")
      }
      for kind in ReduceOperator.Kind.allCases where kind != .custom {
        let calls = CallCounter()
        let f = ReduceOperator.standard(kind)!.observingCalls { calls.increment() }
        for shape in [[7], [3, 5], [2, 3, 4]] {
          for layout in Layout.allCases {
            let a = layout.make(Array(x.prefix(shape.reduce(1, *))), shape)
            for dim in shape.indices { _ = ops.reduce(a, dim: dim, f) }
          }
        }
        expectNoCalls(calls, "reduce with .\(kind)")
      }
    }
  }

  @Test func workIsSharedAmongThreads() {
    // With the threshold at 1 and chunks of about 16 entries, every kernel must cut its work
    // into chunks through the given `Parallel` and run them on several threads.
    let shape = [6, 40]
    let x = sampleValues(240, seed: 41)
    let row = Layout.strided.make(sampleValues(40, seed: 42), [40])
    let custom = ZipOperator("x - 2y") { $0 - 2 * $1 }
    for layout in [Layout.contiguous, .permutedAndStrided] {
      let a = layout.make(x, shape)
      let recorder = KernelRecorder()
      let ops = recordingOps(recorder)
      let runs: [(String, () -> Void)] = [
        ("map(.neg)", { _ = ops.map(a, to: nil, .neg) }),
        ("map to a larger shape", { _ = ops.map(row, to: shape, .exp) }),
        ("zip(.add) with a row", { _ = ops.zip(a, row, .add) }),
        ("zip with a custom operator", { _ = ops.zip(a, a, custom) }),
        ("reduce(.sum) along 1", { _ = ops.reduce(a, dim: 1, .sum) }),
        ("reduce(.max) along 0", { _ = ops.reduce(a, dim: 0, .max) }),
      ]
      for (what, run) in runs {
        recorder.reset()
        run()
        expectSharedAmongThreads(
          recorder, work: 240,
          "\(what) of a \(layout) \(shape) (defining check: Task 3.1 scores 0 until it passes)")
      }
    }
  }
}
