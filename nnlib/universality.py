"""Universality by hand: sigmoid steps, bumps made of two steps, and the 1-N-1 network they are.

A sigmoid neuron σ(w·x + b) with a large weight w is nearly a step at s = −b/w. Two such neurons
whose output weights are +h and −h make a bump of height h between their steps, and bumps side
by side follow any continuous curve on an interval (the construction of Nielsen's *Neural Networks
and Deep Learning*, chapter 4). Here the bumps are built as an nnlib `Sequential`
Linear(1, N) → Sigmoid → Linear(N, 1), so the hand-made curve *is* a network's output.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from nnlib.activations import sigmoid
from nnlib.layers import Linear, Sigmoid
from nnlib.losses import MSELoss
from nnlib.module import Module
from nnlib.optim import SGD
from nnlib.sequential import Sequential
from nnlib.train import History, fit
from nnlib.validation import FloatArray, as_float, as_float_array, check_rng, check_size

DOMAIN = (0.0, 1.0)  # targets are defined, and errors measured, on this interval
GRID_POINTS = 401
OUTER_MARGIN = 0.1  # the first and last steps sit this far outside the domain, out of the way
TOWER_SIGNS = np.array([1.0, -1.0, 1.0, -1.0])  # up and down steps in x1, then in x2
GRID_DECIMALS = 2  # `even_bumps` rounds step positions and heights to hundredths
MAX_BUMPS = 50_000  # two hidden neurons each, and an nnlib layer holds at most 100,000
MAX_POINTS = 1_000_000


def check_steepness(value: object) -> float:
    """The shared input weight w of every step: a finite number above 0."""
    w = as_float(value, "steepness")
    if w <= 0.0:
        raise ValueError(
            f"steepness must be above 0, got {w}. Pass a weight such as 100.0: the larger it "
            f"is, the sharper each step."
        )
    return w


def check_bumps(bumps: object) -> list[Bump]:
    """A non-empty list of Bump(start, end, height)."""
    if not isinstance(bumps, (list, tuple)):
        raise TypeError(
            f"bumps must be a list of Bump(start, end, height), got {type(bumps).__name__}. "
            f"For example [Bump(0.2, 0.4, 0.5)]."
        )
    if not bumps or len(bumps) > MAX_BUMPS:
        raise ValueError(
            f"bumps must hold from 1 to {MAX_BUMPS:,} bumps, got {len(bumps):,}. "
            f"For example [Bump(0.2, 0.4, 0.5)]."
        )
    for index, bump in enumerate(bumps):
        if not isinstance(bump, Bump):
            raise TypeError(
                f"bumps[{index}] must be a Bump(start, end, height), got "
                f"{type(bump).__name__} {bump!r}. Build it as Bump(0.2, 0.4, 0.5)."
            )
    return list(bumps)


@dataclass(frozen=True)
class Bump:
    """h·(σ(w(x − start)) − σ(w(x − end))): height h on [start, end] once w is large."""

    start: float
    end: float
    height: float

    def __post_init__(self) -> None:
        # A frozen dataclass: store the checked floats through object.__setattr__.
        for name in ("start", "end", "height"):
            object.__setattr__(self, name, as_float(getattr(self, name), f"Bump {name}"))


@dataclass(frozen=True)
class Target:
    formula: str
    fn: Callable[[FloatArray], FloatArray]


TARGETS: dict[str, Target] = {
    "sine": Target("0.5 + 0.35·sin(2πx)", lambda x: 0.5 + 0.35 * np.sin(2 * np.pi * x)),
    "step": Target("0.25, jumping to 0.75 at x = 0.4", lambda x: np.where(x >= 0.4, 0.75, 0.25)),
    "parabola": Target("0.1 + 3.2·(x − 0.5)²", lambda x: 0.1 + 3.2 * (x - 0.5) ** 2),
    "kink": Target("0.8 − 1.2·|x − 0.4|", lambda x: 0.8 - 1.2 * np.abs(x - 0.4)),
}


def _target(name: str) -> Target:
    if name not in TARGETS:
        raise ValueError(f"Unknown target {name!r}. Valid names: {', '.join(TARGETS)}.")
    return TARGETS[name]


def target_values(name: str, x: object) -> FloatArray:
    """The target function `name` ('sine', 'step', 'parabola' or 'kink') at x."""
    values: FloatArray = _target(name).fn(as_float_array(x, "x", ndim=(0, 1)))
    return values


def target_formula(name: str) -> str:
    return _target(name).formula


def grid(points: int = GRID_POINTS) -> FloatArray:
    """Evenly spaced x over DOMAIN, where errors are measured."""
    hint = "Pass how many x to measure at, such as 401."
    return np.linspace(*DOMAIN, check_size(points, "points", hint=hint, maximum=MAX_POINTS))


def step_position(weight: float, bias: float) -> float:
    """Where σ(w·x + b) crosses 1/2, the middle of its step: s = −b/w."""
    w = as_float(weight, "weight")
    if w == 0.0:
        raise ValueError("weight must not be 0: a neuron with w = 0 is flat and has no step.")
    return -as_float(bias, "bias") / w


def bias_for_step(position: float, weight: float) -> float:
    """The bias that puts the step of σ(w·x + b) at `position`: b = −w·s."""
    return -as_float(weight, "weight") * as_float(position, "position")


def sigmoid_step(x: object, position: float, steepness: float) -> FloatArray:
    return sigmoid(steepness * (as_float_array(x, "x", ndim=(0, 1)) - position))


def ideal_step(x: object, position: float) -> FloatArray:
    """The limit of sigmoid_step as the steepness grows: 0 before `position`, 1 from it on."""
    return (as_float_array(x, "x", ndim=(0, 1)) >= position).astype(np.float64)


def sum_of_bumps(x: object, bumps: Sequence[Bump], steepness: float) -> FloatArray:
    """Σ h·(σ(w(x − start)) − σ(w(x − end))), computed bump by bump, without any network."""
    total = np.zeros_like(as_float_array(x, "x", ndim=(0, 1)))
    w = check_steepness(steepness)
    for b in check_bumps(bumps):
        total += b.height * (sigmoid_step(x, b.start, w) - sigmoid_step(x, b.end, w))
    return total


def ideal_bumps(x: object, bumps: Sequence[Bump]) -> FloatArray:
    """What sum_of_bumps tends to as the steepness grows: h on [start, end) for each bump."""
    total = np.zeros_like(as_float_array(x, "x", ndim=(0, 1)))
    for b in bumps:
        total += b.height * (ideal_step(x, b.start) - ideal_step(x, b.end))
    return total


def bump_network(bumps: Sequence[Bump], steepness: float) -> Sequential:
    """The 1-N-1 sigmoid network (N = 2 per bump) whose output is sum_of_bumps."""
    n = 2 * len(check_bumps(bumps))
    check_steepness(steepness)
    model = Sequential(Linear(1, n), Sigmoid(), Linear(n, 1))
    set_bump_parameters(model, bumps, steepness)
    return model


def set_bump_parameters(model: Sequential, bumps: Sequence[Bump], steepness: float) -> None:
    """Write the bumps into `model` in place: neurons 2k and 2k+1 are bump k's two steps."""
    w = check_steepness(steepness)
    bumps = check_bumps(bumps)
    positions = np.array([[b.start, b.end] for b in bumps], dtype=np.float64).reshape(-1)
    heights = np.array([[b.height, -b.height] for b in bumps], dtype=np.float64).reshape(-1)
    model.load_state_dict(
        {
            "0.weight": np.full((positions.size, 1), w),
            "0.bias": -w * positions,
            "2.weight": heights[None, :],
            "2.bias": np.zeros(1),
        }
    )


def bumps_from_network(model: Module) -> tuple[list[Bump], float]:
    """(bumps, steepness) of a network built by bump_network; ValueError for any other network."""
    if not isinstance(model, Module):
        raise TypeError(
            f"model must be an nnlib network, got {type(model).__name__}. "
            f"Pass one built by bump_network(bumps, steepness)."
        )
    state = {name: p.data.copy() for name, p in model.named_parameters()}
    shapes = {k: v.shape for k, v in state.items()}
    n = state.get("0.bias", np.zeros(0)).size
    expected = {"0.weight": (n, 1), "0.bias": (n,), "2.weight": (1, n), "2.bias": (1,)}
    if n == 0 or n % 2 or shapes != expected:
        raise ValueError(
            f"Expected a 1-N-1 network with N even (Linear(1, N), Sigmoid(), Linear(N, 1)), got "
            f"parameters {shapes}. Build one with bump_network(bumps, steepness)."
        )
    w, b, v = state["0.weight"][:, 0], state["0.bias"], state["2.weight"][0]
    if not (np.allclose(w, w[0]) and w[0] > 0 and np.allclose(v[1::2], -v[0::2])):
        raise ValueError(
            "Not a bump network: every hidden weight must be the same positive steepness, and "
            "each pair of output weights must be +h and −h. Use bump_network to build one."
        )
    if abs(state["2.bias"][0]) > 1e-12:
        raise ValueError("Not a bump network: its output bias must be 0.")
    s = -b / w[0]
    return [Bump(float(s[k]), float(s[k + 1]), float(v[k])) for k in range(0, n, 2)], float(w[0])


def even_bumps(count: int, target: str) -> list[Bump]:
    """`count` bumps side by side over DOMAIN, each as high as the target at its middle.

    Inner edges are shared by neighbours; the outer two lie OUTER_MARGIN outside the domain so
    that no half-height step shows at its ends. Everything is rounded to hundredths,
    the sliders' grid.
    """
    low, high = DOMAIN
    hint = f"Pass how many bumps to place, up to {MAX_BUMPS:,}, such as 3."
    edges = np.linspace(low, high, check_size(count, "count", hint=hint, maximum=MAX_BUMPS) + 1)
    middles = (edges[:-1] + edges[1:]) / 2
    heights = target_values(target, middles)
    edges[0], edges[-1] = low - OUTER_MARGIN, high + OUTER_MARGIN
    edges, heights = np.round(edges, GRID_DECIMALS), np.round(heights, GRID_DECIMALS)
    return [Bump(float(edges[k]), float(edges[k + 1]), float(heights[k])) for k in range(count)]


def network_output(model: Module, x: object) -> FloatArray:
    """The output of a 1-input, 1-output model at each x, as a 1-D array."""
    column = as_float_array(x, "x", ndim=(0, 1)).reshape(-1, 1)
    return np.asarray(model(column), dtype=np.float64).reshape(-1)


def mean_absolute_error(model: Module, target: str, points: int = GRID_POINTS) -> float:
    """Mean |output − target| over `points` evenly spaced x in DOMAIN."""
    x = grid(points)
    return float(np.mean(np.abs(network_output(model, x) - target_values(target, x))))


def sigmoid_network(n_hidden: int, rng: np.random.Generator) -> Sequential:
    """A fresh 1-N-1 network of the same shape as bump_network, initialised from `rng`."""
    n = check_size(n_hidden, "n_hidden")
    generator = check_rng(rng)
    return Sequential(Linear(1, n, rng=generator), Sigmoid(), Linear(n, 1, rng=generator))


def train_on_target(
    target: str, n_hidden: int, *, rng: np.random.Generator, epochs: int = 3000, samples: int = 51
) -> tuple[Sequential, History]:
    """sigmoid_network trained by `fit` on the target: MSE, full batch, SGD with momentum 0.9.

    The learning rate is 1/N: the output sums N hidden neurons, so the loss grows steeper
    with N, and a fixed rate that suits a small network makes a large one diverge.
    """
    model = sigmoid_network(n_hidden, rng)
    x = grid(samples)[:, None]
    y = target_values(target, x[:, 0])[:, None]
    optimizer = SGD(model.parameters(), 1.0 / n_hidden, momentum=0.9)
    return model, fit(model, x, y, loss=MSELoss(), optimizer=optimizer, epochs=epochs)


def tower_network(
    x1: tuple[float, float], x2: tuple[float, float], *, steepness: float
) -> Sequential:
    """2-4-1 sigmoid network whose output is a tower: about 1 over the rectangle x1 × x2, else 0.

    Hidden neurons 0 and 1 are steps in x1 at its two ends, 2 and 3 steps in x2. With output
    weights +1, −1, +1, −1 their sum is 1 inside each strip and 2 where the strips cross; the
    output neuron's bias −1.5 keeps only the crossing, and its steep sigmoid rounds to 0 or 1.
    """
    w = check_steepness(steepness)
    ends = np.array([*_interval(x1, "x1"), *_interval(x2, "x2")], dtype=np.float64)
    model = Sequential(Linear(2, 4), Sigmoid(), Linear(4, 1), Sigmoid())
    model.load_state_dict(
        {
            "0.weight": w * np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]]),
            "0.bias": -w * ends,
            "2.weight": w * TOWER_SIGNS[None, :],
            "2.bias": np.array([-1.5 * w]),
        }
    )
    return model


def _interval(ends: object, name: str) -> tuple[float, float]:
    if not isinstance(ends, (list, tuple)) or len(ends) != 2:
        raise TypeError(
            f"{name} must be a pair (low, high), got {type(ends).__name__} {ends!r}. "
            f"For example (0.3, 0.6)."
        )
    low, high = as_float(ends[0], f"{name}[0]"), as_float(ends[1], f"{name}[1]")
    if low >= high:
        raise ValueError(
            f"{name} must run from low to high, got ({low}, {high}). Swap them: ({high}, {low})."
        )
    return low, high


def step_sum(model: Sequential, points: FloatArray) -> FloatArray:
    """The four steps of a tower_network added with signs +, −, +, −, before the last sigmoid."""
    hidden = model[1](model[0](as_float_array(points, "points", ndim=(2,))))
    total: FloatArray = hidden @ TOWER_SIGNS
    return total
