/// A graph node that can give up its history, so that a long graph can be freed in a loop.
///
/// Freeing a node frees its inputs, which free theirs: for a chain a million operations long
/// that recursion overflows the stack. `Scalar` and `Tensor` call `freeIteratively` from
/// `deinit` instead, which detaches the history of each input that nothing else keeps alive
/// before letting it go, so every node is freed with an empty history, one at a time.
public protocol IterativelyFreed: AnyObject {
  /// Removes this node's history and returns the inputs it held (none for a leaf).
  func detachHistory() -> [Self]
}

/// Frees the graph behind `pending` (the inputs of a node being freed) without recursion,
/// leaving `pending` empty.
///
/// `pending` is `inout` so that this function holds the only reference to the array: a copy
/// would keep the first inputs alive and defeat the uniqueness check below.
public func freeIteratively<Node: IterativelyFreed>(_ pending: inout [Node]) {
  while var node = pending.popLast() {
    // Only a node that nothing else refers to is about to be freed; take its inputs first.
    if isKnownUniquelyReferenced(&node) {
      pending += node.detachHistory()
    }
  }
}
