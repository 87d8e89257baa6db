import Foundation

// How the tool writes numbers and counts, in one place: every command prints "1 epoch" and
// "2 epochs", "87.3%" and "0.001" the same way.

/// `x` with `digits` digits after the decimal point.
func format(_ x: Double, digits: Int) -> String {
  String(format: "%.\(digits)f", x)
}

/// `x` as briefly as `%g` writes it: `0.5`, `1000`, `1e+09`.
func format(_ x: Double) -> String {
  String(format: "%g", x)
}

/// `0.8731` as `87.3%`.
func percent(_ fraction: Double) -> String {
  format(100 * fraction, digits: 1) + "%"
}

/// `count` and the noun, singular for exactly one: `1 epoch`, `2 epochs`, `0 regions`,
/// `3 batches`. `plural` overrides the usual English ending (`s`, or `es` after s, x, z, sh,
/// tch).
func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
  "\(count) " + (count == 1 ? noun : plural ?? pluralOf(noun))
}

/// The usual English plural of `noun`: `epoch` → `epochs`, `batch` → `batches` (a final "ch"
/// takes "es" only after t, since "epoch" and "stomach" end in a k sound).
func pluralOf(_ noun: String) -> String {
  let sibilant = ["s", "x", "z", "sh", "tch"].contains { noun.hasSuffix($0) }
  return noun + (sibilant ? "es" : "s")
}
