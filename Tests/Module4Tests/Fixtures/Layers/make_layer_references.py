"""Writes Tests/Module4Tests/LayerReferences.swift: what PyTorch (float64) computes for the
given layers and training pieces of issue 21 item 4 (loss options, AdamW, gradient clipping,
learning-rate schedules, batch and layer normalisation, pooling over sliding windows, grouped
convolution). The inputs are drawn here from a seeded generator and written out as literals
beside the answers, so the Swift tests need neither Python nor the generator. Run from the
repository root:

    /opt/torchenv/bin/python Tests/Module4Tests/Fixtures/Layers/make_layer_references.py

Rerunning it rewrites the same file (the seed is fixed).
"""

import math
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(21)


def rand(*shape, low=-2.0, high=2.0):
    return (torch.rand(*shape, generator=gen) * (high - low) + low)


def lit(values):
    return "[" + ", ".join(repr(float(v)) for v in values) + "]"


def flat(t):
    return lit(t.detach().reshape(-1).tolist())


lines = []


def emit(name, value, doc):
    lines.append(f"  /// {doc}")
    lines.append(f"  static let {name}: [Double] = {value}")


def emit_ints(name, value, doc):
    lines.append(f"  /// {doc}")
    lines.append(f"  static let {name}: [Int] = [{', '.join(str(v) for v in value)}]")


# ---- losses -------------------------------------------------------------------------------
logits = rand(6, 4)
targets = [0, 3, 1, -100, 2, 3]
weights = torch.tensor([0.2, 1.0, 3.0, 0.5])
emit("lossLogits", flat(logits), "Logits (6, 4) for every loss case.")
emit_ints("lossTargets", targets, "Targets; −100 marks the example ignored where ignoreIndex is −100.")
emit("lossWeights", lit(weights.tolist()), "Class weights.")
cases = []
for name, kw, fn in [
    ("plain", dict(), "ce"),
    ("weighted", dict(weight=weights), "ce"),
    ("smoothed", dict(label_smoothing=0.1), "ce"),
    ("everything", dict(weight=weights, label_smoothing=0.25), "ce"),
    ("nllWeighted", dict(weight=weights), "nll"),
]:
    for reduction in ["mean", "sum", "none"]:
        x = logits.clone().requires_grad_(True)
        t = torch.tensor(targets)
        if fn == "ce":
            out = F.cross_entropy(x, t, reduction=reduction, ignore_index=-100, **kw)
        else:
            out = F.nll_loss(torch.log_softmax(x, 1), t, reduction=reduction, ignore_index=-100, **kw)
        out.sum().backward()
        emit(f"{name}_{reduction}", flat(out), f"{fn} {kw} reduction={reduction}, ignore_index=-100.")
        emit(f"{name}_{reduction}_grad", flat(x.grad), "Its gradient with respect to the logits.")
# ignore_index that is a class
x = logits.clone().requires_grad_(True)
t = torch.tensor([0, 3, 1, 1, 2, 3])
out = F.cross_entropy(x, t, ignore_index=3, weight=weights)
out.backward()
emit_ints("ignoreClassTargets", t.tolist(), "Targets for ignore_index=3 (a class).")
emit("ignoreClass", flat(out), "cross_entropy(weight=weights, ignore_index=3).")
emit("ignoreClass_grad", flat(x.grad), "Its gradient.")

# ---- optimizers ---------------------------------------------------------------------------
kx = torch.tensor([1.0, 3.0, -2.0])
ky = torch.tensor([2.0, 0.5])
for name, kw in [("adamW", dict(lr=0.1, weight_decay=0.1)), ("adamWDefault", dict(lr=0.1))]:
    x = torch.tensor([1.0, -2.0, 0.5], requires_grad=True)
    y = torch.tensor([0.3, -0.7], requires_grad=True)
    opt = torch.optim.AdamW([x, y], **kw)
    xs, ys = [], []
    for step in 1, 2, 3, 4:
        opt.zero_grad()
        loss = (kx * x * x).sum() + (x * 0.25).sum()
        if step != 2:
            loss = loss + (ky * y * y * y).sum()
        loss.backward()
        opt.step()
        xs += x.tolist()
        ys += y.tolist()
    emit(f"{name}X", lit(xs), f"x after each of 4 steps of AdamW({kw}) on OptimizerReference's problem.")
    emit(f"{name}Y", lit(ys), "y after each step.")

a = rand(3, 2).requires_grad_(True)
b = rand(4).requires_grad_(True)
emit("clipA", flat(a), "Parameter a (3, 2) for clipping.")
emit("clipB", flat(b), "Parameter b (4).")
((a * a * a).sum() + (b * 3).sum() + (a.sum() * b[0])).backward()
emit("clipGradA", flat(a.grad), "a's gradient of (a³).sum() + 3 b.sum() + a.sum() · b[0].")
emit("clipGradB", flat(b.grad), "b's gradient.")
norm = torch.nn.utils.clip_grad_norm_([a, b], max_norm=2.0)
emit("clipNorm", lit([norm.item()]), "clip_grad_norm_([a, b], max_norm=2): the norm before.")
emit("clipClippedA", flat(a.grad), "a's gradient after clipping.")
emit("clipClippedB", flat(b.grad), "b's gradient after clipping.")

p = torch.zeros(1, requires_grad=True)
opt = torch.optim.SGD([p], lr=0.1)
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=3, gamma=0.5)
rates = []
for epoch in range(10):
    opt.step(); sched.step(); rates.append(opt.param_groups[0]["lr"])
emit("stepRates", lit(rates), "SGD lr 0.1 under StepLR(step_size=3, gamma=0.5): the rate after each of 10 scheduler steps.")
opt = torch.optim.SGD([p], lr=0.1)
sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=5, eta_min=0.01)
rates = []
for epoch in range(12):
    opt.step(); sched.step(); rates.append(opt.param_groups[0]["lr"])
emit("cosineRates", lit(rates), "SGD lr 0.1 under CosineAnnealingLR(T_max=5, eta_min=0.01): the rate after each of 12 scheduler steps.")

# ---- normalisation ------------------------------------------------------------------------
def batchnorm_case(name, shape, channels, cls):
    x1 = rand(*shape)
    x2 = rand(*shape) * 3 + 1
    k = rand(*shape)
    layer = cls(channels)
    with torch.no_grad():
        layer.weight.copy_(rand(channels))
        layer.bias.copy_(rand(channels))
    emit(f"{name}X1", flat(x1), f"First training batch {list(shape)}.")
    emit(f"{name}X2", flat(x2), "Second training batch.")
    emit(f"{name}K", flat(k), "Weights of the loss (out · k).sum().")
    emit(f"{name}Weight", flat(layer.weight), "The layer's weight.")
    emit(f"{name}Bias", flat(layer.bias), "The layer's bias.")
    x = x1.clone().requires_grad_(True)
    out = layer(x)
    (out * k).sum().backward()
    emit(f"{name}Out1", flat(out), f"{cls.__name__} in training mode on the first batch.")
    emit(f"{name}GradX", flat(x.grad), "Gradient of (out · k).sum() with respect to the input.")
    emit(f"{name}GradWeight", flat(layer.weight.grad), "… the weight.")
    emit(f"{name}GradBias", flat(layer.bias.grad), "… the bias.")
    out2 = layer(x2)
    emit(f"{name}Out2", flat(out2), "Training mode on the second batch.")
    emit(f"{name}RunningMean", flat(layer.running_mean), "Running mean after both batches.")
    emit(f"{name}RunningVar", flat(layer.running_var), "Running variance after both batches.")
    layer.eval()
    x = x1.clone().requires_grad_(True)
    out = layer(x)
    (out * k).sum().backward()
    emit(f"{name}Eval", flat(out), "Evaluation mode on the first batch.")
    emit(f"{name}EvalGradX", flat(x.grad), "Its gradient with respect to the input.")

batchnorm_case("bn2d", (3, 2, 2, 3), 2, torch.nn.BatchNorm2d)
batchnorm_case("bn1d", (5, 3), 3, torch.nn.BatchNorm1d)
batchnorm_case("bn1dSignal", (2, 3, 4), 3, torch.nn.BatchNorm1d)

for name, shape, normalized in [("ln1", (2, 3, 4), [4]), ("ln2", (2, 3, 4), [3, 4])]:
    x = rand(*shape).requires_grad_(True)
    w = rand(*normalized).requires_grad_(True)
    b = rand(*normalized).requires_grad_(True)
    k = rand(*shape)
    out = F.layer_norm(x, normalized, w, b, eps=1e-5)
    (out * k).sum().backward()
    for part, t in [("X", x), ("Weight", w), ("Bias", b), ("K", k)]:
        emit(f"{name}{part}", flat(t), f"{part} for layer_norm over {normalized}.")
    emit(f"{name}Out", flat(out), "layer_norm's output.")
    emit(f"{name}GradX", flat(x.grad), "Gradient of (out · k).sum() with respect to x.")
    emit(f"{name}GradWeight", flat(w.grad), "… the weight.")
    emit(f"{name}GradBias", flat(b.grad), "… the bias.")

# ---- pooling ------------------------------------------------------------------------------
px = rand(2, 2, 5, 6)
emit("poolX", flat(px), "Input (2, 2, 5, 6) of the pooling cases.")
pooling = []
ties = torch.randint(0, 3, (1, 2, 5, 6), generator=gen).double()
emit("poolTies", flat(ties), "Input (1, 2, 5, 6) with many ties (whole numbers 0 to 2).")
for name, kernel, stride, padding in [
    ("k3s2p1", (3, 3), (2, 2), (1, 1)),
    ("k2x3s1x2p1", (2, 3), (1, 2), (1, 1)),
    ("k2s1p0", (2, 2), (1, 1), (0, 0)),
    ("k2s2p0", (2, 2), (2, 2), (0, 0)),
]:
    for src_name, src in [("", px), ("Ties", ties)]:
        for kind, fn in [("max", F.max_pool2d), ("avg", F.avg_pool2d)]:
            x = src.clone().requires_grad_(True)
            out = fn(x, kernel, stride, padding)
            k = rand(*out.shape)
            (out * k).sum().backward()
            key = f"{kind}{src_name}_{name}"
            pooling.append(f'    "{key}": {flat(out)},')
            pooling.append(f'    "{key}_k": {flat(k)},')
            pooling.append(f'    "{key}_grad": {flat(x.grad)},')
lines.append("  /// Pooling outputs, the weights k of the loss (out · k).sum() and the input's gradient, by")
lines.append("  /// kind (max, avg), input (poolX, or poolTies for `Ties`) and settings: k3s2p1 is kernel 3,")
lines.append("  /// stride 2, padding 1; k2x3s1x2p1 is kernel (2, 3), stride (1, 2), padding 1.")
lines.append("  static let pooling: [String: [Double]] = [")
lines += pooling
lines.append("  ]")
x = px.clone().requires_grad_(True)
out = F.adaptive_avg_pool2d(x, 1)
out.sum().backward()
emit("globalAvg", flat(out), "adaptive_avg_pool2d(poolX, 1), shape (2, 2, 1, 1).")

# ---- grouped convolution ------------------------------------------------------------------
for name, xs, ws, kw, fn in [
    ("grouped2d", (2, 4, 5, 5), (6, 2, 3, 3), dict(stride=2, padding=1, groups=2), F.conv2d),
    ("depthwise2d", (1, 3, 4, 5), (6, 1, 2, 3), dict(padding=(1, 0), dilation=(1, 2), groups=3), F.conv2d),
    ("grouped1d", (2, 6, 7), (3, 2, 3), dict(dilation=2, padding=1, groups=3), F.conv1d),
]:
    x = rand(*xs).requires_grad_(True)
    w = rand(*ws).requires_grad_(True)
    b = rand(ws[0]).requires_grad_(True)
    out = fn(x, w, b, **kw)
    k = rand(*out.shape)
    (out * k).sum().backward()
    for part, t in [("X", x), ("W", w), ("B", b), ("K", k)]:
        emit(f"{name}{part}", flat(t), f"{part} of {fn.__name__}({kw}) with x {list(xs)}, w {list(ws)}.")
    emit(f"{name}Out", flat(out), f"The output, shape {list(out.shape)}.")
    emit(f"{name}GradX", flat(x.grad), "Gradient of (out · k).sum() with respect to x.")
    emit(f"{name}GradW", flat(w.grad), "… the weight.")
    emit(f"{name}GradB", flat(b.grad), "… the bias.")

header = '''// Generated by Tests/Module4Tests/Fixtures/Layers/make_layer_references.py with PyTorch
// {version} in float64. Do not edit; rerun the script.
// swift-format-ignore-file

/// PyTorch's answers for the given layers and training pieces, with their inputs.
enum LayerReference {{
'''.format(version=torch.__version__)
with open("Tests/Module4Tests/LayerReferences.swift", "w") as f:
    f.write(header + "\n".join(lines) + "\n}\n")
