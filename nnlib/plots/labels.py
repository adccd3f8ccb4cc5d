"""`NodeLabels`: many short centred labels as one artist, cheap enough to redraw on every tick.

A `Text` artist lays itself out from scratch on every draw, about half a millisecond each; a
live diagram with a dozen numbers spends most of its frame there. This artist measures each
string once and hands it straight to the renderer, which makes the same picture several times
faster.
"""

from __future__ import annotations

from typing import Any

from matplotlib.artist import Artist
from matplotlib.font_manager import FontProperties

from nnlib.validation import FloatArray


class NodeLabels(Artist):
    """Label i is `texts[i]` in `colors[i]`, centred on data point xy[i]; xy: (n, 2)."""

    def __init__(self, xy: FloatArray, fontsize: float, zorder: float = 3.0) -> None:
        super().__init__()
        self.xy = xy
        self.texts: list[str] = [""] * len(xy)
        self.colors: list[str] = ["black"] * len(xy)
        self.prop = FontProperties(size=fontsize)
        self.set_zorder(zorder)
        self._extents: dict[tuple[str, float], tuple[float, float, float]] = {}

    def set_labels(self, texts: list[str], colors: list[str]) -> None:
        """New strings and colours, one per point."""
        if len(texts) != len(self.xy) or len(colors) != len(self.xy):
            raise ValueError(
                f"NodeLabels needs one text and one colour per point ({len(self.xy)}), got "
                f"{len(texts)} texts and {len(colors)} colours."
            )
        self.texts, self.colors = list(texts), list(colors)
        self.stale = True

    def _extent(self, renderer: Any, text: str) -> tuple[float, float, float]:
        key = (text, renderer.points_to_pixels(1.0))
        if key not in self._extents:
            self._extents[key] = renderer.get_text_width_height_descent(text, self.prop, False)
        return self._extents[key]

    def draw(self, renderer: Any) -> None:
        if not self.get_visible() or self.axes is None:
            return
        pixels = self.axes.transData.transform(self.xy)
        height = renderer.get_canvas_width_height()[1]
        gc = renderer.new_gc()
        try:
            for (px, py), text, color in zip(pixels, self.texts, self.colors, strict=True):
                if not text:
                    continue
                w, h, d = self._extent(renderer, text)
                gc.set_foreground(color)
                baseline = py - h / 2.0 + d  # centred like Text(ha="center", va="center")
                y = height - baseline if renderer.flipy() else baseline
                renderer.draw_text(gc, px - w / 2.0, y, text, self.prop, 0.0)
        finally:
            gc.restore()
        self.stale = False
