"""What one slider move sends to the browser, for every panel as the notebooks build it: at most
16 KB (issue #11), counted over every message of every widget of the panel (JSON and binary
buffers), as the kernel would hand them to its comms. Bytes are deterministic, unlike timings."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import pytest
from browser.panel_setups import SETUPS, PanelSetup

LIMIT = 16 * 1024
SLIDERS = (widgets.FloatSlider, widgets.IntSlider)


def widget_tree(widget: widgets.Widget) -> list[widgets.Widget]:
    found = [widget]
    for child in [*getattr(widget, "children", ()), getattr(widget, "canvas", None)]:
        if isinstance(child, widgets.Widget) and child not in found:
            found += widget_tree(child)
    return found


class Meter:
    """Records the size of every message the panel's widgets send."""

    def __init__(self, panel: Any) -> None:
        self.messages: list[tuple[str, int]] = []
        for widget in widget_tree(panel):
            assert widget.comm is not None, f"{type(widget).__name__} has no comm to count"
            widget.comm.send = self._counted(type(widget).__name__, widget.comm.send)

    def _counted(self, name: str, send: Callable[..., Any]) -> Callable[..., Any]:
        def counted(data: Any = None, metadata: Any = None, buffers: Any = None) -> Any:
            size = len(json.dumps(data)) + sum(memoryview(b).nbytes for b in buffers or ())
            self.messages.append((name, size))
            return send(data=data, metadata=metadata, buffers=buffers)

        return counted


def one_step(control: widgets.Widget) -> Any:
    up = control.value + control.step
    return up if up <= control.max else control.value - control.step


@pytest.mark.parametrize("setup", SETUPS, ids=lambda s: s.name)
def test_a_slider_move_sends_at_most_16_kb(setup: PanelSetup) -> None:
    panel = setup.build()
    meter = Meter(panel)
    moved = {}
    for name, control in panel.controls.items():
        if not isinstance(control, SLIDERS) or name in panel.layout_controls:
            continue
        meter.messages.clear()
        control.value = one_step(control)
        moved[name] = sum(size for _, size in meter.messages)
    assert moved, f"{setup.name} has no slider"
    assert any(moved.values()), f"{setup.name}: no move was counted"
    too_big = {name: f"{size / 1024:.1f} KB" for name, size in moved.items() if size > LIMIT}
    assert not too_big, f"{setup.name}: more than 16 KB for one move: {too_big}"
