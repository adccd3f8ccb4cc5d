"""Shared look of every drawing: a colour-blind-safe palette and figures outside pyplot.

Colours come from the Okabe–Ito palette. Signs are never shown by red against green: positive is
blue and negative is orange, which differ in lightness too, so they survive greyscale printing.
"""

from __future__ import annotations

from matplotlib.backends.backend_agg import FigureCanvasAgg

from nnlib.plots.static import StaticFigure

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


def new_figure(width: float = 6.0, height: float = 3.0, dpi: float = 80) -> StaticFigure:
    """A Figure with its own Agg canvas, so nothing touches pyplot's global state.

    A notebook shows it `width` × `height` inches at 100 CSS px per inch, as a 2x PNG
    (nnlib.plots.static); `dpi` only sets the resolution of matplotlib's own renderings.
    """
    figure = StaticFigure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(figure)
    return figure
