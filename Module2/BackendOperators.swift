import Foundation
import Module0

// What a backend's three loops apply. Each value carries a function on numbers and the name of
// the Task 0.1 operator it is, when it is one (or of one of the few math functions a fast
// backend can run a whole block at a time: tanh, sqrt, square, abs, min):
//
//   inputs[0].mapped(.neg)                  map with Operators.neg
//   a.zipped(with: b, .mul)                 zip with Operators.mul
//   a.reduced(dim: 1, .sum)                 reduce with Operators.add, starting from 0
//
// The simple backend only calls the function. A fast backend (Module3) looks at the kind too:
// for `.neg` it can run a loop that negates a whole block of numbers at once, which a function
// it knows nothing about would prevent. Operators without a kind of their own (`.custom`) are
// written inline, `MapOperator("slope") { s in s * (1 - s) }`, and every backend calls them.

/// A function of one number that `TensorOps.map` applies to every entry, with the operator it
/// is (Task 0.1's `neg`, `exp`, …) or `.custom`.
public struct MapOperator: Sendable, CustomStringConvertible {
  /// Which operator this is, for backends that run a specialised loop for it.
  public enum Kind: Sendable, Equatable, CaseIterable {
    /// `Operators.id`.
    case id
    /// `Operators.neg`.
    case neg
    /// `Operators.inv`.
    case inv
    /// `Operators.exp`.
    case exp
    /// `Operators.log`.
    case log
    /// `Operators.relu`.
    case relu
    /// `Operators.sigmoid`.
    case sigmoid
    /// The hyperbolic tangent, (e^x − e^−x) / (e^x + e^−x).
    case tanh
    /// √x (IEEE: NaN for x < 0).
    case sqrt
    /// x · x.
    case square
    /// |x|.
    case abs
    /// Any other function: backends call it.
    case custom
  }

  /// Which operator this is.
  public let kind: Kind
  /// A short name for messages and debugging, for example `"neg"`.
  public let name: String
  /// The function itself.
  public let function: @Sendable (Double) -> Double

  private init(_ kind: Kind, _ name: String, _ function: @escaping @Sendable (Double) -> Double) {
    self.kind = kind
    self.name = name
    self.function = function
  }

  /// A function without an operator of its own, called `name` in messages.
  public init(_ name: String, _ function: @escaping @Sendable (Double) -> Double) {
    self.init(.custom, name, function)
  }

  /// f(x).
  @inlinable
  public func callAsFunction(_ x: Double) -> Double { function(x) }

  /// The operator's name.
  public var description: String { name }

  /// x.
  public static let id = MapOperator(.id, "id", Operators.id)
  /// −x.
  public static let neg = MapOperator(.neg, "neg", Operators.neg)
  /// 1 / x.
  public static let inv = MapOperator(.inv, "inv", Operators.inv)
  /// e^x.
  public static let exp = MapOperator(.exp, "exp", Operators.exp)
  /// ln x.
  public static let log = MapOperator(.log, "log", Operators.log)
  /// max(x, 0).
  public static let relu = MapOperator(.relu, "relu", Operators.relu)
  /// σ(x).
  public static let sigmoid = MapOperator(.sigmoid, "sigmoid", Operators.sigmoid)
  /// tanh x, by the C library.
  public static let tanh = MapOperator(.tanh, "tanh") { Foundation.tanh($0) }
  /// √x; NaN for x < 0.
  public static let sqrt = MapOperator(.sqrt, "sqrt") { $0.squareRoot() }
  /// x².
  public static let square = MapOperator(.square, "square") { $0 * $0 }
  /// |x|.
  public static let abs = MapOperator(.abs, "abs") { Swift.abs($0) }

  /// The operator of `kind` (`MapOperator.neg` for `.neg`), or `nil` for `.custom`. With
  /// `Kind.allCases`, a test reaches every kind, and a kind added later cannot be forgotten: this
  /// switch does not compile until it has a case for it.
  public static func standard(_ kind: Kind) -> MapOperator? {
    switch kind {
    case .id: .id
    case .neg: .neg
    case .inv: .inv
    case .exp: .exp
    case .log: .log
    case .relu: .relu
    case .sigmoid: .sigmoid
    case .tanh: .tanh
    case .sqrt: .sqrt
    case .square: .square
    case .abs: .abs
    case .custom: nil
    }
  }

  /// The same operator (kind, name and values) with `observe` called on every call of its
  /// function: tests count how often a backend calls the function instead of running a loop of
  /// its own for the kind.
  public func observingCalls(_ observe: @escaping @Sendable () -> Void) -> MapOperator {
    let function = self.function
    return MapOperator(kind, name) { x in
      observe()
      return function(x)
    }
  }
}

/// A function of two numbers that `TensorOps.zip` applies entry by entry, with the operator it
/// is (Task 0.1's `add`, `mul`, …) or `.custom`.
public struct ZipOperator: Sendable, CustomStringConvertible {
  /// Which operator this is, for backends that run a specialised loop for it.
  public enum Kind: Sendable, Equatable, CaseIterable {
    /// `Operators.add`.
    case add
    /// `Operators.mul`.
    case mul
    /// `Operators.lt`.
    case lt
    /// `Operators.eq`.
    case eq
    /// `Operators.isClose`.
    case isClose
    /// `Operators.max`.
    case max
    /// The smaller of x and y.
    case min
    /// `Operators.logBack`.
    case logBack
    /// `Operators.invBack`.
    case invBack
    /// `Operators.reluBack`.
    case reluBack
    /// Any other function: backends call it.
    case custom
  }

  /// Which operator this is.
  public let kind: Kind
  /// A short name for messages and debugging, for example `"add"`.
  public let name: String
  /// The function itself.
  public let function: @Sendable (Double, Double) -> Double

  private init(
    _ kind: Kind, _ name: String, _ function: @escaping @Sendable (Double, Double) -> Double
  ) {
    self.kind = kind
    self.name = name
    self.function = function
  }

  /// A function without an operator of its own, called `name` in messages.
  public init(_ name: String, _ function: @escaping @Sendable (Double, Double) -> Double) {
    self.init(.custom, name, function)
  }

  /// f(x, y).
  @inlinable
  public func callAsFunction(_ x: Double, _ y: Double) -> Double { function(x, y) }

  /// The operator's name.
  public var description: String { name }

  /// x + y.
  public static let add = ZipOperator(.add, "add", Operators.add)
  /// x · y.
  public static let mul = ZipOperator(.mul, "mul", Operators.mul)
  /// 1 if x < y, else 0.
  public static let lt = ZipOperator(.lt, "lt", Operators.lt)
  /// 1 if x = y, else 0.
  public static let eq = ZipOperator(.eq, "eq", Operators.eq)
  /// 1 if |x − y| < 0.01, else 0.
  public static let isClose = ZipOperator(.isClose, "isClose", Operators.isClose)
  /// The larger of x and y.
  public static let max = ZipOperator(.max, "max", Operators.max)
  /// The smaller of x and y: x if x < y, else y (`Operators.max` mirrored).
  public static let min = ZipOperator(.min, "min") { $0 < $1 ? $0 : $1 }
  /// y / x: the derivative of log at x, times y.
  public static let logBack = ZipOperator(.logBack, "logBack", Operators.logBack)
  /// −y / x²: the derivative of inv at x, times y.
  public static let invBack = ZipOperator(.invBack, "invBack", Operators.invBack)
  /// y where x > 0, else 0: the derivative of relu at x, times y.
  public static let reluBack = ZipOperator(.reluBack, "reluBack", Operators.reluBack)

  /// The operator of `kind` (`ZipOperator.add` for `.add`), or `nil` for `.custom` (see
  /// `MapOperator.standard(_:)`).
  public static func standard(_ kind: Kind) -> ZipOperator? {
    switch kind {
    case .add: .add
    case .mul: .mul
    case .lt: .lt
    case .eq: .eq
    case .isClose: .isClose
    case .max: .max
    case .min: .min
    case .logBack: .logBack
    case .invBack: .invBack
    case .reluBack: .reluBack
    case .custom: nil
    }
  }

  /// The same operator with `observe` called on every call of its function (see
  /// `MapOperator.observingCalls(_:)`).
  public func observingCalls(_ observe: @escaping @Sendable () -> Void) -> ZipOperator {
    let function = self.function
    return ZipOperator(kind, name) { x, y in
      observe()
      return function(x, y)
    }
  }
}

/// How `TensorOps.reduce` folds a dimension away: a function of two numbers, the value the fold
/// starts from, and the reduction it is (`sum`, `max`, …) or `.custom`.
public struct ReduceOperator: Sendable, CustomStringConvertible {
  /// Which reduction this is, for backends that run a specialised loop for it.
  public enum Kind: Sendable, Equatable, CaseIterable {
    /// Σ: `Operators.add` from 0.
    case sum
    /// The largest entry: `Operators.max` from −∞.
    case max
    /// 1 if every entry is nonzero, else 0: from 1.
    case all
    /// Any other fold: backends call the function.
    case custom
  }

  /// Which reduction this is.
  public let kind: Kind
  /// A short name for messages and debugging, for example `"sum"`.
  public let name: String
  /// The value the fold starts from (what the reduction of nothing would be).
  public let start: Double
  /// Combines the result so far with the next entry.
  public let function: @Sendable (Double, Double) -> Double

  private init(
    _ kind: Kind, _ name: String, start: Double,
    _ function: @escaping @Sendable (Double, Double) -> Double
  ) {
    self.kind = kind
    self.name = name
    self.start = start
    self.function = function
  }

  /// A fold without a reduction of its own, called `name` in messages, starting from `start`.
  public init(
    _ name: String, start: Double, _ function: @escaping @Sendable (Double, Double) -> Double
  ) {
    self.init(.custom, name, start: start, function)
  }

  /// f(result so far, x).
  @inlinable
  public func callAsFunction(_ accumulated: Double, _ x: Double) -> Double {
    function(accumulated, x)
  }

  /// The reduction's name.
  public var description: String { name }

  /// The sum: start at 0, add each entry.
  public static let sum = ReduceOperator(.sum, "sum", start: 0, Operators.add)
  /// The largest entry: start at −∞, keep the larger.
  public static let max = ReduceOperator(.max, "max", start: -.infinity, Operators.max)
  /// Whether every entry is nonzero: start at 1 (true), stay 1 while entries are nonzero.
  public static let all = ReduceOperator(.all, "all", start: 1) { $0 != 0 && $1 != 0 ? 1 : 0 }

  /// The reduction of `kind` (`ReduceOperator.sum` for `.sum`), or `nil` for `.custom` (see
  /// `MapOperator.standard(_:)`).
  public static func standard(_ kind: Kind) -> ReduceOperator? {
    switch kind {
    case .sum: .sum
    case .max: .max
    case .all: .all
    case .custom: nil
    }
  }

  /// The same reduction with `observe` called on every call of its function (see
  /// `MapOperator.observingCalls(_:)`).
  public func observingCalls(_ observe: @escaping @Sendable () -> Void) -> ReduceOperator {
    let function = self.function
    return ReduceOperator(kind, name, start: start) { x, y in
      observe()
      return function(x, y)
    }
  }
}
