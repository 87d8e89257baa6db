import Coursework
import Testing

/// Picking the first errors out of a build log.
@Suite("Compiler errors")
struct CompilerErrorsTests {
  let log = """
    Building for debugging...
    [5/6] Compiling Module0 Operators.swift
    /tmp/work/submission/Module0/Operators.swift:18:3: error: expected expression after operator
     16 |     return x * y +
     18 |   }
        |   `- error: expected expression after operator
    /tmp/work/submission/Module0/Operators.swift:18:3: error: expected expression after operator
    /tmp/work/submission/Module0/Other.swift:2:1: warning: unused variable
    /tmp/work/submission/Module0/Other.swift:9:1: error: cannot find 'y' in scope
    error: cancelled
    <unknown>:0: error: cancelled
    error: 'submission': invalid custom path 'Module1' for target 'Module1'
    error: emit-module command failed with exit code 1 (use -v to see invocation)
    error: 'submission': Invalid manifest (compiled with: ["/opt/swift/usr/bin/swiftc", "-L"])
    error: invalid manifests at [<AbsolutePath:"/tmp/work/submission">]
    """

  @Test func errorLinesAreKeptOnceWithRelativePaths() {
    #expect(
      CompilerErrors.first(10, in: log, packageFolder: "/tmp/work/submission")
        == [
          "Module0/Operators.swift:18:3: error: expected expression after operator",
          "Module0/Other.swift:9:1: error: cannot find 'y' in scope",
          "error: 'submission': invalid custom path 'Module1' for target 'Module1'",
          "error: 'submission': Invalid manifest",
        ])
  }

  @Test func onlyTheFirstFewAreKept() {
    #expect(CompilerErrors.first(1, in: log, packageFolder: "/tmp/work/submission").count == 1)
  }
}
