import Coursework
import Foundation
import Testing

/// The lines of given code that sit inside task functions, next to solution regions, stay
/// outside the regions: a starter keeps them, so retained gradients and `withoutGradients` work
/// with a student's own code.
@Suite("Given hooks beside solution regions")
struct GivenHookChecks {
  @Test(arguments: [
    ("Module1/Scalar/Scalar.swift", "retainDerivative(dOut)"),
    ("Module2/Core/Tensor+Autodiff.swift", "retainDerivative(dOut)"),
    ("Module1/Scalar/ScalarFunction.swift", "GradientMode.isEnabled"),
    ("Module2/Core/TensorFunction.swift", "GradientMode.isEnabled"),
  ])
  func hookLineSurvivesInTheStarter(path: String, hook: String) throws {
    let text = try String(contentsOf: projectRoot.appendingPathComponent(path), encoding: .utf8)
    let regions = try SolutionRegion.regions(in: text, file: path)
    let kept = SolutionRegion.outside(of: regions, in: text)
    #expect(
      kept.contains {
        $0.contains(hook) && !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//")
      },
      "\(path) should call \(hook) outside every solution region, so that a starter keeps it")
  }
}
