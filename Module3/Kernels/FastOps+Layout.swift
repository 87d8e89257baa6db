// The layout operations (gather, scatterAdd, concatenate, scan) of the fast backend, replacing
// the plain loops `LayoutOps` gives every backend: the same results, bit for bit, computed a row
// at a time. And the loop given kernels of later stages run their items in, on `parallel`.
//
// As in `FastOps`, index arithmetic happens once per chunk and then an odometer step per row
// (the output's last dimension), never per entry: a row of the output reads one row of the
// input, `step` apart in storage, so the loop inside a row only steps a pointer and vectorises. The storage is taken as a raw buffer
// once per kernel; rows (or blocks of columns) are cut into chunks by `Parallel` and run on
// several threads when the job is large.
//
// scatterAdd and scan combine several input rows into one output row. To stay deterministic
// and free of races, one chunk owns each output entry: the rows are grouped by everything but
// the dimension that is gathered or scanned, and a group adds its rows in increasing order, as
// the simple loop does.

extension FastOps {
  /// out[…, k, …] = a[…, positions[k], …], a row of the output at a time: along `dim` when it
  /// is not the last dimension (the row is copied with one step), or with the row's positions
  /// looked up in `positions` when it is.
  ///
  /// - Complexity: O(size of the output), divided among the threads.
  public func gather(_ a: TensorData, dim: Int, positions: [Int]) -> TensorData {
    let shape = a.gatheredShape(dim: dim, positions: positions)
    let size = shape.reduce(1, *)
    let last = shape.count - 1
    let rowLength = shape[last]
    let outer = Array(shape.dropLast())
    let (step, strides, offset) = (a.strides[last], a.strides, a.offset)
    let values = [Double](unsafeUninitializedCapacity: size) { buffer, initialized in
      let out = buffer.baseAddress!
      a.storage.values.withUnsafeBufferPointer { storage in
        positions.withUnsafeBufferPointer { list in
          let (x, p) = (storage.baseAddress!, list.baseAddress!)
          let rows = parallel.chunks(of: size / rowLength, workPerItem: rowLength)
          parallel.forEachChunk(rows) { _, range in
            var index = [Int](repeating: 0, count: outer.count)
            for row in range {
              toIndex(row, outer, into: &index)
              var start = offset
              for d in outer.indices {
                start &+= (d == dim ? p[index[d]] : index[d]) &* strides[d]
              }
              let (source, target) = (x + start, out + row &* rowLength)
              if dim == last {
                for j in 0..<rowLength { target[j] = source[p[j] &* step] }
              } else if step == 1 {
                target.update(from: source, count: rowLength)
              } else {
                for j in 0..<rowLength { target[j] = source[j &* step] }
              }
            }
          }
        }
      }
      initialized = size
    }
    return TensorData(values, shape: shape)
  }

  /// Zeros, then out[…, positions[k], …] += values[…, k, …]. Along the last dimension each row
  /// adds into its own output row; along another, the rows that differ only at `dim` form a
  /// group, which one chunk adds in increasing k, block of columns by block of columns.
  ///
  /// - Complexity: O(size of `values` + size of the output), divided among the threads.
  public func scatterAdd(_ values: TensorData, dim: Int, positions: [Int], size: Int)
    -> TensorData
  {
    let shape = values.scatteredShape(dim: dim, positions: positions, size: size)
    let outStrides = stridesFromShape(shape)
    let last = shape.count - 1
    let rowLength = shape[last]
    let (step, strides, offset) = (values.strides[last], values.strides, values.offset)
    var result = [Double](repeating: 0, count: shape.reduce(1, *))
    result.withUnsafeMutableBufferPointer { buffer in
      let out = buffer.baseAddress!
      values.storage.values.withUnsafeBufferPointer { storage in
        positions.withUnsafeBufferPointer { list in
          let (v, p) = (storage.baseAddress!, list.baseAddress!)
          if dim == last {
            // Row r of `values` adds into row r of the output.
            let outer = Array(values.shape.dropLast())
            let walk = RowWalk(shape: values.shape, strides: strides, offset: offset)
            let rows = parallel.chunks(of: values.size / positions.count, workPerItem: rowLength)
            parallel.forEachChunk(rows) { _, range in
              var index = [Int](repeating: 0, count: outer.count)
              var start = walk.start(ofRow: range.lowerBound, index: &index)
              for row in range {
                let (source, target) = (v + start, out + row &* rowLength)
                for j in 0..<positions.count { target[p[j]] += source[j &* step] }
                walk.advance(&start, &index)
              }
            }
            return
          }
          let blocks = ColumnBlocks(shape: values.shape, along: dim)
          let along = positions.count
          let items = parallel.chunks(
            of: blocks.count, workPerItem: along * blocks.blockLength)
          parallel.forEachChunk(items) { _, range in
            var index = [Int](repeating: 0, count: blocks.groupShape.count)
            for item in range {
              let (source, target, count) = blocks.place(
                item, strides: strides, offset: offset, outStrides: outStrides, index: &index)
              for k in 0..<along {
                let x = v + (source &+ k &* strides[dim])
                let y = out + (target &+ p[k] &* outStrides[dim])
                if step == 1 {
                  for j in 0..<count { y[j] += x[j] }
                } else {
                  for j in 0..<count { y[j] += x[j &* step] }
                }
              }
            }
          }
        }
      }
    }
    return TensorData(result, shape: shape)
  }

  /// Each part's rows copied to their place in the output, part after part; a row of a part is
  /// one run of consecutive output entries.
  ///
  /// - Complexity: O(size of the output), divided among the threads.
  public func concatenate(_ parts: [TensorData], dim: Int) -> TensorData {
    let shape = TensorData.concatenatedShape(parts, dim: dim)
    let size = shape.reduce(1, *)
    let outStrides = stridesFromShape(shape)
    let last = shape.count - 1
    let values = [Double](unsafeUninitializedCapacity: size) { buffer, initialized in
      let out = buffer.baseAddress!
      var start = 0
      for part in parts {
        let rowLength = part.shape[last]
        let outer = Array(part.shape.dropLast())
        let walk = RowWalk(shape: part.shape, strides: part.strides, offset: part.offset)
        let shift = start &* outStrides[dim]
        part.storage.values.withUnsafeBufferPointer { storage in
          let x = storage.baseAddress!
          let rows = parallel.chunks(of: part.size / rowLength, workPerItem: rowLength)
          parallel.forEachChunk(rows) { _, range in
            var index = [Int](repeating: 0, count: outer.count)
            var start = walk.start(ofRow: range.lowerBound, index: &index)
            for _ in range {
              let source = x + start
              var target = shift
              for d in outer.indices { target &+= index[d] &* outStrides[d] }
              let y = out + target
              if walk.step == 1 {
                y.update(from: source, count: rowLength)
              } else {
                for j in 0..<rowLength { y[j] = source[j &* walk.step] }
              }
              walk.advance(&start, &index)
            }
          }
        }
        start += part.shape[dim]
      }
      initialized = size
    }
    return TensorData(values, shape: shape)
  }

  /// The running fold along `dim`, with loops of their own for sums (the cumulative sum) and
  /// maxima; other kinds call the operator's function. Along the last dimension each row is
  /// folded on its own; along another, a whole row of running results is updated by each input
  /// row in turn (vectorised across the row, each entry still folded in order).
  ///
  /// - Complexity: O(size of `a`), divided among the threads.
  public func scan(_ a: TensorData, dim: Int, _ f: ReduceOperator, reversed: Bool) -> TensorData {
    a.checkDimension(dim, "scan")
    switch f.kind {
    case .sum: return scanLoops(a, dim, f.start, reversed, Operators.add)
    case .max: return scanLoops(a, dim, f.start, reversed, Operators.max)
    default: return scanLoops(a, dim, f.start, reversed, f.function)
    }
  }

  /// Runs `body` on the chunks `parallel` cuts `0..<count` into: on the calling thread for a
  /// small job, otherwise on as many threads as `parallel` allows (and its recorder sees it).
  ///
  /// - Complexity: O(count · workPerItem), divided among the threads.
  public func forEachChunk(of count: Int, workPerItem: Int, _ body: (Range<Int>) -> Void) {
    parallel.forEachChunk(parallel.chunks(of: count, workPerItem: workPerItem)) { _, range in
      body(range)
    }
  }

  /// The loops of `scan` with the operator `f` known inside them (inlined into each case).
  @inline(__always)
  private func scanLoops(
    _ a: TensorData, _ dim: Int, _ start: Double, _ reversed: Bool,
    _ f: (Double, Double) -> Double
  ) -> TensorData {
    let shape = a.shape
    let outStrides = stridesFromShape(shape)
    let last = shape.count - 1
    let rowLength = shape[last]
    let along = shape[dim]
    let (strides, offset) = (a.strides, a.offset)
    let values = [Double](unsafeUninitializedCapacity: a.size) { buffer, initialized in
      let out = buffer.baseAddress!
      a.storage.values.withUnsafeBufferPointer { storage in
        let x = storage.baseAddress!
        if dim == last {
          let walk = RowWalk(shape: shape, strides: strides, offset: offset)
          let rows = parallel.chunks(of: a.size / rowLength, workPerItem: rowLength)
          parallel.forEachChunk(rows) { _, range in
            var index = [Int](repeating: 0, count: walk.outer.count)
            var position = walk.start(ofRow: range.lowerBound, index: &index)
            for row in range {
              let (source, target) = (x + position, out + row &* rowLength)
              var accumulator = start
              for j in 0..<rowLength {
                let k = reversed ? rowLength - 1 - j : j
                accumulator = f(accumulator, source[k &* walk.step])
                target[k] = accumulator
              }
              walk.advance(&position, &index)
            }
          }
          return
        }
        let step = strides[last]
        let blocks = ColumnBlocks(shape: shape, along: dim)
        let items = parallel.chunks(of: blocks.count, workPerItem: along * blocks.blockLength)
        parallel.forEachChunk(items) { _, range in
          var index = [Int](repeating: 0, count: blocks.groupShape.count)
          for item in range {
            let (source, target, count) = blocks.place(
              item, strides: strides, offset: offset, outStrides: outStrides, index: &index)
            var previous: UnsafeMutablePointer<Double>? = nil
            for j in 0..<along {
              let k = reversed ? along - 1 - j : j
              let input = x + (source &+ k &* strides[dim])
              let output = out + (target &+ k &* outStrides[dim])
              if let previous {
                for i in 0..<count { output[i] = f(previous[i], input[i &* step]) }
              } else {
                for i in 0..<count { output[i] = f(start, input[i &* step]) }
              }
              previous = output
            }
          }
        }
      }
      initialized = a.size
    }
    return TensorData(values, shape: shape)
  }
}

/// The work of scatterAdd and scan along a dimension `along` that is not the last, cut into
/// items that each own their output entries: a *group* (one index of every dimension but
/// `along` and the last) times a block of at most 4096 columns of the last dimension. An item
/// walks `along` in order over its block.
struct ColumnBlocks {
  /// The dimensions that number the groups, and their sizes.
  let groupDims: [Int]
  let groupShape: [Int]
  /// Columns per block (the last block may be shorter), and blocks per row.
  let blockLength: Int
  let blocksPerRow: Int
  /// The length of the last dimension.
  let rowLength: Int

  /// The items of `shape`, folded along `along`.
  init(shape: [Int], along: Int) {
    let last = shape.count - 1
    groupDims = shape.indices.filter { $0 != along && $0 != last }
    groupShape = groupDims.map { shape[$0] }
    rowLength = shape[last]
    blockLength = Swift.min(rowLength, 4096)
    blocksPerRow = (rowLength + blockLength - 1) / blockLength
  }

  /// How many items there are.
  var count: Int { groupShape.reduce(1, *) * blocksPerRow }

  /// Where item `item`'s block starts at k = 0 along the folded dimension: in the operand's
  /// storage (read with `strides` from `offset`) and in the row-major output (`outStrides`),
  /// and how many columns it has. `index` is the caller's buffer, one entry per group dimension.
  @inline(__always)
  func place(
    _ item: Int, strides: [Int], offset: Int, outStrides: [Int], index: inout [Int]
  ) -> (source: Int, target: Int, count: Int) {
    let (group, block) = item.quotientAndRemainder(dividingBy: blocksPerRow)
    toIndex(group, groupShape, into: &index)
    var (source, target) = (offset, 0)
    for (k, d) in groupDims.enumerated() {
      source &+= index[k] &* strides[d]
      target &+= index[k] &* outStrides[d]
    }
    let first = block &* blockLength
    source &+= first &* strides[strides.count - 1]
    return (source, target &+ first, Swift.min(blockLength, rowLength - first))
  }
}
