/// The Einstein summation `spec` over `operands` (NumPy's, PyTorch's and MyGrad's `einsum`),
/// differentiable in every operand. See the examples below; a malformed spec or sizes that
/// disagree stop with a message naming the spec and the shapes.
///
/// Einstein summation: a short spec names each operand's dimensions with letters, and the sum
/// runs over every letter that is not in the output.
///
///     einsum("ij,jk->ik", a, b)   out[i, k] = Σ_j a[i, j] · b[j, k]     matrix product
///     einsum("ij,jk", a, b)       the same: without "->", the output is every letter that
///                                 appears once, in alphabetical order (NumPy's rule)
///     einsum("ii", a)             Σ_i a[i, i]                          trace
///     einsum("ii->i", a)          a[i, i]                              diagonal
///     einsum("bij,bjk->bik", …)   a batch of matrix products
///     einsum("...ij,...jk", …)    the same, for any number of leading (broadcast) dimensions
///     einsum("i,i", u, v)         Σ_i u[i] · v[i]                      dot product, shape [1]
///
/// It is evaluated with differentiable functions that exist already, so it needs no backward
/// pass of its own: a letter repeated in one operand takes a diagonal (`Diagonal`, a view); a
/// letter that only one operand has and the output lacks is summed away (`sum`); then the
/// operands are combined left to right, each pair as one batched matrix product (`matmul`, so
/// the fast backend's blocked kernel does the work): the pair's shared letters that are still
/// needed are the batch, the shared letters that are not are the inner dimension, and each
/// operand's other letters are the rows or the columns. Sizes of 1 broadcast, as in NumPy.
/// A result with no letters (a full contraction) has shape [1], where NumPy gives a 0-d array.
public func einsum(_ spec: String, _ operands: Tensor...) -> Tensor {
  einsum(spec, operands)
}

/// `einsum(_:_:)` with the operands as an array.
public func einsum(_ spec: String, _ operands: [Tensor]) -> Tensor {
  let plan = EinsumSpec(spec, shapes: operands.map(\.shape))
  var terms: [(tensor: Tensor, labels: [EinsumSpec.Label])] = []
  for (operand, labels) in zip(operands, plan.inputs) {
    var (tensor, labels) = (operand, labels)
    // A letter repeated in one operand: its diagonal, as a new last dimension.
    while let repeated = labels.first(where: { label in labels.count { $0 == label } > 1 }) {
      let dims = labels.indices.filter { labels[$0] == repeated }
      tensor = Tensor.Diagonal(dims: dims).apply(tensor)
      labels = labels.filter { $0 != repeated } + [repeated]
    }
    // Sizes of 1 broadcast to the size the letter has elsewhere.
    let sizes = labels.map { plan.sizes[$0]! }
    if sizes != tensor.shape {
      tensor = tensor.broadcast(to: sizes, operation: "einsum(\"\(spec)\")")
    }
    terms.append((tensor, labels))
  }
  // Letters that one operand alone has and the output lacks are summed away first.
  for i in terms.indices {
    let elsewhere = Set(plan.output + terms.indices.filter { $0 != i }.flatMap { terms[$0].labels })
    terms[i] = summing(terms[i], keeping: elsewhere, plan)
  }
  var (result, labels) = terms[0]
  for i in terms.indices.dropFirst() {
    let later = Set(plan.output + terms[(i + 1)...].flatMap(\.labels))
    (result, labels) = contract((result, labels), terms[i], keeping: later, plan)
  }
  (result, labels) = summing((result, labels), keeping: Set(plan.output), plan)
  guard !labels.isEmpty else { return result }
  let order = plan.output.map { label in labels.firstIndex(of: label)! }
  return order == Array(order.indices) ? result : Tensor.Permute(order: order).apply(result)
}

/// The term with every letter not in `keeping` summed away (shape [1] when none is left).
private func summing(
  _ term: (tensor: Tensor, labels: [EinsumSpec.Label]), keeping: Set<EinsumSpec.Label>,
  _ plan: EinsumSpec
) -> (tensor: Tensor, labels: [EinsumSpec.Label]) {
  let gone = term.labels.indices.filter { !keeping.contains(term.labels[$0]) }
  guard !gone.isEmpty else { return term }
  var tensor = term.tensor
  for dim in gone {
    tensor = tensor.sum(dim: dim)
  }
  let labels = term.labels.filter { keeping.contains($0) }
  return (tensor.reshape(labels.isEmpty ? [1] : labels.map { plan.sizes[$0]! }), labels)
}

/// Two terms combined as one batched matrix product: out[batch, a, b] = Σ_c x[batch, a, c] ·
/// y[batch, c, b], where `batch` are the shared letters still needed later, `c` the shared ones
/// that are not, and `a` and `b` each term's own letters.
private func contract(
  _ x: (tensor: Tensor, labels: [EinsumSpec.Label]),
  _ y: (tensor: Tensor, labels: [EinsumSpec.Label]), keeping later: Set<EinsumSpec.Label>,
  _ plan: EinsumSpec
) -> (tensor: Tensor, labels: [EinsumSpec.Label]) {
  let shared = x.labels.filter { y.labels.contains($0) }
  let batch = shared.filter { later.contains($0) }
  let inner = shared.filter { !later.contains($0) }
  let rows = x.labels.filter { !y.labels.contains($0) }
  let columns = y.labels.filter { !x.labels.contains($0) }
  func count(_ labels: [EinsumSpec.Label]) -> Int { labels.reduce(1) { $0 * plan.sizes[$1]! } }
  let batchShape = batch.isEmpty ? [] : [count(batch)]
  let left = arranged(x, batch + rows + inner).reshape(batchShape + [count(rows), count(inner)])
  let right = arranged(y, batch + inner + columns).reshape(
    batchShape + [count(inner), count(columns)])
  let labels = batch + rows + columns
  let product = left.matmul(right)
  return (product.reshape(labels.isEmpty ? [1] : labels.map { plan.sizes[$0]! }), labels)
}

/// The term's tensor with its dimensions in the order of `labels` (a permuted view).
private func arranged(
  _ term: (tensor: Tensor, labels: [EinsumSpec.Label]), _ labels: [EinsumSpec.Label]
) -> Tensor {
  let order = labels.map { label in term.labels.firstIndex(of: label)! }
  return order == Array(order.indices)
    ? term.tensor : Tensor.Permute(order: order).apply(term.tensor)
}

/// A parsed and checked einsum spec: each operand's labels, the output's labels, and each
/// label's size.
struct EinsumSpec {
  /// A dimension's name: a letter, or the k-th dimension that "..." stands for (counted so that
  /// the ellipses of all operands line up on the right, as broadcasting does).
  enum Label: Hashable, Comparable {
    case broadcast(Int)
    case letter(Character)
  }

  /// Each operand's labels, one per dimension.
  let inputs: [[Label]]
  /// The output's labels.
  let output: [Label]
  /// Each label's size (the largest, where others are 1).
  let sizes: [Label: Int]

  /// Parses `spec` for operands of `shapes`, stopping with a message naming the spec, the
  /// shapes and the problem when the spec is malformed or the sizes disagree.
  init(_ spec: String, shapes: [[Int]]) {
    let context = "einsum(\"\(spec)\") with shapes \(shapes)"
    let text = spec.filter { $0 != " " }
    let sides = text.components(separatedBy: "->")
    precondition(sides.count <= 2, "\(context): \"->\" may appear once")
    let terms = sides[0].split(separator: ",", omittingEmptySubsequences: false).map {
      Self.parse(String($0), context)
    }
    precondition(
      terms.count == shapes.count,
      "\(context): the spec has \(terms.count) operand terms for \(shapes.count) operands")
    precondition(!shapes.isEmpty, "einsum(\"\(spec)\"): there are no operands")
    // The number of dimensions "..." stands for in each operand, and the most of them.
    var extra: [Int] = []
    for (term, shape) in zip(terms, shapes) {
      let letters = term.filter { $0 != nil }.count
      let hasEllipsis = term.contains(nil)
      precondition(
        hasEllipsis ? shape.count >= letters : shape.count == letters,
        "\(context): the term \"\(Self.describe(term))\" names \(letters) dimensions, but its "
          + "operand has shape \(shape)")
      extra.append(shape.count - letters)
    }
    let broadcastCount = extra.max() ?? 0
    let ellipsisLabels = (0..<broadcastCount).map { Label.broadcast($0) }
    inputs = zip(terms, extra).map { term, count in
      term.flatMap { item in
        item.map { [Label.letter($0)] }
          ?? (0..<count).map { Label.broadcast(broadcastCount - count + $0) }
      }
    }
    // Sizes: every use of a label agrees, or is 1.
    var sizes: [Label: Int] = [:]
    for (labels, shape) in zip(inputs, shapes) {
      var own: [Label: Int] = [:]
      for (label, size) in zip(labels, shape) {
        if let seen = own[label] {
          precondition(
            seen == size,
            "\(context): \(Self.name(label)) is repeated in a term over shape \(shape), so its "
              + "sizes must be equal, but they are \(seen) and \(size)")
        }
        own[label] = size
        let known = sizes[label] ?? 1
        precondition(
          known == size || known == 1 || size == 1,
          "\(context): \(Self.name(label)) has size \(known) in one operand and \(size) in "
            + "another (shape \(shape)); sizes must agree or be 1")
        sizes[label] = Swift.max(known, size)
      }
    }
    self.sizes = sizes
    // The output: as written, or every letter used once, in alphabetical order.
    if sides.count == 2 {
      let term = Self.parse(sides[1], context)
      precondition(
        term.contains(nil) || broadcastCount == 0,
        "\(context): the operands have dimensions for \"...\", so the output must say where "
          + "they go with \"...\" too")
      let labels = term.flatMap { item in item.map { [Label.letter($0)] } ?? ellipsisLabels }
      for label in labels {
        precondition(
          sizes[label] != nil,
          "\(context): the output's \(Self.name(label)) is in no operand")
        precondition(
          labels.count { $0 == label } == 1,
          "\(context): the output names \(Self.name(label)) twice")
      }
      output = labels
    } else {
      let letters = inputs.flatMap { $0 }.filter { if case .letter = $0 { true } else { false } }
      let once = Set(letters).filter { label in letters.count { $0 == label } == 1 }
      output = ellipsisLabels + once.sorted()
    }
  }

  /// A term's items: a letter, or `nil` for "...".
  private static func parse(_ term: String, _ context: String) -> [Character?] {
    var items: [Character?] = []
    var rest = Substring(term)
    while let first = rest.first {
      if rest.hasPrefix("...") {
        precondition(!items.contains(nil), "\(context): \"...\" appears twice in \"\(term)\"")
        items.append(nil)
        rest = rest.dropFirst(3)
      } else {
        precondition(
          first.isASCII && first.isLetter,
          "\(context): unexpected '\(first)' in \"\(term)\"; a term holds letters a–z, A–Z "
            + "and at most one \"...\"")
        items.append(first)
        rest = rest.dropFirst()
      }
    }
    return items
  }

  /// A term as written.
  private static func describe(_ term: [Character?]) -> String {
    term.map { $0.map(String.init) ?? "..." }.joined()
  }

  /// A label for messages: `letter j` or `dimension 0 of "..."`.
  private static func name(_ label: Label) -> String {
    switch label {
    case .letter(let c): "letter \(c)"
    case .broadcast(let k): "dimension \(k) of \"...\""
    }
  }
}
