"""`LiveCanvas`: one anywidget that shows a matplotlib figure live, drawn in the browser.

The kernel sends a background picture (what stays) only when the layout changes, then per
update only the layers that moved, each in its own synced trait, so an update carries just the
small typed arrays of what changed. `canvas.js`, next to this file, draws them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from nnlib.plots.packing import unpack_line

Click = Callable[[int, float, float, bool], None]  # axes index, x, y, shift held


class LiveCanvas(anywidget.AnyWidget):
    """A figure in the page: `background` PNG, `geometry` of its axes, one trait per layer."""

    _esm = Path(__file__).with_name("canvas.js")
    background = traitlets.Bytes(b"").tag(sync=True)
    geometry = traitlets.Dict().tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)
    layer_names = traitlets.List(traitlets.Unicode()).tag(sync=True)
    preview = traitlets.Dict().tag(sync=True)
    stamp = traitlets.Dict().tag(sync=True)  # the preview sources' values the layers show

    def __init__(self, layer_names: Sequence[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_traits(
            **{f"layer_{name}": traitlets.Dict().tag(sync=True) for name in layer_names}
        )
        self.layer_names = list(layer_names)
        self.background_sends = 0  # how often a background went out, for tests and benchmarks
        self._click_handlers: list[Click] = []
        self._unpacked: dict[str, tuple[Any, list[dict[str, Any]]]] = {}  # layer → (sent, items)
        self.on_msg(self._on_message)

    def set_background(self, png: bytes, geometry: Mapping[str, Any]) -> None:
        self.background = png
        self.geometry = dict(geometry)
        self.background_sends += 1

    def set_layer(self, name: str, items: list[dict[str, Any]]) -> None:
        if name not in self.layer_names:
            raise ValueError(
                f"layer must be one of {', '.join(map(repr, self.layer_names))}, got {name!r}. "
                f"Declare the layer when the panel is built."
            )
        setattr(self, f"layer_{name}", {"items": items})

    def layer(self, name: str) -> list[dict[str, Any]]:
        """The items the browser was last sent for layer `name`, as the page unpacks them.

        A line's coordinates travel packed (evenly spaced ones as start and step); here, as in
        the page, each line has its float32 "x" and "y" arrays again.
        """
        sent = getattr(self, f"layer_{name}")
        cached = self._unpacked.get(name)
        if cached is None or cached[0] is not sent:
            items = sent.get("items", [])
            unpacked = [unpack_line(item) if item["kind"] == "line" else item for item in items]
            same = all(a is b for a, b in zip(unpacked, items, strict=True))
            cached = self._unpacked[name] = (sent, items if same else unpacked)
        return cached[1]

    def on_click(self, handler: Click) -> None:
        """Call handler(axes index, x, y, shift) when the learner clicks inside an axes."""
        self._click_handlers.append(handler)

    def click(self, ax: int, x: float, y: float, shift: bool = False) -> None:
        """What a click at data point (x, y) of axes `ax` does, as the page would report it."""
        for handler in self._click_handlers:
            handler(ax, x, y, shift)

    def _on_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("event") == "click":
            self.click(
                int(content["ax"]),
                float(content["x"]),
                float(content["y"]),
                bool(content.get("shift")),
            )
