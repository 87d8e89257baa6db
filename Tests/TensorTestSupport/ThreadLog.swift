import Foundation
import Module2

/// Which threads a backend called an operator on: the log remembers the thread that made it, and
/// an operator made with it (`map`, `zip`, `fold`) notes every call, on whatever thread the
/// backend runs it. A backend that stays on one thread makes every call on the test's thread.
/// Safe to share between threads.
///
/// ```swift
/// let log = ThreadLog()
/// _ = TensorBackend.simple.ops.map(x.data, to: nil, log.map)
/// #expect(log.callsElsewhere == 0 && log.calls == x.size)
/// ```
public final class ThreadLog: @unchecked Sendable {
  private let lock = NSLock()
  private let home = pthread_self()
  private var total = 0
  private var away = 0

  /// A log whose home is the calling thread.
  public init() {}

  /// Notes one call, made on the calling thread.
  public func note() {
    let elsewhere = pthread_equal(pthread_self(), home) == 0
    lock.lock()
    defer { lock.unlock() }
    total += 1
    if elsewhere { away += 1 }
  }

  /// How many calls were noted.
  public var calls: Int {
    lock.lock()
    defer { lock.unlock() }
    return total
  }

  /// How many of them were made on a thread other than the one that made the log.
  public var callsElsewhere: Int {
    lock.lock()
    defer { lock.unlock() }
    return away
  }

  /// x + 1, noting each call (a `.custom` operator: every backend calls it).
  public var map: MapOperator {
    MapOperator("noted x + 1") { [self] x in
      note()
      return x + 1
    }
  }

  /// x · y, noting each call.
  public var zip: ZipOperator {
    ZipOperator("noted x · y") { [self] x, y in
      note()
      return x * y
    }
  }

  /// The sum as a `.custom` fold from 0, noting each call.
  public var fold: ReduceOperator {
    ReduceOperator("noted sum", start: 0) { [self] x, y in
      note()
      return x + y
    }
  }
}
