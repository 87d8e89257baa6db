import Foundation

/// Whether the text a stopped process printed names the whole number `number`: as a number of
/// its own, not as part of a longer one (`14`), of a decimal (`0.4`), of a name (`Task0_4`) or of
/// a source location (`ListFunctions.swift:41`).
///
/// Exit tests use it to check that a stop's message names the sizes that were wrong, for
/// example both lengths of two lists that `zipWith` cannot combine.
public func mentionsNumber(_ message: String, _ number: Int) -> Bool {
  let withoutLocations = message.replacingOccurrences(
    of: #"\.swift:\d+(:\d+)?"#, with: ".swift", options: .regularExpression)
  return withoutLocations.range(
    of: #"(?<![\w.])\#(number)(?![\w]|\.\d)"#, options: .regularExpression) != nil
}
