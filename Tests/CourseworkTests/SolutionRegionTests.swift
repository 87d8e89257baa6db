import Coursework
import Testing

/// Finding solution regions, and refusing markers that are broken.
@Suite("Solution regions")
struct SolutionRegionTests {
  /// The error parsing `text` throws, as text, or `nil` when it parses.
  func failure(_ text: String) -> String? {
    do {
      _ = try SolutionRegion.regions(in: text, file: "M/F.swift")
      return nil
    } catch {
      return String(describing: error)
    }
  }

  @Test func balancedRegionsAreFoundInOrderWithTheirBodies() throws {
    let text = source(
      "func a() -> Int {",
      "  \(begin) Task 0.1",
      "  return 1",
      "  \(end)",
      "}",
      "func b() {",
      "\t\(begin) Task 1.2",
      "\t\(end)",
      "}")
    let regions = try SolutionRegion.regions(in: text, file: "M/F.swift")
    #expect(
      regions == [
        SolutionRegion(
          taskID: "0.1", beginLine: 2, endLine: 4, indentation: "  ", body: ["  return 1"]),
        SolutionRegion(taskID: "1.2", beginLine: 7, endLine: 8, indentation: "\t", body: []),
      ])
  }

  @Test func aFileWithoutMarkersHasNoRegions() throws {
    #expect(try SolutionRegion.regions(in: "let x = 1\n", file: "x.swift").isEmpty)
    // Doc comments that talk about markers are not markers.
    #expect(try SolutionRegion.regions(in: "/\(begin) Task 0.1\n", file: "x.swift").isEmpty)
  }

  @Test func nestedRegionsAreRefusedAtTheInnerBegin() {
    let text = source(
      "  \(begin) Task 0.1", "  \(begin) Task 0.1", "  \(end)", "  \(end)")
    let message = failure(text)
    #expect(message?.hasPrefix("M/F.swift:2: ") == true)
    #expect(message?.contains("cannot nest") == true)
    #expect(message?.contains("opened at line 1") == true)
  }

  @Test func anEndWithoutBeginIsRefused() {
    let message = failure(source("let x = 1", "  \(end)"))
    #expect(message?.hasPrefix("M/F.swift:2: END SOLUTION without a BEGIN") == true)
  }

  @Test func aRegionNeverClosedIsRefusedAtItsBegin() {
    let message = failure(source("", "", "  \(begin) Task 0.3", "  return 1"))
    #expect(message?.hasPrefix("M/F.swift:3: ") == true)
    #expect(message?.contains("never closed") == true)
  }

  @Test func aBeginWithoutTaskIsRefused() {
    for line in ["\(begin)", "\(begin) 0.1", "\(begin) Task", "\(begin)Task 0.1"] {
      let message = failure(source(line, end))
      #expect(
        message?.hasPrefix("M/F.swift:1: a BEGIN SOLUTION marker must name its task") == true,
        "\(line) should be refused")
    }
  }

  @Test func anEndWithExtraTextIsRefused() {
    let message = failure(source("\(begin) Task 0.1", "\(end) Task 0.1"))
    #expect(message?.contains("must stand alone") == true)
  }

  @Test func windowsLineEndsAreMarkersToo() throws {
    let text = "\(begin) Task 0.1\r\nreturn 1\r\n\(end)\r\n"
    let regions = try SolutionRegion.regions(in: text, file: "x.swift")
    #expect(regions.map(\.taskID) == ["0.1"])
  }
}
