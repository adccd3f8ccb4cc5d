"""What one Playground play tick costs in messages and redraws, counted (never timed), and the
shortcuts it takes giving what the long way gives."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from test_widgets_bytes import widget_tree

from nnlib.metrics import accuracy
from nnlib.plots import playground as pictures
from nnlib.widgets import Playground
from nnlib.widgets.playground_view import FIRST_STEP_LIMIT, step_limit


class Messages:
    """Every message the panel's widgets send: (widget type, names of the traits it carries)."""

    def __init__(self, panel: Playground) -> None:
        self.sent: list[tuple[str, tuple[str, ...]]] = []
        for widget in widget_tree(panel):
            assert widget.comm is not None
            widget.comm.send = self._counted(type(widget).__name__, widget.comm.send)

    def _counted(self, name: str, send: Callable[..., Any]) -> Callable[..., Any]:
        def counted(data: Any = None, metadata: Any = None, buffers: Any = None) -> Any:
            json.dumps(data)  # what the kernel would serialise must serialise
            self.sent.append((name, tuple(sorted(data.get("state", {})))))
            return send(data=data, metadata=metadata, buffers=buffers)

        return counted


@pytest.fixture
def panel() -> Playground:
    return Playground(dataset="moons", hidden="4,4", batch_size=10, seed=1)


def test_a_tick_from_the_page_sends_two_messages_the_canvas_and_the_readout(
    panel: Playground,
) -> None:
    messages = Messages(panel)
    play = panel.controls["play"]
    for tick in (1, 2, 3):
        messages.sent.clear()
        play.set_state({"value": tick})  # as the page's Play sends it: no echo comes back
        assert panel.run.step == 10 * tick
        assert sorted(messages.sent) == [
            ("HTML", ("value",)),
            ("LiveCanvas", ("label", "layer_loss", "layer_region", "layer_tiles")),
        ]
    messages.sent.clear()
    play.value = 0  # set from Python, a value still goes to the page
    assert messages.sent == [("TickPlay", ("value",))]


def test_the_loss_axis_ends_at_1000_steps_then_grows_rarely() -> None:
    ends = [step_limit(step) for step in (0, 10, 1000, 1010, 2000, 2010, 5010, 10_010, 20_010)]
    assert ends == [1000.0, 1000.0, 1000.0, 2000.0, 2000.0, 5000.0, 10_000.0, 20_000.0, 50_000.0]
    assert all(step_limit(s) >= s for s in range(0, 300_000, 997))


def test_playing_to_the_first_axis_end_redraws_no_background(panel: Playground) -> None:
    backgrounds = panel.canvas.background_sends
    for _ in range(int(FIRST_STEP_LIMIT) // 10):
        panel.controls["play"].value += 1
    assert panel.run.step == FIRST_STEP_LIMIT
    assert panel.canvas.background_sends == backgrounds
    panel.controls["play"].value += 1  # past the end: the axis grows, and is drawn again
    assert panel.canvas.background_sends == backgrounds + 1
    assert panel.figure.axes[2].get_xlim() == (0.0, 2 * FIRST_STEP_LIMIT)


def long_way(panel: Playground) -> list[float]:
    p, model = panel.points, panel.model
    return [accuracy(model(X), y) for X, y in ((p.X_train, p.y_train), (p.X_test, p.y_test))]


def test_the_readouts_accuracies_are_the_networks_on_the_current_points_and_weights(
    panel: Playground,
) -> None:
    panel.controls["play"].value += 3
    assert list(panel.accuracies()) == long_way(panel)  # from the pass that measured the losses
    panel.add_point(0.5, 0.25, 1)  # new points: measured anew
    assert list(panel.accuracies()) == long_way(panel)
    assert len(panel.points.X_train) == 141
    first = panel.model[0]
    first.weight.data[:] = -first.weight.data  # weights changed by hand: measured anew
    assert list(panel.accuracies()) == long_way(panel)
    panel.refresh()
    assert f"{100 * long_way(panel)[0]:.1f}%" in panel.readout.value


def test_the_loss_curves_are_the_recorded_losses_thinned_and_the_axis_holds_the_highest(
    panel: Playground,
) -> None:
    for _ in range(75):  # more points than a curve draws
        panel.controls["play"].value += 1
    run = panel.run
    steps = np.asarray(run.steps, dtype=np.float64)
    for line, losses in zip(panel.curves, (run.train_losses, run.test_losses), strict=True):
        x, y = pictures.thinned(steps, np.asarray(losses, dtype=np.float64))
        assert len(x) == 60 and x[-1] == run.step
        assert np.array_equal(line.get_xdata(), x) and np.array_equal(line.get_ydata(), y)
    loss_ax = panel.figure.axes[2]
    assert loss_ax.get_ylim() == (0.0, 1.0)
    run.steps.append(run.step + 10)  # as a tick records: a loss above the axis, which doubles
    run.train_losses.append(2.5)
    run.test_losses.append(float("inf"))  # never counted
    panel.update({"play"})
    assert loss_ax.get_ylim() == (0.0, 4.0)
    panel.controls["reset"].click()  # a new run: its own losses only
    assert loss_ax.get_ylim() == (0.0, 1.0)
