/// Task 1.4: computes the derivative of `root` with respect to every leaf it depends on, given
/// the derivative `dOut` of the final output with respect to `root`, and adds it to each leaf.
///
/// The algorithm walks `topologicalSort(root)` once. It keeps a table from variable to the
/// derivative collected so far; at each variable, a leaf accumulates its total, and any other
/// variable splits its total among its parents with `chainRule` and adds each share to the
/// parent's entry. Constants never receive anything.
@inlinable
public func backpropagate<V: Variable>(_ root: V, _ dOut: V.Derivative) {
  // BEGIN SOLUTION Task 1.4
  var derivatives: [ObjectIdentifier: V.Derivative] = [root.uniqueID: dOut]
  for variable in topologicalSort(root) {
    guard let derivative = derivatives.removeValue(forKey: variable.uniqueID) else { continue }
    if variable.isLeaf {
      variable.accumulateDerivative(derivative)
      continue
    }
    for (parent, share) in variable.chainRule(derivative) where !parent.isConstant {
      if let collected = derivatives[parent.uniqueID] {
        derivatives[parent.uniqueID] = collected + share
      } else {
        derivatives[parent.uniqueID] = share
      }
    }
  }
  // END SOLUTION
}
