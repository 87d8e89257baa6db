extension Tensor {
  /// Looks up rows of a table (vocabulary, dimension) by index: the output has the indices'
  /// shape followed by `dimension`. Its backward pass adds each output row's gradient into
  /// the table row it came from (a scatter-add: repeated indices add up), except for
  /// `paddingIndex`, whose row gets no gradient. Used by `embedding(_:indices:shape:…)`.
  public struct Embedding: TensorFunction {
    /// The row looked up at each position, in row-major order of `shape`.
    public let indices: [Int]
    /// The shape of the positions, for example (batch, words).
    public let shape: [Int]
    /// The row that never receives a gradient, or `nil`.
    public let paddingIndex: Int?

    /// A lookup of `indices`, laid out as `shape`.
    public init(indices: [Int], shape: [Int], paddingIndex: Int? = nil) {
      precondition(
        indices.count == shape.reduce(1, *),
        "Embedding: \(indices.count) indices do not fill the shape \(shape)")
      self.indices = indices
      self.shape = shape
      self.paddingIndex = paddingIndex
    }

    /// The gather: out[p, :] = table[indices[p], :] for every position p.
    ///
    /// - Complexity: O(positions · dimension).
    public func forward(_ ctx: Context<Tensor>, _ inputs: [Tensor]) -> Tensor {
      let table = inputs[0]
      precondition(
        table.dims == 2,
        "Embedding needs a table of shape (vocabulary, dimension), got shape \(table.shape)")
      let (rows, dimension) = (table.shape[0], table.shape[1])
      if let bad = indices.firstIndex(where: { $0 < 0 || $0 >= rows }) {
        preconditionFailure(
          "Embedding: index \(indices[bad]) at position \(bad) is not a row of the table "
            + "of shape \(table.shape) (rows 0..<\(rows))")
      }
      ctx.saveForBackward(table)
      let values = table.data.contiguous(table.backend.ops).values
      var out = [Double](repeating: 0, count: indices.count * dimension)
      values.withUnsafeBufferPointer { source in
        out.withUnsafeMutableBufferPointer { target in
          for (position, row) in indices.enumerated() {
            let from = row * dimension
            let to = position * dimension
            for k in 0..<dimension {
              target[to + k] = source[from + k]
            }
          }
        }
      }
      return Tensor(shape: shape + [dimension], data: out, backend: table.backend)
    }

    /// The scatter-add: dTable[indices[p], :] += dOut[p, :] for every position p whose index
    /// is not `paddingIndex`; rows never looked up get zeros.
    ///
    /// - Complexity: O(vocabulary · dimension) for the zeros, plus O(positions · dimension).
    public func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> [Tensor] {
      let table = ctx.savedValues[0]
      let (rows, dimension) = (table.shape[0], table.shape[1])
      let gradient = dOut.data.contiguous(dOut.backend.ops).values
      var dTable = [Double](repeating: 0, count: rows * dimension)
      gradient.withUnsafeBufferPointer { source in
        dTable.withUnsafeMutableBufferPointer { target in
          for (position, row) in indices.enumerated() where row != paddingIndex {
            let from = position * dimension
            let to = row * dimension
            for k in 0..<dimension {
              target[to + k] += source[from + k]
            }
          }
        }
      }
      return [Tensor(shape: table.shape, data: dTable, backend: dOut.backend)]
    }
  }
}

/// The rows of `table` (vocabulary, dimension) at `indices`, laid out as `shape`: a tensor of
/// shape `shape + [dimension]`, differentiable in `table` (see `Tensor.Embedding`). An index
/// outside the table stops with a message naming it.
///
/// An embedding looks words up: row i of a table of shape (vocabulary, dimension) is the vector
/// of word i, and a batch of word indices becomes a batch of vectors,
///
///     out[b, t, :] = table[indices[b, t], :]                     (a gather)
///
/// Each output row is a copy of one table row, so its gradient flows back to that row only:
///
///     dTable[w, :] = Σ over the positions (b, t) with indices[b, t] = w of dOut[b, t, :]
///
/// A word that appears three times in a batch receives the sum of three gradients (a
/// scatter-add); a word that does not appear receives zeros. The padding word is no word at
/// all: its row stays zero and receives no gradient (PyTorch's `padding_idx`).
///
/// This is one small function with a kernel of its own, rather than one built from map, zip
/// and reduce: gathering rows by index is not an element-wise operation. (A later stage will
/// generalise it into tensor indexing.)
public func embedding(
  _ table: Tensor, indices: [Int], shape: [Int], paddingIndex: Int? = nil
) -> Tensor {
  Tensor.Embedding(indices: indices, shape: shape, paddingIndex: paddingIndex).apply(table)
}

/// An embedding layer: a trainable table of one vector per word, looked up for batches of
/// word indices (PyTorch's `nn.Embedding`).
public final class TensorEmbedding: Module, Layer {
  /// The table, shape (words, dimension): row i is the vector of word i.
  public let weights: Parameter
  /// The row of the padding word: zeros, and never trained; `nil` when there is none.
  public let paddingIndex: Int?

  /// A table of `count` vectors of `dimension` numbers, uniform in [−0.25, 0.25) from `seed`
  /// (the spread of pre-trained word vectors, Kim's choice for his 2014 sentence network),
  /// with the padding row zero.
  public convenience init(
    count: Int, dimension: Int, paddingIndex: Int? = nil, seed: UInt64,
    backend: TensorBackend = .simple
  ) {
    var rng = SplitMix64(seed: seed)
    let values = (0..<(count * dimension)).map { _ in rng.nextDouble(in: -0.25..<0.25) }
    self.init(
      table: values, count: count, dimension: dimension, paddingIndex: paddingIndex,
      backend: backend)
  }

  /// A table holding `table` (`count` rows of `dimension` numbers, row-major), for example
  /// pre-trained vectors from `WordVectors.embeddingTable(for:seed:)`; the padding row is set
  /// to zero.
  public init(
    table: [Double], count: Int, dimension: Int, paddingIndex: Int? = nil,
    backend: TensorBackend = .simple
  ) {
    precondition(
      count > 0 && dimension > 0,
      "TensorEmbedding needs positive sizes, got \(count) words of dimension \(dimension)")
    precondition(
      table.count == count * dimension,
      "TensorEmbedding: \(table.count) numbers for \(count) words of dimension \(dimension)")
    var values = table
    if let paddingIndex {
      precondition(
        (0..<count).contains(paddingIndex),
        "TensorEmbedding: padding index \(paddingIndex) is not a row in 0..<\(count)")
      for k in 0..<dimension {
        values[paddingIndex * dimension + k] = 0
      }
    }
    weights = Parameter(Tensor(shape: [count, dimension], data: values, backend: backend))
    self.paddingIndex = paddingIndex
  }

  /// The vectors of a batch of sentences of word indices, all of the same length: shape
  /// (sentences, length, dimension).
  public func forward(_ sentences: [[Int]]) -> Tensor {
    let length = sentences.first?.count ?? 0
    precondition(
      sentences.allSatisfy { $0.count == length },
      "TensorEmbedding: the sentences of a batch must have one length (pad them), got "
        + "lengths \(Set(sentences.map(\.count)).sorted())")
    return embedding(
      weights.value(as: Tensor.self), indices: sentences.flatMap { $0 },
      shape: [sentences.count, length], paddingIndex: paddingIndex)
  }

  /// `words: 18000, dimension: 50, padding: 0`.
  public override var extraDescription: String {
    let shape = weights.value(as: Tensor.self).shape
    return "words: \(shape[0]), dimension: \(shape[1])"
      + (paddingIndex.map { ", padding: \($0)" } ?? "")
  }
}
