import Module2
import TensorTestSupport
import TestSupport
import Testing

/// A backend written the way a student writes one: the four operations of `TensorOps` and
/// nothing else (each handed to the simple backend here). The layout operations and the loop
/// come from `LayoutOps`.
struct FourOperations: TensorOps {
  let simple = SimpleOps()

  func map(_ a: TensorData, to shape: [Int]?, _ f: MapOperator) -> TensorData {
    simple.map(a, to: shape, f)
  }

  func zip(_ a: TensorData, _ b: TensorData, _ f: ZipOperator) -> TensorData {
    simple.zip(a, b, f)
  }

  func reduce(_ a: TensorData, dim: Int, _ f: ReduceOperator) -> TensorData {
    simple.reduce(a, dim: dim, f)
  }

  func matrixMultiply(_ a: TensorData, _ b: TensorData) -> TensorData {
    simple.matrixMultiply(a, b)
  }
}

/// The backend's given parts in Module 2: the operator kinds and their one table, the layout
/// operations every backend gets from `LayoutOps`, and the simple backend's single thread. Not
/// graded.
@Suite("Given code: the backend's operators, layout operations and threads", .explainsStops)
struct GivenBackendCode {
  @Test func everyOperatorKindIsNamedAfterItsCase() {
    for kind in MapOperator.Kind.allCases where kind != .custom {
      let f = MapOperator.standard(kind)
      #expect(f?.kind == kind && f?.name == "\(kind)", "MapOperator.standard(.\(kind))")
    }
    for kind in ZipOperator.Kind.allCases where kind != .custom {
      let f = ZipOperator.standard(kind)
      #expect(f?.kind == kind && f?.name == "\(kind)", "ZipOperator.standard(.\(kind))")
    }
    for kind in ReduceOperator.Kind.allCases where kind != .custom {
      let f = ReduceOperator.standard(kind)
      #expect(f?.kind == kind && f?.name == "\(kind)", "ReduceOperator.standard(.\(kind))")
    }
    #expect(MapOperator.standard(.custom) == nil && ZipOperator.standard(.custom) == nil)
    #expect(ReduceOperator.standard(.custom) == nil)
    #expect(MapOperator.Kind.custom.function == nil && ReduceOperator.Kind.custom.fold == nil)
  }

  @Test func theNamedOperatorsComputeWhatTheyAreCalled() {
    // The spellings callers use (.neg, .add, .sum) against Task 0.1's operators and plain math.
    for x in [-2.5, -1, 0, 0.5, 3] {
      #expect(MapOperator.id(x) == x && MapOperator.neg(x) == -x)
      #expect(MapOperator.exp(x) == Operators.exp(x) && MapOperator.relu(x) == max(x, 0))
      #expect(MapOperator.sigmoid(x) == Operators.sigmoid(x) && MapOperator.abs(x) == abs(x))
      #expect(MapOperator.square(x) == x * x)
      for y in [-1.0, 0, 2] {
        #expect(ZipOperator.add(x, y) == x + y && ZipOperator.mul(x, y) == x * y)
        #expect(ZipOperator.lt(x, y) == (x < y ? 1 : 0) && ZipOperator.eq(x, y) == (x == y ? 1 : 0))
        #expect(ZipOperator.max(x, y) == max(x, y) && ZipOperator.min(x, y) == min(x, y))
        #expect(ZipOperator.reluBack(x, y) == (x > 0 ? y : 0))
      }
    }
    #expect(MapOperator.inv(4) == 0.25 && MapOperator.log(1) == 0 && MapOperator.sqrt(9) == 3)
    #expect(ZipOperator.logBack(2, 3) == 1.5 && ZipOperator.invBack(2, 4) == -1)
    #expect(ZipOperator.isClose(1, 1.005) == 1 && ZipOperator.isClose(1, 1.02) == 0)
    #expect(ReduceOperator.sum.start == 0 && ReduceOperator.sum(2, 3) == 5)
    #expect(ReduceOperator.max.start == -.infinity && ReduceOperator.max(2, 3) == 3)
    #expect(ReduceOperator.all.start == 1 && ReduceOperator.all(1, 2) == 1)
    #expect(ReduceOperator.all(1, 0) == 0 && ReduceOperator.all(0, 2) == 0)
  }

  /// The layout laws on a backend that writes only the four operations: `LayoutOps`' loops.
  @Test(arguments: LayoutOperationChecks.all)
  func aBackendOfFourOperationsHasTheLayoutOperations(_ check: TensorCheck) throws {
    try check.run(on: TensorBackend(name: "four operations", ops: FourOperations()))
  }

  @Test func theSimpleBackendComputesOnTheCallingThread() {
    let log = ThreadLog()
    let ops = TensorBackend.simple.ops
    let x = Tensor.rand([30, 40], seed: 5).data
    _ = ops.map(x, to: nil, log.map)
    _ = ops.zip(x, x.transposed().transposed(), log.zip)
    _ = ops.reduce(x, dim: 0, log.fold)
    _ = ops.scan(x, dim: 1, log.fold, reversed: true)
    #expect(log.calls == 3 * x.size + x.size)
    #expect(log.callsElsewhere == 0, "\(log.callsElsewhere) calls ran on another thread")
  }

  @Test func theDefaultLoopIsOneRangeOnTheCallingThread() {
    let log = ThreadLog()
    var ranges: [Range<Int>] = []
    SimpleOps().forEachChunk(of: 100_000, workPerItem: 1000) { range in
      log.note()
      ranges.append(range)
    }
    #expect(ranges == [0..<100_000] && log.callsElsewhere == 0)
    FourOperations().forEachChunk(of: 0, workPerItem: 1) { ranges.append($0) }
    #expect(ranges.count == 1, "no items: no call")
  }
}
