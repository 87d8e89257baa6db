import Module2
import TestSupport
import Testing

/// einsum and matmul with vectors: values against NumPy and against a brute-force sum over
/// every assignment of the letters, gradients against central differences.
public enum EinsumChecks {
  /// Every check of this file.
  public static let all: [TensorCheck] = [
    TensorCheck("einsum matches NumPy", einsumMatchesNumPy),
    TensorCheck("einsum is differentiable in every operand", einsumGradients),
    TensorCheck("random specs sum what a brute-force loop sums", randomSpecs),
    TensorCheck("matmul with vectors matches NumPy, and its gradients", matmulWithVectors),
    TensorCheck("a matrix-product spec gives matmul's numbers", matrixProductSpecIsMatmul),
  ]

  /// The operands of a case on `backend`, the n-th one in layout n mod 3.
  static func operands(_ names: [String], _ backend: TensorBackend) -> [Tensor] {
    let named = einsumOperands()
    return names.enumerated().map { k, name in
      let operand = named[name]!
      return Layout.allCases[k % Layout.allCases.count].tensor(
        operand.data.values, operand.shape, backend)
    }
  }

  static func einsumMatchesNumPy(_ backend: TensorBackend) throws {
    for example in numpyEinsums() {
      let inputs = operands(example.operands, backend)
      try expectTensor(
        einsum(example.spec, inputs), shape: example.shape, values: example.values,
        "einsum(\"\(example.spec)\") of \(example.operands)", tolerance: .standard)
    }
  }

  static func einsumGradients(_ backend: TensorBackend) throws {
    for example in numpyEinsums() {
      try expectGradients(
        { einsum(example.spec, $0) }, operands(example.operands, backend),
        "einsum(\"\(example.spec)\") of \(example.operands)")
    }
  }

  static func matmulWithVectors(_ backend: TensorBackend) throws {
    for example in numpyMatmuls() {
      let inputs = operands(example.operands, backend)
      let what = "\(example.operands[0]).matmul(\(example.operands[1]))"
      try expectTensor(
        inputs[0].matmul(inputs[1]), shape: example.shape, values: example.values, what,
        tolerance: .standard)
      try expectGradients({ $0[0].matmul($0[1]) }, inputs, what)
    }
  }

  static func matrixProductSpecIsMatmul(_ backend: TensorBackend) throws {
    let cases = Gen<[Int]>.shapes(dims: 3...3, maxSize: 5).flatMap { sizes in
      Gen<Tensor>.laidOut([sizes[0], sizes[1]], on: backend).zip(
        Gen<Tensor>.laidOut([sizes[1], sizes[2]], on: backend))
    }
    forAll(cases, cases: 30) { a, b in
      let product = a.matmul(b)
      try expectTensor(
        einsum("ij,jk", a, b), shape: product.shape, values: product.data.values,
        "einsum(\"ij,jk\") of \(a.shape) and \(b.shape) against matmul", tolerance: .standard)
    }
  }

  static func randomSpecs(_ backend: TensorBackend) throws {
    forAll(RandomSpec.generator(on: backend), cases: 60) { spec in
      let result = einsum(spec.text, spec.operands)
      try expectTensor(
        result, shape: spec.outputShape, values: spec.bruteForce(),
        "einsum(\"\(spec.text)\") of shapes \(spec.operands.map(\.shape))",
        tolerance: .standard)
      try expectGradients(
        { einsum(spec.text, $0) }, spec.operands,
        "einsum(\"\(spec.text)\") of shapes \(spec.operands.map(\.shape))", samples: 6)
    }
  }
}

/// A random einsum spec over the letters i, j, k (repeats inside a term allowed, sizes of 1
/// where a letter broadcasts), its operands, and the brute-force answer.
struct RandomSpec: CustomStringConvertible {
  var terms: [[Character]]
  var output: [Character]
  var explicit: Bool
  var sizes: [Character: Int]
  var operands: [Tensor]

  var text: String {
    terms.map { String($0) }.joined(separator: ",") + (explicit ? "->" + String(output) : "")
  }

  var description: String { "\"\(text)\" with shapes \(operands.map(\.shape))" }

  var outputShape: [Int] { output.isEmpty ? [1] : output.map { sizes[$0]! } }

  /// Σ over every assignment of the letters of the product of the operands' entries, added
  /// into the output entry the assignment names (a size-1 operand dimension reads entry 0).
  func bruteForce() -> [Double] {
    let letters = Array(Set(terms.flatMap { $0 })).sorted()
    let shape = letters.map { sizes[$0]! }
    var result = Array(repeating: 0.0, count: outputShape.reduce(1, *))
    for ordinal in 0..<shape.reduce(1, *) {
      let values = toIndex(ordinal, shape)
      func value(of letter: Character) -> Int { values[letters.firstIndex(of: letter)!] }
      var product = 1.0
      for (term, operand) in zip(terms, operands) {
        let index = zip(term, operand.shape).map { letter, size in size == 1 ? 0 : value(of: letter)
        }
        product *= operand.data[index]
      }
      let place = output.isEmpty ? [0] : output.map(value)
      result[indexToPosition(place, stridesFromShape(outputShape))] += product
    }
    return result
  }

  static func generator(on backend: TensorBackend) -> Gen<RandomSpec> {
    Gen { rng in
      let alphabet: [Character] = ["i", "j", "k"]
      var sizes: [Character: Int] = [:]
      for letter in alphabet { sizes[letter] = rng.nextInt(in: 1...3) }
      let count = rng.nextInt(in: 1...3)
      let terms = (0..<count).map { _ in
        (0..<rng.nextInt(in: 1...3)).map { _ in alphabet[rng.nextInt(in: 0...2)] }
      }
      let used = Array(Set(terms.flatMap { $0 })).sorted()
      let explicit = rng.nextInt(in: 0...2) > 0
      let output: [Character]
      if explicit {
        output = used.filter { _ in rng.nextInt(in: 0...1) == 0 }.reordered(using: &rng)
      } else {
        let all = terms.flatMap { $0 }
        output = used.filter { letter in all.count { $0 == letter } == 1 }
      }
      let operands = terms.map { term -> Tensor in
        // A letter used once in a term may have size 1 there (it broadcasts); a repeated one
        // keeps its size, since a diagonal needs equal sizes.
        let shape = term.map { letter in
          term.count { $0 == letter } == 1 && rng.nextInt(in: 0...4) == 0 ? 1 : sizes[letter]!
        }
        let values = (0..<shape.reduce(1, *)).map { _ in rng.nextDouble(in: -2..<2) }
        return Layout.allCases[rng.nextInt(in: 0...(Layout.allCases.count - 1))].tensor(
          values, shape, backend)
      }
      // A letter whose every use has size 1 has size 1.
      for letter in used {
        let uses = zip(terms, operands).flatMap { term, operand in
          zip(term, operand.shape).filter { $0.0 == letter }.map(\.1)
        }
        sizes[letter] = uses.max()!
      }
      return RandomSpec(
        terms: terms, output: output, explicit: explicit, sizes: sizes, operands: operands)
    }
  }
}

extension Array {
  /// The array in a random order drawn from `rng`.
  fileprivate func reordered(using rng: inout SplitMix64) -> [Element] {
    var result = self
    for i in Swift.stride(from: count - 1, to: 0, by: -1) {
      result.swapAt(i, rng.nextInt(in: 0...i))
    }
    return result
  }
}
