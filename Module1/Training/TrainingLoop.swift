/// How a network did on some examples: their losses added up, how many it classified right,
/// and how many there were.
public struct Measurement: Sendable, Equatable {
  /// The loss added up over the examples.
  public var totalLoss: Double
  /// How many examples were classified right; `nil` when the step that measured them did not
  /// count (Task 3.5's step returns only its loss).
  public var correct: Int?
  /// How many examples were measured.
  public var count: Int

  /// A measurement of `count` examples whose losses add up to `totalLoss`.
  public init(totalLoss: Double, correct: Int?, count: Int) {
    precondition(count >= 0, "a measurement of \(count) examples")
    self.totalLoss = totalLoss
    self.correct = correct
    self.count = count
  }

  /// A measurement of `count` examples whose mean loss is `meanLoss` (what a step
  /// backpropagates).
  public init(meanLoss: Double, correct: Int? = nil, count: Int) {
    self.init(totalLoss: meanLoss * Double(count), correct: correct, count: count)
  }

  /// The loss per example (0 for no examples).
  public var meanLoss: Double { count == 0 ? 0 : totalLoss / Double(count) }

  /// The fraction classified right (0 for no examples; `nil` when not counted).
  public var accuracy: Double? {
    correct.map { count == 0 ? 0 : Double($0) / Double(count) }
  }

  /// Two sets of examples measured together: the losses and counts add up (`correct` only when
  /// both were counted).
  public static func + (lhs: Measurement, rhs: Measurement) -> Measurement {
    let correct = lhs.correct.flatMap { left in rhs.correct.map { left + $0 } }
    return Measurement(
      totalLoss: lhs.totalLoss + rhs.totalLoss, correct: correct, count: lhs.count + rhs.count)
  }
}

/// How one batch's step went: for a progress display.
public struct BatchReport: Sendable {
  /// The epoch, counting from 1.
  public let epoch: Int
  /// The batch within the epoch, counting from 1.
  public let batch: Int
  /// How many batches the epoch has.
  public let batches: Int
  /// The mean loss of the batch's examples, before its step moved the parameters.
  public let loss: Double
}

/// How one epoch of training went.
public struct EpochReport: Sendable {
  /// The epoch just finished, counting from 1.
  public let epoch: Int
  /// How many epochs the run has in all.
  public let epochs: Int
  /// The training examples as the epoch's steps saw them: each batch measured by its own step,
  /// before that step moved the parameters (with dropout on, while the weights changed).
  public let training: Measurement
  /// The network after the epoch, measured by the loop's `evaluate` hook in evaluation mode:
  /// every training point for the toy networks of Modules 1–3, the validation examples for
  /// Module 4's. The last epoch's `evaluation` describes the trained network.
  public let evaluation: Measurement
  /// How long the epoch took (its steps and its evaluation, not the hooks), in seconds.
  public let seconds: Double

  /// A report of one epoch; see the properties.
  public init(
    epoch: Int, epochs: Int, training: Measurement, evaluation: Measurement, seconds: Double
  ) {
    self.epoch = epoch
    self.epochs = epochs
    self.training = training
    self.evaluation = evaluation
    self.seconds = seconds
  }
}

/// The training loop every module's training runs: trains `model` for `epochs` epochs, each
/// one `step` per batch of `batches`, then measures the network with `evaluate` (with `model`
/// in evaluation mode and no graph recorded, as `withoutGradients` runs it) and tells
/// `onEpoch`; `onBatch` hears about every step.
///
///     measure the untrained network (the divergence watch's starting level)
///     for each epoch, with the model in training mode:
///         for each batch of the epoch (Batches: every example once, maybe shuffled):
///             step(batch)          zero the gradients, loss, backward, optimizer step:
///                                  the caller's code, returning what the batch saw
///             a NaN or infinite batch loss stops the run           (divergence)
///             onBatch(report)                                      (progress)
///         model.eval(); evaluate() without recording graphs; model.train()
///             the network after the epoch: every training point for the toy networks,
///             the validation examples for Module 4's                (validation)
///             (full-batch training may let the next epoch's step measure it instead)
///         a NaN, infinite or runaway loss stops the run            (divergence)
///         onEpoch(report)                                          (epoch report)
///
/// The loop owns the order and the bookkeeping; what a step is (which network, which loss,
/// which optimizer) stays with the caller. Module 1 and 2 take one step per epoch on every point,
/// Module 3 a step per shuffled mini-batch (Task 3.5's `stepOnBatch`), Module 4 an Adam step per
/// shuffled batch of images or sentences.
///
/// `step` gets a batch's example indices and does the whole step: `optimizer.zeroGrad()`, the
/// batch's mean loss, `backward()`, `optimizer.step()`; it returns what the batch's examples
/// did before the step (`Measurement(meanLoss:correct:count:)`). `uninformedLoss` is the mean
/// loss per example of a network that knows nothing (`DivergenceWatch.uninformedLoss(classes:)`),
/// for the divergence watch; `optimizer` is the one `step` uses, named for its rate.
///
/// `evaluatedByNextStep` saves a forward pass per epoch in full-batch training. Pass `true`
/// only when each epoch is one batch of every example that `evaluate` measures and the step
/// computes exactly what `evaluate` does (no dropout): the step of epoch e + 1 then sees the
/// network epoch e left, so its measurement is epoch e's evaluation, and `evaluate` runs only
/// before training and after the last epoch. The reports are the same; `onEpoch` for epoch e
/// runs after that next step, and an epoch's `seconds` holds its step alone.
///
/// Returns the last epoch's report (`nil` for 0 epochs). Throws `TrainingDiverged`, naming the
/// epoch (and the batch), as soon as a batch's loss is NaN or infinite or the loss after an
/// epoch runs away (see `DivergenceWatch`); that epoch is not reported. The same batches and
/// the same steps give the same run.
@discardableResult
public func runTrainingLoop(
  _ model: Module,
  optimizer: any Optimizer,
  batches: Batches,
  epochs: Int,
  uninformedLoss: Double,
  evaluatedByNextStep: Bool = false,
  step: ([Int]) -> Measurement,
  evaluate: () -> Measurement,
  onBatch: (BatchReport) -> Void = { _ in },
  onEpoch: (EpochReport) -> Void = { _ in }
) throws(TrainingDiverged) -> EpochReport? {
  precondition(epochs >= 0, "epochs must not be negative, got \(epochs)")
  guard epochs > 0 else { return nil }
  precondition(batches.count > 0, "training needs at least one example")
  precondition(
    !evaluatedByNextStep || batches.perEpoch == 1,
    "evaluatedByNextStep needs one batch per epoch, but there are \(batches.perEpoch)")
  var batches = batches
  let watch = DivergenceWatch(
    initialLoss: evaluated(model, evaluate).meanLoss, uninformedLoss: uninformedLoss)
  let clock = ContinuousClock()
  var last: EpochReport?
  /// Tells `onEpoch` (its time is not the epoch's) and keeps the report.
  func report(_ report: EpochReport) -> Duration {
    let start = clock.now
    onEpoch(report)
    last = report
    return clock.now - start
  }
  /// An epoch whose evaluation the next epoch's step measures.
  var waiting: (epoch: Int, training: Measurement, seconds: Double)?
  for epoch in 1...epochs {
    let start = clock.now
    var hookTime = Duration.zero
    let epochBatches = batches.nextEpoch()
    var training = Measurement(totalLoss: 0, correct: 0, count: 0)
    for (number, indices) in epochBatches.enumerated() {
      let seen = step(indices)
      if let previous = waiting {
        // This step saw the network the previous epoch left: that epoch's evaluation.
        try watch.checkEpoch(seen.meanLoss, epoch: previous.epoch, rate: optimizer.rate)
        hookTime += report(
          EpochReport(
            epoch: previous.epoch, epochs: epochs, training: previous.training, evaluation: seen,
            seconds: previous.seconds))
        waiting = nil
      }
      try watch.checkBatch(
        seen.meanLoss, epoch: epoch, batch: epochBatches.count > 1 ? number + 1 : nil,
        rate: optimizer.rate)
      training = training + seen
      let hookStart = clock.now
      onBatch(
        BatchReport(
          epoch: epoch, batch: number + 1, batches: epochBatches.count, loss: seen.meanLoss))
      hookTime += clock.now - hookStart
    }
    if evaluatedByNextStep && epoch < epochs {
      waiting = (epoch, training, (clock.now - start - hookTime).seconds)
      continue
    }
    let evaluation = evaluated(model, evaluate)
    try watch.checkEpoch(evaluation.meanLoss, epoch: epoch, rate: optimizer.rate)
    _ = report(
      EpochReport(
        epoch: epoch, epochs: epochs, training: training, evaluation: evaluation,
        seconds: (clock.now - start - hookTime).seconds))
  }
  return last
}

/// `evaluate()` with `model` in evaluation mode (dropout off) and no graph recorded; the model
/// is back in training mode afterwards.
private func evaluated(_ model: Module, _ evaluate: () -> Measurement) -> Measurement {
  model.eval()
  defer { model.train() }
  return withoutGradients(evaluate)
}
