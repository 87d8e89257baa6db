import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// How the fast backend asks the C library's allocator to keep freed memory for the next step
/// (given code; `FastOps.init` applies it once per process).
///
/// A training step allocates and frees the same large buffers every time: a LeNet convolution's
/// unfolded columns and their gradient are 1.8 MB each, its output 0.6 MB. glibc's `malloc`
/// hands memory of that size back to the system when it is freed (a block above its *mmap
/// threshold* is unmapped; free space above its *trim threshold* at the top of the heap is
/// released), and it raises the first threshold on its own only after some blocks have come and
/// gone. So whether a step's buffers come back as memory the process still holds, or as fresh
/// pages that the system maps and zeroes one 4 KB page at a time on first touch, depended on
/// where earlier blocks happened to lie. Measured on a 2-core VM: conv2d (16,1,28,28)∗(8,1,5,5)
/// with its gradients took 0.5 ms in one run and 2.1–2.6 ms in the next, with 1,300 page faults
/// per call.
///
/// Setting both thresholds fixes the choice (what the environment variables
/// `MALLOC_MMAP_THRESHOLD_` and `MALLOC_TRIM_THRESHOLD_` would do): blocks below
/// `mmapThreshold` come from the heap, and up to `trimThreshold` of freed memory stays in the
/// process for reuse. The price is memory: a process may keep up to that much more than it uses.
/// Where either variable (or `GLIBC_TUNABLES`) is set, the user's choice stands and nothing is
/// changed. macOS's allocator keeps recently freed large blocks on its own: nothing to do there.
public enum FreedMemory {
  /// Blocks of at least this many bytes are mapped from the system on their own (glibc's
  /// largest allowed value, 32 MB on a 64-bit system).
  public static let mmapThreshold = 32 << 20
  /// Free memory at the top of the heap beyond this many bytes goes back to the system: more
  /// than the buffers of one training step of the course's networks (a few tens of megabytes:
  /// the 28×28 LeNet's first convolution unfolds a batch of 32 into 5 MB of columns), little
  /// beside a laptop's memory.
  public static let trimThreshold = 128 << 20

  /// The environment variables with which a user chooses these settings themselves.
  public static let userSettings = [
    "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "GLIBC_TUNABLES",
  ]

  /// Whether to change the allocator's settings in a process with `environment`: not when the
  /// user chose them (one of `userSettings` is set).
  public static func shouldKeep(environment: [String: String]) -> Bool {
    !userSettings.contains { environment[$0] != nil }
  }

  /// Whether the settings are in place: applied once, on first use, from the process's
  /// environment. `false` where there is nothing to set (no glibc) or the user chose.
  public static let kept: Bool = {
    #if canImport(Glibc)
      guard shouldKeep(environment: ProcessInfo.processInfo.environment),
        let mallopt = glibcMallopt()
      else { return false }
      // The option numbers of glibc's <malloc.h>, which Swift's Glibc module does not import.
      let (trimThresholdOption, mmapThresholdOption): (Int32, Int32) = (-1, -3)
      return mallopt(mmapThresholdOption, Int32(mmapThreshold)) == 1
        && mallopt(trimThresholdOption, Int32(trimThreshold)) == 1
    #else
      return false
    #endif
  }()

  #if canImport(Glibc)
    /// glibc's `int mallopt(int option, int value)`, looked up by name in the running process
    /// (`nil` under a C library without it, such as musl).
    private static func glibcMallopt() -> (@convention(c) (Int32, Int32) -> Int32)? {
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else {
        return nil
      }
      return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
    }
  #endif
}
