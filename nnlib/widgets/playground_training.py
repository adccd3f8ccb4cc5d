"""The playground's training: a tick of 10 SGD steps, the losses it records, divergence, and a
learning rate measured to work when training diverged."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from nnlib.losses import BCELoss
from nnlib.optim import SGD
from nnlib.sequential import Sequential, mlp
from nnlib.train import TrainingDiverged, fit
from nnlib.validation import FloatArray
from nnlib.widgets.playground_data import Points
from nnlib.widgets.training_explorer import LR_EXPONENTS

STEPS_PER_TICK = 10
BLOW_UP = 1e6  # a loss this many times its starting value counts as diverged
# BCE is clamped (as torch clamps it), so a network whose outputs saturate at the wrong ends has
# a loss stuck near 50 rather than inf: this many times the start, for STUCK_TICKS ticks, counts
# as diverged too (the case of issue #14: spirals at the largest learning rate).
STUCK_FACTOR, STUCK_TICKS = 10.0, 3
TRIAL_TICKS = 30  # how long a suggested learning rate is tried before it is offered
IMPROVED = 0.98  # a trial works if it ends below this share of its starting loss, not diverged
MOMENTUM = 0.9


@dataclass(frozen=True)
class Setup:
    """What a fresh start is made from: the same setup always trains the same way."""

    sizes: tuple[int, ...]
    activation: str
    seed: int
    lr: float
    l2: float
    batch_size: int


@dataclass(frozen=True)
class Measured:
    """A network's outputs on the training and test inputs, for the weights they were made by."""

    weights: FloatArray
    X_train: FloatArray
    X_test: FloatArray
    out_train: FloatArray
    out_test: FloatArray

    def holds(self, model: Sequential, points: Points) -> bool:
        return (
            self.X_train is points.X_train
            and self.X_test is points.X_test
            and np.array_equal(self.weights, _weights(model))
        )


def _weights(model: Sequential) -> FloatArray:
    return np.concatenate([p.data.reshape(-1) for p in model.parameters()])


@dataclass
class Run:
    """A network in training: its model, optimizer, batch generator and recorded losses."""

    setup: Setup
    model: Sequential
    optimizer: SGD
    rng: np.random.Generator
    steps: list[int] = field(default_factory=list)  # the step each loss was measured at
    train_losses: list[float] = field(default_factory=list)
    test_losses: list[float] = field(default_factory=list)
    diverged_at: int | None = None
    why: str = ""
    stuck: int = 0  # ticks in a row with the loss above STUCK_FACTOR × its start
    # What the last record() measured: the weights and inputs, and the outputs on them, which
    # the readout's accuracies reuse while those are still the current ones.
    measured: Measured | None = None

    @property
    def step(self) -> int:
        return self.steps[-1] if self.steps else 0


def start(setup: Setup, points: Points) -> Run:
    """A fresh network from the seed, with its losses at step 0 recorded."""
    model = mlp([2, *setup.sizes, 1], setup.activation, rng=np.random.default_rng((setup.seed, 2)))
    optimizer = SGD(model.parameters(), setup.lr, MOMENTUM, weight_decay=setup.l2)
    run = Run(setup, model, optimizer, np.random.default_rng((setup.seed, 3)))
    record(run, points, 0)
    return run


def mean_loss(model: Sequential, X: FloatArray, y: FloatArray) -> float:
    """BCE of the model on (X, y); NaN for no points, inf if the numbers overflow."""
    if not len(X):
        return math.nan
    with np.errstate(all="ignore"):
        out = model.forward_unchecked(X)
        if not np.isfinite(out).all():
            return math.inf
        return float(BCELoss()(out, y))


def record(run: Run, points: Points, step: int) -> None:
    """The losses at `step`, from one forward pass over the training and test points together."""
    X_train, X_test = points.X_train, points.X_test
    cut = len(X_train)
    with np.errstate(all="ignore"):
        out = run.model.forward_unchecked(np.vstack([X_train, X_test]))
    out_train, out_test = out[:cut], out[cut:]
    run.steps.append(step)
    run.train_losses.append(_bce(out_train, points.y_train))
    run.test_losses.append(_bce(out_test, points.y_test))
    run.measured = Measured(_weights(run.model), X_train, X_test, out_train, out_test)


def _bce(out: FloatArray, y: FloatArray) -> float:
    # As mean_loss, on outputs computed already.
    if not len(out):
        return math.nan
    if not np.isfinite(out).all():
        return math.inf
    return float(BCELoss()(out, y))


def accuracies(run: Run, points: Points) -> tuple[float, float]:
    """Training and test accuracy of the run's network (NaN for an empty set or a diverged one).

    The outputs record() measured serve while the weights and points are the ones it measured.
    """
    sets = ((points.X_train, points.y_train), (points.X_test, points.y_test))
    measured = run.measured
    if measured is not None and measured.holds(run.model, points):
        outputs = [measured.out_train, measured.out_test]
    else:
        with np.errstate(all="ignore"):
            outputs = [run.model.forward_unchecked(X) if len(X) else X[:, :1] for X, _ in sets]
    return tuple(  # type: ignore[return-value]
        _accuracy(out, y) if run.diverged_at is None else math.nan
        for out, (_, y) in zip(outputs, sets, strict=True)
    )


def _accuracy(out: FloatArray, y: FloatArray) -> float:
    # nnlib.metrics.accuracy's rule (output ≥ 0.5 against label ≥ 0.5), without its checks of
    # arrays the network made itself.
    if not len(out):
        return math.nan
    return float(np.mean((out >= 0.5) == (y >= 0.5)))


def tick(run: Run, points: Points, batch_size: int) -> None:
    """STEPS_PER_TICK SGD steps on batches drawn by the run's generator, then the losses.

    Stops for good (run.diverged_at) when a step overflows, or the training loss becomes inf,
    NaN or more than BLOW_UP times its starting value.
    """
    X, y = points.X_train, points.y_train
    if run.diverged_at is not None or not len(X):
        return
    loss = BCELoss()  # the test loss is measured once per tick, in record(), not per epoch
    try:
        if batch_size >= len(X):  # full batch: every epoch is one step
            fit(run.model, X, y, loss=loss, optimizer=run.optimizer, epochs=STEPS_PER_TICK)
        else:  # exactly STEPS_PER_TICK batches, each without repeats within an epoch
            count = STEPS_PER_TICK * batch_size
            order = np.concatenate(
                [run.rng.permutation(len(X)) for _ in range(-(-count // len(X)))]
            )
            rows = order[:count]
            fit(run.model, X[rows], y[rows], loss=loss, optimizer=run.optimizer, epochs=1,
                batch_size=batch_size)  # fmt: skip
    except TrainingDiverged as error:
        run.diverged_at = run.step + min(error.step, STEPS_PER_TICK)
        run.why = error.what
        return
    record(run, points, run.step + STEPS_PER_TICK)
    _check_growth(run)


def _check_growth(run: Run) -> None:
    first, last = run.train_losses[0], run.train_losses[-1]
    run.stuck = run.stuck + 1 if last > STUCK_FACTOR * first else 0
    if not math.isfinite(last) or last > BLOW_UP * first:
        run.diverged_at = run.step
        run.why = f"the training loss became {last:.4g}, from {first:.4g} at the start"
    elif run.stuck >= STUCK_TICKS:
        run.diverged_at = run.steps[-run.stuck]  # where it first shot up
        run.why = (
            f"the training loss has stayed above {STUCK_FACTOR:g} times its start "
            f"({first:.3f}) for {STUCK_TICKS * STEPS_PER_TICK} steps, now {last:.4g}: the "
            f"outputs are stuck at 0 or 1 on the wrong side"
        )


def working_rate(setup: Setup, points: Points) -> tuple[float, float, float] | None:
    """The largest rate ≤ lr/10 on the slider's grid (tried 10^0.5 apart) that trains this network
    on these points from a fresh start for TRIAL_TICKS ticks without diverging and with the loss
    lowered below IMPROVED × its start; returned with that start and end loss.
    """
    exponent = round(math.log10(setup.lr) - 1.0, 1)
    while exponent >= LR_EXPONENTS[0] - 1e-9:
        rate = float(10.0**exponent)
        trial = start(Setup(**{**setup.__dict__, "lr": rate}), points)
        for _ in range(TRIAL_TICKS):
            tick(trial, points, setup.batch_size)
        losses = trial.train_losses
        if trial.diverged_at is None and losses[-1] < IMPROVED * losses[0]:
            return rate, losses[0], losses[-1]
        exponent = round(exponent - 0.5, 1)
    return None
