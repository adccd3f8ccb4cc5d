"""Runs inside a notebook's kernel, after the notebook: times every control of every live panel.

Each control is set repeatedly from Python, as the browser would set it. The baseline draws the
same content the naive way: `ipywidgets.interactive` (what `interact` builds) calls a function
that builds a new pyplot figure, plots every artist the panel shows and lets the inline backend
`show()` it (savefig to PNG, close) into the interact Output widget.
"""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import matplotlib.pyplot as plt

from bench.replot import replot
from nnlib.widgets.base import LivePanel

NUMERIC = (widgets.FloatSlider, widgets.IntSlider, widgets.Play, widgets.FloatLogSlider)
CHOICE = (widgets.Dropdown, widgets.ToggleButtons, widgets.RadioButtons, widgets.Select)
SWITCH = (widgets.Checkbox, widgets.ToggleButton)


def live_panels() -> list[LivePanel]:
    return [obj for obj in gc.get_objects() if isinstance(obj, LivePanel)]


def values_to_try(control: widgets.Widget, count: int) -> list[Any]:
    """`count` successive values a learner could give the control: step by step, or each choice."""
    if isinstance(control, NUMERIC):
        step, value, out, direction = control.step, control.value, [], 1
        for _ in range(count):
            if not control.min <= value + direction * step <= control.max:
                direction = -direction
            value = value + direction * step
            out.append(value)
        return out
    if isinstance(control, CHOICE):
        options = list(control._options_values)
        start = options.index(control.value) if control.value in options else 0
        return [options[(start + 1 + i) % len(options)] for i in range(count)]
    if isinstance(control, SWITCH):
        return [(not control.value) if i % 2 == 0 else control.value for i in range(count)]
    return []


def time_updates(set_value: Callable[[Any], None], values: list[Any]) -> list[float]:
    """Milliseconds per assignment; observers run synchronously, so this is the whole update."""
    samples = []
    for value in values:
        start = time.perf_counter()
        set_value(value)
        samples.append((time.perf_counter() - start) * 1000.0)
    return samples


def tree(widget: widgets.Widget) -> list[widgets.Widget]:
    """The widget and every widget below it (children, and a panel's canvas)."""
    found = [widget]
    for child in [*getattr(widget, "children", ()), getattr(widget, "canvas", None)]:
        if isinstance(child, widgets.Widget) and child not in found:
            found += tree(child)
    return found


class WireMeter:
    """Counts the bytes every widget of a panel sends to the browser: JSON plus binary buffers."""

    def __init__(self, panel: LivePanel) -> None:
        self.sent = 0
        for widget in tree(panel):
            if widget.comm is not None:
                widget.comm.send = self._wrap(widget.comm.send)

    def _wrap(self, send: Callable[..., Any]) -> Callable[..., Any]:
        def counted(data: Any = None, metadata: Any = None, buffers: Any = None) -> Any:
            self.sent += len(json.dumps(data, default=str)) + sum(
                memoryview(b).nbytes for b in buffers or ()
            )
            return send(data=data, metadata=metadata, buffers=buffers)

        return counted


def clone(control: widgets.Widget) -> widgets.Widget:
    """A plain widget of the same kind and range for the interact baseline."""
    if isinstance(control, NUMERIC):
        kind = widgets.IntSlider if isinstance(control, widgets.Play) else type(control)
        return kind(value=control.value, min=control.min, max=control.max, step=control.step)
    if isinstance(control, CHOICE):
        return widgets.Dropdown(options=control.options, value=control.value)
    return widgets.Checkbox(value=control.value)


def naive_baseline(panel: LivePanel, name: str) -> widgets.interactive:
    """interact + a new pyplot figure per update, computing the same state as the panel."""

    def draw(**values: Any) -> None:
        panel._held = True  # copy the value in without the panel's own sending
        try:
            panel.controls[name].value = values[name]
        finally:
            panel._held = False
            panel._pending.clear()
        panel.compute({name})
        replot(panel.figure)
        plt.show()

    return widgets.interactive(draw, **{name: clone(panel.controls[name])})


def measure_panel(panel: LivePanel, repeats: int) -> dict[str, Any]:
    """Each valued control `repeats` times on the panel, then on its naive baseline; buttons 3×."""
    valued = [n for n, c in panel.controls.items() if values_to_try(c, 1)]
    result: dict[str, Any] = {"panel": type(panel).__name__, "controls": {}, "naive": {}}
    result["bytes"] = {}
    meter = WireMeter(panel)
    for name in valued:
        control = panel.controls[name]
        values = values_to_try(control, repeats)
        before = meter.sent
        result["controls"][name] = time_updates(lambda v, c=control: setattr(c, "value", v), values)
        result["bytes"][name] = (meter.sent - before) / len(values)
    buttons = {**panel.controls, **getattr(panel, "buttons", {})}
    for name, control in buttons.items():
        if isinstance(control, widgets.Button):
            result["controls"][name] = time_updates(lambda _, c=control: c.click(), [None] * 3)
    for name in valued:
        baseline = naive_baseline(panel, name)
        proxy = baseline.children[0]
        values = values_to_try(proxy, max(5, repeats // 2))
        result["naive"][name] = time_updates(lambda v, c=proxy: setattr(c, "value", v), values)
        baseline.close()
    return result


def measure_all(repeats: int = 20) -> list[dict[str, Any]]:
    return [measure_panel(panel, repeats) for panel in live_panels()]
