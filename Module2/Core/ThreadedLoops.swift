// Loops that given code of later stages writes outside the backend (Module 4's unfold and fold
// run the student's code for one channel at a time) still belong to the backend: it decides
// whether they run on one thread or several, and with how many. The simple backend runs every
// loop on the calling thread; Module 3's fast backend conforms to `ThreadedLoops` and shares the
// items among its threads with its own settings, so `minitorch bench --threads 1` limits these
// loops as it limits map, zip and reduce.

/// A backend that runs loops of independent items on several threads (Module 3's fast backend).
/// A backend that does not conform runs them on the calling thread, one item after another.
public protocol ThreadedLoops: Sendable {
  /// Calls `body` with consecutive ranges that together cover 0..<`items`, each exactly once,
  /// possibly on several threads at the same time; returns when all calls have finished. How
  /// the items are cut into ranges depends on `items` and `workPerItem` (about how many numbers
  /// one item reads or writes) and on the backend's settings, never on the machine.
  func forEachChunk(of items: Int, workPerItem: Int, _ body: (Range<Int>) -> Void)
}

extension TensorOps {
  /// Runs `body(item)` for every item in 0..<`count` through this backend: on its threads when
  /// it has them (`ThreadedLoops`), otherwise in order on the calling thread. `workPerItem`
  /// estimates how many numbers one item reads or writes, so that small loops stay on one
  /// thread. The items must be independent: each writes only its own part of the output, and
  /// the result never depends on how the items were shared out.
  ///
  /// ```swift
  /// ops.forEachItem(rows, workPerItem: columns) { row in … }   // writes row `row` only
  /// ```
  ///
  /// - Complexity: O(count · workPerItem), divided among the backend's threads.
  public func forEachItem(_ count: Int, workPerItem: Int, _ body: (Int) -> Void) {
    guard let threaded = self as? any ThreadedLoops else {
      for item in 0..<count {
        body(item)
      }
      return
    }
    threaded.forEachChunk(of: count, workPerItem: Swift.max(1, workPerItem)) { items in
      for item in items {
        body(item)
      }
    }
  }
}
