/// Higher-order functions over lists of numbers (Task 0.3).
///
/// `map`, `zipWith` and `reduce` each take a function and return a new function that applies it
/// to whole lists. Everything else in this file is built from those three, which is the habit
/// the tensor backends of Module2 are built on: one loop, many operations.
extension Operators {
  /// Task 0.3: lifts `f` to lists, `map(f)([x₁, …, xₙ]) = [f(x₁), …, f(xₙ)]`.
  public static func map(
    _ f: @escaping (Double) -> Double
  ) -> ([Double]) -> [Double] {
    // BEGIN SOLUTION Task 0.3
    return { list in
      var result: [Double] = []
      result.reserveCapacity(list.count)
      for x in list {
        result.append(f(x))
      }
      return result
    }
    // END SOLUTION
  }

  /// Task 0.3: combines two lists element by element,
  /// `zipWith(f)([x₁, …, xₙ], [y₁, …, yₙ]) = [f(x₁, y₁), …, f(xₙ, yₙ)]`.
  ///
  /// The lists must have the same length; a mismatch is a programming error and traps with both
  /// lengths in the message.
  public static func zipWith(
    _ f: @escaping (Double, Double) -> Double
  ) -> ([Double], [Double]) -> [Double] {
    // BEGIN SOLUTION Task 0.3
    return { xs, ys in
      precondition(
        xs.count == ys.count,
        "zipWith needs lists of the same length, but got lengths \(xs.count) and \(ys.count)")
      var result: [Double] = []
      result.reserveCapacity(xs.count)
      for i in 0..<xs.count {
        result.append(f(xs[i], ys[i]))
      }
      return result
    }
    // END SOLUTION
  }

  /// Task 0.3: folds a list from the left starting at `start`,
  /// `reduce(f, start)([x₁, …, xₙ]) = f(…f(f(start, x₁), x₂)…, xₙ)`; an empty list gives `start`.
  public static func reduce(
    _ f: @escaping (Double, Double) -> Double, _ start: Double
  ) -> ([Double]) -> Double {
    // BEGIN SOLUTION Task 0.3
    return { list in
      var accumulator = start
      for x in list {
        accumulator = f(accumulator, x)
      }
      return accumulator
    }
    // END SOLUTION
  }

  /// Task 0.3: negates every element, built from `map` and `neg`.
  public static func negList(_ list: [Double]) -> [Double] {
    // BEGIN SOLUTION Task 0.3
    return map(neg)(list)
    // END SOLUTION
  }

  /// Task 0.3: adds two lists element by element, built from `zipWith` and `add`.
  public static func addLists(_ xs: [Double], _ ys: [Double]) -> [Double] {
    // BEGIN SOLUTION Task 0.3
    return zipWith(add)(xs, ys)
    // END SOLUTION
  }

  /// Task 0.3: the sum x₁ + … + xₙ of a list (0 for the empty list), built from `reduce` and `add`.
  public static func sum(_ list: [Double]) -> Double {
    // BEGIN SOLUTION Task 0.3
    return reduce(add, 0.0)(list)
    // END SOLUTION
  }

  /// Task 0.3: the product x₁ · … · xₙ of a list (1 for the empty list), built from `reduce` and
  /// `mul`.
  public static func prod(_ list: [Double]) -> Double {
    // BEGIN SOLUTION Task 0.3
    return reduce(mul, 1.0)(list)
    // END SOLUTION
  }
}
