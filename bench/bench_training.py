"""4. Training speed on micrograd's demo task: nnlib against micrograd, hand-written numpy, PyTorch.

The task: a 2-16-16-1 ReLU network on 100 two-moons samples, labels ±1, mean squared error on
the linear output, plain full-batch SGD. Every implementation starts from the same weights and
takes the same number of steps, and the final losses are compared, so all four do the same work.
Only the training loop is timed (building the model is not), on one thread each.

Run alone with `.venv/bin/python bench/bench_training.py [--steps N]`, or with `make bench`.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

if __package__ in (None, ""):  # run as a script: make `bench` and `nnlib` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import ratio, save, table
from nnlib import SGD, Linear, MSELoss, ReLU, Sequential, fit, make_moons

SIZES = (2, 16, 16, 1)
LR = 0.05
# micrograd's demo trains for 100 steps; micrograd needs seconds per step, so `make bench` times
# 20 steps for everyone (pass --steps 100 for the full demo). Per-step times do not depend on it.
STEPS = 20
Weights = list[tuple[np.ndarray, np.ndarray]]  # (W: (out, in), b: (out,)) per layer
Timed = tuple[float, float]  # seconds spent in the training loop alone, final loss


def task(seed: int = 0) -> tuple[np.ndarray, np.ndarray, Weights]:
    """X (100, 2), y (100, 1) in {−1, +1}, and PyTorch-style initial weights, all from `seed`."""
    rng = np.random.default_rng(seed)
    X, labels = make_moons(100, 0.1, rng=rng)
    weights = []
    for n_in, n_out in itertools.pairwise(SIZES):
        bound = 1.0 / np.sqrt(n_in)
        weights.append(
            (rng.uniform(-bound, bound, (n_out, n_in)), rng.uniform(-bound, bound, n_out))
        )
    return X, 2.0 * labels - 1.0, weights


def nnlib_model(weights: Weights) -> Sequential:
    layers: list[Any] = []
    for index, (W, b) in enumerate(weights):
        linear = Linear(W.shape[1], W.shape[0], rng=np.random.default_rng(0))
        linear.weight.data[...], linear.bias.data[...] = W, b
        layers += [linear] if index == len(weights) - 1 else [linear, ReLU()]
    return Sequential(*layers)


def train_nnlib(X: np.ndarray, y: np.ndarray, weights: Weights, steps: int) -> Timed:
    """nnlib.fit, the convenience loop: every check on its first step, then its fast path."""
    model, loss = nnlib_model(weights), MSELoss()
    opt = SGD(model.parameters(), lr=LR)
    start = time.perf_counter()
    fit(model, X, y, loss=loss, optimizer=opt, epochs=steps)
    seconds = time.perf_counter() - start
    return seconds, loss(model(X), y)


def train_nnlib_five_lines(X: np.ndarray, y: np.ndarray, weights: Weights, steps: int) -> Timed:
    """The loop notebook 06 writes out: five public calls per step, each checking its input."""
    model, loss = nnlib_model(weights), MSELoss()
    opt = SGD(model.parameters(), lr=LR)
    start = time.perf_counter()
    for _ in range(steps):
        opt.zero_grad()
        out = model(X)
        loss(out, y)
        model.backward(loss.backward())
        opt.step()
    seconds = time.perf_counter() - start
    return seconds, loss(model(X), y)


def train_numpy(X: np.ndarray, y: np.ndarray, weights: Weights, steps: int) -> Timed:
    """The same network with forward and backward written out by hand."""
    (W1, b1), (W2, b2), (W3, b3) = (tuple(a.copy() for a in layer) for layer in weights)
    n = len(X)
    start = time.perf_counter()
    for _ in range(steps):
        z1 = X @ W1.T + b1
        h1 = np.maximum(z1, 0.0)
        z2 = h1 @ W2.T + b2
        h2 = np.maximum(z2, 0.0)
        out = h2 @ W3.T + b3
        d_out = 2.0 * (out - y) / n
        d_h2 = d_out @ W3
        d_z2 = d_h2 * (z2 > 0)
        d_h1 = d_z2 @ W2
        d_z1 = d_h1 * (z1 > 0)
        for W, b, d_z, a in ((W3, b3, d_out, h2), (W2, b2, d_z2, h1), (W1, b1, d_z1, X)):
            W -= LR * (d_z.T @ a)
            b -= LR * d_z.sum(axis=0)
    seconds = time.perf_counter() - start
    h = np.maximum(np.maximum(X @ W1.T + b1, 0.0) @ W2.T + b2, 0.0)
    return seconds, float(np.mean((h @ W3.T + b3 - y) ** 2))


def train_micrograd(X: np.ndarray, y: np.ndarray, weights: Weights, steps: int) -> Timed:
    from micrograd.nn import MLP

    model = MLP(SIZES[0], list(SIZES[1:]))
    for layer, (W, b) in zip(model.layers, weights, strict=True):
        for neuron, w_row, b_value in zip(layer.neurons, W, b, strict=True):
            for value, w in zip(neuron.w, w_row, strict=True):
                value.data = float(w)
            neuron.b.data = float(b_value)
    rows, targets = X.tolist(), y[:, 0].tolist()

    def loss_value() -> Any:
        errors = [(model(row) - t) ** 2 for row, t in zip(rows, targets, strict=True)]
        return sum(errors) * (1.0 / len(rows))

    start = time.perf_counter()
    for _ in range(steps):
        loss = loss_value()
        model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p.data -= LR * p.grad
    seconds = time.perf_counter() - start
    return seconds, float(loss_value().data)


def train_torch(X: np.ndarray, y: np.ndarray, weights: Weights, steps: int) -> Timed:
    import torch

    torch.set_num_threads(1)  # a 16-wide layer gains nothing from threads; numpy runs on one too
    linears = [torch.nn.Linear(W.shape[1], W.shape[0], dtype=torch.float64) for W, _ in weights]
    with torch.no_grad():
        for linear, (W, b) in zip(linears, weights, strict=True):
            linear.weight.copy_(torch.from_numpy(W))
            linear.bias.copy_(torch.from_numpy(b))
    model = torch.nn.Sequential(
        linears[0], torch.nn.ReLU(), linears[1], torch.nn.ReLU(), linears[2]
    )
    opt, loss_fn = torch.optim.SGD(model.parameters(), lr=LR), torch.nn.MSELoss()
    tx, ty = torch.from_numpy(X), torch.from_numpy(y)
    start = time.perf_counter()
    for _ in range(steps):
        opt.zero_grad()
        loss_fn(model(tx), ty).backward()
        opt.step()
    seconds = time.perf_counter() - start
    with torch.no_grad():
        return seconds, float(loss_fn(model(tx), ty))


def time_runs(
    trainers: dict[str, tuple[Callable[..., Timed], int]], steps: int
) -> dict[str, tuple[list[float], float]]:
    """Loop seconds of each contender's training runs (set-up excluded), and its final loss.

    Runs are interleaved round-robin, so a slow spell on this shared machine hits every
    contender alike instead of skewing whichever happened to be timed during it. The order
    rotates every round: whoever runs right after PyTorch starts with caches full of PyTorch,
    and a fixed order would hand that cost to the same contender every time (measured: 6-8%).
    """
    X, y, weights = task()
    timings: dict[str, list[float]] = {name: [] for name in trainers}
    finals = dict.fromkeys(trainers, float("nan"))
    names = list(trainers)
    for round_index in range(max(repeats for _, repeats in trainers.values())):
        shift = round_index % len(names)
        for name in names[shift:] + names[:shift]:
            train, repeats = trainers[name]
            if round_index < repeats:
                elapsed, finals[name] = train(X, y, weights, steps)
                timings[name].append(elapsed)
    return {name: (timings[name], finals[name]) for name in trainers}


def contenders() -> dict[str, tuple[Callable[..., Timed], int]]:
    """name → (training function, repeats); micrograd is slow, so it gets fewer repeats."""
    found: dict[str, tuple[Callable[..., Timed], int]] = {
        "nnlib": (train_nnlib, 41),
        "nnlib, five lines": (train_nnlib_five_lines, 41),
        "numpy by hand": (train_numpy, 41),
    }
    for module, name, train, repeats in (
        ("torch", "PyTorch CPU", train_torch, 41),
        ("micrograd", "micrograd 0.1.0", train_micrograd, 1),
    ):
        try:
            __import__(module)
        except ImportError:
            print(f"{name}: not installed, skipped")
            continue
        found[name] = (train, repeats)
    return found


TARGETS = {
    "micrograd 0.1.0 / nnlib": "target ≥ 1000: nnlib that many times faster",
    "nnlib / numpy by hand": "target ≤ 1.3: nnlib's overhead over hand-written numpy",
    "nnlib, five lines / numpy by hand": "no target: the checked loop notebook 06 writes out",
    "PyTorch CPU / nnlib": "target > 1: nnlib faster than PyTorch on this small network",
}


def _ratios(results: dict[str, dict[str, Any]]) -> dict[str, float]:
    """Median-time ratios "a / b", each written so that the issue's target reads off directly."""
    ratios = {}
    for label in TARGETS:
        top, bottom = label.split(" / ")
        if top in results and bottom in results:
            ratios[label] = ratio(results[top]["median_s"], results[bottom]["median_s"])
    return ratios


def main(steps: int = STEPS) -> dict[str, Any]:
    rows, results = [], {}
    trainers = contenders()
    for train, repeats in trainers.values():
        if repeats > 1:  # warm-up: imports, allocations, BLAS start-up (micrograd needs none)
            train(*task(), 2)
    for name, (seconds, final) in time_runs(trainers, steps).items():
        median = statistics.median(seconds)
        results[name] = {"seconds": seconds, "median_s": median, "final_loss": final}
        rows.append([name, 1e3 * median, 1e6 * median / steps, f"{final:.12g}"])
    ratios = _ratios(results)
    header = ["implementation", "median ms / run", "µs / step", "final loss"]
    print(table(f"Training {steps} SGD steps, 2-16-16-1 on 100 moons", header, rows))
    for label, value in ratios.items():
        print(f"{label}: {value:.3g}×  ({TARGETS[label]})")
    losses = [r["final_loss"] for r in results.values()]
    agree = max(losses) - min(losses)
    print(f"final losses agree to {agree:.1e} (same start, same steps, same arithmetic)")
    data = {"steps": steps, "lr": LR, "sizes": SIZES, "results": results, "ratios": ratios,
            "final_loss_spread": agree}  # fmt: skip
    print(f"saved {save('training', data)}")
    return data


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=STEPS, help="SGD steps per training run")
    main(parser.parse_args().steps)
