/// The identities of every node reachable from `root` by following `parents` (each node once,
/// however many paths lead to it; `root` itself only when it is its own ancestor). The forward
/// checks of Tasks 1.2 and 2.3 ask it whether a result still reaches each variable operand.
///
/// - Complexity: O(nodes + edges) of the part of the graph reachable from `root`.
public func ancestorIdentities<Node: AnyObject>(of root: Node, parents: (Node) -> [Node])
  -> Set<ObjectIdentifier>
{
  var seen: Set<ObjectIdentifier> = []
  var next = [root]
  while let node = next.popLast() {
    for parent in parents(node) where seen.insert(ObjectIdentifier(parent)).inserted {
      next.append(parent)
    }
  }
  return seen
}
