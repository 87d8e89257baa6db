// Task 3.4's building block: the buffer a packed block of A or panel of B is copied into.
//
// A blocked product copies each block of A and each panel of B once into a buffer, in the order
// its micro-kernel reads them, and then reads that buffer many times: packing costs O(n · m) per
// block beside the O(n · m · p) multiply-adds that reuse it. Packing again for every micro-tile,
// or every entry, would cost as much as the product itself. The buffer is given so that the
// defining check of Task 3.4 can count how often it is packed (through the `Parallel`'s
// recorder); what goes into it, in which order, is the task's.
//
//   let aPanel = packedPanel(capacity: rows · depth)      once per chunk of tiles
//   for each depth block:
//     pack A's block into aPanel.startPacking()            once per block
//     micro-kernels read aPanel.base                       many times

/// A buffer for one packed block of A or panel of B (Task 3.4). Make it with
/// `FastOps.packedPanel(capacity:)`, once per chunk of work, and call `startPacking()` each time
/// a new block is copied into it; the micro-kernels read from `base`. Freed when the last
/// reference goes away.
public final class PackedPanel {
  /// Where the packed numbers are.
  public let base: UnsafeMutablePointer<Double>
  /// How many numbers fit.
  public let capacity: Int
  /// Where each packing is logged; `nil` logs nothing.
  private let recorder: KernelRecorder?

  /// A buffer for `capacity` numbers, logging to `recorder`.
  init(capacity: Int, recorder: KernelRecorder?) {
    precondition(capacity >= 0, "PackedPanel: the capacity cannot be negative, got \(capacity)")
    self.base = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(1, capacity))
    self.capacity = capacity
    self.recorder = recorder
  }

  deinit {
    base.deallocate()
  }

  /// Starts packing a new block into the buffer (replacing the one before) and returns where
  /// to write it: `base`.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  public func startPacking() -> UnsafeMutablePointer<Double> {
    recorder?.recordPack()
    return base
  }
}

extension FastOps {
  /// A buffer for `capacity` packed numbers that logs its packings to `parallel.recorder` (Task
  /// 3.4's building block).
  public func packedPanel(capacity: Int) -> PackedPanel {
    PackedPanel(capacity: capacity, recorder: parallel.recorder)
  }
}
