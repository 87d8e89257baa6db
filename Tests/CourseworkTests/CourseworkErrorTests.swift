import Coursework
import Testing

/// The one error type of the coursework tools.
@Suite("Coursework errors")
struct CourseworkErrorTests {
  @Test func aMessageWithAPlaceStartsWithFileAndLine() {
    let error = CourseworkError.solutionMarker(file: "Module0/A.swift", line: 3, "never closed")
    #expect(error.kind == .solutionMarker)
    #expect(error.description == "Module0/A.swift:3: never closed")
    #expect(CourseworkError(.sync, "differs", file: "B.swift").description == "B.swift: differs")
  }

  @Test func aMessageWithoutAPlaceIsJustTheMessage() {
    let error = CourseworkError.grading("cannot find 'swift' on PATH")
    #expect(error.kind == .grading)
    #expect(error.description == "cannot find 'swift' on PATH")
    #expect(error != CourseworkError.starter("cannot find 'swift' on PATH"))
  }
}
