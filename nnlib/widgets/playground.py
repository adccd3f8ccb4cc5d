"""`Playground`: TensorFlow Playground's training picture, and what it lacks.

Every hidden neuron shows its output over the (x1, x2) plane while the network trains; the data
are split into training points (filled) and test points (hollow), with both losses drawn; noise,
L2 regularisation and the batch size are controls; training that diverges stops and says which
learning rate, measured on this very task, works instead. The learner's own points come from
clicks (shift for label 1), an erase mode, or a CSV upload, and go back out as a CSV link.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np

from nnlib.data import DATASETS, train_test_split
from nnlib.serialize import state_dict_to_json
from nnlib.widgets.base import LivePanel, readout
from nnlib.widgets.playground_controls import CUSTOM, arrange, build_controls
from nnlib.widgets.playground_data import (
    CSVError,
    Points,
    decode,
    parse_csv,
    to_csv,
)
from nnlib.widgets.playground_training import Setup, start, tick
from nnlib.widgets.playground_view import PlaygroundView

N_SAMPLES = 200
TRAINED = frozenset({"tiles", "region", "loss", "text"})
EVERYTHING = TRAINED | {"points"}
EDITED = frozenset({"points", "tiles", "region", "text"})  # a click: the data, not the network
FEEDS = {
    **{name: TRAINED for name in ("play", "step", "reset")},
    **{name: EVERYTHING for name in ("dataset", "noise", "test_fraction", "seed", "upload")},
    **{name: EVERYTHING for name in ("hidden", "activation")},
    **{name: frozenset({"text"}) for name in ("lr", "l2", "batch_size")},
    "mode": EDITED,  # the click tool: what a click changes is fed through it
    "export": frozenset(),
    "json": frozenset(),
}
NEW_DATA = frozenset({"dataset", "noise", "seed"})
NEW_RUN = frozenset({"dataset", "noise", "seed", "test_fraction", "hidden", "activation", "reset"})


class Playground(PlaygroundView, LivePanel):
    """Controls 'play', 'step', 'reset', 'dataset', 'noise', 'test_fraction', 'hidden',
    'activation', 'lr', 'l2', 'batch_size', 'seed', 'mode', 'upload', 'export', 'json'.

    `.model` is the network, `.points` the training and test points, `.run` the losses so far.
    """

    def __init__(
        self,
        dataset: str = "moons",
        hidden: Any = "4,4",
        activation: str = "tanh",
        lr: float = 0.1,
        *,
        noise: float = 0.1,
        test_fraction: float = 0.3,
        l2: float = 0.0,
        batch_size: int = 10,
        seed: int = 0,
    ) -> None:
        settings = {"dataset": dataset, "hidden": hidden, "activation": activation, "lr": lr,
                    "noise": noise, "test_fraction": test_fraction, "l2": l2,
                    "batch_size": batch_size, "seed": seed}  # fmt: skip
        controls = build_controls(settings)
        self.controls = controls
        self.readout = readout("nnlib-readout")
        self.status = readout("nnlib-status")
        self.download = readout("nnlib-download-link")
        self.points = self._generated() if dataset != CUSTOM else _no_points()
        self.run = start(self._setup(), self.points)
        self._frame = 0
        self._editing = False
        self._loaded: Points | None = None
        figure = self._draw()
        super().__init__()
        self.declare(controls, figure, self._layers(), FEEDS, layout=("hidden", "activation"))
        controls["step"].on_click(lambda _: self.step())
        controls["reset"].on_click(lambda _: self.update({"reset"}))
        controls["export"].on_click(lambda _: self._on_export())
        self.canvas.on_click(self._on_click)
        self.children = [*arrange(controls, [self.download]), self.readout, self.canvas,
                         self.status, controls["export"], controls["json"]]  # fmt: skip

    # ----- state ------------------------------------------------------------------------------

    @property
    def model(self) -> Any:
        return self.run.model

    def _setup(self) -> Setup:
        c = self.controls
        sizes = tuple(int(n) for n in c["hidden"].value.split(","))
        return Setup(sizes, c["activation"].value, c["seed"].value, c["lr"].value,
                     c["l2"].value, c["batch_size"].value)  # fmt: skip

    def _generated(self) -> Points:
        c = self.controls
        rng = np.random.default_rng((c["seed"].value, 0))
        X, y = DATASETS[c["dataset"].value](N_SAMPLES, c["noise"].value, rng=rng)
        return self._split(X, y)

    def _split(self, X: Any, y: Any) -> Points:
        if len(X) < 2:  # too few to hold any out
            return Points(
                np.asarray(X, dtype=np.float64).reshape(-1, 2),
                np.asarray(y, dtype=np.float64).reshape(-1, 1),
                *_no_points().all(),
            )
        rng = np.random.default_rng((self.controls["seed"].value, 1))
        X_train, X_test, y_train, y_test = train_test_split(
            X, y, self.controls["test_fraction"].value, rng=rng
        )
        return Points(X_train, y_train, X_test, y_test)

    def apply(self, changed: set[str]) -> None:
        """New data, a new split or a fresh network; new optimiser settings; a play tick."""
        c = self.controls
        if self._editing:  # a click or an upload made the data the learner's own: keep them
            changed = changed - {"dataset"}
        if changed & NEW_DATA and c["dataset"].value != CUSTOM:
            self.points = self._generated()
        elif "test_fraction" in changed and self.points.count >= 2:
            self.points = self._split(*self.points.all())
        if "upload" in changed and self._loaded is not None:
            self.points, self._loaded = self._loaded, None
        if changed & NEW_RUN or "upload" in changed:
            self.run = start(self._setup(), self.points)
            self.status.value = ""  # an old divergence or file message no longer applies
        if "lr" in changed:
            self.run.optimizer.lr = c["lr"].value
        if "l2" in changed:
            self.run.optimizer.weight_decay = c["l2"].value
        frame = c["play"].value
        if "play" in changed and frame > self._frame:
            self._train()
        self._frame = frame

    def _train(self) -> None:
        if self.run.diverged_at is None:
            self.status.value = ""
            tick(self.run, self.points, self.controls["batch_size"].value)
            if self.run.diverged_at is not None:  # just now: say so, once, with a measured rate
                self.status.value = f"<b>✗ Diverged.</b> {html.escape(self.divergence_message())}"
        if self.run.diverged_at is not None:
            self.controls["play"].playing = False

    def step(self) -> None:
        """Train for 10 SGD steps and redraw (the 'step' button)."""
        self._train()
        self.update({"step"})

    # ----- the learner's points -----------------------------------------------------------------

    def add_point(self, x1: float, x2: float, label: int) -> None:
        """A training point at (x1, x2) with label 0 or 1, as a click (shift for 1) adds."""
        self.points.add(x1, x2, label)
        self._edited()

    def erase_near(self, x1: float, x2: float) -> bool:
        """Erase the point nearest (x1, x2) if it lies within a twentieth of the plot's width."""
        extent = self.region.extent
        removed = self.points.erase_near(x1, x2, reach=(extent[1] - extent[0]) / 20)
        if removed:
            self._edited()
        return removed

    def load_csv(self, text: str) -> None:
        """Replace the points by those of a CSV (x1,x2,label); a bad one changes nothing."""
        X, y = parse_csv(text)
        self._replace(X, y, "the CSV text")

    def to_csv(self) -> str:
        """Every point, training then test, as CSV text with the columns x1, x2, label."""
        return to_csv(*self.points.all())

    def _replace(self, X: Any, y: Any, source: str) -> None:
        self._loaded = self._split(X, y)
        self._change_data({"upload"})
        self.status.value = f"Loaded {len(X)} points from {html.escape(source)}."

    def _on_control(self, name: str) -> None:
        if name != "upload":
            super()._on_control(name)
            return
        files = self.controls["upload"].value
        if not files:
            return
        try:
            X, y = parse_csv(decode(files[0]["content"]))
        except CSVError as error:
            self.status.value = (
                f"<b>✗ File refused.</b> {html.escape(str(error))} Your points stay."
            )
            return
        self._replace(X, y, files[0]["name"])

    def _edited(self) -> None:
        self._change_data({"mode"})

    def _change_data(self, through: set[str]) -> None:
        # The data set becomes "your points" without regenerating or (for a click) restarting.
        self._editing = True
        try:
            with self.hold_updates():
                self.controls["dataset"].value = CUSTOM
                self.update(through)
        finally:
            self._editing = False

    def _on_click(self, ax: int, x: float, y: float, shift: bool) -> None:
        if ax != 1:  # only the decision region takes points
            return
        if self.controls["mode"].value == "erase":
            self.erase_near(x, y)
        else:
            self.add_point(x, y, 1 if shift else 0)

    # ----- export -----------------------------------------------------------------------------

    def export_json(self) -> str:
        """The trained weights as JSON, in NetworkExplorer's format (state_dict keys)."""
        return state_dict_to_json(self.model.state_dict())

    def export_state_dict(self) -> dict[str, Any]:
        """The trained weights as a PyTorch state_dict of float64 tensors (needs torch)."""
        try:
            import torch
        except ImportError:
            raise ImportError(
                "export_state_dict needs PyTorch: pip install torch. export_json() needs nothing."
            ) from None
        return {name: torch.tensor(value) for name, value in self.model.state_dict().items()}

    def _on_export(self) -> None:
        self.controls["json"].value = self.export_json()


def _no_points() -> Points:
    empty = np.empty((0, 2))
    return Points(empty, np.empty((0, 1)), empty.copy(), np.empty((0, 1)))
