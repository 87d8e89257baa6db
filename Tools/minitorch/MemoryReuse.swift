#if canImport(Glibc)
  import Glibc
#endif

/// Process-wide allocator settings that make training steps cheaper on Linux.
///
/// Every training step allocates and frees the same large buffers (a convolution's columns,
/// the gradients of a batch). glibc's allocator serves blocks of 128 KiB or more straight from
/// the kernel and gives freed memory at the top of its heap back at once, so the next step gets
/// fresh pages again and pays a page fault for every 4 KiB it touches: about 1,300 per LeNet
/// step, a third of its time on this project's 2-core machine (`perf stat -e page-faults
/// minitorch bench --parts convolution`). Keeping freed memory for reuse removes almost all of
/// them. macOS's allocator keeps freed blocks for reuse already, so there this does nothing.
enum MemoryReuse {
  /// Keeps blocks up to 256 MiB on the heap and freed memory in the process (glibc's
  /// `M_MMAP_THRESHOLD`, `M_TRIM_THRESHOLD` and `M_TOP_PAD`, set through `mallopt`).
  static func enable() {
    #if canImport(Glibc)
      // `mallopt` is declared in <malloc.h>, which Swift's Glibc module does not include: look
      // it up by name (absent on other C libraries, and then nothing changes).
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
      let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
      let (trimThreshold, topPad, mmapThreshold): (Int32, Int32, Int32) = (-1, -2, -3)
      let mebibyte: Int32 = 1 << 20
      _ = mallopt(mmapThreshold, 256 * mebibyte)
      _ = mallopt(trimThreshold, 256 * mebibyte)
      _ = mallopt(topPad, 64 * mebibyte)
    #endif
  }
}
