import Foundation
import Module3
import Testing

/// The fast backend asks glibc's allocator to keep freed memory for the next training step
/// (Module3's `FreedMemory`), unless the user chose the allocator's settings. Not graded.
@Suite("Given code: freed memory is kept for reuse unless the user chose otherwise", .explainsStops)
struct GivenFreedMemory {
  @Test("a user's allocator settings in the environment stand")
  func aUsersSettingsStand() {
    #expect(FreedMemory.shouldKeep(environment: [:]))
    #expect(FreedMemory.shouldKeep(environment: ["PATH": "/usr/bin", "MALLOC_ARENA_MAX": "2"]))
    for variable in FreedMemory.userSettings {
      #expect(
        !FreedMemory.shouldKeep(environment: [variable: "1048576"]),
        "with \(variable) set, the settings are the user's")
    }
  }

  @Test("the settings are in place once a fast backend exists, where glibc takes them")
  func theSettingsAreInPlace() {
    _ = FastOps()
    #if canImport(Glibc)
      let expected = FreedMemory.shouldKeep(environment: ProcessInfo.processInfo.environment)
      #expect(FreedMemory.kept == expected)
    #else
      #expect(!FreedMemory.kept, "only glibc's allocator needs the settings")
    #endif
    #expect(FreedMemory.mmapThreshold <= 32 << 20, "glibc refuses a larger mmap threshold")
    #expect(FreedMemory.trimThreshold >= FreedMemory.mmapThreshold)
  }
}
