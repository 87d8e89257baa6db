/// A fully connected layer on scalars: outputⱼ = Σᵢ inputᵢ · weightᵢⱼ + biasⱼ (Task 1.5).
///
/// Every weight and bias is its own `Parameter` holding a `Scalar` (named `"weights.0.1"`,
/// `"biases.1"`), and starts uniform in [−1, 1) from a seeded generator.
public final class Linear: Module, Layer {
  /// The weights: `weights[i][j]` connects input i to output j.
  public let weights: [[Parameter]]
  /// The biases, one per output.
  public let biases: [Parameter]

  /// A layer from `inputs` numbers to `outputs` numbers, with weights drawn from `rng`.
  public init(_ inputs: Int, _ outputs: Int, rng: inout SplitMix64) {
    precondition(
      inputs > 0 && outputs > 0, "Linear needs positive sizes, got \(inputs) → \(outputs)")
    var weights: [[Parameter]] = []
    for _ in 0..<inputs {
      weights.append((0..<outputs).map { _ in Parameter(Scalar(2 * (rng.nextDouble() - 0.5))) })
    }
    self.weights = weights
    self.biases = (0..<outputs).map { _ in Parameter(Scalar(2 * (rng.nextDouble() - 0.5))) }
  }

  /// Task 1.5: outputⱼ = Σᵢ inputᵢ · weightᵢⱼ + biasⱼ.
  public func forward(_ input: [Scalar]) -> [Scalar] {
    precondition(
      input.count == weights.count,
      "Linear expects \(weights.count) inputs, got \(input.count)")
    // BEGIN SOLUTION Task 1.5
    var outputs: [Scalar] = biases.map { $0.value(as: Scalar.self) }
    for (i, x) in input.enumerated() {
      for j in outputs.indices {
        outputs[j] = outputs[j] + x * weights[i][j].value(as: Scalar.self)
      }
    }
    return outputs
    // END SOLUTION
  }

  /// `in: 2, out: 10`.
  public override var extraDescription: String {
    "in: \(weights.count), out: \(biases.count)"
  }
}

/// The network of Task 1.5: two inputs, two hidden layers of `hidden` ReLU units, and one
/// output, the logit z of the point having label 1 (the probability is σ(z)).
///
/// `forward` returns the logit because the loss is computed from it: `binaryCrossEntropy(logit:
/// label:)` never takes log(0), which log σ(z) does once σ(z) rounds to 0 or 1.
/// `probability(_:_:)` applies the sigmoid for predictions.
public final class ScalarNetwork: Module, Layer {
  /// 2 → hidden.
  public let layer1: Linear
  /// hidden → hidden.
  public let layer2: Linear
  /// hidden → 1.
  public let layer3: Linear

  /// A network with `hidden` units per hidden layer, initialised from `seed`.
  public init(hidden: Int, seed: UInt64 = 0) {
    var rng = SplitMix64(seed: seed)
    layer1 = Linear(2, hidden, rng: &rng)
    layer2 = Linear(hidden, hidden, rng: &rng)
    layer3 = Linear(hidden, 1, rng: &rng)
  }

  /// Task 1.5: the logit z = layer3(relu(layer2(relu(layer1(x))))) for the point x.
  public func forward(_ input: (Scalar, Scalar)) -> Scalar {
    // BEGIN SOLUTION Task 1.5
    let hidden1 = layer1([input.0, input.1]).map { $0.relu() }
    let hidden2 = layer2(hidden1).map { $0.relu() }
    return layer3(hidden2)[0]
    // END SOLUTION
  }

  /// The probability σ(z) that the point (x₁, x₂) has label 1.
  public func probability(_ x1: Double, _ x2: Double) -> Double {
    Operators.sigmoid(forward((Scalar(constant: x1), Scalar(constant: x2))).data)
  }
}
