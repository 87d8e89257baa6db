import Module0

// The functions `Scalar` arithmetic is built from. Each forward pass (Task 1.2) is one of the
// operators of Task 0.1; each backward pass (Task 1.4) returns dOut times the function's
// derivative with respect to each input, using what the forward pass saved.

/// f(x, y) = x + y, with ∂f/∂x = ∂f/∂y = 1.
public enum Add: ScalarFunction {
  /// Task 1.2: x + y.
  public static func forward(_ ctx: Context<Double>, _ inputs: [Double]) -> Double {
    // BEGIN SOLUTION Task 1.2
    return Operators.add(inputs[0], inputs[1])
    // END SOLUTION
  }

  /// Task 1.4: (dOut, dOut).
  public static func backward(_ ctx: Context<Double>, _ dOut: Double) -> [Double] {
    // BEGIN SOLUTION Task 1.4
    return [dOut, dOut]
    // END SOLUTION
  }
}

/// f(x) = ln x, with f′(x) = 1 / x. For x ≤ 0 the value follows IEEE (−∞ or NaN).
public enum Log: ScalarFunction {
  /// Task 1.2: ln x; saves x.
  public static func forward(_ ctx: Context<Double>, _ inputs: [Double]) -> Double {
    // BEGIN SOLUTION Task 1.2
    ctx.saveForBackward(inputs[0])
    return Operators.log(inputs[0])
    // END SOLUTION
  }

  /// Task 1.4: dOut / x.
  public static func backward(_ ctx: Context<Double>, _ dOut: Double) -> [Double] {
    // BEGIN SOLUTION Task 1.4
    let x = ctx.savedValues[0]
    return [Operators.logBack(x, dOut)]
    // END SOLUTION
  }
}

/// f(x, y) = x · y, with ∂f/∂x = y and ∂f/∂y = x.
public enum Mul: ScalarFunction {
  /// Task 1.2: x · y; saves x and y.
  public static func forward(_ ctx: Context<Double>, _ inputs: [Double]) -> Double {
    // BEGIN SOLUTION Task 1.2
    ctx.saveForBackward(inputs[0], inputs[1])
    return Operators.mul(inputs[0], inputs[1])
    // END SOLUTION
  }

  /// Task 1.4: (dOut · y, dOut · x).
  public static func backward(_ ctx: Context<Double>, _ dOut: Double) -> [Double] {
    // BEGIN SOLUTION Task 1.4
    let (x, y) = (ctx.savedValues[0], ctx.savedValues[1])
    return [Operators.mul(dOut, y), Operators.mul(dOut, x)]
    // END SOLUTION
  }
}

/// f(x) = 1 / x, with f′(x) = −1 / x².
public enum Inv: ScalarFunction {
  /// Task 1.2: 1 / x; saves x.
  public static func forward(_ ctx: Context<Double>, _ inputs: [Double]) -> Double {
    // BEGIN SOLUTION Task 1.2
    ctx.saveForBackward(inputs[0])
    return Operators.inv(inputs[0])
    // END SOLUTION
  }

  /// Task 1.4: −dOut / x².
  public static func backward(_ ctx: Context<Double>, _ dOut: Double) -> [Double] {
    // BEGIN SOLUTION Task 1.4
    return [Operators.invBack(ctx.savedValues[0], dOut)]
    // END SOLUTION
  }
}

/// f(x) = −x, with f′(x) = −1.
public enum Neg: ScalarFunction {
  /// Task 1.2: −x.
  public static func forward(_ ctx: Context<Double>, _ inputs: [Double]) -> Double {
    // BEGIN SOLUTION Task 1.2
    return Operators.neg(inputs[0])
    // END SOLUTION
  }

  /// Task 1.4: −dOut.
  public static func backward(_ ctx: Context<Double>, _ dOut: Double) -> [Double] {
    // BEGIN SOLUTION Task 1.4
    return [Operators.neg(dOut)]
    // END SOLUTION
  }
}

/// f(x) = σ(x) = 1 / (1 + e^(−x)), with f′(x) = σ(x) · (1 − σ(x)).
public enum Sigmoid: ScalarFunction {
  /// Task 1.2: σ(x); saves σ(x), which is all the derivative needs.
  public static func forward(_ ctx: Context<Double>, _ inputs: [Double]) -> Double {
    // BEGIN SOLUTION Task 1.2
    let s = Operators.sigmoid(inputs[0])
    ctx.saveForBackward(s)
    return s
    // END SOLUTION
  }

  /// Task 1.4: dOut · σ(x) · (1 − σ(x)).
  public static func backward(_ ctx: Context<Double>, _ dOut: Double) -> [Double] {
    // BEGIN SOLUTION Task 1.4
    let s = ctx.savedValues[0]
    return [dOut * s * (1 - s)]
    // END SOLUTION
  }
}

/// f(x) = max(x, 0), with f′(x) = 1 for x > 0 and 0 otherwise.
public enum ReLU: ScalarFunction {
  /// Task 1.2: max(x, 0); saves x.
  public static func forward(_ ctx: Context<Double>, _ inputs: [Double]) -> Double {
    // BEGIN SOLUTION Task 1.2
    ctx.saveForBackward(inputs[0])
    return Operators.relu(inputs[0])
    // END SOLUTION
  }

  /// Task 1.4: dOut where x > 0, else 0.
  public static func backward(_ ctx: Context<Double>, _ dOut: Double) -> [Double] {
    // BEGIN SOLUTION Task 1.4
    return [Operators.reluBack(ctx.savedValues[0], dOut)]
    // END SOLUTION
  }
}

/// f(x) = e^x, with f′(x) = e^x.
public enum Exp: ScalarFunction {
  /// Task 1.2: e^x; saves e^x, which is also the derivative.
  public static func forward(_ ctx: Context<Double>, _ inputs: [Double]) -> Double {
    // BEGIN SOLUTION Task 1.2
    let e = Operators.exp(inputs[0])
    ctx.saveForBackward(e)
    return e
    // END SOLUTION
  }

  /// Task 1.4: dOut · e^x.
  public static func backward(_ ctx: Context<Double>, _ dOut: Double) -> [Double] {
    // BEGIN SOLUTION Task 1.4
    return [Operators.mul(dOut, ctx.savedValues[0])]
    // END SOLUTION
  }
}

/// f(x, y) = 1 if x < y else 0. A step: its derivative is 0 wherever it is defined.
public enum LT: ScalarFunction {
  /// Task 1.2: 1 if x < y, else 0.
  public static func forward(_ ctx: Context<Double>, _ inputs: [Double]) -> Double {
    // BEGIN SOLUTION Task 1.2
    return Operators.lt(inputs[0], inputs[1])
    // END SOLUTION
  }

  /// Task 1.4: (0, 0).
  public static func backward(_ ctx: Context<Double>, _ dOut: Double) -> [Double] {
    // BEGIN SOLUTION Task 1.4
    return [0, 0]
    // END SOLUTION
  }
}

/// f(x, y) = 1 if x = y else 0. Its derivative is 0 wherever it is defined.
public enum EQ: ScalarFunction {
  /// Task 1.2: 1 if x = y, else 0.
  public static func forward(_ ctx: Context<Double>, _ inputs: [Double]) -> Double {
    // BEGIN SOLUTION Task 1.2
    return Operators.eq(inputs[0], inputs[1])
    // END SOLUTION
  }

  /// Task 1.4: (0, 0).
  public static func backward(_ ctx: Context<Double>, _ dOut: Double) -> [Double] {
    // BEGIN SOLUTION Task 1.4
    return [0, 0]
    // END SOLUTION
  }
}
