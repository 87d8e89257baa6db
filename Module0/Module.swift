/// A part of a model: it owns named parameters and named child modules, forming a tree (Task 0.4).
///
/// Subclass `Module` and declare children and parameters as stored properties, exactly as you
/// would assign them in PyTorch's `__init__`:
///
/// ```swift
/// final class Network: Module {
///   let layer1 = Linear(2, 10)             // a child module, named "layer1"
///   let layer2 = Linear(10, 1)             // a child module, named "layer2"
///   let scale = Parameter(1.0)             // a parameter, named "scale"
/// }
/// ```
///
/// Registration is automatic and keeps declaration order (a superclass's properties come first).
/// Stored properties of type `Module`, `Parameter`, optionals of those, arrays of those (named
/// `"layers.0"`, `"layers.1"`, …) and tables of parameters (`[[Parameter]]`, named
/// `"weights.0.1"`) are found. Values known only at run time are added with
/// `addParameter(_:_:)` and `addModule(_:_:)`, and come after the declared ones.
///
/// A module is a class because identity matters: a network and its optimiser share the same
/// parameters.
open class Module: CustomStringConvertible {
  /// Whether the module is in training mode (`true`, the default) or evaluation mode (`false`).
  ///
  /// Layers such as dropout behave differently in the two modes. Use `train()` and `eval()` to
  /// switch a whole tree at once.
  public var training = true

  private var addedModules: [(name: String, module: Module)] = []
  private var addedParameters: [(name: String, parameter: Parameter)] = []

  /// Creates a module in training mode with no children and no parameters of its own.
  public init() {}

  // MARK: - The tree, as given

  /// The direct child modules with their names, in registration order.
  public var children: [(name: String, module: Module)] {
    declaredMembers().modules + addedModules
  }

  /// The parameters that belong to this module itself (not to its children), with their names,
  /// in registration order.
  public var ownParameters: [(name: String, parameter: Parameter)] {
    declaredMembers().parameters + addedParameters
  }

  /// Adds a parameter holding `value` under `name`, for parameters known only at run time, and
  /// returns it. The name must not already be used by this module.
  @discardableResult
  public func addParameter(_ name: String, _ value: Any) -> Parameter {
    precondition(
      !isUsedName(name), "\(typeName) already has a parameter or child named '\(name)'")
    let parameter = Parameter(value, name: name)
    addedParameters.append((name, parameter))
    return parameter
  }

  /// Adds `module` as a child under `name`, for children known only at run time. The name must
  /// not already be used by this module.
  public func addModule(_ name: String, _ module: Module) {
    precondition(
      !isUsedName(name), "\(typeName) already has a parameter or child named '\(name)'")
    addedModules.append((name, module))
  }

  // MARK: - Task 0.4

  /// Task 0.4: the direct child modules, in order (the modules of `children`, without names).
  public func modules() -> [Module] {
    // BEGIN SOLUTION Task 0.4
    return children.map(\.module)
    // END SOLUTION
  }

  /// Task 0.4: every parameter of this module and of all its descendants, named by its dotted
  /// path from this module (`"b.c.p3"`): own parameters first, then each child's in order.
  public func namedParameters() -> [(name: String, parameter: Parameter)] {
    // BEGIN SOLUTION Task 0.4
    var result = ownParameters
    for (childName, child) in children {
      for (name, parameter) in child.namedParameters() {
        result.append(("\(childName).\(name)", parameter))
      }
    }
    return result
    // END SOLUTION
  }

  /// Task 0.4: every parameter of this module and of all its descendants, in the order of
  /// `namedParameters()`.
  public func parameters() -> [Parameter] {
    // BEGIN SOLUTION Task 0.4
    return namedParameters().map(\.parameter)
    // END SOLUTION
  }

  /// Task 0.4: puts this module and every descendant into training mode.
  public func train() {
    // BEGIN SOLUTION Task 0.4
    training = true
    for child in modules() {
      child.train()
    }
    // END SOLUTION
  }

  /// Task 0.4: puts this module and every descendant into evaluation mode.
  public func eval() {
    // BEGIN SOLUTION Task 0.4
    training = false
    for child in modules() {
      child.eval()
    }
    // END SOLUTION
  }

  // MARK: - Printing

  /// Extra details printed inside the parentheses after the class name, for example
  /// `"in: 2, out: 10"`. Empty by default; override it to describe a layer's settings.
  open var extraDescription: String { "" }

  /// The tree printed as PyTorch prints it: the class name, then each child indented on its own
  /// line as `(name): Child(…)`.
  public var description: String {
    let kids = children
    guard !kids.isEmpty else { return "\(typeName)(\(extraDescription))" }
    var lines = ["\(typeName)(\(extraDescription)"]
    for (name, child) in kids {
      let childLines = child.description.split(separator: "\n", omittingEmptySubsequences: false)
      lines.append("  (\(name)): " + childLines[0])
      lines.append(contentsOf: childLines.dropFirst().map { "  " + $0 })
    }
    lines.append(")")
    return lines.joined(separator: "\n")
  }

  // MARK: - Finding declared members

  private var typeName: String { String(describing: type(of: self)) }

  private func isUsedName(_ name: String) -> Bool {
    children.contains { $0.name == name } || ownParameters.contains { $0.name == name }
  }

  /// Names each parameter of `list` by its position, `"label.0"`, `"label.1"`, ….
  private func named(_ list: [Parameter], _ label: String) -> [(name: String, parameter: Parameter)]
  {
    list.enumerated().map { offset, parameter in
      parameter.name = "\(label).\(offset)"
      return (parameter.name, parameter)
    }
  }

  /// Reads this module's stored properties with Swift's reflection (`Mirror`) and keeps those that
  /// hold modules or parameters, superclass properties first, each in declaration order.
  private func declaredMembers() -> (
    modules: [(name: String, module: Module)], parameters: [(name: String, parameter: Parameter)]
  ) {
    var mirrors: [Mirror] = []
    var mirror: Mirror? = Mirror(reflecting: self)
    while let current = mirror, current.subjectType != Module.self {
      mirrors.append(current)
      mirror = current.superclassMirror
    }
    var modules: [(name: String, module: Module)] = []
    var parameters: [(name: String, parameter: Parameter)] = []
    for current in mirrors.reversed() {
      for case (let label?, let value) in current.children {
        if let module = value as? Module {
          modules.append((label, module))
        } else if let parameter = value as? Parameter {
          parameter.name = label
          parameters.append((label, parameter))
        } else if let list = value as? [Module] {
          modules += list.enumerated().map { ("\(label).\($0.offset)", $0.element) }
        } else if let list = value as? [Parameter] {
          parameters += named(list, label)
        } else if let table = value as? [[Parameter]] {
          for (row, list) in table.enumerated() {
            parameters += named(list, "\(label).\(row)")
          }
        }
      }
    }
    return (modules, parameters)
  }
}

/// A module that maps an input to an output, and can be called like a function (Task 0.4).
///
/// Conform a `Module` subclass to `Layer` by writing `forward(_:)`; calling the module,
/// `layer(x)`, then runs `forward(x)`.
public protocol Layer: Module {
  /// What the layer takes: a number, a list, a tensor, or a tuple of several.
  associatedtype Input
  /// What the layer produces.
  associatedtype Output
  /// Computes the layer's output for `input`.
  func forward(_ input: Input) -> Output
}

extension Layer {
  /// Calls `forward(_:)`, so that a layer can be used like a function: `layer(x)`.
  public func callAsFunction(_ input: Input) -> Output {
    forward(input)
  }
}
