import Module0
import TestSupport
import Testing

// A fixed tree, in the spirit of minitorch's module tests:
//
//   Root ── p1
//    ├─ a: Inner ── p2
//    └─ b: Middle
//          └─ c: Leaf ── p3
final class Leaf: Module {
  let p3 = Parameter(15.0)
}

final class Middle: Module {
  let c = Leaf()
}

final class Inner: Module {
  let p2 = Parameter(10.0)
}

final class Root: Module {
  let p1 = Parameter(5.0)
  let notAParameter = 10.0
  let a = Inner()
  let b = Middle()
}

/// A layer whose output shows which mode it is in: it doubles its input while training and
/// passes it through unchanged in evaluation mode.
final class ModeProbe: Module, Layer {
  func forward(_ input: Double) -> Double {
    training ? 2 * input : input
  }
}

/// Two probes in a row, so a call reaches a child only through `forward`.
final class ProbeChain: Module, Layer {
  let first = ModeProbe()
  let second = ModeProbe()

  func forward(_ input: Double) -> Double {
    second(first(input))
  }
}

/// Every module below `module` (not `module` itself), found through `children`, which is given
/// code, so this walk does not depend on the student's `modules()`.
func descendants(of module: Module) -> [Module] {
  var found: [Module] = []
  var stack = module.children.map(\.module)
  while let next = stack.popLast() {
    found.append(next)
    stack += next.children.map(\.module)
  }
  return found
}

/// The modules' paths in the tree of `root` ("a", "b.c", or "root"), in a list, so a message
/// can say which modules a function returned; found through `children` (given code).
func treePaths(_ modules: [Module], in root: Module) -> String {
  var paths: [ObjectIdentifier: String] = [ObjectIdentifier(root): "root"]
  var stack: [(String, Module)] = root.children.map { ($0.name, $0.module) }
  while let (path, module) = stack.popLast() {
    paths[ObjectIdentifier(module)] = path
    stack += module.children.map { ("\(path).\($0.name)", $0.module) }
  }
  let names = modules.map { paths[ObjectIdentifier($0)] ?? "a \(type(of: $0)) outside the tree" }
  return "[" + names.joined(separator: ", ") + "]"
}

/// Task 0.4: the module tree.
@Suite("Task 0.4: modules", .explainsStops)
struct Task0_4 {
  @Test func namedParametersUseDottedPathsInOrder() throws {
    let names = Root().namedParameters().map(\.name)
    try check(
      names == ["p1", "a.p2", "b.c.p3"],
      "namedParameters() names are \(names), expected [\"p1\", \"a.p2\", \"b.c.p3\"]")
  }

  @Test func parametersListsEveryParameterOfTheTree() throws {
    let values = Root().parameters().map { $0.value(as: Double.self) }
    try check(values == [5, 10, 15], "parameters() values are \(values), expected [5, 10, 15]")
    let leafValues = Leaf().parameters().map { $0.value(as: Double.self) }
    try check(leafValues == [15], "Leaf().parameters() values are \(leafValues), expected [15]")
  }

  @Test func modulesAreTheDirectChildrenInOrder() throws {
    let root = Root()
    let modules = root.modules()
    try check(
      modules.count == 2 && modules[0] === root.a && modules[1] === root.b,
      "Root().modules() is \(treePaths(modules, in: root)), expected [a, b] (its direct children, "
        + "in declaration order)")
    let middle = root.b.modules()
    try check(
      middle.count == 1 && middle[0] === root.b.c,
      "Root().b.modules() is \(treePaths(middle, in: root)), expected [b.c]")
    let leaf = Leaf().modules()
    try check(leaf.isEmpty, "Leaf().modules() has \(leaf.count) entries, expected none")
  }

  @Test func evalAndTrainReachEveryDescendant() throws {
    let root = Root()
    root.eval()
    try check(!root.training, "after eval(), the root's training is true, expected false")
    for module in descendants(of: root) {
      try check(
        !module.training,
        "after root.eval(), \(treePaths([module], in: root)) has training true, expected false")
    }
    root.train()
    try check(root.training, "after train(), the root's training is false, expected true")
    for module in descendants(of: root) {
      try check(
        module.training,
        "after root.train(), \(treePaths([module], in: root)) has training false, expected true")
    }
  }

  @Test func evalOnASubtreeLeavesTheRestAlone() throws {
    let root = Root()
    root.b.eval()
    try check(
      root.training && root.a.training,
      "after b.eval(), training is \(root.training) for the root and \(root.a.training) for a, "
        + "expected true for both (they are outside b)")
    try check(
      !root.b.training && !root.b.c.training,
      "after b.eval(), training is \(root.b.training) for b and \(root.b.c.training) for b.c, "
        + "expected false for both")
  }

  @Test func parametersAddedByNameAtRunTimeAreFound() throws {
    let root = Root()
    root.addParameter("late", 7.0)
    root.b.c.addParameter("extra", 8.0)
    let names = root.namedParameters().map(\.name)
    try check(
      names == ["p1", "late", "a.p2", "b.c.p3", "b.c.extra"],
      "after adding 'late' and 'b.c.extra', namedParameters() names are \(names)")
    try check(
      root.parameters().count == 5,
      "parameters() has \(root.parameters().count) entries, expected 5 (3 declared, 2 added)")
  }

  @Test func stackedTreesOfAnySizeHaveEveryParameter() {
    forAll(.ints(in: 0...5), .ints(in: 0...5), .ints(in: 0...3)) { ownCount, childCount, perChild in
      let root = Module()
      for i in 0..<ownCount {
        root.addParameter("w\(i)", Double(i))
      }
      for c in 0..<childCount {
        let child = Module()
        for p in 0..<perChild {
          child.addParameter("v\(p)", Double(100 * c + p))
        }
        root.addModule("layer\(c)", child)
      }
      var expected = (0..<ownCount).map { "w\($0)" }
      for c in 0..<childCount {
        expected += (0..<perChild).map { "layer\(c).v\($0)" }
      }
      let names = root.namedParameters().map(\.name)
      try check(names == expected, "namedParameters() names are \(names), expected \(expected)")
      try check(
        root.parameters().count == ownCount + childCount * perChild,
        "parameters() has \(root.parameters().count) entries, expected "
          + "\(ownCount + childCount * perChild)")
      try check(
        root.modules().count == childCount,
        "modules() has \(root.modules().count) entries, expected \(childCount)")
    }
  }

  @Test func callingAModuleRunsForwardInTheCurrentMode() throws {
    let chain = ProbeChain()
    try check(
      chain(3) == 12, "training: both probes double, chain(3) should be 12, got \(chain(3))")
    chain.eval()
    try check(
      chain(3) == 3, "evaluation: probes pass through, chain(3) should be 3, got \(chain(3))")
    chain.train()
    try check(chain(3) == 12, "back in training, chain(3) should be 12, got \(chain(3))")
  }
}
