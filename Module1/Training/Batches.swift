/// The batches of example indices a training run steps on: 0..<count cut into batches of
/// `size` (the last one smaller when `size` does not divide `count`), in a new shuffled order
/// every epoch (`shuffled(count:size:seed:)`) or always in order (`inOrder(count:size:)`).
///
/// Full-batch training (Modules 1 and 2) takes one step per epoch, on every example. Mini-batch
/// training (Modules 3 and 4) cuts the examples into batches and takes one step per batch; a
/// fresh random order every epoch keeps the batches from being the same every time, so the
/// steps do not repeat one pattern. The order comes from one generator seeded once per run:
/// the same seed gives the same batches, in the same order, and the same trained network.
///
/// The order is a Fisher–Yates shuffle of 0, 1, …, n − 1: for i from the last position down to
/// 1, swap entry i with a uniformly chosen entry j ≤ i. Every order is equally likely. It is
/// written out rather than borrowed from the standard library's `shuffle(using:)`, whose
/// algorithm may change between Swift versions: the same seed must give the same batches
/// everywhere.
///
/// ```swift
/// var batches = Batches.shuffled(count: 5, size: 2, seed: 0)
/// batches.nextEpoch()   // for example [[3, 0], [4, 1], [2]]
/// batches.nextEpoch()   // another order of the same five
/// ```
public struct Batches: Sendable {
  /// How many examples there are.
  public let count: Int
  /// How many examples a batch holds (the last batch of an epoch may hold fewer).
  public let size: Int
  /// The generator the orders are drawn from; `nil` when the batches stay in order.
  private var generator: SplitMix64?

  private init(count: Int, size: Int, generator: SplitMix64?) {
    precondition(count >= 0, "Batches: the number of examples must not be negative, got \(count)")
    precondition(size >= 1, "a batch needs at least one example, got a batch size of \(size)")
    self.count = count
    self.size = size
    self.generator = generator
  }

  /// Batches of `size` in a new random order every epoch, drawn from `SplitMix64(seed: seed)`
  /// seeded once.
  public static func shuffled(count: Int, size: Int, seed: UInt64) -> Batches {
    Batches(count: count, size: size, generator: SplitMix64(seed: seed))
  }

  /// Batches of `size` in the examples' own order, the same every epoch: `inOrder(count: n,
  /// size: n)` is one batch of everything (full-batch training).
  public static func inOrder(count: Int, size: Int) -> Batches {
    Batches(count: count, size: size, generator: nil)
  }

  /// How many batches an epoch has: ⌈count / size⌉.
  public var perEpoch: Int { (count + size - 1) / size }

  /// The next epoch's batches: every index of 0..<count exactly once, shuffled afresh from the
  /// generator (or in order), cut into batches of `size`.
  public mutating func nextEpoch() -> [[Int]] {
    var order = Array(0..<count)
    if generator != nil {
      for i in order.indices.reversed() where i > 0 {
        order.swapAt(i, generator!.nextInt(in: 0...i))
      }
    }
    return stride(from: 0, to: count, by: size).map {
      Array(order[$0..<Swift.min($0 + size, count)])
    }
  }
}
