import Foundation
import Lecture

/// `minitorch strides`: draws how a tensor's layout reads its storage, step by step.
enum StridesCommand {
  /// The command's entry in `minitorch help`.
  static let command = Command(
    name: "strides",
    summary: "draw storage, shape, strides and offset through permute, view, expand, slice",
    usage: """
      usage: minitorch strides --shape N,N,… [--view N,…] [--permute K,…] [--expand N,…]
                               [--slice A:B:S,…]

      Draws a tensor's storage (its numbers in one flat list, slots 0, 1, …) and its layout:
      shape, strides, offset, and which storage slot each index reads,
      slot = offset + index₀·stride₀ + index₁·stride₁ + …. Each step given makes a new layout
      over the same storage, drawn in turn; no number moves. The steps run in the order
      they are given, each at most once.

        --shape N,…      the tensor's shape, contiguous to begin with, e.g. 2,3
        --view N,…       read the same numbers in another shape (needs a contiguous layout)
        --permute K,…    reorder the dimensions, e.g. 1,0 (a transpose)
        --expand N,…     broadcast dimensions of size 1 (and new leading ones): stride 0
        --slice A:B:S,…  keep positions A up to B by S along each dimension, e.g. 1:,::2
                         (a single position, 1, keeps that one; : keeps all)

      Examples: --shape 2,3 --permute 1,0;  --shape 6 --view 2,3;  --shape 3,1 --expand 2,3,4;
      --shape 4,4 --slice 1:3,::2
      """,
    run: { options in try run(&options) })

  /// Reads the options and prints the layouts.
  static func run(_ options: inout Arguments) throws -> Int32 {
    guard let shapeText = try options.string("shape") else {
      throw UsageError("--shape is required, e.g. --shape 2,3")
    }
    let shape = try numbers(shapeText, option: "shape")
    var steps: [LayoutStep] = []
    for name in options.given(inOrder: ["view", "permute", "expand", "slice"]) {
      guard let text = try options.string(name) else { continue }
      switch name {
      case "view": steps.append(.view(try numbers(text, option: name)))
      case "permute": steps.append(.permute(try numbers(text, option: name)))
      case "expand": steps.append(.expand(try numbers(text, option: name)))
      default:
        do {
          steps.append(
            .slice(try text.split(separator: ",").map { try SliceRange.parse(String($0)) }))
        } catch let error as LectureError {
          throw UsageError("--slice \(text): \(error)")
        }
      }
    }
    for name in ["view", "permute", "expand", "slice"] {
      _ = try options.string(name)  // already read; named among the known options
    }
    try options.finish()
    do {
      print(try layoutWalkthrough(shape: shape, steps: steps))
    } catch let error as LectureError {
      throw UsageError(error.description)
    }
    return 0
  }

  /// The whole numbers of a comma-separated option such as `2,3`.
  static func numbers(_ text: String, option: String) throws -> [Int] {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    let values = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard values.count == parts.count, !values.isEmpty else {
      throw UsageError(
        "--\(option) must be whole numbers separated by commas, e.g. 2,3, not '\(text)'")
    }
    return values
  }
}
