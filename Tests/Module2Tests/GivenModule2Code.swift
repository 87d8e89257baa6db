import Module2
import TensorTestSupport
import TestSupport
import Testing

/// f(a) = 2a whose backward ignores the incoming gradient: right only when it is all ones.
struct DoubleIgnoringDOut: UnaryFunction {
  func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
    a * 2
  }

  func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
    Tensor.ones(dOut.shape) * 2
  }
}

/// f(a) = 2a whose backward pass is deliberately wrong (it claims d(2a)/da = 3).
struct WrongDouble: UnaryFunction {
  func forward(_ ctx: Context<Tensor>, _ a: Tensor) -> Tensor {
    a * 2
  }

  func backward(_ ctx: Context<Tensor>, _ dOut: Tensor) -> Tensor {
    dOut * 3
  }
}

/// The code students are given in Module 2: creation, printing, gradient checking, the tensor
/// network. Not graded.
@Suite("Given code: tensors, printing, gradCheck, the tensor network", .explainsStops)
struct GivenModule2Code {
  @Test func tensorsFromLiteralsAndShapes() {
    let t: Tensor = [[1, 2], [3, 4]]
    #expect(t.shape == [2, 2])
    #expect(t[1, 0] == 3)
    #expect(t.isConstant)
    let u = Tensor(shape: [3], data: [1, 2, 3], requiresGrad: true)
    #expect(!u.isConstant && u.isLeaf)
    #expect(Tensor([5]).item() == 5)
    #expect(Tensor.zeros([2, 3]).data.values == Array(repeating: 0, count: 6))
    #expect(Tensor.ones([2]).data.values == [1, 1])
  }

  @Test func randIsSeeded() {
    #expect(Tensor.rand([3, 2], seed: 4).data.values == Tensor.rand([3, 2], seed: 4).data.values)
    #expect(Tensor.rand([3, 2], seed: 4).data.values != Tensor.rand([3, 2], seed: 5).data.values)
    #expect(Tensor.rand([100], seed: 1).data.values.allSatisfy { $0 >= 0 && $0 < 1 })
  }

  @Test func raggedLiteralsAreRejected() async {
    await #expect(processExitsWith: .failure) {
      let t: Tensor = [[1, 2], [3]]
      _ = t.shape
    }
  }

  @Test func onlyLeavesCanBeWritten() async {
    let t: Tensor = [1, 2, 3]
    t[1] = 20
    #expect(t.data.values == [1, 20, 3])
    await #expect(processExitsWith: .failure) {
      let x = Tensor(shape: [2], data: [1, 2], requiresGrad: true)
      let y = x * 2
      y[0] = 5
    }
  }

  @Test func backwardOnAConstantSaysWhatToDo() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let t: Tensor = [1, 2]
      (t * t).sum().backward()
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("requiresGrad: true"))
  }

  @Test func printingLooksLikeNestedLists() {
    let t = Tensor(shape: [2, 2, 2], data: [1, 2, 3, 4, 5, 6, 7, 8])
    #expect(
      t.description == """
        [[[1.0, 2.0],
          [3.0, 4.0]],

         [[5.0, 6.0],
          [7.0, 8.0]]]
        """)
    #expect(Tensor(shape: [2], data: [-1.5, 10]).description == "[-1.5, 10.0]")
  }

  @Test func bigTensorsAreSummarised() {
    let t = Tensor(shape: [2000], data: (0..<2000).map(Double.init))
    #expect(t.description == "[   0.0,    1.0,    2.0, ..., 1997.0, 1998.0, 1999.0]")
  }

  @Test func debugDescriptionShowsTheLayout() {
    let t = Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6]).permute(1, 0)
    let text = t.debugDescription
    #expect(text.contains("shape: [3, 2], strides: [1, 3], contiguous: false"))
    #expect(text.contains("storage (6 numbers): [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]"))
  }

  @Test func gradCheckNamesTheInputAndIndexThatFail() {
    let a = Tensor(shape: [2, 2], data: [1, 2, 3, 4])
    do {
      try gradCheck({ WrongDouble().apply($0[0]) }, [a])
      Issue.record("gradCheck accepted a wrong gradient")
    } catch {
      #expect(error.input == 0)
      #expect(error.shape == [2, 2])
      // The wrong backward gives 3 · w where the truth is 2 · w, w being the random upstream
      // gradient at that entry.
      #expect(abs((error.backpropagated ?? 0) / error.estimated - 1.5) < 1e-4)
      #expect(error.description.contains("input 0 (shape [2, 2]) at index"))
    }
  }

  @Test func gradCheckUsesAnIncomingGradientOtherThanOnes() {
    let a = Tensor(shape: [3], data: [1, 2, 3])
    #expect(throws: GradientMismatch.self, "a backward that ignores dOut must be caught") {
      try gradCheck({ DoubleIgnoringDOut().apply($0[0]) }, [a])
    }
  }

  @Test func backwardWithAnUpstreamGradientScalesEveryGradient() {
    let x = Tensor(shape: [2], data: [1, 2], requiresGrad: true)
    (x * x).backward(Tensor(shape: [2], data: [10, -1]))
    #expect(x.grad?.data.values == [20, -4])
  }

  @Test func theTensorNetworkLearns() throws {
    var losses: [Double] = []
    let dataset = Datasets.diag(50, seed: 0)
    let network = TensorNetwork(hidden: 3)
    try trainTensorNetwork(network, on: dataset, rate: 0.5, epochs: 150) {
      losses.append($0.evaluation.totalLoss)
    }
    #expect(losses.last! < losses.first! / 2, "the loss should at least halve")
    let x = Tensor(shape: [50, 2], data: dataset.points.flatMap { [$0.0, $0.1] })
    let predictions = network.probability(x).view(50).data.values
    let correct = zip(predictions, dataset.labels).filter { ($0 > 0.5) == ($1 == 1) }.count
    #expect(correct >= 45, "only \(correct)/50 correct after 150 epochs")
  }

  @Test func aLongTensorChainIsFreedWithoutOverflow() async {
    await #expect(processExitsWith: .success) {
      var x = Tensor(shape: [1], data: [1], requiresGrad: true)
      let start = x
      for _ in 0..<100_000 {
        x = x * 1.0
      }
      x.backward()
      precondition(start.grad?.item() == 1)
    }
  }
}
