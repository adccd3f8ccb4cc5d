"""Shared look of every drawing: the semantic palette and figures outside pyplot.

The colours and what each means live in `nnlib.plots.palette`; the names are repeated here so
`from nnlib.plots.style import BLUE` keeps working.
"""

from __future__ import annotations

from matplotlib.backends.backend_agg import FigureCanvasAgg

from nnlib.plots.palette import (
    BLACK,
    BLUE,
    GREEN,
    GREY,
    HIGHLIGHT,
    NEGATIVE,
    ORANGE,
    POSITIVE,
    PURPLE,
    SKY,
    VERMILLION,
    YELLOW,
)
from nnlib.plots.static import StaticFigure

__all__ = [
    "BLACK",
    "BLUE",
    "GREEN",
    "GREY",
    "HIGHLIGHT",
    "NEGATIVE",
    "ORANGE",
    "POSITIVE",
    "PURPLE",
    "SKY",
    "VERMILLION",
    "YELLOW",
    "new_figure",
]


def new_figure(width: float = 6.0, height: float = 3.0, dpi: float = 80) -> StaticFigure:
    """A Figure with its own Agg canvas, so nothing touches pyplot's global state.

    A notebook shows it `width` × `height` inches at 100 CSS px per inch, as a 2x PNG
    (nnlib.plots.static); `dpi` only sets the resolution of matplotlib's own renderings.
    """
    figure = StaticFigure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(figure)
    return figure
