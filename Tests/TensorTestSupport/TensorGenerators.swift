import Module2
import TestSupport

// Generators of tensors, shared by the suites of Module 2 and the stages after it. Shapes
// follow minitorch's strategies: 1 to 4 dimensions of size 1 to 3. Generated tensors come in
// the four layouts of `TensorLayouts.swift`, one quarter each, with random gaps and a random
// order of the stored dimensions, so every test also meets the layouts a lax index computation
// gets wrong. The unused positions of a strided storage hold numbers from the same generator.

extension Gen where Value == [Int] {
  /// Shapes of 1 to 4 dimensions, each of size 1 to 3.
  public static var shapes: Gen<[Int]> { Gen<Int>.list(of: .smallInts, count: 1...4) }

  /// A random ordering of the dimensions 0..<count.
  public static func permutations(of count: Int) -> Gen<[Int]> {
    Gen { rng in
      var order = Array(0..<count)
      for i in stride(from: count - 1, to: 0, by: -1) {
        order.swapAt(i, rng.nextInt(in: 0...i))
      }
      return order
    }
  }
}

extension Gen where Value == TensorData {
  /// Layouts of `shape` holding values from `values`, in one of the four layouts.
  public static func tensorData(_ shape: [Int], values: Gen<Double> = .smallFloats) -> Gen<
    TensorData
  > {
    let layout = Gen<Bool>.element(of: [false, true]).zip(.element(of: [false, true]))
    let gaps = Gen<Int>.list(of: .ints(in: 0...2), count: 6...6)
    return layout.zip(Gen<[Int]>.permutations(of: shape.count), gaps).flatMap {
      choice, order, gaps in
      let (permuted, strided) = choice
      let storage = StorageLayout(
        shape: shape, storageOrder: permuted ? order : nil,
        step: strided ? 1 + gaps[0] % 2 : 1,
        gaps: strided ? Array(gaps[1...shape.count]) : nil,
        offset: strided ? gaps[5] : 0, tail: strided ? gaps[4] : 0)
      let size = storage.storageSize
      return Gen<Double>.list(of: values, count: size...size).map { storage.data(over: $0) }
    }
  }

  /// Layouts of random shapes (see `shapes`).
  public static var tensorData: Gen<TensorData> {
    Gen<[Int]>.shapes.flatMap { tensorData($0) }
  }
}

extension Gen where Value == Tensor {
  /// Tensors of `shape` on `backend` (in any of the four layouts) with values from `values`.
  public static func tensors(
    _ shape: [Int], values: Gen<Double> = .smallFloats, backend: TensorBackend = .simple
  ) -> Gen<Tensor> {
    Gen<TensorData>.tensorData(shape, values: values).map { Tensor($0, backend: backend) }
  }

  /// Tensors of random shapes on `backend` with values from `values`.
  public static func tensors(
    values: Gen<Double> = .smallFloats, backend: TensorBackend = .simple
  ) -> Gen<Tensor> {
    Gen<[Int]>.shapes.flatMap { tensors($0, values: values, backend: backend) }
  }

  /// Two tensors of the same random shape on `backend`.
  public static func pairs(
    values: Gen<Double> = .smallFloats, backend: TensorBackend = .simple
  ) -> Gen<(Tensor, Tensor)> {
    Gen<[Int]>.shapes.flatMap {
      tensors($0, values: values, backend: backend)
        .zip(tensors($0, values: values, backend: backend))
    }
  }

  /// Two tensors on `backend` whose shapes differ but broadcast together: the second drops
  /// some leading dimensions of the first and has size 1 in some others; either may come
  /// first.
  public static func broadcastPairs(
    values: Gen<Double> = .smallFloats, backend: TensorBackend = .simple
  ) -> Gen<(Tensor, Tensor)> {
    Gen<[Int]>.shapes.flatMap { big in
      Gen<Int>.ints(in: 0...(big.count - 1))
        .zip(Gen<Bool>.list(of: .element(of: [false, true]), count: 4...4))
        .zip(Gen<Bool>.element(of: [false, true])).flatMap { choice, swapped in
          let (dropped, ones) = choice
          var small = Array(big.dropFirst(dropped))
          for i in small.indices where ones[i] {
            small[i] = 1
          }
          return tensors(big, values: values, backend: backend)
            .zip(tensors(small, values: values, backend: backend)).map {
              swapped ? ($0.1, $0.0) : ($0.0, $0.1)
            }
        }
    }
  }
}

/// An incoming gradient of `shape` on `backend` in any of the generators' layouts, often a
/// permuted or strided view that starts at an offset, as a gradient arriving through a permute
/// or a slice later in a graph would be.
public func upstreamGradient(
  _ shape: [Int], values: Gen<Double> = .smallFloats, backend: TensorBackend = .simple,
  using rng: inout SplitMix64
) -> Tensor {
  Tensor(Gen<TensorData>.tensorData(shape, values: values).generate(using: &rng), backend: backend)
}
