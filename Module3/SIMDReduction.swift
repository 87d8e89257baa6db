/// The reductions Task 3.3's kernel computes.
public enum SIMDReduction: Sendable, Equatable {
  /// Σ, starting from 0.
  case sum
  /// The largest entry (`Operators.max`), starting from −∞.
  case max
}

extension FastOps {
  /// Task 3.3: the sum or the max of `a` along `dim` (kept with size 1), with SIMD
  /// accumulators, pieces folded in parallel and a tree of partial results.
  ///
  /// Task 3.3: sum and max with SIMD vectors, the CPU counterpart of a GPU block-sum kernel.
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
  /// The sum differs from the one-by-one fold by rounding only (and is usually closer to the
  /// exact sum); the max is exactly the same. When the reduced dimension is not the last one and
  /// the last one is contiguous, a block of up to 256 neighbouring outputs is folded at once
  /// instead, each output still adding in order: SIMD across outputs needs no reordering at all.
  ///
  /// - Complexity: O(size of `a`), divided among the threads; O(outputs · pieces) to combine.
  public func simdReduce(_ a: TensorData, dim: Int, _ reduction: SIMDReduction) -> TensorData {
    precondition(
      a.shape.indices.contains(dim),
      "simdReduce: dimension \(dim) does not exist in shape \(a.shape)")
    // BEGIN SOLUTION Task 3.3
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
              foldRows(reduction, out + row * rowLength + start, first, length, along, stride)
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
              partials[item] = foldRun(reduction, first, count, stride)
            }
          }
          for output in 0..<outputs {
            out[output] = combineTree(reduction, partials + output * pieces, pieces)
          }
        }
      }
      initialized = outputs
    }
    return TensorData(values, shape: shape)
    // END SOLUTION
  }

  /// The fold of x[0], x[stride], …, x[(count − 1) · stride], by the loop for `reduction`.
  private func foldRun(
    _ reduction: SIMDReduction, _ x: UnsafePointer<Double>, _ count: Int, _ stride: Int
  ) -> Double {
    // BEGIN SOLUTION Task 3.3
    switch reduction {
    case .sum:
      return foldRunLoop(x, count, stride, start: 0, { $0 + $1 }, Operators.add)
    case .max:
      return foldRunLoop(
        x, count, stride, start: -.infinity, { x, y in y.replacing(with: x, where: x .> y) },
        Operators.max)
    }
    // END SOLUTION
  }

  /// The loop of `foldRun`: with 16 lanes in 4 SIMD accumulators when the numbers are
  /// contiguous, then a tree, then the leftovers. `lanes` combines vectors lane by lane,
  /// `combine` numbers (the same operation). Inlined into each case.
  @inline(__always)
  private func foldRunLoop(
    _ x: UnsafePointer<Double>, _ count: Int, _ stride: Int, start: Double,
    _ lanes: (SIMD4<Double>, SIMD4<Double>) -> SIMD4<Double>,
    _ combine: (Double, Double) -> Double
  ) -> Double {
    // BEGIN SOLUTION Task 3.3
    guard stride == 1 else {
      var result = start
      for i in 0..<count { result = combine(result, x[i &* stride]) }
      return result
    }
    typealias V = SIMD4<Double>
    let raw = UnsafeRawPointer(x)
    let width = MemoryLayout<V>.stride
    var (v0, v1, v2, v3) = (
      V(repeating: start), V(repeating: start), V(repeating: start), V(repeating: start)
    )
    var i = 0
    while i + 16 <= count {
      let at = i &* 8
      v0 = lanes(v0, raw.loadUnaligned(fromByteOffset: at, as: V.self))
      v1 = lanes(v1, raw.loadUnaligned(fromByteOffset: at &+ width, as: V.self))
      v2 = lanes(v2, raw.loadUnaligned(fromByteOffset: at &+ 2 &* width, as: V.self))
      v3 = lanes(v3, raw.loadUnaligned(fromByteOffset: at &+ 3 &* width, as: V.self))
      i &+= 16
    }
    var v = lanes(lanes(v0, v1), lanes(v2, v3))
    while i + 4 <= count {
      v = lanes(v, raw.loadUnaligned(fromByteOffset: i &* 8, as: V.self))
      i &+= 4
    }
    var result = combine(combine(v[0], v[1]), combine(v[2], v[3]))
    while i < count {
      result = combine(result, x[i])
      i &+= 1
    }
    return result
    // END SOLUTION
  }

  /// out[j] = the fold over k of x[k · stride + j], for j in 0..<length, by the loop for
  /// `reduction`.
  private func foldRows(
    _ reduction: SIMDReduction, _ out: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>,
    _ length: Int, _ along: Int, _ stride: Int
  ) {
    // BEGIN SOLUTION Task 3.3
    switch reduction {
    case .sum:
      foldRowsLoop(out, x, length, along, stride, start: 0, { $0 + $1 }, Operators.add)
    case .max:
      foldRowsLoop(
        out, x, length, along, stride, start: -.infinity,
        { x, y in y.replacing(with: x, where: x .> y) }, Operators.max)
    }
    // END SOLUTION
  }

  /// The loop of `foldRows`: 16 outputs at a time in SIMD accumulators, each folding its k in
  /// order, then the outputs left over one by one. Inlined into each case.
  @inline(__always)
  private func foldRowsLoop(
    _ out: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, _ length: Int,
    _ along: Int, _ stride: Int, start: Double,
    _ lanes: (SIMD4<Double>, SIMD4<Double>) -> SIMD4<Double>,
    _ combine: (Double, Double) -> Double
  ) {
    // BEGIN SOLUTION Task 3.3
    typealias V = SIMD4<Double>
    let width = MemoryLayout<V>.stride
    var j = 0
    while j + 16 <= length {
      var (v0, v1, v2, v3) = (
        V(repeating: start), V(repeating: start), V(repeating: start), V(repeating: start)
      )
      for k in 0..<along {
        let row = UnsafeRawPointer(x + k &* stride + j)
        v0 = lanes(v0, row.loadUnaligned(as: V.self))
        v1 = lanes(v1, row.loadUnaligned(fromByteOffset: width, as: V.self))
        v2 = lanes(v2, row.loadUnaligned(fromByteOffset: 2 &* width, as: V.self))
        v3 = lanes(v3, row.loadUnaligned(fromByteOffset: 3 &* width, as: V.self))
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
      for k in 0..<along { result = combine(result, x[k &* stride &+ j]) }
      out[j] = result
      j &+= 1
    }
    // END SOLUTION
  }

  /// Combines `count` partial results pairwise, (p₀ ∘ p₁) ∘ (p₂ ∘ p₃) …, in place: the same
  /// tree for the same count, whichever threads computed them.
  private func combineTree(
    _ reduction: SIMDReduction, _ partials: UnsafeMutablePointer<Double>, _ count: Int
  ) -> Double {
    // BEGIN SOLUTION Task 3.3
    func combine(_ x: Double, _ y: Double) -> Double {
      reduction == .sum ? Operators.add(x, y) : Operators.max(x, y)
    }
    var count = count
    while count > 1 {
      let half = count / 2
      for i in 0..<half {
        partials[i] = combine(partials[2 * i], partials[2 * i + 1])
      }
      if count % 2 == 1 {
        partials[half] = partials[count - 1]
      }
      count = (count + 1) / 2
    }
    return partials[0]
    // END SOLUTION
  }
}
