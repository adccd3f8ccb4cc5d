"""`TrainingExplorer`: press play and watch a network learn, one SGD step after another.

Live: the decision boundary over the data and the loss after every step. Changing the data set,
the hidden sizes, the activation or the seed rebuilds data and network from that seed, so the
same settings always give the same start; changing the learning rate keeps training where it is.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from nnlib.data import DATASETS
from nnlib.losses import BCELoss
from nnlib.metrics import accuracy
from nnlib.optim import SGD
from nnlib.plots.style import new_figure
from nnlib.plots.training import (
    draw_decision_boundary,
    draw_loss_curve,
    update_decision_boundary,
    update_loss_curve,
)
from nnlib.sequential import Sequential, mlp
from nnlib.train import TrainingDiverged, fit
from nnlib.validation import as_float, check_between, check_seed, check_size
from nnlib.widgets.base import Layer, LivePanel, readout
from nnlib.widgets.controls import FiniteLogSlider, WholeBox, WholePlay, WholeSlider, owned

HIDDEN_CHOICES = ("2", "4", "8", "4,4", "8,8", "16,16", "8,8,8")
ACTIVATION_CHOICES = ("tanh", "relu", "leaky_relu", "sigmoid")
REBUILD = frozenset({"dataset", "hidden", "activation", "seed"})
TRAINED = frozenset({"boundary", "loss", "text"})
# The learning rate and the steps per tick change nothing on screen until training runs.
FEEDS = {
    "play": TRAINED,
    "step": TRAINED,
    "steps": frozenset(),
    "lr": frozenset(),
    **{name: TRAINED | {"data"} for name in REBUILD},
}
MAX_SAMPLES = 5_000  # every step trains on all of them and redraws them
MAX_SEED = 999_999  # what the seed box holds
LR_EXPONENTS = (-3.0, 1.5, 0.1)  # the learning-rate slider shows 10^e for e = −3, −2.9, …, 1.5


def snap_lr(lr: float) -> float:
    """The nearest rate the slider can show, 10^(k/10): 0.1 stays 0.1, 0.3 becomes 0.316.

    The browser can only display (and send back) these values, so the panel trains with the
    snapped rate from the start and the number on the page is the one in use.
    """
    rate = as_float(lr, "lr")
    if rate <= 0.0:
        raise ValueError(f"lr (the learning rate) must be positive, got {rate}. Try 0.1.")
    low, high, step = LR_EXPONENTS
    exponent = min(max(round(np.log10(rate) / step) * step, low), high)
    return float(10.0 ** round(exponent, 1))


def learning_rate_slider(lr: float) -> FiniteLogSlider:
    """A log slider over 10^−3 … 10^1.5 in tenths of a decade, starting at snap_lr(lr)."""
    low, high, step = LR_EXPONENTS
    wide = {"description_width": "initial"}
    return FiniteLogSlider(value=snap_lr(lr), base=10, min=low, max=high, step=step,
                           description="learning rate", style=wide)  # fmt: skip


def parse_hidden(text: str) -> list[int]:
    """'16,16' → [16, 16]: the sizes of the hidden layers."""
    return [check_size(int(part), "hidden size") for part in text.split(",")]


class TrainingExplorer(LivePanel):
    """Controls 'play', 'step', 'steps', 'lr', 'activation', 'dataset', 'hidden', 'seed'.

    `.model` is the network being trained on `.X`, `.y`; `.losses` holds the loss before each step.
    """

    def __init__(
        self,
        dataset: str = "moons",
        hidden: str = "8,8",
        activation: str = "tanh",
        lr: float = 0.1,
        seed: int = 0,
        *,
        n_samples: int = 120,
        noise: float = 0.15,
        momentum: float = 0.9,
    ) -> None:
        self.n_samples = check_size(n_samples, "n_samples", minimum=2, maximum=MAX_SAMPLES, hint=(
            "n_samples counts the points of the data set, e.g. n_samples=120."))  # fmt: skip
        self.noise = check_between(noise, "noise", 0.0, 10.0, hint=(
            "noise is the spread added to each point; try noise=0.15, or 0 for none."))  # fmt: skip
        self.momentum = check_between(momentum, "momentum", 0.0, 0.999, hint=(
            "Use 0 for plain gradient descent or 0.9, the usual choice."))  # fmt: skip
        seed = check_seed(seed, maximum=MAX_SEED)
        controls = _build_controls(dataset, hidden, activation, lr, seed)
        self.readout = readout("nnlib-loss")
        self._build(controls)
        figure = self._draw()
        self._frame = 0  # the Play widget's last value: a tick trains only when it moves on
        super().__init__()
        self.declare(controls, figure, self._layers(), FEEDS, layout=REBUILD)
        controls["step"].on_click(lambda _button: self.step())
        self.children = [self._layout(), self.readout, self.canvas]

    def _layers(self) -> dict[str, Layer]:
        b = self.boundary
        return {  # data first: new points set the grid the heatmap is computed on
            "data": Layer(self._update_data, [b.class0, b.class1]),
            "boundary": Layer(self._update_boundary, [b.image, b.contour]),
            "loss": Layer(self._update_loss, [self.curve]),
            "text": Layer(self._update_text),
        }

    def _build(self, controls: dict[str, Any]) -> None:
        """Data, network and optimiser from the seed: the same settings give the same start."""
        rng = np.random.default_rng(controls["seed"].value)
        maker = DATASETS[controls["dataset"].value]
        self.X, self.y = maker(self.n_samples, self.noise, rng=rng)
        sizes = [2, *parse_hidden(controls["hidden"].value), 1]
        self.model: Sequential = mlp(sizes, controls["activation"].value, rng=rng)
        self.loss_fn = BCELoss()
        self.optimizer = SGD(self.model.parameters(), controls["lr"].value, self.momentum)
        self.losses: list[float] = []
        self.diverged: str | None = None

    def _draw(self) -> Figure:
        figure = new_figure(7.2, 3.0)
        boundary_ax, loss_ax = figure.subplots(1, 2)
        # Room between the two for the colour bar of the output map and its labels.
        figure.subplots_adjust(left=0.08, right=0.98, bottom=0.16, top=0.9, wspace=0.5)
        self.boundary = draw_decision_boundary(
            boundary_ax, self.model, self.X, self.y, resolution=40
        )
        boundary_ax.set_title("output p over (x1, x2); line: p = 0.5", fontsize="medium")
        boundary_ax.set_xticks([])
        boundary_ax.set_yticks([])
        self.curve = draw_loss_curve(loss_ax, self.losses, log=False)
        loss_ax.locator_params(nbins=4)
        loss_ax.set_title("loss before each step", fontsize="medium")
        return figure

    def _layout(self) -> widgets.VBox:
        c = self.controls
        buttons = widgets.HBox([c["play"], c["step"], c["steps"]])
        settings = widgets.HBox(
            [widgets.VBox([c["lr"], c["activation"]]), widgets.VBox([c["dataset"], c["hidden"]])]
        )
        return widgets.VBox([buttons, settings, c["seed"]])

    def apply(self, changed: set[str]) -> None:
        """Rebuild from the seed, change the learning rate, or train on a play tick."""
        if changed & REBUILD:
            self._build(self.controls)
        if "lr" in changed:
            self.optimizer.lr = self.controls["lr"].value
        frame = self.controls["play"].value
        if "play" in changed and frame > self._frame:
            self._train(self.controls["steps"].value)
        self._frame = frame

    def step(self, n: int | None = None) -> None:
        """Train for n SGD steps (default: the 'steps' control) and redraw."""
        self._train(
            self.controls["steps"].value
            if n is None
            else check_size(
                n, "n", hint="Pass how many SGD steps to train, such as 10.", maximum=1_000_000
            )
        )
        self.update({"step"})

    def _train(self, n: int) -> None:
        if self.diverged is not None:
            return
        record = lambda epoch, loss, model: self.losses.append(loss)  # noqa: E731
        try:  # full batch: each epoch of fit is one SGD step
            fit(self.model, self.X, self.y, loss=self.loss_fn, optimizer=self.optimizer,
                epochs=n, callback=record)  # fmt: skip
        except TrainingDiverged as error:  # renumber the step: fit counts from 1 on each call
            self.diverged = str(TrainingDiverged(len(self.losses) + 1, error.lr, error.what))
            self.controls["play"].playing = False

    @property
    def accuracy(self) -> float:
        """Fraction of the training points the network classifies correctly."""
        return accuracy(self.model(self.X), self.y)

    def describe(self) -> str:
        data = f"the {self.controls['dataset'].value} data set ({len(self.X)} points)"
        net = f"network 2-{self.controls['hidden'].value.replace(',', '-')}-1"
        if self.diverged is not None:
            status = f"training diverged at step {len(self.losses) + 1}"
        elif not self.losses:
            status = "step 0, not trained yet"
        else:
            status = (
                f"step {len(self.losses)}: loss {self.losses[-1]:.4f}, "
                f"training accuracy {100 * self.accuracy:.1f}%"
            )
        return (
            f"{status}. Output p of the {net} ({self.controls['activation'].value}) over {data}, "
            f"with the line p = 0.5; loss curve over {len(self.losses)} steps"
        )

    def _update_data(self) -> None:
        update_decision_boundary(self.boundary, self.model, self.X, self.y)

    def _update_boundary(self) -> None:
        if self.diverged is None:  # a diverged network holds inf: keep its last picture
            update_decision_boundary(self.boundary, self.model)

    def _update_loss(self) -> None:
        update_loss_curve(self.curve, self.losses)
        # Limits that change only now and then (x to the next 50·2^k steps, y to the next 2^k
        # above the highest loss), so the background is drawn again only on those ticks.
        ax = self.curve.axes
        assert ax is not None
        ax.set_xlim(0, doubling_limit(50.0, len(self.losses)))
        ax.set_ylim(0, doubling_limit(1.0, 1.1 * max(self.losses, default=0.0)))

    def _update_text(self) -> None:
        self.readout.value = self._readout_html()

    def _readout_html(self) -> str:
        if self.diverged is not None:
            return f"<b>✗ Diverged.</b> {html.escape(self.diverged)}"
        if not self.losses:
            return "step 0: press play or step to start training."
        return (
            f"step {len(self.losses)} · loss {self.losses[-1]:.4f} · "
            f"training accuracy {100 * self.accuracy:.1f}%"
        )


def doubling_limit(start: float, needed: float) -> float:
    """The smallest start·2^k (k ≥ 0) that is at least `needed`: an axis end that jumps rarely.

    start 1.0 holds an untrained network's BCE loss (about 0.69) with a margin.
    """
    limit = start
    while limit < needed and np.isfinite(needed):
        limit *= 2.0
    return limit


def _build_controls(
    dataset: str, hidden: str, activation: str, lr: float, seed: int
) -> dict[str, Any]:
    for name, value, options in (
        ("dataset", dataset, tuple(DATASETS)),
        ("hidden", hidden, HIDDEN_CHOICES),
        ("activation", activation, ACTIVATION_CHOICES),
    ):
        if value not in options:
            raise ValueError(
                f"{name} must be one of {', '.join(map(repr, options))}, got {value!r}. "
                f"Pick one of these."
            )
    wide = {"description_width": "initial"}
    controls = {
        "play": WholePlay(value=0, min=0, max=1_000_000, interval=120, description="play"),
        "step": widgets.Button(description="step", tooltip="train for 'steps' SGD steps"),
        "steps": WholeSlider(value=10, min=1, max=100, description="steps per tick", style=wide),
        "lr": learning_rate_slider(lr),
        "activation": widgets.Dropdown(
            options=ACTIVATION_CHOICES, value=activation, description="activation"
        ),
        "dataset": widgets.Dropdown(options=list(DATASETS), value=dataset, description="data"),
        "hidden": widgets.Dropdown(options=HIDDEN_CHOICES, value=hidden, description="hidden"),
        "seed": WholeBox(value=seed, min=0, max=MAX_SEED, description="seed"),
    }
    owned(controls["lr"], "the optimizer")
    owned(controls["seed"], "the network and data set")
    return controls
