import Module0
import TestSupport
import Testing

/// A layer with a setting, to show `extraDescription` in the printed tree.
final class Scale: Module {
  let factor: Double

  init(_ factor: Double) {
    self.factor = factor
  }

  override var extraDescription: String { "factor: \(factor)" }
}

/// A module holding its children in arrays and optionals, like a PyTorch `ModuleList`.
final class Stack: Module {
  let layers = [Leaf(), Leaf()]
  let weights = [Parameter(1.0), Parameter(2.0)]
  let table = [[Parameter(3.0), Parameter(4.0)], [Parameter(5.0)]]
  let head: Leaf? = Leaf()
  let missing: Leaf? = nil
}

/// A subclass of a module with parameters of its own: the superclass's come first.
class Base: Module {
  let baseWeight = Parameter(1.0)
}

final class Derived: Base {
  let derivedWeight = Parameter(2.0)
}

/// A value that tracks gradients, standing in for Module1's `Scalar`.
final class Tracked: GradientTracking {
  var requiresGrad = false
}

/// The code students are given around Task 0.4 (registration, printing, `Parameter`), and the
/// `notImplemented` message. Not graded: these pass in the starter too.
@Suite("Given code: modules, parameters, task messages", .explainsStops)
struct GivenModuleCode {
  @Test func childrenAndOwnParametersFollowDeclarationOrder() {
    let root = Root()
    #expect(root.children.map(\.name) == ["a", "b"])
    #expect(root.ownParameters.map(\.name) == ["p1"])
    #expect(root.ownParameters[0].parameter.name == "p1")
  }

  @Test func arraysTablesAndOptionalsAreRegistered() {
    let stack = Stack()
    #expect(stack.children.map(\.name) == ["layers.0", "layers.1", "head"])
    #expect(
      stack.ownParameters.map(\.name) == [
        "weights.0", "weights.1", "table.0.0", "table.0.1", "table.1.0",
      ])
  }

  @Test func superclassPropertiesComeFirst() {
    #expect(Derived().ownParameters.map(\.name) == ["baseWeight", "derivedWeight"])
  }

  @Test func descriptionPrintsTheTreeLikePyTorch() {
    let root = Root()
    root.addModule("scale", Scale(0.5))
    let expected = """
      Root(
        (a): Inner()
        (b): Middle(
          (c): Leaf()
        )
        (scale): Scale(factor: 0.5)
      )
      """
    #expect(root.description == expected)
  }

  @Test func updateReplacesTheValue() {
    let parameter = Parameter(1.0, name: "w")
    parameter.update(2.5)
    #expect(parameter.value(as: Double.self) == 2.5)
    #expect(parameter.description == "2.5")
  }

  @Test func parametersTurnOnGradientTracking() {
    let first = Tracked()
    let parameter = Parameter(first)
    #expect(first.requiresGrad)
    let second = Tracked()
    parameter.update(second)
    #expect(second.requiresGrad)
  }

  @Test func aNameCanBeUsedOnlyOnce() async {
    await #expect(processExitsWith: .failure) {
      let root = Root()
      root.addParameter("p1", 0.0)
    }
  }

  @Test func taskReferencesPointToTheirPageAndSuite() {
    let task = TaskReference("Task 1.2")
    #expect(task.id == "1.2")
    #expect(task.module == 1)
    #expect(task.suite == "Task1_2")
    #expect(task.page == "assignments/module1.md")
    #expect(task.notImplementedMessage.contains("swift test --filter Task1_2"))
  }
}
