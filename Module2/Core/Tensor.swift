/// An n-dimensional array of numbers that remembers how it was computed, so that gradients can
/// flow back through it: Module 1's `Scalar`, for whole arrays at once.
///
/// ```swift
/// let x = Tensor([[1, 2], [3, 4]], requiresGrad: true)   // or: let x: Tensor = [[1, 2], [3, 4]]
/// let loss = (x * x).sum()
/// loss.backward()
/// x.grad                                               // [[2, 4], [6, 8]]
/// ```
///
/// A tensor is a `TensorData` (storage, shape, strides), a backend that computes with it, and,
/// for a computed tensor, its history. As in PyTorch, a tensor you make is a constant unless you
/// ask for gradients (`requiresGrad: true`, or by making it a `Parameter`). A tensor is a class
/// because it is a node of a graph; its numbers are a value (views share storage, and writing
/// copies it first).
public final class Tensor: Variable, GradientTracking {
  /// The numbers and their layout.
  public private(set) var data: TensorData
  /// The backend that computes with this tensor, passed on to every tensor computed from it.
  public let backend: TensorBackend
  /// Whether backpropagation computes a gradient for this tensor (when it is a leaf).
  public var requiresGrad: Bool
  /// The gradient of the last `backward()` output with respect to this tensor, added up over
  /// every `backward()` since `zeroGrad()`; `nil` until one arrives. It has this tensor's shape.
  /// Only leaves receive one, and computed tensors after `retainGrad()`.
  public private(set) var grad: Tensor?
  /// Whether this computed tensor keeps its gradient too (see `retainGrad()`).
  public var retainsGrad = false
  /// How this tensor was computed; `nil` for a leaf.
  public let history: TensorHistory?
  /// A name for pictures and printed graphs (`Tensor(…, name: "w")`); `nil` unless given.
  public var name: String?

  /// A leaf holding `data`, called `name` in pictures of its graphs.
  public init(
    _ data: TensorData, backend: TensorBackend = .simple, requiresGrad: Bool = false,
    name: String? = nil
  ) {
    self.data = data
    self.backend = backend
    self.requiresGrad = requiresGrad
    self.history = nil
    self.name = name
  }

  /// A tensor computed by a function, remembering how (used by a function's `apply`).
  init(_ data: TensorData, backend: TensorBackend, history: TensorHistory) {
    self.data = data
    self.backend = backend
    self.requiresGrad = true
    self.history = history
  }

  /// A leaf of the given `shape` holding `values` in row-major order.
  public convenience init(
    shape: [Int], data values: [Double], backend: TensorBackend = .simple,
    requiresGrad: Bool = false, name: String? = nil
  ) {
    precondition(
      values.count == shape.reduce(1, *),
      "shape \(shape) needs \(shape.reduce(1, *)) values, but \(values.count) were given")
    self.init(
      TensorData(values, shape: shape), backend: backend, requiresGrad: requiresGrad, name: name)
  }

  /// A leaf from nested lists, `Tensor([[1, 2], [3, 4]])`; every row must have the same length.
  public convenience init(
    _ literal: TensorLiteral, backend: TensorBackend = .simple, requiresGrad: Bool = false,
    name: String? = nil
  ) {
    let (shape, values) = literal.flattened()
    self.init(
      shape: shape, data: values, backend: backend, requiresGrad: requiresGrad, name: name)
  }

  /// A tensor of `shape` filled with zeros.
  public static func zeros(_ shape: [Int], backend: TensorBackend = .simple) -> Tensor {
    Tensor(TensorData.filled(shape, with: 0), backend: backend)
  }

  /// A tensor of zeros with the shape and backend of `other`.
  public static func zeros(like other: Tensor) -> Tensor {
    zeros(other.shape, backend: other.backend)
  }

  /// A tensor of `shape` filled with ones.
  public static func ones(_ shape: [Int], backend: TensorBackend = .simple) -> Tensor {
    Tensor(TensorData.filled(shape, with: 1), backend: backend)
  }

  /// A tensor of `shape` with entries uniform in [0, 1), drawn from a generator seeded with
  /// `seed`: the same seed always gives the same tensor.
  public static func rand(_ shape: [Int], seed: UInt64, backend: TensorBackend = .simple)
    -> Tensor
  {
    var rng = SplitMix64(seed: seed)
    let values = (0..<shape.reduce(1, *)).map { _ in rng.nextDouble() }
    return Tensor(shape: shape, data: values, backend: backend)
  }

  // MARK: Shape and entries

  /// How many entries along each dimension.
  public var shape: [Int] { data.shape }
  /// How many entries in all.
  public var size: Int { data.size }
  /// How many dimensions.
  public var dims: Int { data.dims }

  /// The only entry of a one-entry tensor (such as the result of `sum()`).
  public func item() -> Double {
    precondition(size == 1, "item() needs a tensor with one entry, but this one has shape \(shape)")
    return data.values[0]
  }

  /// The entry at an index, `t[1, 0]`. Only a leaf can be written to: changing a computed tensor
  /// would make its recorded history wrong.
  public subscript(_ index: Int...) -> Double {
    get { data[index] }
    set {
      precondition(history == nil, "cannot write into a computed tensor; write into a leaf")
      data[index] = newValue
    }
  }

  // MARK: Variable

  /// Adds `derivative` (which must have this tensor's shape) to `grad`: on a leaf, or on a
  /// computed tensor that retains its gradient.
  public func accumulateDerivative(_ derivative: Tensor) {
    precondition(
      isLeaf || retainsGrad,
      "only leaves accumulate gradients; call retainGrad() on a computed tensor to keep its own")
    precondition(
      derivative.shape == shape,
      "a gradient of shape \(derivative.shape) cannot be added to a tensor of shape \(shape)")
    grad = grad.map { $0 + derivative } ?? derivative.detach()
  }

  /// Fills in `grad` on every leaf this tensor depends on, as if this tensor were summed to one
  /// number first (the backward pass is seeded with ones of this shape). Gradients add up over
  /// calls until `zeroGrad()`.
  public func backward() {
    precondition(
      !isConstant,
      "backward() on a constant: nothing it was computed from requires a gradient. "
        + "Create the inputs with requiresGrad: true, or make them Parameters.")
    backpropagate(self, Tensor.ones(shape, backend: backend))
  }

  /// Fills in `grad` on every leaf this tensor depends on, given `gradient`, the derivative of
  /// some final output with respect to this tensor (it must have this tensor's shape): the
  /// chain rule starting from an upstream gradient other than ones.
  public func backward(_ gradient: Tensor) {
    precondition(
      !isConstant,
      "backward(_:) on a constant: nothing it was computed from requires a gradient. "
        + "Create the inputs with requiresGrad: true, or make them Parameters.")
    precondition(
      gradient.shape == shape,
      "backward(_:) needs an upstream gradient of this tensor's shape \(shape), "
        + "got shape \(gradient.shape)")
    backpropagate(self, gradient.detach())
  }

  /// Forgets the accumulated gradient.
  public func zeroGrad() {
    grad = nil
  }

  /// The same numbers as a new leaf with no history and no gradient: a constant. The storage is
  /// shared, not copied.
  public func detach() -> Tensor {
    Tensor(data, backend: backend)
  }

  /// Frees the graph behind this tensor one node at a time (see `releaseHistory()`).
  deinit {
    releaseHistory()
  }
}

extension Tensor: DerivativeValue {}

/// Nested lists of numbers, as written in a literal: `[[1, 2], [3, 4]]`.
public enum TensorLiteral: ExpressibleByArrayLiteral, ExpressibleByFloatLiteral,
  ExpressibleByIntegerLiteral
{
  /// One number.
  case number(Double)
  /// A list of numbers or of lists.
  case list([TensorLiteral])

  /// A list from an array literal.
  public init(arrayLiteral elements: TensorLiteral...) {
    self = .list(elements)
  }

  /// A number from a float literal.
  public init(floatLiteral value: Double) {
    self = .number(value)
  }

  /// A number from an integer literal.
  public init(integerLiteral value: Int) {
    self = .number(Double(value))
  }

  /// The shape and the numbers in row-major order; stops with a message if the lists are
  /// ragged or empty.
  func flattened() -> (shape: [Int], values: [Double]) {
    switch self {
    case .number(let x):
      return ([1], [x])
    case .list(let items):
      precondition(!items.isEmpty, "a tensor literal cannot contain an empty list")
      let parts = items.map { $0.flattenedItem() }
      let inner = parts[0].shape
      for (position, part) in parts.enumerated() where part.shape != inner {
        preconditionFailure(
          "ragged tensor literal: item \(position) has shape \(part.shape), item 0 has \(inner)")
      }
      return ([items.count] + inner, parts.flatMap(\.values))
    }
  }

  /// Like `flattened()`, but a bare number inside a list has no dimension of its own.
  private func flattenedItem() -> (shape: [Int], values: [Double]) {
    if case .number(let x) = self { return ([], [x]) }
    return flattened()
  }
}

extension Tensor: ExpressibleByArrayLiteral {
  /// A constant from nested lists: `let t: Tensor = [[1, 2], [3, 4]]`.
  public convenience init(arrayLiteral elements: TensorLiteral...) {
    self.init(.list(elements))
  }
}
