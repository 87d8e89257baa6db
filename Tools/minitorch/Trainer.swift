import Module3

/// A toy network of Module 1, 2 or 3, behind the two things `minitorch train` needs: training
/// it and asking it for probabilities.
struct Trainer {
  /// Trains the network; see `trainScalarNetwork`, `trainTensorNetwork` and `trainInBatches`.
  private let run:
    (Dataset, Double, Int, (EpochReport) -> Void) throws(TrainingDiverged) -> EpochReport
  /// The network's probability of label 1 at each point, in the current state of training.
  let probabilities: ([(Double, Double)]) -> [Double]

  /// Task 1.5's `ScalarNetwork` with `hidden` units per layer, initialised from `seed`.
  static func scalar(hidden: Int, seed: UInt64) -> Trainer {
    let network = ScalarNetwork(hidden: hidden, seed: seed)
    return Trainer(
      run: { dataset, rate, epochs, onEpoch throws(TrainingDiverged) in
        try trainScalarNetwork(network, on: dataset, rate: rate, epochs: epochs, onEpoch: onEpoch)
      },
      probabilities: { points in points.map { network.probability($0.0, $0.1) } })
  }

  /// Task 2.5's `TensorNetwork` on the simple backend, one step per epoch on every point.
  static func tensor(hidden: Int, seed: UInt64) -> Trainer {
    let network = TensorNetwork(hidden: hidden, seed: seed, backend: .simple)
    return Trainer(
      run: { dataset, rate, epochs, onEpoch throws(TrainingDiverged) in
        try trainTensorNetwork(network, on: dataset, rate: rate, epochs: epochs, onEpoch: onEpoch)
      },
      probabilities: probabilities(of: network))
  }

  /// Task 3.5's training: `TensorNetwork` on the fast backend, a step per shuffled batch of
  /// `batchSize` points (shuffled from `seed`).
  static func batched(hidden: Int, seed: UInt64, batchSize: Int) -> Trainer {
    let network = TensorNetwork(hidden: hidden, seed: seed, backend: .fast)
    return Trainer(
      run: { dataset, rate, epochs, onEpoch throws(TrainingDiverged) in
        try trainInBatches(
          network, on: dataset, rate: rate, epochs: epochs, batchSize: batchSize, seed: seed,
          onEpoch: onEpoch)
      },
      probabilities: probabilities(of: network))
  }

  /// The probabilities of a tensor network, for many points in one batch.
  private static func probabilities(of network: TensorNetwork) -> ([(Double, Double)]) -> [Double] {
    { points in
      let x = Tensor(
        shape: [points.count, 2], data: points.flatMap { [$0.0, $0.1] }, backend: network.backend)
      return network.probability(x).data.values
    }
  }

  /// Trains the network on `dataset`; returns the last epoch's report.
  func train(
    on dataset: Dataset, rate: Double, epochs: Int, onEpoch: (EpochReport) -> Void
  ) throws(TrainingDiverged) -> EpochReport {
    try run(dataset, rate, epochs, onEpoch)
  }
}
