import Foundation
import Module4
import TestSupport
import Testing

/// The given plumbing around Tasks 4.1 and 4.2: the one loop of unfold and fold over the
/// (example, channel) pairs, and how it runs through the backend (one thread on the simple
/// backend; the fast backend's `Parallel` with its own settings). A stand-in geometry whose
/// channel code is written here keeps these tests apart from the tasks. Not graded.
@Suite("Given code: the loop around unfold and fold", .explainsStops)
struct GivenConvolutionPlumbing {
  /// A 1-D geometry of kernel 1 whose unfold copies each input times `scale` and whose fold
  /// adds each column entry times `scale` back: enough to see every block reach its own place.
  struct ScaledCopy: ConvolutionGeometry {
    static let operation = "scaledCopy"
    let batch: Int
    let inChannels: Int
    let outChannels = 1
    let axes: [ConvolutionAxis]
    let scale: Double

    init(batch: Int, inChannels: Int, width: Int, scale: Double) {
      self.batch = batch
      self.inChannels = inChannels
      self.scale = scale
      axes = [
        ConvolutionAxis(
          size: width, kernel: 1, stride: 1, padding: 0, dilation: 1, operation: "test",
          axis: "width")
      ]
    }

    func unfoldChannel(
      _ image: UnsafeBufferPointer<Double>, into columns: UnsafeMutableBufferPointer<Double>
    ) {
      for p in image.indices {
        columns[p] = scale * image[p]
      }
    }

    func foldChannel(
      _ columns: UnsafeBufferPointer<Double>, into image: UnsafeMutableBufferPointer<Double>
    ) {
      for p in columns.indices {
        image[p] += scale * columns[p]
      }
    }
  }

  /// The fast backend with `parallel`, logging to `recorder`.
  static func fast(threads: Int?, _ recorder: KernelRecorder) -> TensorBackend {
    .fast(parallel: Parallel(threshold: 1, grain: 8, threads: threads, recorder: recorder))
  }

  // MARK: loops through the backend

  @Test func theSimpleBackendRunsEveryItemInOrderOnTheCallingThread() {
    let caller = Thread.current
    var visited: [Int] = []
    var onCaller = true
    TensorBackend.simple.ops.forEachItem(50, workPerItem: 1 << 20) { item in
      visited.append(item)
      onCaller = onCaller && Thread.current == caller
    }
    #expect(visited == Array(0..<50))
    #expect(onCaller, "the simple backend ran an item on another thread")
  }

  @Test(arguments: [1, 2])
  func theFastBackendSharesTheItemsWithItsOwnSettings(threads: Int) {
    let recorder = KernelRecorder()
    let items = 40
    var counts = [Int](repeating: 0, count: items)
    counts.withUnsafeMutableBufferPointer { counts in
      Self.fast(threads: threads, recorder).ops.forEachItem(items, workPerItem: 2) { item in
        counts[item] += 1  // each item writes only its own entry
      }
    }
    #expect(counts == Array(repeating: 1, count: items), "every item runs exactly once")
    // grain 8 / 2 per item: chunks of 4 items, shared among threads only when more than one
    // is allowed.
    #expect(recorder.runs.count == 1)
    #expect(recorder.runs.first?.chunks == Chunks(items: items, chunkSize: 4, workPerItem: 2))
    #expect(recorder.runs.first?.inParallel == (threads > 1))
  }

  // MARK: unfold and fold

  @Test func unfoldAndFoldPlaceEveryBlockAndRunThroughTheBackend() throws {
    let geometry = ScaledCopy(batch: 3, inChannels: 2, width: 5, scale: 2)
    #expect(geometry.inputShape == [3, 2, 5] && geometry.columnsShape == [3, 2, 5])
    let x = (0..<30).map(Double.init)
    let recorder = KernelRecorder()
    for backend in [TensorBackend.simple, Self.fast(threads: 2, recorder)] {
      // A transposed layout: unfold reads it in row-major order of its shape.
      let stored = TensorData(x, shape: [5, 2, 3]).permute([2, 1, 0])
      let expected = (0..<30).map { i in 2 * stored.values[i] }
      let columns = geometry.unfold(stored, backend.ops)
      try check(
        columns.shape == [3, 2, 5] && columns.values == expected,
        "unfold on \(backend) gave \(columns.values), expected \(expected)")
      let folded = geometry.fold(columns, backend.ops)
      try check(
        folded.shape == [3, 2, 5] && folded.values == expected.map { 2 * $0 },
        "fold on \(backend) gave \(folded.values)")
    }
    // One run per unfold and per fold, over the 3 · 2 (example, channel) pairs (on an input
    // that needs no copy first).
    recorder.reset()
    let fast = Self.fast(threads: 2, recorder).ops
    _ = geometry.fold(geometry.unfold(TensorData(x, shape: [3, 2, 5]), fast), fast)
    #expect(recorder.runs.map(\.chunks.items) == [6, 6])
    #expect(recorder.runs.allSatisfy { $0.inParallel })
  }

  @Test func theConvolutionNamesItsInputs() {
    let geometry = Convolution2dGeometry(input: [1, 1, 4, 4], weight: [2, 1, 3, 3])
    #expect(Tensor.Convolution(geometry).inputNames == ["input", "weight"])
    #expect(geometry.columnsShape == [1, 9, 4] && geometry.outputShape == [1, 2, 2, 2])
  }
}
