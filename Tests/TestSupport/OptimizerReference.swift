// What PyTorch 2.15's optimizers do on one small problem, committed as literals (no Python is
// needed to run the tests). The problem: two parameters, x = [1, −2, 0.5] and y = [0.3, −0.7],
// four steps of rate 0.1 on the loss
//
//     L = Σ kₓ·x² + Σ 0.25·x + Σ k_y·y³      kₓ = [1, 3, −2], k_y = [2, 0.5]
//
// except that the y term is left out of step 2, so y gets no gradient in that step: PyTorch
// neither moves it nor updates its state, and Adam does not count the step for it. The values
// were printed, in float64, by
//
//     x = torch.tensor([1.0, -2.0, 0.5], requires_grad=True)
//     y = torch.tensor([0.3, -0.7], requires_grad=True)
//     opt = torch.optim.SGD([x, y], lr=0.1, momentum=0.9)     # or nesterov=True; or
//     opt = torch.optim.Adam([x, y], lr=0.1)                    # PyTorch's other defaults
//     for step in 1, 2, 3, 4:
//         opt.zero_grad()
//         loss = (kx * x * x).sum() + (x * 0.25).sum()
//         if step != 2: loss = loss + (ky * y * y * y).sum()
//         loss.backward(); opt.step()

/// The optimizer problem above and PyTorch's answers, step by step.
public enum OptimizerReference {
  /// x before the first step.
  public static let x0: [Double] = [1, -2, 0.5]
  /// y before the first step.
  public static let y0: [Double] = [0.3, -0.7]
  /// kₓ, the weights of x² in the loss.
  public static let kx: [Double] = [1, 3, -2]
  /// k_y, the weights of y³ in the loss.
  public static let ky: [Double] = [2, 0.5]
  /// The learning rate of every run.
  public static let rate = 0.1
  /// Whether step `step` (counting from 1) includes y's term.
  public static func usesY(inStep step: Int) -> Bool { step != 2 }

  /// x and y after each of the four steps of `SGD(lr=0.1, momentum=0.9)`.
  public static let momentum: [(x: [Double], y: [Double])] = [
    (x: [0.775, -0.825, 0.675], y: [0.24599999999999997, -0.7735]),
    (x: [0.3925, 0.7025000000000001, 1.0775000000000001], y: [0.24599999999999997, -0.7735]),
    (
      x: [-0.055250000000000014, 1.6307500000000001, 1.8457500000000002],
      y: [0.16109039999999997, -0.9293953374999999]
    ),
    (
      x: [-0.472175, 1.4627249999999998, 3.2504750000000007],
      y: [0.06910168981670398, -1.1992674952550106]
    ),
  ]

  /// The same with `nesterov=True`.
  public static let nesterov: [(x: [Double], y: [Double])] = [
    (x: [0.5724999999999999, 0.23250000000000004, 0.8325], y: [0.1974, -0.8396499999999999]),
    (
      x: [0.1251999999999999, 0.8717000000000003, 1.5594500000000002],
      y: [0.1974, -0.8396499999999999]
    ),
    (
      x: [-0.24689600000000006, 0.553792, 3.0741870000000007],
      y: [0.10923789359999998, -1.1001134549124998]
    ),
    (
      x: [-0.49042592, 0.08206991999999995, 6.187430420000001],
      y: [0.03733052240609197, -1.584275067694912]
    ),
  ]

  /// x and y after each of the four steps of `Adam(lr=0.1)`: after step 4, PyTorch's step
  /// counts are 4 for x and 3 for y.
  public static let adam: [(x: [Double], y: [Double])] = [
    (
      x: [0.9000000004444444, -1.9000000000851065, 0.5999999994285714],
      y: [0.20000000185185185, -0.7999999986394557]
    ),
    (
      x: [0.8003502123602769, -1.8001708512523495, 0.7000100590694113],
      y: [0.20000000185185185, -0.7999999986394557]
    ),
    (
      x: [0.7013389830976222, -1.70064007742141, 0.8001532760597982],
      y: [0.10853947577034156, -0.8998164933135245]
    ),
    (
      x: [0.6033028087997919, -1.601546017564899, 0.9005644117199707],
      y: [0.030747531850138204, -0.9995220489163252]
    ),
  ]

  /// Agreement with PyTorch: the same formulas, the operations in another order.
  public static let tolerance = Tolerance(rtol: 1e-12, atol: 1e-14)
}
