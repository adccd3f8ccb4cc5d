"""What the playground shows: its figure, the layers that move, the readout and the words."""

from __future__ import annotations

import html
import itertools
import math
from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from nnlib.plots import playground as pictures
from nnlib.plots.neuron import colour_bar
from nnlib.plots.style import new_figure
from nnlib.plots.training import grid_points
from nnlib.widgets.base import Layer
from nnlib.widgets.playground_data import Points, download_link, extent_of
from nnlib.widgets.playground_training import (
    STEPS_PER_TICK,
    TRIAL_TICKS,
    Run,
    Setup,
    accuracies,
    working_rate,
)
from nnlib.widgets.training_explorer import doubling_limit

# 820 × 580 CSS px: the whole figure fits JupyterLab's output area at a 1280-px-wide window.
WIDTH, HEIGHT = 8.2, 5.8
# Figure fractions. The diagram's data units are CSS px, and it is a whole number of them wide
# and tall, so each tile's pixels fall on whole CSS px alike in the canvas and in matplotlib.
DIAGRAM = (0.0, 0.0, 476 / 820, 0.9)
REGION = (0.64, 0.43, 0.29, 0.473)  # the colour bar and its labels sit to the right
LOSS = (0.64, 0.08, 0.335, 0.25)
FIRST_STEP_LIMIT = 1000.0  # the loss axis's first end, in steps


class PlaygroundView:
    """The figure and the layers of `Playground`; the panel holds the state they show."""

    controls: dict[str, Any]
    points: Points
    run: Run
    readout: widgets.HTML
    status: widgets.HTML
    download: widgets.HTML

    def _setup(self) -> Setup:
        raise NotImplementedError

    def _draw(self) -> Figure:
        figure = new_figure(WIDTH, HEIGHT)
        self.diagram_ax = figure.add_axes(DIAGRAM)
        region_ax = figure.add_axes(REGION)
        loss_ax = figure.add_axes(LOSS)
        self.region = pictures.draw_region(region_ax, extent_of(self.points.all()[0]))
        region_ax.set_title("output p; line: p = 0.5\nfilled: training, hollow: test", fontsize=9)
        colour_bar(self.region.image, region_ax, "output p")
        self.curves = pictures.draw_loss_axes(loss_ax)
        self._draw_diagram()
        return figure

    def _draw_diagram(self) -> None:
        ax = self.diagram_ax
        ax.clear()
        width = round(WIDTH * 100 * DIAGRAM[2])
        height = round(HEIGHT * 100 * DIAGRAM[3])
        setup = self._setup()
        self._drawn_for = (setup.sizes, setup.activation)
        self.tiles = pictures.draw_network_tiles(
            ax, [2, *setup.sizes, 1], setup.activation, (width, height)
        )
        ax.set_title(
            "each square: that neuron's output over the (x1, x2) plane\n"
            "edges: blue solid w > 0, orange dashed w < 0, width |w|",
            fontsize=9,
        )

    def _layers(self) -> dict[str, Layer]:
        r = self.region
        return {  # points first: new points may move the plane every picture is computed on
            "points": Layer(self._update_points, [*r.train, *r.test]),
            "tiles": Layer(self._update_tiles, lambda: self.tiles.artists()),
            "region": Layer(self._update_region, [r.image, r.contour]),
            "loss": Layer(self._update_loss, list(self.curves)),
            "text": Layer(self._update_text),
        }

    def _update_points(self) -> None:
        pictures.set_region_extent(self.region, extent_of(self.points.all()[0]))
        pictures.update_region_points(
            self.region,
            (self.points.X_train, self.points.y_train),
            (self.points.X_test, self.points.y_test),
        )
        self.download.value = download_link(*self.points.all())

    def _update_tiles(self) -> None:
        if self._drawn_for != (self.run.setup.sizes, self.run.setup.activation):
            self._draw_diagram()
        self._region_out = None
        if self.run.diverged_at is None:  # a diverged network holds inf: keep its last picture
            # One pass over the tiles' grid and the region's together gives every picture.
            tile_grid = grid_points(self.region.extent, pictures.TILE_PX)
            cut = len(tile_grid)
            outputs = pictures.layer_outputs(
                self.run.model, np.vstack([tile_grid, self.region.grid])
            )
            tiles = [values[:cut] for values in outputs]
            pictures.update_network_tiles(self.tiles, self.run.model, tile_grid, tiles)
            self._region_out = outputs[-1][cut:]  # for _update_region, which runs next

    def _update_region(self) -> None:
        shared, self._region_out = getattr(self, "_region_out", None), None
        if self.run.diverged_at is None:
            pictures.update_region_model(self.region, self.run.model, shared)

    def _update_loss(self) -> None:
        run = self.run
        # Only the points drawn are read out of the recorded lists, which grow while playing.
        rows = pictures.thinned_rows(len(run.steps))
        steps = np.array([run.steps[i] for i in rows], dtype=np.float64)
        for line, losses in zip(self.curves, (run.train_losses, run.test_losses), strict=True):
            line.set_data(steps, np.array([losses[i] for i in rows], dtype=np.float64))
        ax = self.curves[0].axes
        assert ax is not None
        xlim = (0.0, step_limit(run.step))
        ylim = (0.0, doubling_limit(1.0, 1.1 * min(self._highest_loss(), 1e3)))
        # A new limit redraws the whole background: set one only when it changes.
        if ax.get_xlim() != xlim:
            ax.set_xlim(*xlim)
        if ax.get_ylim() != ylim:
            ax.set_ylim(*ylim)

    def _highest_loss(self) -> float:
        """The largest finite loss recorded in this run (0 if none), read once per new entry."""
        run = self.run
        seen_run, seen, top = getattr(self, "_loss_top", (None, 0, 0.0))
        if seen_run is not run:
            seen, top = 0, 0.0
        fresh = (*run.train_losses[seen:], *run.test_losses[seen:])
        top = max([top, *(v for v in fresh if math.isfinite(v))])
        self._loss_top = (run, len(run.train_losses), top)
        return top

    def _update_text(self) -> None:
        # Kept for describe(), which the same update calls next, so the two say the same once.
        self._said: str | None = self.summary()
        self.readout.value = html.escape(self._said)

    def accuracies(self) -> tuple[float, float]:
        """Training and test accuracy of the current network (NaN for an empty set)."""
        return accuracies(self.run, self.points)

    def summary(self) -> str:
        run, c = self.run, self.controls
        train_acc, test_acc = (_percent(a) for a in self.accuracies())
        return (
            f"step {run.step} · training loss {run.train_losses[-1]:.4f}, test loss "
            f"{run.test_losses[-1]:.4f} · training accuracy {train_acc}, test accuracy "
            f"{test_acc} · learning rate {c['lr'].value:.3g}, L2 {c['l2'].value:g}, batch "
            f"{min(c['batch_size'].value, len(self.points.X_train))}"
        )

    def divergence_message(self) -> str:
        """Plain words: the step it diverged at, and a learning rate measured to work here."""
        run = self.run
        found = working_rate(self._setup(), self.points)
        said = (
            f"Training diverged at step {run.diverged_at}: {run.why}. The learning rate "
            f"{self.controls['lr'].value:.3g} is too large for this network on these points."
        )
        if found is None:
            return said + " Lower the learning rate and press reset."
        rate, first, last = found
        return (
            f"{said} Lower it to {rate:.3g} and press reset: tried from the same start, "
            f"{rate:.3g} brought the training loss from {first:.3f} to {last:.3f} in "
            f"{TRIAL_TICKS * STEPS_PER_TICK} steps without diverging."
        )

    def describe(self) -> str:
        p, setup = self.points, self.run.setup
        net = "-".join(map(str, (2, *setup.sizes, 1)))
        data = (
            f"{self.controls['dataset'].value} data: {len(p.X_train)} training points (filled) "
            f"and {len(p.X_test)} test points (hollow)"
        )
        said, self._said = getattr(self, "_said", None), None
        state = (
            f"Training diverged at step {self.run.diverged_at}"
            if self.run.diverged_at is not None
            else said or self.summary()
        )
        return (
            f"{state}. Network {net} ({setup.activation}), each hidden neuron drawn as its "
            f"output over the plane; decision region over the {data}; training and test loss "
            f"curves over {self.run.step} steps"
        )


def step_limit(step: int) -> float:
    """The loss axis's end: the smallest of 1000, 2000, 5000, 10,000, … that holds `step`.

    Each new end redraws the figure's background (a stall of some 150 ms while training plays),
    so the axis starts with room for 5 s of play (20 ticks of 10 steps a second) and then
    grows rarely, each time leaving the curve at least 40% of its width.
    """
    limit = FIRST_STEP_LIMIT
    for factor in itertools.cycle((2.0, 2.5, 2.0)):  # 1000 → 2000 → 5000 → 10,000 → …
        if limit >= step:
            return limit
        limit *= factor
    raise AssertionError("unreachable: the cycle never ends")


def _percent(fraction: float) -> str:
    # No points in a set, or a diverged network: there is no accuracy to give.
    return "–" if math.isnan(fraction) else f"{100 * fraction:.1f}%"
