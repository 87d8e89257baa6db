extension Tensor {
  /// Task 4.4: e^xᵢ / Σⱼ e^xⱼ along `dim`, computed as e^(x − m) / Σ e^(x − m) with m the
  /// line's (detached) maximum, so every line sums to 1 and no exponent overflows, even for
  /// entries of ±1000. Differentiable. A negative `dim` counts from the end (-1 is the last).
  ///
  /// Softmax turns a line of scores into probabilities, and logsoftmax into their logarithms:
  ///
  ///     softmax(x)ᵢ    = e^xᵢ / Σⱼ e^xⱼ
  ///     logsoftmax(x)ᵢ = xᵢ − log Σⱼ e^xⱼ
  ///
  /// Written literally they overflow: e^1000 is infinite in Double, and ∞ / ∞ is NaN. Both are
  /// unchanged when a constant m is subtracted from every xᵢ (the e^−m cancels, or
  /// log Σ e^(x − m) + m comes back), so subtract the line's maximum first: then every exponent is
  /// ≤ 0, the largest term is e^0 = 1, and the sum lies in [1, n]. This is the log-sum-exp trick.
  ///
  /// The maximum is taken with `detach()`: the result does not depend on m at all, so m needs no
  /// gradient, and the backward pass through the other functions is exactly the softmax derivative.
  /// Both are built from existing tensor functions (max, −, exp, sum, /, log), so the fast
  /// backend runs them and gradients come for free.
  public func softmax(dim: Int) -> Tensor {
    _ = checkedDim(dim, "softmax(dim: \(dim))")
    // BEGIN SOLUTION Task 4.4
    let exponentials = (self - max(dim: dim).detach()).exp()
    return exponentials / exponentials.sum(dim: dim)
    // END SOLUTION
  }

  /// Task 4.4: xᵢ − log Σⱼ e^xⱼ along `dim`, computed as (x − m) − log Σ e^(x − m) with m the
  /// line's (detached) maximum: finite for entries of ±1000, where the naive formula gives NaN
  /// or −∞. Its exponential is `softmax(dim:)`. Differentiable.
  public func logsoftmax(dim: Int) -> Tensor {
    _ = checkedDim(dim, "logsoftmax(dim: \(dim))")
    // BEGIN SOLUTION Task 4.4
    let shifted = self - max(dim: dim).detach()
    return shifted - shifted.exp().sum(dim: dim).log()
    // END SOLUTION
  }
}
