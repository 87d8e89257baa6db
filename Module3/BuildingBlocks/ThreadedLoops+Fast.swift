// The fast backend runs the loops that later stages hand it (Module 4's unfold and fold) with
// the same `Parallel` setting as its own kernels: the same threshold, grain and thread limit,
// and the same recorder.

extension FastOps: ThreadedLoops {
  /// Cuts 0..<`items` into chunks of about `parallel.grain` work and runs them with
  /// `parallel.forEachChunk`: on the calling thread below the threshold, on up to
  /// `parallel.threads` threads above it.
  ///
  /// - Complexity: O(items · workPerItem), divided among the threads.
  public func forEachChunk(of items: Int, workPerItem: Int, _ body: (Range<Int>) -> Void) {
    parallel.forEachChunk(parallel.chunks(of: items, workPerItem: workPerItem)) { _, range in
      body(range)
    }
  }
}
