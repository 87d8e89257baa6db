import Foundation
import Lecture

/// `minitorch strides`: draws how a tensor's layout reads its storage, step by step.
enum StridesCommand {
  /// `--shape N,…`.
  static let shape: Option<[Int]> = .custom(
    "shape", "N,…", allowed: nil, defaultText: nil, absent: nil,
    "the tensor's shape, contiguous to begin with, e.g. 2,3"
  ) { text throws(UsageError) in try numbers(text, option: "shape") }
  /// `--view N,…`.
  static let view = step(
    "view", "N,…", "read the same numbers in another shape (needs a contiguous layout)"
  ) {
    text throws(UsageError) in .view(try numbers(text, option: "view"))
  }
  /// `--permute K,…`.
  static let permute = step("permute", "K,…", "reorder the dimensions, e.g. 1,0 (a transpose)") {
    text throws(UsageError) in .permute(try numbers(text, option: "permute"))
  }
  /// `--expand N,…`.
  static let expand = step(
    "expand", "N,…", "broadcast dimensions of size 1 (and new leading ones): stride 0"
  ) { text throws(UsageError) in .expand(try numbers(text, option: "expand")) }
  /// `--slice A:B:S,…`.
  static let slice = step(
    "slice", "A:B:S,…",
    "keep positions A up to B by S along each dimension, e.g. 1:,::2 (a single position, 1, "
      + "keeps that one; : keeps all)"
  ) { text throws(UsageError) in
    do {
      return .slice(try text.split(separator: ",").map { try SliceRange.parse(String($0)) })
    } catch let error as LectureError {
      throw UsageError("--slice \(text): \(error)")
    } catch {
      throw UsageError("--slice \(text): \(error)")
    }
  }

  /// A layout step read from `--name`.
  static func step(
    _ name: String, _ placeholder: String, _ meaning: String,
    read: @escaping @Sendable (String) throws(UsageError) -> LayoutStep
  ) -> Option<LayoutStep?> {
    .custom(name, placeholder, allowed: nil, defaultText: nil, absent: .some(nil), meaning) {
      text throws(UsageError) in try read(text)
    }
  }

  /// The steps, in the order of the table (the command line gives the order they run in).
  static let steps = [view, permute, expand, slice]

  /// The command's options.
  static let table = OptionTable("strides", [shape.declaration] + steps.map(\.declaration))

  /// The command's entry in `minitorch help`.
  static let command = Command(
    "strides",
    summary: "draw storage, shape, strides and offset through permute, view, expand, slice",
    table: table,
    about: """
      Draws a tensor's storage (its numbers in one flat list, slots 0, 1, …) and its layout:
      shape, strides, offset, and which storage slot each index reads,
      slot = offset + index₀·stride₀ + index₁·stride₁ + …. Each step given makes a new layout
      over the same storage, drawn in turn; no number moves. The steps run in the order
      they are given, each at most once.

      Examples: --shape 2,3 --permute 1,0;  --shape 6 --view 2,3;  --shape 3,1 --expand 2,3,4;
      --shape 4,4 --slice 1:3,::2
      """,
    run: run)

  /// Prints the layouts.
  static func run(_ options: ParsedOptions) throws -> Int32 {
    let given = options.order.compactMap { name in steps.first { $0.name == name } }
    do {
      print(try layoutWalkthrough(shape: options[shape], steps: given.compactMap { options[$0] }))
    } catch let error as LectureError {
      throw UsageError(error.description)
    }
    return 0
  }

  /// The whole numbers of a comma-separated option such as `2,3`.
  static func numbers(_ text: String, option: String) throws(UsageError) -> [Int] {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    let values = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard values.count == parts.count, !values.isEmpty else {
      throw UsageError(
        "--\(option) must be whole numbers separated by commas, e.g. 2,3, not '\(text)'")
    }
    return values
  }
}
