/// Task 1.4: every non-constant variable that `root` depends on, `root` first, ordered so that
/// each variable comes before all of the variables it was computed from.
///
/// Walking the graph in this order, a variable's derivative is complete (every path from the
/// root has added its share) before it is passed on to its parents. The walk is a depth-first
/// search with an explicit stack rather than recursion, so a graph a million operations deep
/// does not overflow the call stack. Each variable appears once, however many paths reach it.
@inlinable
public func topologicalSort<V: Variable>(_ root: V) -> [V] {
  // BEGIN SOLUTION Task 1.4
  var finished: [V] = []
  var visited: Set<ObjectIdentifier> = []
  // A stack entry is a variable and whether its parents have already been pushed. A variable
  // is finished (appended) only after all of its parents are finished.
  var stack: [(variable: V, parentsPushed: Bool)] = [(root, false)]
  while let (variable, parentsPushed) = stack.popLast() {
    if parentsPushed {
      finished.append(variable)
      continue
    }
    guard !variable.isConstant, visited.insert(variable.uniqueID).inserted else { continue }
    stack.append((variable, true))
    for parent in variable.parents where !parent.isConstant && !visited.contains(parent.uniqueID) {
      stack.append((parent, false))
    }
  }
  // Parents were finished first; the reverse puts the root first.
  return finished.reversed()
  // END SOLUTION
}
