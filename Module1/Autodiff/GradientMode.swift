/// Whether functions applied now record the graph that `backward()` needs.
///
/// Computing without recording: inside `withoutGradients { … }` no function builds a graph, so
/// every result is a constant. Use it for evaluation, for updates an optimiser makes, or for a
/// lecture's "just the numbers" (PyTorch's `torch.no_grad()`, MyGrad's `mygrad.no_autodiff`).
///
/// The switch is task-local state, not a global: it holds for the code inside the braces, in the
/// task that runs it (and in child tasks that task starts), and nowhere else. Tests run in
/// parallel in one process, and one test evaluating without gradients must not make another
/// test's graph disappear. Work handed to other threads outside of Swift concurrency (Dispatch)
/// does not see it; tensor kernels run there, but they never build graphs.
public enum GradientMode {
  /// True except inside `withoutGradients { … }` (in the same task or a child task).
  /// Every function's `apply` reads it.
  @TaskLocal public static var isEnabled = true
}

/// Runs `body` without recording graphs: every `Scalar` or `Tensor` computed inside is a
/// constant (no history, no gradient), whatever its inputs require. Returns what `body` returns.
///
/// ```swift
/// let w = Tensor([1, 2], requiresGrad: true)
/// let y = withoutGradients { w * 3 }   // [3, 6], a constant
/// y.isConstant                         // true
/// ```
public func withoutGradients<Result>(_ body: () throws -> Result) rethrows -> Result {
  try GradientMode.$isEnabled.withValue(false, operation: body)
}

/// Runs asynchronous `body` without recording graphs, in this task and the child tasks it
/// starts; see `withoutGradients(_:)`.
public func withoutGradients<Result>(
  isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> Result
) async rethrows -> Result {
  try await GradientMode.$isEnabled.withValue(false, operation: body, isolation: isolation)
}
