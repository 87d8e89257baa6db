// Freeing a node frees its inputs, which free theirs: for a chain a million operations long
// that recursion overflows the stack. `Scalar` and `Tensor` call `releaseHistory()` from
// `deinit` instead, which frees the graph one node at a time.

extension Variable {
  /// Frees the graph behind this variable without recursion: call it from `deinit`.
  ///
  /// Each input that nothing else keeps alive first gives up its own inputs, so that when it
  /// is freed it holds nothing and no chain of frees follows; those inputs are handled the
  /// same way in turn, from a list, until none is left.
  @inlinable
  public func releaseHistory() {
    var pending = history?.takeInputs() ?? []
    while var node = pending.popLast() {
      // Popped from the list, `node` is the only reference left unless something else uses it.
      if isKnownUniquelyReferenced(&node) {
        pending += node.history?.takeInputs() ?? []
      }
    }
  }
}
