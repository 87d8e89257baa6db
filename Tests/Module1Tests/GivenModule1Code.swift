import Module1
import TestSupport
import Testing

/// The code students are given in Module 1: datasets, SGD's checks, the layers' structure.
/// Not graded.
@Suite("Given code: datasets, SGD, layers", .explainsStops)
struct GivenModule1Code {
  @Test(arguments: Datasets.names)
  func datasetsAreDeterministicAndLabelledZeroOrOne(name: String) throws {
    let first = try #require(Datasets.make(name, points: 60, seed: 5))
    let again = try #require(Datasets.make(name, points: 60, seed: 5))
    #expect(first.count == 60)
    #expect(first.labels == again.labels)
    #expect(zip(first.points, again.points).allSatisfy { $0 == $1 })
    #expect(first.labels.allSatisfy { $0 == 0 || $0 == 1 })
    #expect(first.points.allSatisfy { (0...1).contains($0.0) && (0...1).contains($0.1) })
    #expect(Set(first.labels).count == 2, "\(name) should have both labels")
  }

  @Test func differentSeedsGiveDifferentPoints() {
    let a = Datasets.simple(10, seed: 1)
    let b = Datasets.simple(10, seed: 2)
    #expect(!zip(a.points, b.points).allSatisfy { $0 == $1 })
  }

  @Test func labelsFollowEachRule() {
    for (point, label) in zip(Datasets.xor(200).points, Datasets.xor(200).labels) {
      #expect(label == ((point.0 < 0.5) != (point.1 < 0.5) ? 1 : 0))
    }
    for (point, label) in zip(Datasets.diag(200).points, Datasets.diag(200).labels) {
      #expect(label == (point.0 + point.1 < 0.5 ? 1 : 0))
    }
    #expect(Datasets.make("nonsense", points: 5) == nil)
  }

  @Test func linearLayersNameTheirParameters() {
    var rng = SplitMix64(seed: 0)
    let layer = Linear(2, 3, rng: &rng)
    #expect(layer.ownParameters.count == 2 * 3 + 3)
    #expect(layer.ownParameters.first?.name == "weights.0.0")
    #expect(layer.ownParameters.last?.name == "biases.2")
    #expect(layer.description == "Linear(in: 2, out: 3)")
  }

  @Test func theNetworkPrintsItsLayers() {
    let network = ScalarNetwork(hidden: 4)
    #expect(
      network.description == """
        ScalarNetwork(
          (layer1): Linear(in: 2, out: 4)
          (layer2): Linear(in: 4, out: 4)
          (layer3): Linear(in: 4, out: 1)
        )
        """)
  }

  @Test func theContextKnowsWhichInputsNeedAGradient() {
    // As PyTorch's ctx.needs_input_grad: a backward pass may skip a constant input's work.
    let x = Scalar(2.0)
    let product = Scalar.Mul().apply(x, Scalar(constant: 3))
    let context = product.history?.context
    #expect(context?.needsGradient(ofInput: 0) == true)
    #expect(context?.needsGradient(ofInput: 1) == false)
    let reversed = Scalar.Mul().apply(Scalar(constant: 3), x).history?.context
    #expect(reversed?.needsGradient(ofInput: 0) == false)
    #expect(reversed?.needsGradient(ofInput: 1) == true)
    // Past the 64th input, an input counts as needing a gradient whenever any input does.
    let many = Context<Double>(inputCount: 70) { $0 == 1 }
    #expect(many.needsGrad && many.needsGradient(ofInput: 1) && !many.needsGradient(ofInput: 2))
    #expect(many.needsGradient(ofInput: 69))
    #expect(!Context<Double>(inputCount: 70) { _ in false }.needsGradient(ofInput: 69))
    // A context made by hand, without a record per input, answers for all of them.
    #expect(Context<Double>(needsGrad: true).needsGradient(ofInput: 1))
    #expect(!Context<Double>(needsGrad: false).needsGradient(ofInput: 0))
  }

  @Test func backwardOnAConstantIsRefused() async {
    await #expect(processExitsWith: .failure) {
      (Scalar(constant: 2) * 3).backward()
    }
  }

  @Test func sgdRefusesValuesItCannotTrain() async {
    await #expect(processExitsWith: .failure) {
      _ = SGD([Parameter(1.0, name: "plain")], rate: 0.1)
    }
  }
}

/// Task 1.5 is graded by hand; this checks that the reference network really learns.
@Suite("Task 1.5 check: the scalar network trains", .explainsStops)
struct ScalarTrainingChecks {
  @Test func theNetworkLearnsTheSimpleDataset() throws {
    var losses: [Double] = []
    let dataset = Datasets.simple(50, seed: 0)
    let network = ScalarNetwork(hidden: 3)
    try trainScalarNetwork(network, on: dataset, rate: 0.5, epochs: 150) {
      losses.append($0.evaluation.totalLoss)
    }
    #expect(losses.count == 150)
    #expect(losses.last! < losses.first! / 2, "the loss should at least halve")
    let correct = zip(dataset.points, dataset.labels).filter { point, label in
      (network.probability(point.0, point.1) > 0.5) == (label == 1)
    }.count
    #expect(correct >= 45, "only \(correct)/50 correct after 150 epochs")
  }
}
