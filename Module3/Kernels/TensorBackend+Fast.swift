extension TensorBackend {
  /// The fast CPU backend of Module 3: `FastOps` with its default settings (threads for large
  /// tensors, Task 3.3's SIMD reductions, Task 3.4's blocked matrix multiply).
  ///
  /// ```swift
  /// let x = Tensor.rand([512, 512], seed: 0, backend: .fast)
  /// let y = x.matmul(x)            // y computes on .fast too
  /// ```
  public static let fast = TensorBackend(name: "fast", ops: FastOps())

  /// The fast backend with other settings: tests lower the parallel threshold, or choose the
  /// plain kernels of Tasks 3.1 and 3.2; `minitorch bench` limits the threads.
  public static func fast(
    parallel: Parallel, reductionKernel: FastOps.ReductionKernel = .simd,
    matmulKernel: FastOps.MatmulKernel = .blocked
  ) -> TensorBackend {
    TensorBackend(
      name: "fast",
      ops: FastOps(
        parallel: parallel, reductionKernel: reductionKernel, matmulKernel: matmulKernel))
  }
}
