import Dispatch

// MERGE: Module3 provides the shared helper that splits a loop over the cores; when it lands,
// make `parallelLoop` call it (or replace the calls) and delete this file. Everything in Module4
// that runs in parallel goes through this one function.

/// Runs `body(item)` for every item in 0..<count, spread over the processor cores when the
/// whole loop is big enough to pay for it, and on the calling thread otherwise.
///
/// `work` estimates how many numbers one item touches. Items are grouped into chunks of at
/// least about 16 000 numbers each, so that a chunk takes tens of microseconds: starting one
/// costs about 0.3 µs, and smaller chunks would spend their time on that. Items must be
/// independent: each writes only its own part of the output.
///
/// - Complexity: O(count · work), divided by the number of cores for large loops.
func parallelLoop(_ count: Int, work: Int, _ body: (Int) -> Void) {
  let minimumChunkWork = 16_384
  let itemsPerChunk = max(1, minimumChunkWork / max(work, 1))
  let chunks = (count + itemsPerChunk - 1) / itemsPerChunk
  guard chunks > 1 else {
    for item in 0..<count {
      body(item)
    }
    return
  }
  // concurrentPerform wants a Sendable closure; `body` captures buffers that are not Sendable.
  // That is safe here because the items write disjoint parts of the output and the call
  // returns only when every chunk has finished.
  withoutActuallyEscaping(body) { body in
    let shared = UncheckedSendable(body)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      let start = chunk * itemsPerChunk
      for item in start..<min(start + itemsPerChunk, count) {
        shared.value(item)
      }
    }
  }
}

/// A value handed to other threads on the caller's promise that they use it safely.
private struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value

  init(_ value: Value) {
    self.value = value
  }
}
