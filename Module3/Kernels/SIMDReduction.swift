/// The reductions Task 3.3's kernel computes.
public enum SIMDReduction: Sendable, Equatable {
  /// Σ, starting from 0 (`LaneSum`).
  case sum
  /// The largest entry (`Operators.max`), starting from −∞ (`LaneMax`).
  case max
}

extension FastOps {
  /// Task 3.3: the fold of `a` along `dim` (kept with size 1) with `operation`, by SIMD
  /// accumulators, pieces folded in parallel and a tree of partial results.
  ///
  /// Sum and max with SIMD vectors, the CPU counterpart of a GPU block-sum kernel.
  ///
  /// A fold such as s = ((x₀ + x₁) + x₂) + … is a chain: every addition waits for the one before
  /// (about 4 cycles), and floating-point addition is not associative, so the compiler may not
  /// reorder it. The kernel reorders it on purpose:
  ///
  /// 1. Several independent accumulators. Four SIMD4 vectors hold 16 running sums; entry i goes
  ///    to lane i mod 16. Their additions do not wait for each other, and each is one instruction
  ///    for 4 (or 2 × 2) numbers.
  /// 2. A tree at the end. The accumulators are combined pairwise, (v₀ + v₁) + (v₂ + v₃), then the
  ///    lanes pairwise, then the entries left over.
  /// 3. A parallel split. A long run is cut into pieces of `grain` numbers (the same pieces on
  ///    every machine); each piece is folded on its own, on any thread, and the partial results
  ///    are combined by a pairwise tree in piece order.
  ///
  ///     x₀ … x₃₂₇₆₇ | x₃₂₇₆₈ … x₆₅₅₃₅ | x₆₅₅₃₆ … x₉₉₉₉₉₉     pieces (each: 16 lanes, then a tree)
  ///          p₀              p₁               p₃₀              partial results
  ///               (p₀ + p₁) + (p₂ + p₃) …                      the tree
  ///
  /// The kernel is written once for any `LaneOperation` (`LaneSum`, `LaneMax`: the operation in its
  /// vector and its number form) and specialised by the compiler for each.
  ///
  /// The sum differs from the one-by-one fold by rounding only (and is usually closer to the
  /// exact sum); the max is exactly the same. When the reduced dimension is not the last one and
  /// the last one is contiguous, a block of up to 256 neighbouring outputs is folded at once
  /// instead, each output still adding in order: SIMD across outputs needs no reordering at all.
  ///
  /// - Complexity: O(size of `a`), divided among the threads; O(outputs · pieces) to combine.
  public func simdReduce<Operation: LaneOperation>(
    _ a: TensorData, dim: Int, _ operation: Operation.Type
  ) -> TensorData {
    precondition(
      a.shape.indices.contains(dim),
      "simdReduce: dimension \(dim) does not exist in shape \(a.shape)")
    // BEGIN SOLUTION Task 3.3
    typealias V = SIMD4<Double>

    // The fold of x[0], x[stride], …, x[(count − 1) · stride]: with 16 lanes in 4 SIMD
    // accumulators when the numbers are contiguous, then a tree, then the leftovers.
    func foldRun(_ x: UnsafePointer<Double>, _ count: Int, _ stride: Int) -> Double {
      let (start, width) = (Operation.start, MemoryLayout<V>.stride)
      guard stride == 1 else {
        var result = start
        for i in 0..<count { result = Operation.combine(result, x[i &* stride]) }
        return result
      }
      let raw = UnsafeRawPointer(x)
      var (v0, v1, v2, v3) = (
        V(repeating: start), V(repeating: start), V(repeating: start), V(repeating: start)
      )
      var i = 0
      while i + 16 <= count {
        let at = i &* 8
        v0 = Operation.lanes(v0, raw.loadUnaligned(fromByteOffset: at, as: V.self))
        v1 = Operation.lanes(v1, raw.loadUnaligned(fromByteOffset: at &+ width, as: V.self))
        v2 = Operation.lanes(v2, raw.loadUnaligned(fromByteOffset: at &+ 2 &* width, as: V.self))
        v3 = Operation.lanes(v3, raw.loadUnaligned(fromByteOffset: at &+ 3 &* width, as: V.self))
        i &+= 16
      }
      var v = Operation.lanes(Operation.lanes(v0, v1), Operation.lanes(v2, v3))
      while i + 4 <= count {
        v = Operation.lanes(v, raw.loadUnaligned(fromByteOffset: i &* 8, as: V.self))
        i &+= 4
      }
      var result = Operation.combine(
        Operation.combine(v[0], v[1]), Operation.combine(v[2], v[3]))
      while i < count {
        result = Operation.combine(result, x[i])
        i &+= 1
      }
      return result
    }

    // out[j] = the fold over k of x[k · stride + j], for j in 0..<length: 16 outputs at a time
    // in SIMD accumulators, each folding its k in order, then the outputs left over one by one.
    func foldRows(
      _ out: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, _ length: Int,
      _ along: Int, _ stride: Int
    ) {
      let (start, width) = (Operation.start, MemoryLayout<V>.stride)
      var j = 0
      while j + 16 <= length {
        var (v0, v1, v2, v3) = (
          V(repeating: start), V(repeating: start), V(repeating: start), V(repeating: start)
        )
        for k in 0..<along {
          let row = UnsafeRawPointer(x + k &* stride + j)
          v0 = Operation.lanes(v0, row.loadUnaligned(as: V.self))
          v1 = Operation.lanes(v1, row.loadUnaligned(fromByteOffset: width, as: V.self))
          v2 = Operation.lanes(v2, row.loadUnaligned(fromByteOffset: 2 &* width, as: V.self))
          v3 = Operation.lanes(v3, row.loadUnaligned(fromByteOffset: 3 &* width, as: V.self))
        }
        let results = UnsafeMutableRawPointer(out + j)
        results.storeBytes(of: v0, as: V.self)
        results.storeBytes(of: v1, toByteOffset: width, as: V.self)
        results.storeBytes(of: v2, toByteOffset: 2 &* width, as: V.self)
        results.storeBytes(of: v3, toByteOffset: 3 &* width, as: V.self)
        j &+= 16
      }
      while j < length {
        var result = start
        for k in 0..<along { result = Operation.combine(result, x[k &* stride &+ j]) }
        out[j] = result
        j &+= 1
      }
    }

    // Combines `count` partial results pairwise, (p₀ ∘ p₁) ∘ (p₂ ∘ p₃) …, in place: the same
    // tree for the same count, whichever threads computed them.
    func combineTree(_ partials: UnsafeMutablePointer<Double>, _ count: Int) -> Double {
      var count = count
      while count > 1 {
        let half = count / 2
        for i in 0..<half {
          partials[i] = Operation.combine(partials[2 * i], partials[2 * i + 1])
        }
        if count % 2 == 1 {
          partials[half] = partials[count - 1]
        }
        count = (count + 1) / 2
      }
      return partials[0]
    }

    var shape = a.shape
    shape[dim] = 1
    let outputs = a.size / a.shape[dim]
    let (along, stride) = (a.shape[dim], a.strides[dim])
    let rowLength = shape[shape.count - 1]
    let acrossRows = dim != a.dims - 1 && rowLength > 1 && a.strides[a.dims - 1] == 1
    let values = [Double](unsafeUninitializedCapacity: outputs) { buffer, initialized in
      let out = buffer.baseAddress!
      a.storage.values.withUnsafeBufferPointer { storage in
        let x = storage.baseAddress!
        if acrossRows {
          // Blocks of up to 256 outputs along a row; SIMD along the block, each output folded
          // in order.
          let walk = RowWalk(shape: shape, strides: a.strides, offset: a.offset)
          let blockLength = 256
          let blocks = (rowLength + blockLength - 1) / blockLength
          let items = parallel.chunks(
            of: outputs / rowLength * blocks,
            workPerItem: Swift.min(rowLength, blockLength) * along)
          parallel.forEachChunk(items) { _, range in
            var index = [Int](repeating: 0, count: walk.outer.count)
            for item in range {
              let (row, block) = item.quotientAndRemainder(dividingBy: blocks)
              let start = block * blockLength
              let first = x + walk.start(ofRow: row, index: &index) + start
              let length = Swift.min(blockLength, rowLength - start)
              foldRows(out + row * rowLength + start, first, length, along, stride)
            }
          }
        } else {
          // Each output folds a run of `along` numbers `stride` apart, cut into pieces.
          let pieceLength = parallel.grain
          let pieces = (along + pieceLength - 1) / pieceLength
          let partials = UnsafeMutablePointer<Double>.allocate(capacity: outputs * pieces)
          defer { partials.deallocate() }
          let items = parallel.chunks(
            of: outputs * pieces, workPerItem: Swift.min(along, pieceLength))
          parallel.forEachChunk(items) { _, range in
            var index = [Int](repeating: 0, count: a.dims)
            for item in range {
              let (output, piece) = item.quotientAndRemainder(dividingBy: pieces)
              toIndex(output, shape, into: &index)
              let runStart = a.offset + indexToPosition(index, a.strides)
              let first = x + runStart + piece * pieceLength * stride
              let count = Swift.min(pieceLength, along - piece * pieceLength)
              partials[item] = foldRun(first, count, stride)
            }
          }
          for output in 0..<outputs {
            out[output] = combineTree(partials + output * pieces, pieces)
          }
        }
      }
      initialized = outputs
    }
    return TensorData(values, shape: shape)
    // END SOLUTION
  }

  /// The sum or the max of `a` along `dim` (kept with size 1), by Task 3.3's kernel with
  /// `LaneSum` or `LaneMax`.
  ///
  /// - Complexity: O(size of `a`), divided among the threads.
  public func simdReduce(_ a: TensorData, dim: Int, _ reduction: SIMDReduction) -> TensorData {
    switch reduction {
    case .sum: simdReduce(a, dim: dim, LaneSum.self)
    case .max: simdReduce(a, dim: dim, LaneMax.self)
    }
  }
}
