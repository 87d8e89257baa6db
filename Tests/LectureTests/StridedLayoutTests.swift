import Lecture
import Module2
import Testing

/// Layout steps change only shape, strides and offset; the diagram says which slot each index
/// reads.
@Suite("Strides view")
struct StridedLayoutTests {
  @Test("permute swaps strides: the transpose of a 2×3 reads slots 0 3 / 1 4 / 2 5")
  func permute() throws {
    let layout = try StridedLayout.contiguous([2, 3]).permuted([1, 0])
    #expect(layout == StridedLayout(shape: [3, 2], strides: [1, 3], offset: 0))
    #expect(!layout.isContiguous)
    #expect(layout.indices.map(layout.position) == [0, 3, 1, 4, 2, 5])
  }

  @Test("slicing moves the offset and multiplies the strides")
  func slice() throws {
    let ranges = try ["1:3", "::2"].map(SliceRange.parse)
    let layout = try StridedLayout.contiguous([4, 4]).sliced(ranges)
    #expect(layout == StridedLayout(shape: [2, 2], strides: [4, 2], offset: 4))
    #expect(layout.indices.map(layout.position) == [4, 6, 8, 10])
    #expect(try SliceRange.parse("2") == SliceRange(start: 2, stop: 3))
  }

  @Test("expand gives stride 0, view needs a contiguous layout")
  func expandAndView() throws {
    let expanded = try StridedLayout.contiguous([3, 1]).expanded(to: [2, 3, 4])
    #expect(expanded.strides == [0, 1, 0])
    #expect(Set(expanded.indices.map(expanded.position)) == [0, 1, 2])
    #expect(try StridedLayout.contiguous([6]).viewed(as: [2, 3]).strides == [3, 1])
    #expect(throws: LectureError.self) {
      try StridedLayout.contiguous([2, 3]).permuted([1, 0]).viewed(as: [6])
    }
    #expect(throws: LectureError.self) { try StridedLayout.contiguous([2, 3]).permuted([0, 0]) }
    #expect(throws: LectureError.self) {
      try StridedLayout.contiguous([2, 3]).expanded(to: [4, 3])
    }
  }

  @Test("the walkthrough draws each layout, the slot of every index, and that nothing moved")
  func walkthrough() throws {
    let text = try layoutWalkthrough(shape: [2, 3], steps: [.permute([1, 0])])
    #expect(text.contains("shape [2, 3]  strides [3, 1]  offset 0  (contiguous)"))
    #expect(text.contains("after permute(1, 0)"))
    #expect(text.contains("shape [3, 2]  strides [1, 3]  offset 0  (not contiguous)"))
    #expect(text.contains("[0, 1]  3     = 0 + 0·1 + 1·3"))
    #expect(text.contains("  0  3\n  1  4\n  2  5"))
    #expect(text.contains("No number moved"))
    #expect(throws: LectureError.self) { try layoutWalkthrough(shape: [100, 100], steps: []) }
    #expect(throws: LectureError.self) {
      try layoutWalkthrough(shape: [3, 1], steps: [.expand([100, 3, 100])])
    }
    let sliced = try layoutWalkthrough(
      shape: [4, 4],
      steps: [.slice([SliceRange(start: 1, stop: 3), SliceRange(start: nil, stop: nil, step: 2)])])
    #expect(sliced.contains("offset 4"))
    // Slots 4, 6, 8 and 10 are read; the others are not.
    let readRow = try #require(sliced.split(separator: "\n").last { $0.hasPrefix("         read") })
    #expect(readRow.filter { $0 == "*" }.count == 4)
  }

  @Test("the layouts are those of Module 2's tensor views, which share the storage")
  func agreesWithTensors() throws {
    let t = Tensor(shape: [4, 4], data: (0..<16).map(Double.init))
    let column = Tensor(shape: [3, 1], data: [0, 1, 2])
    let square = try StridedLayout.contiguous([4, 4])
    let cases: [(view: Tensor, base: Tensor, layout: StridedLayout)] = [
      (t.permute(1, 0), t, try square.permuted([1, 0])),
      (
        t.indexed(by: [.positions(from: 1, to: 3), .every(2)]), t,
        try square.sliced([
          SliceRange(start: 1, stop: 3), SliceRange(start: nil, stop: nil, step: 2),
        ])
      ),
      (t.view(2, 8), t, try square.viewed(as: [2, 8])),
      (
        column.expand(2, 3, 4), column,
        try StridedLayout.contiguous([3, 1]).expanded(to: [2, 3, 4])
      ),
    ]
    for (view, base, layout) in cases {
      #expect(view.data.sharesStorage(with: base.data))
      #expect(view.data.shape == layout.shape)
      #expect(view.data.strides == layout.strides)
      #expect(view.data.offset == layout.offset)
      // The storage holds 0, 1, 2, …, so each entry is the slot it reads.
      #expect(view.data.values == layout.indices.map { Double(layout.position($0)) })
    }
  }
}
