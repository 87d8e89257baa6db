/// Whether `multiplyAdd` is fused (one rounding) in this build: on arm64, and on x86-64 when
/// the fast stages were compiled for AVX2 and FMA.
///
/// c + a · b, the step of every dot product, matrix product and polynomial.
///
/// A fused multiply-add computes c + a · b with one rounding instead of two (a · b rounded, then
/// the sum rounded), in one instruction. arm64 processors have it; on x86-64 it came with AVX2
/// (FMA, 2013), which the default build uses where the building machine has it (Package.swift).
/// On the x86-64 baseline (a portable build) there is no such instruction, and Swift's
/// `addingProduct` becomes a library call per number, 14 times slower than `c + a * b`. So the
/// kernels write `multiplyAdd(c, a, b)`: fused where it is one instruction, two roundings where
/// it is not. A product computed both ways differs in the last bits; two kernels that should
/// give the same bits (Task 3.2's loop and Task 3.4's blocked kernel) must both use it, or both
/// not.
public var multiplyAddIsFused: Bool {
  #if arch(arm64) || MINITORCH_AVX2
    return true
  #else
    return false
  #endif
}

/// c + a · b: with one rounding where the processor has a fused multiply-add instruction
/// (`multiplyAddIsFused`), else a · b rounded, then added to c.
@inline(__always)
public func multiplyAdd(_ c: Double, _ a: Double, _ b: Double) -> Double {
  #if arch(arm64) || MINITORCH_AVX2
    return c.addingProduct(a, b)
  #else
    return c + a * b
  #endif
}

// One function per vector type: inside a function generic over `SIMD`, `addingProduct` is the
// protocol's lane-by-lane default, which the compiler does not turn back into vector
// instructions; on a concrete vector type it is one instruction per register.

/// c + a · b lane by lane, fused where the processor can (see the scalar `multiplyAdd`).
@inline(__always)
public func multiplyAdd(
  _ c: SIMD2<Double>, _ a: SIMD2<Double>, _ b: SIMD2<Double>
) -> SIMD2<Double> {
  #if arch(arm64) || MINITORCH_AVX2
    return c.addingProduct(a, b)
  #else
    return c + a * b
  #endif
}

/// c + a · b lane by lane, fused where the processor can (see the scalar `multiplyAdd`).
@inline(__always)
public func multiplyAdd(
  _ c: SIMD4<Double>, _ a: SIMD4<Double>, _ b: SIMD4<Double>
) -> SIMD4<Double> {
  #if arch(arm64) || MINITORCH_AVX2
    return c.addingProduct(a, b)
  #else
    return c + a * b
  #endif
}

/// c + a · b lane by lane, fused where the processor can (see the scalar `multiplyAdd`).
@inline(__always)
public func multiplyAdd(
  _ c: SIMD8<Double>, _ a: SIMD8<Double>, _ b: SIMD8<Double>
) -> SIMD8<Double> {
  #if arch(arm64) || MINITORCH_AVX2
    return c.addingProduct(a, b)
  #else
    return c + a * b
  #endif
}

/// c + a · b lane by lane, fused where the processor can (see the scalar `multiplyAdd`).
@inline(__always)
public func multiplyAdd(
  _ c: SIMD16<Double>, _ a: SIMD16<Double>, _ b: SIMD16<Double>
) -> SIMD16<Double> {
  #if arch(arm64) || MINITORCH_AVX2
    return c.addingProduct(a, b)
  #else
    return c + a * b
  #endif
}
