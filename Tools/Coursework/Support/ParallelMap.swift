import Foundation

/// `items.map(transform)` computed by `workers` threads at once, results in the order of `items`.
///
/// Meant for work that mostly waits, such as running test processes: each worker takes the next
/// item until none are left.
public func parallelMap<Item: Sendable, Result: Sendable>(
  _ items: [Item], workers: Int, _ transform: @escaping @Sendable (Item) -> Result
) -> [Result] {
  let box = ResultBox<Result>(count: items.count)
  let group = DispatchGroup()
  for _ in 0..<max(1, min(workers, items.count)) {
    DispatchQueue.global().async(group: group) {
      while let index = box.takeIndex() {
        box.store(transform(items[index]), at: index)
      }
    }
  }
  group.wait()
  return box.results()
}

/// The shared state of `parallelMap`: the next item to take and the results so far, behind a
/// lock.
private final class ResultBox<Result: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var next = 0
  private let count: Int
  private var slots: [Result?]

  init(count: Int) {
    self.count = count
    self.slots = Array(repeating: nil, count: count)
  }

  func takeIndex() -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard next < count else { return nil }
    next += 1
    return next - 1
  }

  func store(_ result: Result, at index: Int) {
    lock.lock()
    defer { lock.unlock() }
    slots[index] = result
  }

  func results() -> [Result] {
    lock.lock()
    defer { lock.unlock() }
    return slots.map { $0! }
  }
}
