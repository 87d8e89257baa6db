import Coursework
import Testing

/// Cutting long text to a byte budget.
@Suite("Truncation")
struct TruncationTests {
  @Test func shortTextIsUnchanged() {
    #expect(Truncation.keepingHead("abc", limit: 3) == "abc")
    #expect(Truncation.keepingTail("abc", limit: 10) == "abc")
  }

  @Test func longTextFitsTheLimitAndSaysWhatWasCut() {
    let text = String(repeating: "0123456789", count: 100)
    let head = Truncation.keepingHead(text, limit: 200)
    let tail = Truncation.keepingTail(text, limit: 200)
    #expect(head.utf8.count <= 200)
    #expect(tail.utf8.count <= 200)
    #expect(head.hasPrefix("0123456789"))
    #expect(tail.hasSuffix("0123456789"))
    #expect(head.contains("1000 bytes in all"))
    #expect(tail.contains("1000 bytes in all"))
  }

  @Test func cutsNeverSplitACharacter() {
    let text = String(repeating: "σ→✓", count: 200)
    let head = Truncation.keepingHead(text, limit: 101)
    let tail = Truncation.keepingTail(text, limit: 101)
    #expect(head.utf8.count <= 101)
    #expect(tail.utf8.count <= 101)
    #expect(!head.contains("\u{FFFD}"))
    #expect(!tail.contains("\u{FFFD}"))
  }
}
