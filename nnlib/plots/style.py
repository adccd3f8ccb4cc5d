"""Shared look of every drawing: a colour-blind-safe palette and figures outside pyplot.

Colours come from the Okabe–Ito palette. Signs are never shown by red against green: positive is
blue and negative is orange, which differ in lightness too, so they survive greyscale printing.
"""

from __future__ import annotations

import io

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

BLUE = "#0072B2"  # positive weights, outputs near 1, class 1
ORANGE = "#E69F00"  # negative weights, class 0
VERMILLION = "#D55E00"  # highlights: the current point, spikes
SKY = "#56B4E9"
GREEN = "#009E73"  # only ever next to blue or orange, never against red
GREY = "#777777"
BLACK = "#000000"
POSITIVE, NEGATIVE, HIGHLIGHT = BLUE, ORANGE, VERMILLION
# A diverging colour map from orange (low) through white to purple (high), for outputs in [0, 1].
DIVERGING_CMAP = "PuOr"


def new_figure(width: float = 6.0, height: float = 3.0, dpi: float = 80) -> Figure:
    """A Figure with its own Agg canvas, so nothing touches pyplot's global state."""
    figure = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(figure)
    return figure


def render_png(figure: Figure) -> bytes:
    """Draw the figure and encode it as PNG quickly.

    Fast zlib compression (level 1) encodes several times faster than savefig's default and the
    PNG stays small enough for the widget channel, which matters on every slider tick.
    """
    canvas = figure.canvas
    assert isinstance(canvas, FigureCanvasAgg)
    canvas.draw()
    rgba = np.asarray(canvas.buffer_rgba())
    buffer = io.BytesIO()
    Image.fromarray(rgba[..., :3]).save(buffer, format="png", compress_level=1)
    return buffer.getvalue()
