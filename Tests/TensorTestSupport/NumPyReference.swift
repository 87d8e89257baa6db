// Generated with NumPy 2.4.6 from x = np.arange(24.).reshape(2, 3, 4); the numbers are
// NumPy's, committed as literals (no Python is needed to run the tests).

import Module2

/// `everyFifth`: NumPy's `np.arange(12).reshape(3, 4) % 5 == 0` as a 0/1 tensor.
func everyFifth() -> Tensor {
  Tensor(shape: [3, 4], data: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0])
}

/// Slicing expressions on x = 0, 1, …, 23 of shape [2, 3, 4], with NumPy's answers.
func numpySlices() -> [SliceCase] {
  [
    SliceCase(
      "x[1]", { $0[slice: 1] }, shape: [3, 4],
      values: [12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23],
      view: ViewLayout(strides: [4, 1], offset: 12)),
    SliceCase(
      "x[-1, 1:]", { $0[slice: -1, 1...] }, shape: [2, 4],
      values: [16, 17, 18, 19, 20, 21, 22, 23],
      view: ViewLayout(strides: [4, 1], offset: 16)),
    SliceCase(
      "x[:, 0]", { $0[slice: .all, 0] }, shape: [2, 4],
      values: [0, 1, 2, 3, 12, 13, 14, 15],
      view: ViewLayout(strides: [12, 1], offset: 0)),
    SliceCase(
      "x[..., ::2]", { $0[slice: .ellipsis, .every(2)] }, shape: [2, 3, 2],
      values: [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22],
      view: ViewLayout(strides: [12, 4, 2], offset: 0)),
    SliceCase(
      "x[:, 1:3, ::3]", { $0[slice: .all, 1..<3, .every(3)] }, shape: [2, 2, 2],
      values: [4, 7, 8, 11, 16, 19, 20, 23],
      view: ViewLayout(strides: [12, 4, 3], offset: 4)),
    SliceCase(
      "x[None, 0, :, -1]", { $0[slice: .newAxis, 0, .all, -1] }, shape: [1, 3],
      values: [3, 7, 11],
      view: ViewLayout(strides: [0, 4], offset: 3)),
    SliceCase(
      "x[0, 1, 2]", { $0[slice: 0, 1, 2] }, shape: [1],
      values: [6],
      view: ViewLayout(strides: [0], offset: 6)),
    SliceCase(
      "x[1, ..., None]", { $0[slice: 1, .ellipsis, .newAxis] }, shape: [3, 4, 1],
      values: [12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23],
      view: ViewLayout(strides: [4, 1, 0], offset: 12)),
    SliceCase(
      "x[:, :, -3:]", { $0[slice: .all, .all, (-3)...] }, shape: [2, 3, 3],
      values: [1, 2, 3, 5, 6, 7, 9, 10, 11, 13, 14, 15, 17, 18, 19, 21, 22, 23],
      view: ViewLayout(strides: [12, 4, 1], offset: 1)),
    SliceCase(
      "x[:, :-1, :3]", { $0[slice: .all, ..<(-1), ...2] }, shape: [2, 2, 3],
      values: [0, 1, 2, 4, 5, 6, 12, 13, 14, 16, 17, 18],
      view: ViewLayout(strides: [12, 4, 1], offset: 0)),
    SliceCase(
      "x[1, 0:3:2, 1::2]", { $0[slice: 1, .positions(to: 3, by: 2), .positions(from: 1, by: 2)] },
      shape: [2, 2],
      values: [13, 15, 21, 23],
      view: ViewLayout(strides: [8, 2], offset: 13)),
    // NumPy's answer is a view with a negative stride; here it is a copy.
    SliceCase(
      "x[0, 2:0:-1]", { $0[slice: 0, .positions(from: 2, to: 0, by: -1)] }, shape: [2, 4],
      values: [8, 9, 10, 11, 4, 5, 6, 7],
      view: nil),
    // NumPy's answer is a view with a negative stride; here it is a copy.
    SliceCase(
      "x[:, ::-1, 1]", { $0[slice: .all, .every(-1), 1] }, shape: [2, 3],
      values: [9, 5, 1, 21, 17, 13],
      view: nil),
    SliceCase(
      "x[::-2]", { $0[slice: .every(-2)] }, shape: [1, 3, 4],
      values: [12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23],
      view: ViewLayout(strides: [-24, 4, 1], offset: 12)),
    // NumPy's answer is a view with a negative stride; here it is a copy.
    SliceCase(
      "x[:, ::-2, -3::2]", { $0[slice: .all, .every(-2), .positions(from: -3, by: 2)] },
      shape: [2, 2, 2],
      values: [9, 11, 1, 3, 21, 23, 13, 15],
      view: nil),
    SliceCase(
      "x[0, :, 1:-1]", { $0[slice: 0, .all, .positions(from: 1, to: -1)] }, shape: [3, 2],
      values: [1, 2, 5, 6, 9, 10],
      view: ViewLayout(strides: [4, 1], offset: 1)),
    // NumPy's answer is a view with a negative stride; here it is a copy.
    SliceCase(
      "x[1, -1:0:-1]", { $0[slice: 1, .positions(from: -1, to: 0, by: -1)] }, shape: [2, 4],
      values: [20, 21, 22, 23, 16, 17, 18, 19],
      view: nil),
    // NumPy's answer is a view with a negative stride; here it is a copy.
    SliceCase(
      "x[0, ::-1, 3:0:-2]", { $0[slice: 0, .every(-1), .positions(from: 3, to: 0, by: -2)] },
      shape: [3, 2],
      values: [11, 9, 7, 5, 3, 1],
      view: nil),
    SliceCase(
      "x[[1, 0, 1]]", { $0[slice: [1, 0, 1]] }, shape: [3, 3, 4],
      values: [
        12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
        13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
      ],
      view: nil),
    SliceCase(
      "x[:, [2, 0, 2, 2]]", { $0[slice: .all, [2, 0, 2, 2]] }, shape: [2, 4, 4],
      values: [
        8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11, 8, 9, 10, 11, 20, 21, 22, 23, 12, 13, 14, 15, 20,
        21, 22, 23, 20, 21, 22, 23,
      ],
      view: nil),
    SliceCase(
      "x[[0, 1], [2, 0]]", { $0[slice: [0, 1], [2, 0]] }, shape: [2, 4],
      values: [8, 9, 10, 11, 12, 13, 14, 15],
      view: nil),
    SliceCase(
      "x[0, :, [1, 2]]", { $0[slice: 0, .all, [1, 2]] }, shape: [2, 3],
      values: [1, 5, 9, 2, 6, 10],
      view: nil),
    SliceCase(
      "x[:, 0, [1, 2]]", { $0[slice: .all, 0, [1, 2]] }, shape: [2, 2],
      values: [1, 2, 13, 14],
      view: nil),
    SliceCase(
      "x[[1], 1:, [0, -1]]", { $0[slice: [1], 1..., [0, -1]] }, shape: [2, 2],
      values: [16, 20, 19, 23],
      view: nil),
    SliceCase(
      "x[..., [3, 0]]", { $0[slice: .ellipsis, [3, 0]] }, shape: [2, 3, 2],
      values: [3, 0, 7, 4, 11, 8, 15, 12, 19, 16, 23, 20],
      view: nil),
    SliceCase(
      "x[::-1, [0, 0]]", { $0[slice: .every(-1), [0, 0]] }, shape: [2, 2, 4],
      values: [12, 13, 14, 15, 12, 13, 14, 15, 0, 1, 2, 3, 0, 1, 2, 3],
      view: nil),
    SliceCase(
      "x[1, [2, 0], None]", { $0[slice: 1, [2, 0], .newAxis] }, shape: [2, 1, 4],
      values: [20, 21, 22, 23, 12, 13, 14, 15],
      view: nil),
    SliceCase(
      "x[[0, 1], None, [1, 2]]", { $0[slice: [0, 1], .newAxis, [1, 2]] }, shape: [2, 1, 4],
      values: [4, 5, 6, 7, 20, 21, 22, 23],
      view: nil),
    SliceCase(
      "x[x > 15.5]", { $0[slice: $0.gt(15.5)] }, shape: [8],
      values: [16, 17, 18, 19, 20, 21, 22, 23],
      view: nil),
    SliceCase(
      "x[:, m]  (m: every 5th of 12)", { $0[slice: .all, everyFifth()] }, shape: [2, 3],
      values: [0, 5, 10, 12, 17, 22],
      view: nil),
    SliceCase(
      "x[m[0]] over the first dimension (m: [True, False])", { $0[slice: Tensor([1, 0])] },
      shape: [1, 3, 4],
      values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
      view: nil),
  ]
}

/// Functional updates of x = 0, 1, …, 23 of shape [2, 3, 4], with NumPy's answers (`x[…] = v`
/// on a copy, and `np.add.at`).
func numpyUpdates() -> [UpdateCase] {
  [
    UpdateCase(
      "x[0] = -1", { $0.updating(at: 0, with: -1.0) },
      values: [
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
        23,
      ]),
    UpdateCase(
      "x[:, 1] = [100, 200, 300, 400]",
      { $0.updating(at: .all, 1, with: Tensor([100, 200, 300, 400])) },
      values: [
        0, 1, 2, 3, 100, 200, 300, 400, 8, 9, 10, 11, 12, 13, 14, 15, 100, 200, 300, 400, 20, 21,
        22, 23,
      ]),
    UpdateCase(
      "x[..., ::-2] = [[7], [8], [9]]",
      { $0.updating(at: .ellipsis, .every(-2), with: Tensor([[7], [8], [9]])) },
      values: [0, 7, 2, 7, 4, 8, 6, 8, 8, 9, 10, 9, 12, 7, 14, 7, 16, 8, 18, 8, 20, 9, 22, 9]),
    UpdateCase(
      "x[[1, 0], [2, 0]] = [[50], [60]]",
      { $0.updating(at: [1, 0], [2, 0], with: Tensor([[50], [60]])) },
      values: [
        60, 60, 60, 60, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 50, 50, 50, 50,
      ]),
    UpdateCase(
      "x[x > 20.5] = 0", { $0.updating(at: $0.gt(20.5), with: 0.0) },
      values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 0, 0, 0]),
    UpdateCase(
      "np.add.at(x, [0, 0, 1], 1)", { $0.adding(1.0, at: [0, 0, 1]) },
      values: [
        2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
      ]),
    UpdateCase(
      "np.add.at(x, (:, 2, [3, 3]), [1, 10])",
      { $0.adding(Tensor([1, 10]), at: .all, 2, [3, 3]) },
      values: [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 22, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 34,
      ]),
    UpdateCase(
      "np.add.at(x, (1, ::-1), [[1], [2], [3]])",
      { $0.adding(Tensor([[1], [2], [3]]), at: 1, .every(-1)) },
      values: [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 16, 17, 18, 18, 19, 20, 21, 21, 22, 23, 24,
      ]),
  ]
}

/// Shape functions, concatenate, stack and cumsum of x = 0, 1, …, 23 of shape [2, 3, 4], with
/// NumPy's answers.
func numpyShapeFunctions() -> [ShapeCase] {
  [
    ShapeCase(
      "x.reshape(4, -1)", { $0.reshape(4, -1) },
      shape: [4, 6],
      values: [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
      ]),
    ShapeCase(
      "x.transpose(2, 0, 1).reshape(-1, 6)", { $0.permute(2, 0, 1).reshape(-1, 6) },
      shape: [4, 6],
      values: [
        0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23,
      ]),
    ShapeCase(
      "x.flatten()", { $0.flatten() },
      shape: [24],
      values: [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
      ]),
    ShapeCase(
      "np.swapaxes(x, -1, -2)", { $0.transposed() },
      shape: [2, 4, 3],
      values: [
        0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11, 12, 16, 20, 13, 17, 21, 14, 18, 22, 15, 19, 23,
      ]),
    ShapeCase(
      "np.swapaxes(x, 0, 2)", { $0.transposed(0, 2) },
      shape: [4, 3, 2],
      values: [
        0, 12, 4, 16, 8, 20, 1, 13, 5, 17, 9, 21, 2, 14, 6, 18, 10, 22, 3, 15, 7, 19, 11, 23,
      ]),
    ShapeCase(
      "x[:, 0:1].squeeze()", { $0[slice: .all, 0..<1].squeeze() },
      shape: [2, 4], values: [0, 1, 2, 3, 12, 13, 14, 15]),
    ShapeCase(
      "x[:, 0:1].squeeze(axis=1)", { $0[slice: .all, 0..<1].squeeze(dim: 1) },
      shape: [2, 4], values: [0, 1, 2, 3, 12, 13, 14, 15]),
    ShapeCase(
      "x[0:1, 0:1, 0:1].squeeze()", { $0[slice: 0..<1, 0..<1, 0..<1].squeeze() },
      shape: [1], values: [0]),
    ShapeCase(
      "np.expand_dims(x, -1)", { $0.unsqueeze(-1) },
      shape: [2, 3, 4, 1],
      values: [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
      ]),
    ShapeCase(
      "np.expand_dims(x, 1)", { $0.unsqueeze(1) },
      shape: [2, 1, 3, 4],
      values: [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
      ]),
    ShapeCase(
      "np.broadcast_to(x[0, 0], (3, 4))", { $0[slice: 0, 0].broadcast(to: [3, 4]) },
      shape: [3, 4], values: [0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3]),
    ShapeCase(
      "np.broadcast_to(x[:, 0:1, 1:2], (2, 3, 5))",
      { $0[slice: .all, 0..<1, 1..<2].expand(-1, 3, 5) },
      shape: [2, 3, 5],
      values: [
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13,
        13, 13, 13,
      ]),
    ShapeCase(
      "np.broadcast_to(x[1, :, 3], (2, 2, 3))", { $0[slice: 1, .all, 3].expand(2, 2, -1) },
      shape: [2, 2, 3], values: [15, 19, 23, 15, 19, 23, 15, 19, 23, 15, 19, 23]),
    ShapeCase(
      "np.flip(x, (0, 2))", { $0.flip(0, 2) },
      shape: [2, 3, 4],
      values: [
        15, 14, 13, 12, 19, 18, 17, 16, 23, 22, 21, 20, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8,
      ]),
    ShapeCase(
      "np.flip(x, -1)", { $0.flip(-1) },
      shape: [2, 3, 4],
      values: [
        3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12, 19, 18, 17, 16, 23, 22, 21, 20,
      ]),
    ShapeCase(
      "np.diagonal(x[:, :, :3], axis1=1, axis2=2)", { $0[slice: .all, .all, ..<3].diagonal(1, 2) },
      shape: [2, 3], values: [0, 5, 10, 12, 17, 22]),
    ShapeCase(
      "np.diagonal(x[0, :, :3])", { $0[slice: 0, .all, ..<3].diagonal() },
      shape: [3], values: [0, 5, 10]),
    ShapeCase(
      "np.concatenate([x, x[:, 0:1]], axis=1)",
      { Tensor.concatenate([$0, $0[slice: .all, 0..<1]], dim: 1) },
      shape: [2, 4, 4],
      values: [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
        22, 23, 12, 13, 14, 15,
      ]),
    ShapeCase(
      "np.concatenate([x[..., 0:1], x], axis=-1)",
      { Tensor.concatenate([$0[slice: .ellipsis, 0..<1], $0], dim: -1) },
      shape: [2, 3, 5],
      values: [
        0, 0, 1, 2, 3, 4, 4, 5, 6, 7, 8, 8, 9, 10, 11, 12, 12, 13, 14, 15, 16, 16, 17, 18, 19, 20,
        20, 21, 22, 23,
      ]),
    ShapeCase(
      "np.concatenate([x[1:], x], axis=0)", { Tensor.concatenate([$0[slice: 1...], $0], dim: 0) },
      shape: [3, 3, 4],
      values: [
        12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
        13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
      ]),
    ShapeCase(
      "np.concatenate([x[:, i:i+1] for i in (2, 0, 1, 0, 2, 2, 1, 0, 1, 1)], axis=1)",
      { x in
        Tensor.concatenate([2, 0, 1, 0, 2, 2, 1, 0, 1, 1].map { x[slice: .all, $0...$0] }, dim: 1)
      },
      shape: [2, 10, 4],
      values: [
        8, 9, 10, 11, 0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 8, 9, 10, 11, 8, 9, 10, 11, 4, 5, 6, 7, 0,
        1, 2, 3, 4, 5, 6, 7, 4, 5, 6, 7, 20, 21, 22, 23, 12, 13, 14, 15, 16, 17, 18, 19, 12, 13, 14,
        15, 20, 21, 22, 23, 20, 21, 22, 23, 16, 17, 18, 19, 12, 13, 14, 15, 16, 17, 18, 19, 16, 17,
        18, 19,
      ]),
    ShapeCase(
      "np.stack([x[0], x[1]], axis=0)", { Tensor.stack([$0[slice: 0], $0[slice: 1]], dim: 0) },
      shape: [2, 3, 4],
      values: [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
      ]),
    ShapeCase(
      "np.stack([x[0], x[1]], axis=2)", { Tensor.stack([$0[slice: 0], $0[slice: 1]], dim: 2) },
      shape: [3, 4, 2],
      values: [
        0, 12, 1, 13, 2, 14, 3, 15, 4, 16, 5, 17, 6, 18, 7, 19, 8, 20, 9, 21, 10, 22, 11, 23,
      ]),
    ShapeCase(
      "np.stack([x[0], x[1], x[0]], axis=-1)",
      { Tensor.stack([$0[slice: 0], $0[slice: 1], $0[slice: 0]], dim: -1) },
      shape: [3, 4, 3],
      values: [
        0, 12, 0, 1, 13, 1, 2, 14, 2, 3, 15, 3, 4, 16, 4, 5, 17, 5, 6, 18, 6, 7, 19, 7, 8, 20, 8, 9,
        21, 9, 10, 22, 10, 11, 23, 11,
      ]),
    ShapeCase(
      "np.cumsum(x, axis=0)", { $0.cumsum(dim: 0) },
      shape: [2, 3, 4],
      values: [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34,
      ]),
    ShapeCase(
      "np.cumsum(x, axis=1)", { $0.cumsum(dim: 1) },
      shape: [2, 3, 4],
      values: [
        0, 1, 2, 3, 4, 6, 8, 10, 12, 15, 18, 21, 12, 13, 14, 15, 28, 30, 32, 34, 48, 51, 54, 57,
      ]),
    ShapeCase(
      "np.cumsum(x, axis=-1)", { $0.cumsum(dim: -1) },
      shape: [2, 3, 4],
      values: [
        0, 1, 3, 6, 4, 9, 15, 22, 8, 17, 27, 38, 12, 25, 39, 54, 16, 33, 51, 70, 20, 41, 63, 86,
      ]),
    ShapeCase(
      "np.cumsum(x)", { $0.cumsum() },
      shape: [24],
      values: [
        0, 1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 66, 78, 91, 105, 120, 136, 153, 171, 190, 210, 231,
        253, 276,
      ]),
  ]
}

/// The operands of the einsum and matmul cases: numbers in [-2, 2] with two decimals.
func einsumOperands() -> [String: Tensor] {
  [
    "A": Tensor(shape: [2, 3], data: [-1, 1.79, -1.24, -1.28, -0.6, -1.08]),
    "B": Tensor(
      shape: [3, 4],
      data: [0.68, -1.54, 1.59, 1.43, -1.99, 0.17, -1.57, -0.97, -0.33, -0.19, -0.13, 1.71]),
    "C": Tensor(shape: [4, 2], data: [-0.96, -1.25, 0.68, 1.79, 1.69, 1.52, -1.74, 1.75]),
    "S": Tensor(shape: [3, 3], data: [0.6, 1.49, -0.37, -1.12, 1.17, 0.65, 1.12, -1.19, -1.46]),
    "v": Tensor(shape: [3], data: [1.05, -1.92, 1.78]),
    "w": Tensor(shape: [4], data: [-1.46, 0.4, -0.32, -0.7]),
    "T": Tensor(
      shape: [2, 3, 4],
      data: [
        -1.32, 1.12, 1.66, 0.92, 0.4, 0.85, 0.14, 0.23, 1.62, -0.87, -1.11, 1.79, 1.77, -0.1, 1.2,
        0.97, 1.8, -1.67, 1.59, 0, -0.2, 0.75, 0.47, -0.25,
      ]),
    "U": Tensor(
      shape: [2, 4, 5],
      data: [
        -0.84, 1.67, 1.28, -1.59, -0.38, 1.05, 1.52, 1.85, -1.04, 1.57, 0.78, -1.73, -1.16, -1.25,
        -1.69, 0.75, -0.76, 0.77, -1.67, 1.48, 0.78, 1.13, 0.43, -0.17, -1.23, 1.77, -1.42, 0.09,
        -1.51, -1.57, 0.79, 1.56, -0.16, 1.18, 1.44, 0.14, 1.1, -0.83, -1.4, -1.24,
      ]),
    "P": Tensor(shape: [2, 1], data: [-1.97, -1.72]),
    "D": Tensor(
      shape: [3, 3, 2],
      data: [
        1, 1.61, -1.77, 0.88, 1.11, 0.72, 0, -0.06, 0.78, -1.02, 1.01, -1.23, -1.86, 1.73, -1.64,
        -1.21, -1.78, -1.96,
      ]),
  ]
}

/// einsum specs over `einsumOperands()`, with NumPy's answers.
func numpyEinsums() -> [EinsumCase] {
  [
    EinsumCase(
      "ij,jk->ik", ["A", "B"], shape: [2, 4],
      values: [
        -3.8328999999999995, 2.0799, -4.2391000000000005, -5.2867, 0.6799999999999999, 2.0744,
        -0.9528000000000001, -3.0952,
      ]),
    EinsumCase(
      "ij,jk", ["A", "B"], shape: [2, 4],
      values: [
        -3.8328999999999995, 2.0799, -4.2391000000000005, -5.2867, 0.6799999999999999, 2.0744,
        -0.9528000000000001, -3.0952,
      ]),
    EinsumCase(
      "jk,ij", ["B", "A"], shape: [2, 4],
      values: [
        -3.8328999999999995, 2.0799, -4.2391000000000005, -5.2867, 0.6799999999999999, 2.0744,
        -0.9528000000000001, -3.0952,
      ]),
    EinsumCase(
      "ii", ["S"], shape: [1],
      values: [0.31000000000000005]),
    EinsumCase(
      "ii->i", ["S"], shape: [3],
      values: [0.6, 1.17, -1.46]),
    EinsumCase(
      "ij->ji", ["A"], shape: [3, 2],
      values: [-1, -1.28, 1.79, -0.6, -1.24, -1.08]),
    EinsumCase(
      "ij->", ["A"], shape: [1],
      values: [-3.41]),
    EinsumCase(
      "ij->j", ["A"], shape: [3],
      values: [-2.2800000000000002, 1.19, -2.3200000000000003]),
    EinsumCase(
      "i,i", ["v", "v"], shape: [1],
      values: [7.9573]),
    EinsumCase(
      "i,i->i", ["v", "v"], shape: [3],
      values: [1.1025, 3.6864, 3.1684]),
    EinsumCase(
      "i,j->ij", ["v", "w"], shape: [3, 4],
      values: [
        -1.533, 0.42000000000000004, -0.336, -0.735, 2.8032, -0.768, 0.6144, 1.3439999999999999,
        -2.5987999999999998, 0.7120000000000001, -0.5696, -1.246,
      ]),
    EinsumCase(
      "ij,j->i", ["A", "v"], shape: [2],
      values: [-6.694, -2.1144]),
    EinsumCase(
      "ij,jk,kl->il", ["A", "B", "C"], shape: [2, 2],
      values: [7.1286950000000004, -7.181011, 4.533208000000001, -4.00168]),
    EinsumCase(
      "ij,jk,kl", ["A", "B", "C"], shape: [2, 2],
      values: [7.1286950000000004, -7.181011, 4.533208000000001, -4.00168]),
    EinsumCase(
      "bij,bjk->bik", ["T", "U"], shape: [2, 3, 5],
      values: [
        4.2696000000000005, -4.073, -0.8347999999999994, -2.6773999999999996, 0.8162000000000007,
        0.8382, 1.543, 2.0992, -2.0791, 1.2863000000000002, -1.7976000000000003, 1.9429,
        3.1300000000000003, -3.2728, 2.5436, 2.2874000000000003, 5.081099999999999,
        -0.24499999999999988, -0.09189999999999987, -1.4948999999999997, -0.2957999999999994,
        6.885800000000001, 0.3693, 4.0919, 2.6975000000000002, 1.5078, -0.8328, 0.11379999999999998,
        -0.19390000000000007, 0.05529999999999996,
      ]),
    EinsumCase(
      "...ij,...jk", ["T", "U"], shape: [2, 3, 5],
      values: [
        4.2696000000000005, -4.073, -0.8347999999999994, -2.6773999999999996, 0.8162000000000007,
        0.8382, 1.543, 2.0992, -2.0791, 1.2863000000000002, -1.7976000000000003, 1.9429,
        3.1300000000000003, -3.2728, 2.5436, 2.2874000000000003, 5.081099999999999,
        -0.24499999999999988, -0.09189999999999987, -1.4948999999999997, -0.2957999999999994,
        6.885800000000001, 0.3693, 4.0919, 2.6975000000000002, 1.5078, -0.8328, 0.11379999999999998,
        -0.19390000000000007, 0.05529999999999996,
      ]),
    EinsumCase(
      "ij,ij->i", ["A", "A"], shape: [2],
      values: [5.7417, 3.1648]),
    EinsumCase(
      "ij,kj->ik", ["A", "A"], shape: [2, 2],
      values: [5.7417, 1.5452000000000001, 1.5452000000000001, 3.1648]),
    EinsumCase(
      "iij->j", ["D"], shape: [2],
      values: [0, -1.3699999999999999]),
    EinsumCase(
      "ij,jk->ik", ["P", "B"], shape: [2, 4],
      values: [
        3.2308000000000003, 3.0731999999999995, 0.2166999999999999, -4.274900000000001, 2.8208,
        2.6832, 0.18920000000000023, -3.7324,
      ]),
    EinsumCase(
      "bij->jb", ["T"], shape: [4, 2],
      values: [
        0.7000000000000001, 3.37, 1.1, -1.02, 0.6899999999999997, 3.26, 2.9400000000000004, 0.72,
      ]),
    EinsumCase(
      "b...j->...", ["T"], shape: [3],
      values: [6.22, 3.3400000000000003, 2.2]),
    EinsumCase(
      "ij, jk -> ki", ["A", "B"], shape: [4, 2],
      values: [
        -3.8328999999999995, 0.6799999999999999, 2.0799, 2.0744, -4.2391000000000005,
        -0.9528000000000001, -5.2867, -3.0952,
      ]),
    EinsumCase(
      "ij,k->ijk", ["A", "w"], shape: [2, 3, 4],
      values: [
        1.46, -0.4, 0.32, 0.7, -2.6134, 0.7160000000000001, -0.5728, -1.253, 1.8104, -0.496, 0.3968,
        0.868, 1.8688, -0.512, 0.4096, 0.8959999999999999, 0.876, -0.24, 0.192, 0.42, 1.5768,
        -0.43200000000000005, 0.3456, 0.756,
      ]),
    EinsumCase(
      "ab,bc,cd,de->ae", ["A", "B", "C", "P"], shape: [2, 1],
      values: [-1.6921902299999987, -2.0475301600000018]),
  ]
}

/// matmul of `einsumOperands()` with 1-D operands, with NumPy's answers (a 0-d answer has
/// shape [1] here).
func numpyMatmuls() -> [EinsumCase] {
  [
    EinsumCase(
      "matmul", ["v", "v"], shape: [1],
      values: [7.9573]),
    EinsumCase(
      "matmul", ["A", "v"], shape: [2],
      values: [-6.694, -2.1144000000000003]),
    EinsumCase(
      "matmul", ["v", "B"], shape: [4],
      values: [3.9473999999999996, -2.2816, 4.452500000000001, 6.4077]),
    EinsumCase(
      "matmul", ["T", "w"], shape: [2, 3],
      values: [1.2, -0.4498, -3.611, -3.6872, -3.8048, 0.6166]),
    EinsumCase(
      "matmul", ["v", "T"], shape: [2, 4],
      values: [
        0.7296, -2.0046, -0.5016000000000003, 3.7106, -1.9535, 4.4364, -0.9561999999999999,
        0.5734999999999999,
      ]),
    EinsumCase(
      "matmul", ["A", "B"], shape: [2, 4],
      values: [
        -3.8328999999999995, 2.0799, -4.2391000000000005, -5.2867, 0.6799999999999999, 2.0744,
        -0.9528000000000002, -3.0952,
      ]),
    EinsumCase(
      "matmul", ["T", "U"], shape: [2, 3, 5],
      values: [
        4.2696000000000005, -4.0729999999999995, -0.8347999999999997, -2.6774, 0.8162000000000005,
        0.8382, 1.543, 2.0992, -2.0791, 1.2862999999999998, -1.7976000000000003, 1.9429,
        3.1300000000000003, -3.2727999999999997, 2.5436, 2.2874000000000003, 5.0811,
        -0.24499999999999988, -0.09189999999999987, -1.4949, -0.29579999999999973, 6.8858, 0.3693,
        4.0919, 2.6975000000000002, 1.5078, -0.8328, 0.11379999999999998, -0.19390000000000007,
        0.05529999999999996,
      ]),
  ]
}
