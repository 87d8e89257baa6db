import Module4
import TensorTestSupport
import TestSupport

// Shared by the suites of the given layers and training pieces (issue 21): PyTorch's literals
// (LayerReferences.swift) laid out in every layout on every backend.

/// `values` (row-major, of `shape`) as a leaf that requires gradients, in `layout` on `backend`.
func referenceLeaf(
  _ values: [Double], _ shape: [Int], _ layout: Layout, _ backend: TensorBackend
) -> Tensor {
  Tensor(layout.make(values, shape), backend: backend, requiresGrad: true)
}

/// Every layout on every graded backend, named for messages.
var everyLayoutAndBackend: [(layout: Layout, backend: TensorBackend, name: String)] {
  gradedBackends.flatMap { backend in
    Layout.allCases.map { ($0, backend, "\($0) on \(backend)") }
  }
}

/// `(out · k).sum()` for a constant k of out's shape: the loss whose gradient the references
/// give, so that every entry of dOut differs.
func weightedSum(_ out: Tensor, _ k: [Double]) -> Tensor {
  (out * Tensor(shape: out.shape, data: k, backend: out.backend)).sum()
}

/// The gradient of `tensor` as row-major values ([] when none arrived).
func gradientValues(_ tensor: Tensor) -> [Double] {
  tensor.grad?.data.values ?? []
}
