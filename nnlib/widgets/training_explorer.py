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
from matplotlib.artist import Artist

from nnlib.data import DATASETS
from nnlib.losses import BCELoss
from nnlib.optim import SGD
from nnlib.plots.blit import Blitter
from nnlib.plots.style import new_figure
from nnlib.plots.training import (
    draw_decision_boundary,
    draw_loss_curve,
    update_decision_boundary,
    update_loss_curve,
)
from nnlib.sequential import Sequential
from nnlib.train import TrainingDiverged, accuracy, fit, mlp
from nnlib.validation import as_float, check_size
from nnlib.widgets.base import readout
from nnlib.widgets.png_panel import PngPanel as LivePanel

HIDDEN_CHOICES = ("2", "4", "8", "4,4", "8,8", "16,16", "8,8,8")
ACTIVATION_CHOICES = ("tanh", "relu", "leaky_relu", "sigmoid")
REBUILD = frozenset({"dataset", "hidden", "activation", "seed"})
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
        self.n_samples, self.noise, self.momentum = n_samples, noise, momentum
        controls = _build_controls(dataset, hidden, activation, lr, seed)
        self.readout = readout("nnlib-loss")
        figure = new_figure(7.2, 3.0, dpi=80)
        boundary_ax, loss_ax = figure.subplots(1, 2)
        figure.subplots_adjust(left=0.08, right=0.98, bottom=0.16, top=0.9, wspace=0.28)
        self._build(controls)
        self.boundary = draw_decision_boundary(
            boundary_ax, self.model, self.X, self.y, resolution=40
        )
        boundary_ax.set_title("output p over (x1, x2); line: p = 0.5", fontsize="medium")
        # Few ticks and a linear scale: tick layout is most of the cost of each frame.
        boundary_ax.set_xticks([])
        boundary_ax.set_yticks([])
        self.curve = draw_loss_curve(loss_ax, self.losses, log=False)
        loss_ax.locator_params(nbins=4)
        loss_ax.set_title("loss before each step", fontsize="medium")
        self.blitter = Blitter(figure, self._moving_artists())
        super().__init__(controls, figure, [])
        controls["step"].on_click(lambda _button: self.step())
        self.children = [self._layout(), self.readout, self.image]
        self._frame = 0
        self._new_data = False
        self._stale = True  # the picture is out of date: redraw on the next refresh
        self.refresh()

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
            self._new_data = self._stale = True
        if "lr" in changed:
            self.optimizer.lr = self.controls["lr"].value
        frame = self.controls["play"].value
        if "play" in changed and frame > self._frame:
            self._train(self.controls["steps"].value)
        self._frame = frame

    def step(self, n: int | None = None) -> None:
        """Train for n SGD steps (default: the 'steps' control) and redraw."""
        self._train(self.controls["steps"].value if n is None else check_size(n, "n"))
        self.refresh()

    def _train(self, n: int) -> None:
        if self.diverged is not None:
            return
        self._stale = True
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

    def refresh(self) -> None:
        """Redraw and push the picture; ticks, labels and titles are redrawn only on a change.

        The learning rate and the steps per tick change nothing on screen until training runs,
        so setting them redraws nothing.
        """
        if not self._stale:
            return
        self.redraw()
        self.image.value = self.blitter.render_png()
        self._stale = False

    def redraw(self) -> None:
        if self.diverged is None:  # a diverged network holds inf: keep its last picture
            update_decision_boundary(
                self.boundary, self.model, *((self.X, self.y) if self._new_data else ())
            )
        self._new_data = False
        update_loss_curve(self.curve, self.losses)
        # Limits that change only now and then (x doubles, y follows the highest loss), so the
        # axes need a full redraw only on those frames.
        ax = self.curve.axes
        assert ax is not None
        ax.set_xlim(0, max(50, 2 ** int(np.ceil(np.log2(max(len(self.losses), 1))))))
        ax.set_ylim(0, 1.1 * max(self.losses, default=1.0))
        self.readout.value = self._readout_html()

    def _moving_artists(self) -> list[Artist]:
        b = self.boundary
        return [b.image, b.contour, b.class0, b.class1, self.curve]

    def _readout_html(self) -> str:
        if self.diverged is not None:
            return f"<b>✗ Diverged.</b> {html.escape(self.diverged)}"
        if not self.losses:
            return "step 0: press play or step to start training."
        return (
            f"step {len(self.losses)} · loss {self.losses[-1]:.4f} · "
            f"training accuracy {100 * self.accuracy:.1f}%"
        )


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
    return {
        "play": widgets.Play(value=0, min=0, max=1_000_000, interval=120, description="play"),
        "step": widgets.Button(description="step", tooltip="train for 'steps' SGD steps"),
        "steps": widgets.IntSlider(
            value=10, min=1, max=100, description="steps per tick", style=wide
        ),
        "lr": widgets.FloatLogSlider(
            value=snap_lr(lr),
            base=10,
            min=LR_EXPONENTS[0],
            max=LR_EXPONENTS[1],
            step=LR_EXPONENTS[2],
            description="learning rate",
            style=wide,
        ),
        "activation": widgets.Dropdown(
            options=ACTIVATION_CHOICES, value=activation, description="activation"
        ),
        "dataset": widgets.Dropdown(options=list(DATASETS), value=dataset, description="data"),
        "hidden": widgets.Dropdown(options=HIDDEN_CHOICES, value=hidden, description="hidden"),
        "seed": widgets.BoundedIntText(value=seed, min=0, max=999_999, description="seed"),
    }
