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
  /// Which operator this is, for backends that run a specialised loop for it. What each kind
  /// computes is written once, in the table `Kind.function`; its name is the case's.
  public enum Kind: String, Sendable, Equatable, CaseIterable {
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

  /// The operator of `kind`, named after it, computing what the table `Kind.function` says.
  private init(_ kind: Kind) {
    guard let function = kind.function else {
      preconditionFailure("MapOperator: .custom has no function of its own; use init(_:_:)")
    }
    self.init(kind, kind.rawValue, function)
  }

  /// f(x).
  @inlinable
  public func callAsFunction(_ x: Double) -> Double { function(x) }

  /// The operator's name.
  public var description: String { name }

  /// x.
  public static let id = MapOperator(.id)
  /// −x.
  public static let neg = MapOperator(.neg)
  /// 1 / x.
  public static let inv = MapOperator(.inv)
  /// e^x.
  public static let exp = MapOperator(.exp)
  /// ln x.
  public static let log = MapOperator(.log)
  /// max(x, 0).
  public static let relu = MapOperator(.relu)
  /// σ(x).
  public static let sigmoid = MapOperator(.sigmoid)
  /// tanh x, by the C library.
  public static let tanh = MapOperator(.tanh)
  /// √x; NaN for x < 0.
  public static let sqrt = MapOperator(.sqrt)
  /// x².
  public static let square = MapOperator(.square)
  /// |x|.
  public static let abs = MapOperator(.abs)

  /// The operator of `kind` (`MapOperator.neg` for `.neg`), or `nil` for `.custom`. With
  /// `Kind.allCases`, a test reaches every kind, and a kind added later cannot be forgotten.
  public static func standard(_ kind: Kind) -> MapOperator? {
    kind == .custom ? nil : MapOperator(kind)
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

extension MapOperator.Kind {
  /// What each kind computes, or `nil` for `.custom` (whose function each operator carries): the
  /// one table of map operators. A new operator is a case of `Kind` and its line here (this
  /// switch does not compile without it), and a `static let` of its name so callers can write it.
  public var function: (@Sendable (Double) -> Double)? {
    switch self {
    case .id: Operators.id
    case .neg: Operators.neg
    case .inv: Operators.inv
    case .exp: Operators.exp
    case .log: Operators.log
    case .relu: Operators.relu
    case .sigmoid: Operators.sigmoid
    case .tanh: { Foundation.tanh($0) }
    case .sqrt: { $0.squareRoot() }
    case .square: { $0 * $0 }
    case .abs: { Swift.abs($0) }
    case .custom: nil
    }
  }
}

/// A function of two numbers that `TensorOps.zip` applies entry by entry, with the operator it
/// is (Task 0.1's `add`, `mul`, …) or `.custom`.
public struct ZipOperator: Sendable, CustomStringConvertible {
  /// Which operator this is, for backends that run a specialised loop for it. What each kind
  /// computes is written once, in the table `Kind.function`; its name is the case's.
  public enum Kind: String, Sendable, Equatable, CaseIterable {
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

  /// The operator of `kind`, named after it, computing what the table `Kind.function` says.
  private init(_ kind: Kind) {
    guard let function = kind.function else {
      preconditionFailure("ZipOperator: .custom has no function of its own; use init(_:_:)")
    }
    self.init(kind, kind.rawValue, function)
  }

  /// f(x, y).
  @inlinable
  public func callAsFunction(_ x: Double, _ y: Double) -> Double { function(x, y) }

  /// The operator's name.
  public var description: String { name }

  /// x + y.
  public static let add = ZipOperator(.add)
  /// x · y.
  public static let mul = ZipOperator(.mul)
  /// 1 if x < y, else 0.
  public static let lt = ZipOperator(.lt)
  /// 1 if x = y, else 0.
  public static let eq = ZipOperator(.eq)
  /// 1 if |x − y| < 0.01, else 0.
  public static let isClose = ZipOperator(.isClose)
  /// The larger of x and y.
  public static let max = ZipOperator(.max)
  /// The smaller of x and y: x if x < y, else y (`Operators.max` mirrored).
  public static let min = ZipOperator(.min)
  /// y / x: the derivative of log at x, times y.
  public static let logBack = ZipOperator(.logBack)
  /// −y / x²: the derivative of inv at x, times y.
  public static let invBack = ZipOperator(.invBack)
  /// y where x > 0, else 0: the derivative of relu at x, times y.
  public static let reluBack = ZipOperator(.reluBack)

  /// The operator of `kind` (`ZipOperator.add` for `.add`), or `nil` for `.custom` (see
  /// `MapOperator.standard(_:)`).
  public static func standard(_ kind: Kind) -> ZipOperator? {
    kind == .custom ? nil : ZipOperator(kind)
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

extension ZipOperator.Kind {
  /// What each kind computes, or `nil` for `.custom`: the one table of zip operators (see
  /// `MapOperator.Kind.function`).
  public var function: (@Sendable (Double, Double) -> Double)? {
    switch self {
    case .add: Operators.add
    case .mul: Operators.mul
    case .lt: Operators.lt
    case .eq: Operators.eq
    case .isClose: Operators.isClose
    case .max: Operators.max
    case .min: { $0 < $1 ? $0 : $1 }
    case .logBack: Operators.logBack
    case .invBack: Operators.invBack
    case .reluBack: Operators.reluBack
    case .custom: nil
    }
  }
}

/// How `TensorOps.reduce` folds a dimension away: a function of two numbers, the value the fold
/// starts from, and the reduction it is (`sum`, `max`, …) or `.custom`.
public struct ReduceOperator: Sendable, CustomStringConvertible {
  /// Which reduction this is, for backends that run a specialised loop for it. Where each kind
  /// starts and how it folds is written once, in the table `Kind.fold`; its name is the case's.
  public enum Kind: String, Sendable, Equatable, CaseIterable {
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

  /// The reduction of `kind`, named after it, folding as the table `Kind.fold` says.
  private init(_ kind: Kind) {
    guard let fold = kind.fold else {
      preconditionFailure("ReduceOperator: .custom has no fold of its own; use init(_:start:_:)")
    }
    self.init(kind, kind.rawValue, start: fold.start, fold.function)
  }

  /// f(result so far, x).
  @inlinable
  public func callAsFunction(_ accumulated: Double, _ x: Double) -> Double {
    function(accumulated, x)
  }

  /// The reduction's name.
  public var description: String { name }

  /// The sum: start at 0, add each entry.
  public static let sum = ReduceOperator(.sum)
  /// The largest entry: start at −∞, keep the larger.
  public static let max = ReduceOperator(.max)
  /// Whether every entry is nonzero: start at 1 (true), stay 1 while entries are nonzero.
  public static let all = ReduceOperator(.all)

  /// The reduction of `kind` (`ReduceOperator.sum` for `.sum`), or `nil` for `.custom` (see
  /// `MapOperator.standard(_:)`).
  public static func standard(_ kind: Kind) -> ReduceOperator? {
    kind == .custom ? nil : ReduceOperator(kind)
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

extension ReduceOperator.Kind {
  /// Where each kind starts and how it folds, or `nil` for `.custom`: the one table of
  /// reductions (see `MapOperator.Kind.function`).
  public var fold: (start: Double, function: @Sendable (Double, Double) -> Double)? {
    switch self {
    case .sum: (0, Operators.add)
    case .max: (-.infinity, Operators.max)
    case .all: (1, { $0 != 0 && $1 != 0 ? 1 : 0 })
    case .custom: nil
    }
  }
}
