import Coursework
import Foundation
import Testing

/// Given functions that overlap a task are built on the student's own task code, so that a
/// starter in which the task is unwritten gets nothing working from them (issue 21): each call
/// below sits outside every solution region (a starter keeps it), and the function it reaches
/// holds the task's region (a starter replaces its body with `notImplemented`). Following the
/// chain shows that pooling over sliding windows needs Tasks 4.2, 4.3 and 4.4, and grouped
/// convolution Tasks 4.1 and 4.2.
@Suite("Given code built on the tasks")
struct GivenCodeOnTasksChecks {
  /// One link: the function declared by `declaration` in `file` calls `call`.
  struct Link: Sendable, CustomStringConvertible {
    let file: String
    let declaration: String
    let call: String
    var description: String { "\(declaration)… in \(file) calls \(call)" }
  }

  /// A function declared by `declaration` in `file` whose body is Task `task`'s.
  struct TaskFunction: Sendable, CustomStringConvertible {
    let file: String
    let declaration: String
    let task: String
    var description: String { "\(declaration)… in \(file) (Task \(task))" }
  }

  static let links = [
    Link(
      file: "Module4/Operations/WindowPooling.swift", declaration: "public func maxPool2d(",
      call: "maxpool2d(windows"),
    Link(
      file: "Module4/Operations/WindowPooling.swift", declaration: "public func avgPool2d(",
      call: "avgpool2d(windows"),
    Link(
      file: "Module4/Operations/WindowPooling.swift", declaration: "public func globalAvgPool2d(",
      call: "avgpool2d(input"),
    Link(
      file: "Module4/Operations/WindowPooling.swift", declaration: "func windowPooling(",
      call: "Tensor.Unfold(geometry).apply(input)"),
    Link(
      file: "Module4/Operations/Unfold.swift", declaration: "public func forward(",
      call: "geometry.unfold("),
    Link(
      file: "Module4/Operations/Unfold.swift", declaration: "public func backward(",
      call: "geometry.fold("),
    Link(
      file: "Module4/Operations/ConvolutionGeometry.swift", declaration: "public func unfold(",
      call: "unfoldChannel)"),
    Link(
      file: "Module4/Operations/GroupedConvolution.swift", declaration: "func groupedConvolution<",
      call: "Tensor.Convolution(geometry(x.shape, w.shape)).apply(x, w)"),
    Link(
      file: "Module4/Operations/Convolution.swift",
      declaration: "public func forward(_ ctx: Context<Tensor>, _ input: Tensor",
      call: "convolutionForward(columns:"),
  ]

  static let taskFunctions = [
    TaskFunction(
      file: "Module4/Operations/Pooling.swift", declaration: "public func maxpool2d(", task: "4.4"),
    TaskFunction(
      file: "Module4/Operations/Pooling.swift", declaration: "public func avgpool2d(", task: "4.3"),
    TaskFunction(
      file: "Module4/Operations/Convolution2d.swift", declaration: "public func unfoldChannel(",
      task: "4.2"),
    TaskFunction(
      file: "Module4/Operations/Convolution2d.swift", declaration: "public func foldChannel(",
      task: "4.2"),
    TaskFunction(
      file: "Module4/Operations/ConvolutionLowering.swift", declaration: "func convolutionForward(",
      task: "4.1"),
  ]

  /// The lines of the function declared by `declaration` in `lines`: from its declaration to
  /// the closing brace at the declaration's indentation.
  static func function(_ declaration: String, in lines: [String], file: String) throws -> [String] {
    guard
      let start = lines.firstIndex(where: {
        $0.trimmingCharacters(in: .whitespaces).hasPrefix(declaration)
      })
    else {
      throw CheckFailure("\(file) declares no \(declaration)…")
    }
    let indentation = String(lines[start].prefix { $0 == " " })
    guard let end = lines[start...].firstIndex(of: indentation + "}") else {
      throw CheckFailure("\(declaration)… in \(file) has no closing brace")
    }
    return Array(lines[start...end])
  }

  /// The file's text.
  static func text(_ file: String) throws -> String {
    try String(contentsOf: projectRoot.appendingPathComponent(file), encoding: .utf8)
  }

  @Test(arguments: links)
  func theStarterKeepsTheCall(_ link: Link) throws {
    let text = try Self.text(link.file)
    let regions = try SolutionRegion.regions(in: text, file: link.file)
    let kept = SolutionRegion.outside(of: regions, in: text)
    let body = try Self.function(link.declaration, in: kept, file: link.file)
    #expect(
      body.contains {
        $0.contains(link.call) && !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//")
      },
      "\(link): the call should stay outside every solution region")
  }

  @Test(arguments: taskFunctions)
  func theTaskFunctionIsTheStudents(_ task: TaskFunction) throws {
    let text = try Self.text(task.file)
    let lines = text.components(separatedBy: "\n")
    let body = try Self.function(task.declaration, in: lines, file: task.file)
    #expect(
      body.contains {
        $0.trimmingCharacters(in: .whitespaces) == "\(SolutionRegion.beginMarker) Task \(task.task)"
      }, "\(task) should hold the task's solution region, so a starter leaves it unwritten")
  }
}

/// A check that failed, with what to fix.
struct CheckFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
