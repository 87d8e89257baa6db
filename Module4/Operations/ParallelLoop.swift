// Module4's kernels (unfold, fold, the embedding's gather) run their loops over channels or
// examples through Module3's `Parallel`, which splits work by the size of the data, so results
// do not depend on the number of cores.

/// Runs `body(item)` for every item in 0..<count, in parallel chunks when the whole loop is big
/// enough to pay for it (Module3's `Parallel` with its default settings), on the calling thread
/// otherwise. `work` estimates how many numbers one item touches. Items must be independent:
/// each writes only its own part of the output.
///
/// - Complexity: O(count · work), divided among the threads for large loops.
func parallelLoop(_ count: Int, work: Int, _ body: (Int) -> Void) {
  let parallel = Parallel()
  parallel.forEachChunk(parallel.chunks(of: count, workPerItem: max(work, 1))) { _, items in
    for item in items {
      body(item)
    }
  }
}
